"""The routes registry: where a team can fine-tune on a date, checked against FACTS 2026-12-07."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from importlib import resources

import pytest

import ftlib as ft
from ftlib.catalog.routes import dated_events, routes_from_dict, routes_on, stale_note


def _ids(states, *, trainable=True):
    return {s.route.id for s in states if s.can_train or not trainable}


def test_manifest_pins_every_routes_vintage():
    folder = resources.files("ftlib").joinpath("data/routes")
    manifest = json.loads(folder.joinpath("manifest.json").read_text())
    on_disk = sorted(f.name for f in folder.iterdir() if f.name[:4].isdigit())
    assert sorted(e["file"] for e in manifest["files"]) == on_disk
    for entry in manifest["files"]:
        data = folder.joinpath(entry["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], "a vintage was edited"


def test_the_registry_names_every_route_the_facts_list():
    ids = set(ft.catalog.load_routes().ids)
    assert {
        "openai-api-gpt-4.1",
        "azure-gpt-4.1",
        "azure-gpt-4o",
        "azure-o4-mini-rft",
        "azure-gpt-5-rft",
        "foundry-open-weight-sft",
        "vertex-gemini-3.5-flash",
        "vertex-gemini-3.5-flash-lite",
        "vertex-gemini-3.1-flash-lite",
        "bedrock-nova-sft",
        "bedrock-llama-sft",
        "bedrock-rft-open-weights",
        "bedrock-claude-3-haiku",
        "together-open-weights",
        "fireworks-open-weights",
        "tinker-open-weights",
        "hf-jobs-open-weights",
        "predibase-open-weights",
        "prime-intellect-open-weights",
        "mistral-api",
        "cohere-api",
    } <= ids


def test_every_catalog_row_a_route_names_exists():
    cat = ft.load_catalog()
    for route in ft.catalog.load_routes().routes:
        for model_id in route.catalog_rows:
            assert model_id in cat.ids, (route.id, model_id)


def test_new_team_on_2026_12_07_never_sees_azure_or_openai():
    # FACTS: Azure is for existing customers only; OpenAI closed to new users on 2026-05-07.
    open_ = _ids(routes_on("2026-12-07", new_team=True))
    assert not any(i.startswith(("azure", "openai", "foundry")) for i in open_)
    assert {"vertex-gemini-3.5-flash", "bedrock-nova-sft", "together-open-weights"} <= open_
    assert "bedrock-claude-3-haiku" not in open_  # end of life 2026-09-10


def test_new_team_on_2027_02_01():
    open_ = _ids(routes_on("2027-02-01", new_team=True))
    assert "vertex-gemini-3.1-flash-lite" in open_  # new access blocked from 2027-04-07
    assert not any(i.startswith(("azure", "openai")) for i in open_)


@pytest.mark.parametrize(
    ("day", "vertex_31_open"),
    [("2027-04-06", True), ("2027-04-07", False), ("2027-05-07", False)],
)
def test_vertex_blocks_new_access_one_month_before_retirement(day, vertex_31_open):
    # gemini-3.1-flash-lite retires no earlier than 2027-05-07; new access blocked a month before
    assert ("vertex-gemini-3.1-flash-lite" in _ids(routes_on(day, new_team=True))) is vertex_31_open


def test_an_azure_customer_keeps_azure_and_only_azure_on_2027_02_01():
    azure = _ids(routes_on("2027-02-01", tunes_on="azure"))
    assert {"azure-gpt-4.1", "azure-gpt-4o", "azure-o4-mini-rft"} <= azure
    assert "openai-api-gpt-4.1" not in azure  # OpenAI's route ended on 2027-01-14
    openai = _ids(routes_on("2027-02-01", tunes_on="openai"))
    assert not any(i.startswith("azure") for i in openai)  # an OpenAI customer is not Azure's


def test_azure_dates_are_bounds_and_serving_outlasts_training():
    state = ft.catalog.route_state(
        ft.catalog.load_routes().get("azure-gpt-4.1"), "2027-02-01", existing_customer=True
    )
    assert (state.ends.date, state.ends.bound) == (dt.date(2027, 4, 14), "no_earlier_than")
    assert state.serving_ends.date == dt.date(2027, 10, 14)
    assert "no earlier than 2027-04-14, in 72 days" in state.phrase()
    later = ft.catalog.route_state(state.route, "2027-05-01", existing_customer=True)
    assert not later.can_train and later.serving and "serve until 2027-10-14" in later.phrase()


@pytest.mark.parametrize("day", ["2027-01-15", "2027-06-01", "2028-06-01"])
def test_phrases_never_word_a_passed_date_as_ahead(day):
    on = dt.date.fromisoformat(day)
    for state in routes_on(on):
        text = state.phrase()
        for event in state.route.events:
            stamp = event.date.isoformat()
            if stamp in text and event.date < on:
                assert f"{stamp}, in " not in text, text


def test_the_one_screen_table_lists_open_routes_with_their_dates():
    t = ft.catalog.where_to_fine_tune("2026-12-07")
    rows = {r[0]: r for r in t.rows}
    assert len(t.rows) <= 16  # one screen
    assert any(label.startswith("Hosted tuning of open weights: Together AI") for label in rows)
    openai = rows["OpenAI SFT on the gpt-4.1 family"]
    assert openai[2] == "existing customers only" and "2027-01-06, in 30 days" in openai[3]
    late = {r[0] for r in ft.catalog.where_to_fine_tune("2027-02-01").rows}
    assert "OpenAI SFT on the gpt-4.1 family" not in late  # ended on 2027-01-14


def test_stale_note_after_60_days():
    assert "re-check" not in stale_note("2027-02-05")  # 60 days after the check
    assert "re-check" in stale_note("2027-02-06")


def test_dated_events_between_two_days():
    events = dated_events("2027-01-05", "2027-01-14")
    texts = [e.text for e in events]
    assert "OpenAI SFT on the gpt-4.1 family: training closes" in texts
    assert any(e.kind == "model" and e.subject == "gpt-4.1" for e in events)
    assert all(dt.date(2027, 1, 5) < e.date <= dt.date(2027, 1, 14) for e in events)
    prices = dated_events("2026-12-31", "2027-01-01")
    assert any(e.kind == "price" and e.subject == "gemini-3.8-flash" for e in prices)


def test_bad_registry_is_refused_naming_the_field():
    text = resources.files("ftlib").joinpath("data/routes/2026-12-07_checked.json").read_text()
    data = json.loads(text)
    data["routes"][0]["who"]["new_teams"] = "yes"
    with pytest.raises(ft.FtlibError, match="new_teams"):
        routes_from_dict(data)
    data = json.loads(text)
    data["routes"][0]["events"].reverse()
    with pytest.raises(ft.FtlibError, match="date order"):
        routes_from_dict(data)


def test_bad_arguments_raise_ftlib_errors():
    with pytest.raises(ft.FtlibError, match="tunes_on"):
        routes_on("2026-12-07", tunes_on="gcp")
    with pytest.raises(ft.FtlibError, match="provider"):
        routes_on("2026-12-07", provider="nope")
    with pytest.raises(ft.FtlibError, match="on"):
        routes_on("2026-13-01")


def test_routes_command_new_team_on_two_days(capsys):
    from ftlib.core.cli import main

    assert main(["routes", "--on", "2026-12-07", "--new-team", "--json"]) == 0
    ids = {r["id"] for r in json.loads(capsys.readouterr().out)["routes"]}
    assert "azure-gpt-4.1" not in ids and "vertex-gemini-3.5-flash" in ids
    assert main(["routes", "--on", "2027-02-01", "--provider", "azure", "--tunes-on", "azure"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Fine-tuning routes on 2027-02-01, for a team that fine-tunes on azure.")
    assert "existing customers only" in out and "2027-04-14" in out


def test_routes_command_refuses_a_bad_flag_in_one_line(capsys):
    from ftlib.core.cli import main

    assert main(["routes", "--tunes-on", "gcp"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: --tunes-on")


def test_a_passed_no_earlier_than_date_is_not_worded_as_a_closure():
    # Azure gave 2027-04-14 as the earliest retirement of gpt-4.1 training: on 2027-06-01 the
    # data cannot say training closed, only that it may have
    from ftlib.catalog.routes import load_routes, route_state

    state = route_state(load_routes().get("azure-gpt-4.1"), "2027-06-01", existing_customer=True)
    text = state.phrase()
    assert "may have closed" in text and "earliest date given" in text
    assert "training closed (" not in text
