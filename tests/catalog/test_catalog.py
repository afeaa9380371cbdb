"""The catalog: schema-valid vintages, the facts sheet's figures, status by date, stale warnings."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
from importlib import resources

import jsonschema
import pytest

import ftlib as ft
from ftlib.catalog.models import catalog_from_dict, earliest_catalog_date
from ftlib.costs.bills import HOURS_PER_MONTH

ARTICLE, CHECKED = "article-2026-04", "checked-2026-11"


def _raw(vintage):
    name = next(v.filename for v in ft.catalog.list_vintages() if v.vintage == vintage)
    return json.loads(resources.files("ftlib").joinpath("data/catalog", name).read_text())


def test_every_vintage_file_matches_the_schema():
    schema = json.loads(resources.files("ftlib").joinpath("data/catalog/schema.json").read_text())
    files = [
        f
        for f in resources.files("ftlib").joinpath("data/catalog").iterdir()
        if f.name.endswith(".json") and f.name[:4].isdigit()
    ]
    assert len(files) >= 2
    for f in files:
        jsonschema.validate(json.loads(f.read_text()), schema)


def test_vintages_are_ordered_and_default_is_newest():
    vintages = ft.catalog.list_vintages()
    assert [v.vintage for v in vintages][:2] == [ARTICLE, CHECKED]
    assert ft.load_catalog().vintage == vintages[-1].vintage
    assert ft.load_catalog("2026-04-01").vintage == ARTICLE


def test_unknown_vintage_names_the_closest():
    with pytest.raises(ft.FtlibError, match="vintage.*did you mean checked-2026-12"):
        ft.load_catalog("checked-2026")


def test_every_row_states_date_and_source_and_known_customisations():
    for v in ft.catalog.list_vintages():
        cat = ft.load_catalog(v.vintage)
        for row in cat.rows:
            assert row.as_of <= cat.as_of and row.source
            assert set(row.customisations) <= set(ft.catalog.CUSTOMISATIONS)
            assert all(e.confidence in ("confirmed", "reported") for e in row.lifecycle)


@pytest.mark.parametrize(
    "model_id, inp, out",
    [
        ("gpt-5.4", 2.50, 15.00),
        ("gpt-5.4-mini", 0.75, 4.50),
        ("gpt-5.4-nano", 0.20, 1.25),
        ("gpt-4.1-ft", 3.00, 12.00),
        ("gpt-4.1-mini-ft", 0.80, 3.20),
        ("gpt-4.1-mini-ft-batch", 0.40, 1.60),
        ("gpt-4.1-nano-ft", 0.20, 0.80),
        ("o4-mini-ft", 4.00, 16.00),
        ("o4-mini-ft-data-sharing", 2.00, 8.00),
    ],
)
def test_checked_prices_match_the_facts_sheet(model_id, inp, out):
    row = ft.load_catalog(CHECKED).get(model_id)
    assert (row.input_usd_per_1m_tokens, row.output_usd_per_1m_tokens) == (inp, out)


def test_training_prices_per_token_and_per_hour():
    cat = ft.load_catalog(CHECKED)
    assert [
        cat.get(i).training_usd_per_1m_tokens
        for i in ("gpt-4.1-ft", "gpt-4.1-mini-ft", "gpt-4.1-nano-ft")
    ] == [25.0, 5.0, 1.5]
    assert cat.get("o4-mini-ft").training_usd_per_hour == 100.0
    assert cat.get("o4-mini-ft").training_usd_per_1m_tokens is None


def test_article_vintage_keeps_the_article_assumptions():
    art, new = ft.load_catalog(ARTICLE), ft.load_catalog(CHECKED)
    assert art.get("gpt-4.1-mini-ft").input_usd_per_1m_tokens == 0.40
    assert new.get("gpt-4.1-mini-ft").input_usd_per_1m_tokens == 0.80
    assert art.get("mistral-small-4").params_billion == 24
    assert (
        new.get("mistral-small-4").params_billion,
        new.get("mistral-small-4").active_params_billion,
    ) == (119, 6)
    assert not art.get("gpt-5.4-nano").has_prices


def test_gpt_5_4_is_only_a_distillation_teacher():
    row = ft.load_catalog().get("gpt-5.4")
    assert row.supports("distillation-teacher") and not row.supports("sft")


def test_open_weight_licences_and_memory():
    cat = ft.load_catalog(CHECKED)
    assert cat.get("gemma-4-31b").license == "Apache 2.0"
    assert "Apache" not in cat.get("llama-3.3-70b").license.split("(")[0]
    assert (
        cat.get("llama-3.3-70b").qlora_memory_gb,
        cat.get("llama-3.3-70b").lora_16bit_memory_gb,
    ) == (41, 164)


def test_self_hosted_rows_agree_with_gpu_rates():
    cat = ft.load_catalog(CHECKED)
    for row_id, gpu_id in (
        ("self-hosted-lora", "aws-g6-xlarge-l4"),
        ("self-hosted-lora-a10g", "aws-g5-xlarge-a10g"),
    ):
        assert cat.get(row_id).hosting_usd_per_month == pytest.approx(
            cat.gpu(gpu_id).usd_per_hour * HOURS_PER_MONTH, abs=0.01
        )


@pytest.mark.parametrize(
    "model_id, day, status, confidence",
    [
        ("gpt-4.1-mini-ft", "2026-04-01", "available", "confirmed"),
        ("gpt-4.1-mini-ft", "2026-05-06", "available", "confirmed"),
        ("gpt-4.1-mini-ft", "2026-05-07", "closed_to_new_users", "confirmed"),
        ("gpt-4.1-mini-ft", "2027-01-06", "training_closed", "reported"),
        ("gpt-4.1-mini-ft", "2027-01-14", "retired", "reported"),
        ("gpt-4.1-nano-ft", "2026-10-23", "retired", "reported"),
        ("o4-mini-ft", "2026-10-22", "closed_to_new_users", "confirmed"),
        ("claude-3-haiku-bedrock-ft", "2026-09-10", "retired", "confirmed"),
        ("gpt-5.4", "2026-03-04", "not_yet_available", ""),
    ],
)
def test_status_on_a_date(model_id, day, status, confidence):
    st = ft.load_catalog(CHECKED).status_on(model_id, day)
    assert (st.status, st.confidence) == (status, confidence)
    assert st.usable == (status not in ("retired", "not_yet_available"))


def test_status_reports_the_next_change():
    st = ft.load_catalog(CHECKED).status_on("gpt-4.1-mini-ft", dt.date(2026, 6, 1))
    assert st.next_event.status == "training_closed" and st.next_event.date == dt.date(2027, 1, 6)
    assert "next: training closes on 2027-01-06 (reported)" in str(st)
    assert "closed on 2027" not in str(st)  # a date still ahead is never worded as past


def test_unknown_id_lists_the_closest():
    with pytest.raises(ft.FtlibError) as info:
        ft.load_catalog().get("gpt-4.1-mni")
    assert info.value.field == "model_id" and "gpt-4.1-mini" in str(info.value)


def test_bad_status_date_is_an_error():
    with pytest.raises(ft.FtlibError, match="on: got '2026-13-01'"):
        ft.load_catalog().status_on("gpt-5.4", "2026-13-01")


@pytest.mark.parametrize(
    "today, months, warns",
    [
        ("2026-07-01", 3, False),
        ("2026-07-02", 3, True),
        ("2026-11-28", 3, True),
        ("2026-11-28", 12, False),
    ],
)
def test_stale_warning(today, months, warns):
    text = ft.load_catalog(ARTICLE).stale_warning(today=today, max_age_months=months)
    assert (text is not None) == warns
    if warns:
        assert "verify before budgeting" in text and "2026-04-01" in text


def test_age_in_whole_calendar_months():
    cat = ft.load_catalog(ARTICLE)
    assert [cat.age_months(d) for d in ("2026-04-30", "2026-05-01", "2027-04-01")] == [0, 1, 12]


def test_to_frame_has_status_and_provenance():
    df = ft.load_catalog(CHECKED).to_frame(on="2026-06-01")
    assert df.loc["gpt-4.1-mini-ft", "status"] == "closed_to_new_users"
    assert {"as_of", "source", "confidence"} <= set(df.columns)
    assert len(df) == len(ft.load_catalog(CHECKED).rows)


def test_schema_rejects_a_bad_row():
    data = copy.deepcopy(_raw(CHECKED))
    data["models"][0]["input_usd_per_1m_tokens"] = -1
    with pytest.raises(ft.FtlibError, match="models/0/input_usd_per_1m_tokens"):
        catalog_from_dict(data, "broken")


def test_cross_row_checks():
    data = copy.deepcopy(_raw(CHECKED))
    data["models"][1]["id"] = data["models"][0]["id"]
    with pytest.raises(ft.FtlibError, match="unique model ids"):
        catalog_from_dict(data)
    data = copy.deepcopy(_raw(CHECKED))
    data["models"][0]["lifecycle"].reverse()
    data["models"][0]["lifecycle"].insert(
        0, {"status": "retired", "date": "2030-01-01", "confidence": "reported", "source": "x"}
    )
    with pytest.raises(ft.FtlibError, match="date order"):
        catalog_from_dict(data)


def _row_with_changes():
    """A hand-written row: list prices 1 / 0.1 / 6 from launch, a cut, then a rise."""
    data = copy.deepcopy(_raw(CHECKED))
    row = data["models"][0]
    row.update(
        {
            "id": "test-model",
            "input_usd_per_1m_tokens": 0.2,  # the prices on the row's as_of (2026-11-28)
            "cached_input_usd_per_1m_tokens": 0.1,
            "output_usd_per_1m_tokens": 1.2,
            "batch_input_usd_per_1m_tokens": 0.5,
            "batch_output_usd_per_1m_tokens": 3.0,
            "confidence": "confirmed",
            "price_changes": [
                {
                    "date": "2026-03-01",
                    "prices": {"input_usd_per_1m_tokens": 1.0, "output_usd_per_1m_tokens": 6.0},
                    "confidence": "confirmed",
                    "source": "launch page",
                },
                {
                    "date": "2026-07-30",
                    "prices": {"input_usd_per_1m_tokens": 0.2, "output_usd_per_1m_tokens": 1.2},
                    "confidence": "confirmed",
                    "source": "promo page",
                },
                {
                    "date": "2027-01-01",
                    "prices": {
                        "input_usd_per_1m_tokens": 0.4,
                        "batch_input_usd_per_1m_tokens": None,
                    },
                    "confidence": "reported",
                    "source": "news",
                },
            ],
        }
    )
    data["models"] = [row]
    return catalog_from_dict(data, "test").get("test-model")


@pytest.mark.parametrize(
    "day, inp, cached, out, batch_in, since",
    [
        ("2026-07-29", 1.0, 0.1, 6.0, 0.5, "2026-03-01"),  # the day before the cut
        ("2026-07-30", 0.2, 0.1, 1.2, 0.5, "2026-07-30"),  # the change applies on its own date
        ("2026-12-31", 0.2, 0.1, 1.2, 0.5, "2026-07-30"),
        ("2027-01-01", 0.4, 0.1, 1.2, None, "2027-01-01"),  # only the named prices change
    ],
)
def test_prices_in_force_on_a_date(day, inp, cached, out, batch_in, since):
    p = _row_with_changes().prices_on(day)
    assert (p.input_usd_per_1m_tokens, p.cached_input_usd_per_1m_tokens) == (inp, cached)
    assert (p.output_usd_per_1m_tokens, p.batch_input_usd_per_1m_tokens) == (out, batch_in)
    assert p.batch_output_usd_per_1m_tokens == 3.0
    assert (str(p.since) if p.since else None) == since


def test_prices_name_the_next_change_and_its_confidence():
    p = _row_with_changes().prices_on("2026-12-02")
    assert p.next_change is not None
    assert (str(p.next_change.date), p.next_change.confidence) == ("2027-01-01", "reported")
    assert _row_with_changes().prices_on("2027-02-01").next_change is None


def test_price_changes_must_be_in_date_order_and_name_known_prices():
    data = copy.deepcopy(_raw(CHECKED))
    change = {"date": "2027-01-01", "prices": {"input_usd_per_1m_tokens": 1.0}}
    change |= {"confidence": "confirmed", "source": "x"}
    data["models"][0]["price_changes"] = [change, {**change, "date": "2026-01-01"}]
    with pytest.raises(ft.FtlibError, match="changes in date order"):
        catalog_from_dict(data)
    data["models"][0]["price_changes"] = [{**change, "prices": {"input_usd": 1.0}}]
    with pytest.raises(ft.FtlibError, match="price_changes"):
        catalog_from_dict(data)


def test_older_vintages_load_with_the_new_price_fields_unknown():
    for vintage in (ARTICLE, CHECKED):
        row = ft.load_catalog(vintage).get("gpt-5.4")
        assert row.cached_input_usd_per_1m_tokens is None
        assert (row.batch_input_usd_per_1m_tokens, row.batch_output_usd_per_1m_tokens) == (
            None,
            None,
        )
        assert row.price_changes == ()
        assert row.prices_on("2026-12-02").input_usd_per_1m_tokens == 2.5


def test_price_note_carries_date_source_and_stale_warning():
    checked, article = ft.load_catalog(CHECKED), ft.load_catalog(ARTICLE)
    assert checked.price_note(today="2026-12-01").startswith("Prices as of 2026-11-28")
    assert "verify" not in checked.price_note(today="2026-12-01")
    assert "verify before budgeting" in checked.price_note(today="2027-06-01")
    assert "verify before budgeting" in article.price_note(today="2026-12-01")
    assert "verify" not in article.price_note(today="2026-04-15")


def test_training_limits_for_the_data_check():
    row = ft.load_catalog(CHECKED).get("gpt-4.1-mini-ft")
    assert (row.max_training_example_tokens, row.limits_confidence) == (65_536, "reported")
    df = ft.load_catalog(CHECKED).to_frame()
    assert df.loc["gpt-4.1-nano-ft", "max_training_example_tokens"] == 65_536
    assert (
        list(ft.catalog.LIFECYCLE_STATUSES)
        == json.loads(resources.files("ftlib").joinpath("data/catalog/schema.json").read_text())[
            "$defs"
        ]["event"]["properties"]["status"]["enum"]
    )


def test_manifest_pins_every_vintage_so_old_files_are_never_edited():
    folder = resources.files("ftlib").joinpath("data/catalog")
    manifest = json.loads(folder.joinpath("manifest.json").read_text())
    listed = {entry["file"]: entry for entry in manifest["files"]}
    on_disk = sorted(
        f.name for f in folder.iterdir() if f.name.endswith(".json") and f.name[:4].isdigit()
    )
    assert sorted(listed) == on_disk, "add the new vintage to manifest.json"
    for name, entry in listed.items():
        data = folder.joinpath(name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], (
            f"{name} was edited: publish a correction as a new dated file"
        )
        assert json.loads(data)["vintage"] == entry["vintage"]


# --- the vintage checked on 2026-12-02: every value below is typed from FACTS.md by hand ---

DEC = "checked-2026-12"
DAY = "2026-12-02"


@pytest.mark.parametrize(
    "model_id, inp, cached, out",
    [
        ("gpt-5.5", 5.0, 0.50, 30.0),
        ("gpt-5.6-terra", 2.0, 0.20, 12.0),  # the price cut of 2026-07-30
        ("gpt-5.6-luna", 0.20, 0.02, 1.20),
        ("gpt-6-astra", 10.0, 1.0, 50.0),
        ("gpt-6-sol", 2.0, 0.20, 10.0),
        ("gpt-6-luna", 0.10, 0.01, 0.50),
        ("gpt-6.1-sol", 2.0, 0.10, 10.0),
        ("gpt-6.1-terra", 1.0, 0.05, 5.0),
        ("gpt-6.2-astra", 8.0, 0.40, 40.0),
        ("gpt-6.2-sol", 2.0, 0.10, 10.0),
        ("gpt-5.4", 2.50, 0.25, 15.0),
        ("claude-sonnet-5.5", 2.0, 0.10, 10.0),
        ("gemini-3.1-flash-lite", 0.25, 0.025, 1.50),
        ("gemini-3.5-flash", 1.50, 0.15, 9.0),
        ("gemini-3.5-flash-lite", 0.30, 0.03, 2.50),
        ("gemini-3.6-flash", 0.75, 0.075, 3.75),
        ("gemini-3.7-flash", 0.75, 0.075, 3.75),
    ],
)
def test_december_prices_match_the_facts_update(model_id, inp, cached, out):
    p = ft.load_catalog(DEC).get(model_id).prices_on(DAY)
    assert p.input_usd_per_1m_tokens == pytest.approx(inp)
    assert p.cached_input_usd_per_1m_tokens == pytest.approx(cached)
    assert p.output_usd_per_1m_tokens == pytest.approx(out)


@pytest.mark.parametrize(
    "model_id, inp, out",
    [
        ("claude-opus-4.8", 5, 25),
        ("claude-fable-5", 10, 50),
        ("claude-mythos-5", 10, 50),
        ("claude-sonnet-5", 2, 10),
        ("claude-opus-5", 5, 25),
        ("claude-fable-5.1", 10, 50),
        ("claude-opus-5.5", 4, 20),
        ("claude-haiku-5.5", 0.10, 0.50),
        ("claude-fable-5.2", 8, 40),
    ],
)
def test_claude_prices_and_half_price_batch(model_id, inp, out):
    row = ft.load_catalog(DEC).get(model_id)
    assert (row.input_usd_per_1m_tokens, row.output_usd_per_1m_tokens) == (inp, out)
    assert (row.batch_input_usd_per_1m_tokens, row.batch_output_usd_per_1m_tokens) == (
        inp / 2,
        out / 2,
    )
    assert row.customisations == ()  # no Claude model can be fine-tuned now


@pytest.mark.parametrize(
    "model_id, batch_in, batch_out",
    [("gpt-5.5", 2.50, 15.0), ("gpt-6-luna", 0.05, 0.25), ("gpt-6.1-terra", 0.50, 2.50)],
)
def test_openai_batch_prices(model_id, batch_in, batch_out):
    row = ft.load_catalog(DEC).get(model_id)
    assert (row.batch_input_usd_per_1m_tokens, row.batch_output_usd_per_1m_tokens) == (
        batch_in,
        batch_out,
    )


@pytest.mark.parametrize(
    "model_id, released, confidence",
    [
        ("gpt-5.5", "2026-04-23", "confirmed"),
        ("gpt-5.6-sol", "2026-07-09", "confirmed"),
        ("gpt-6-astra", "2026-09-03", "confirmed"),
        ("gpt-6-luna", "2026-09-22", "confirmed"),
        ("gpt-6.1-sol", "2026-09-29", "confirmed"),
        ("gpt-6.1-terra", "2026-10-26", "confirmed"),
        ("gpt-6.2-sol", "2026-11-17", "confirmed"),
        ("claude-opus-4.8", "2026-05-28", "confirmed"),
        ("claude-sonnet-5", "2026-06-30", "reported"),
        ("claude-opus-5.5", "2026-09-22", "reported"),
        ("claude-haiku-5.5", "2026-10-07", "confirmed"),
        ("claude-fable-5.2", "2026-11-09", "confirmed"),
        ("gemini-3.5-flash", "2026-05-19", "confirmed"),
        ("gemini-3.6-flash", "2026-07-21", "confirmed"),
        ("gemini-3.7-flash", "2026-08-13", "reported"),
        ("qwen-3.6-35b-a3b", "2026-04-16", "confirmed"),
        ("qwen-3.8-27b", "2026-08-14", "confirmed"),
        ("deepseek-v4-pro", "2026-04-23", "confirmed"),
    ],
)
def test_release_dates_and_their_confidence(model_id, released, confidence):
    row = ft.load_catalog(DEC).get(model_id)
    assert (str(row.released), row.release_confidence) == (released, confidence)
    assert row.status_on(released).status == "available"
    before = dt.date.fromisoformat(released) - dt.timedelta(days=1)
    assert row.status_on(before).status == "not_yet_available"


def test_promotions_and_price_changes_are_dated():
    cat = ft.load_catalog(DEC)
    sol = cat.get("gpt-5.6-sol")
    assert sol.prices_on("2026-08-20").input_usd_per_1m_tokens == 5.0
    assert sol.prices_on("2026-08-21").output_usd_per_1m_tokens == 20.0
    assert sol.prices_on("2026-11-21").input_usd_per_1m_tokens == 4.0
    assert sol.prices_on(DAY).input_usd_per_1m_tokens is None  # after the promised end: n/f
    terra = cat.get("gpt-5.6-terra")
    assert terra.prices_on("2026-07-29").input_usd_per_1m_tokens == 2.5
    assert terra.prices_on("2026-07-30").input_usd_per_1m_tokens == 2.0
    luna = cat.get("gpt-5.6-luna")
    assert (
        luna.prices_on("2026-07-29").output_usd_per_1m_tokens,
        luna.prices_on(DAY).output_usd_per_1m_tokens,
    ) == (6.0, 1.2)
    for flash in ("gemini-3.6-flash", "gemini-3.7-flash"):
        row = cat.get(flash)
        assert row.prices_on("2026-12-31").input_usd_per_1m_tokens == 0.75
        jan = row.prices_on("2027-01-01")
        assert (jan.input_usd_per_1m_tokens, jan.cached_input_usd_per_1m_tokens) == (1.5, 0.15)
        assert jan.output_usd_per_1m_tokens == 7.5
    g38 = cat.get("gemini-3.8-flash")
    assert g38.prices_on(DAY).input_usd_per_1m_tokens == 0.75
    assert g38.prices_on(DAY).output_usd_per_1m_tokens is None  # not found
    assert g38.prices_on("2027-01-01").input_usd_per_1m_tokens is None


@pytest.mark.parametrize(
    "model_id, day, status, confidence",
    [
        ("gpt-4.1-mini-ft", "2026-05-07", "closed_to_new_users", "confirmed"),
        ("gpt-4.1-mini-ft", "2026-07-02", "closed_to_new_users", "confirmed"),
        ("gpt-4.1-mini-ft", "2027-01-05", "closed_to_new_users", "confirmed"),
        ("gpt-4.1-mini-ft", "2027-01-06", "training_closed", "confirmed"),
        ("gpt-4.1-mini-ft", "2027-01-13", "training_closed", "confirmed"),
        ("gpt-4.1-mini-ft", "2027-01-14", "retired", "confirmed"),
        ("gpt-4.1-ft", "2027-01-14", "retired", "confirmed"),
        ("gpt-4.1", "2027-01-14", "retired", "confirmed"),
        ("gpt-4o", "2027-01-14", "retired", "confirmed"),
        ("gpt-4o-mini", "2027-01-13", "available", "reported"),
        ("gpt-4.1-nano-ft", "2026-10-23", "retired", "confirmed"),
        ("o4-mini-ft", "2026-10-23", "retired", "reported"),
        ("gpt-5", "2026-12-10", "available", "reported"),
        ("gpt-5", "2026-12-11", "retired", "confirmed"),
        ("gpt-5-mini", "2026-12-11", "retired", "confirmed"),
        ("gpt-5-nano", "2026-12-11", "retired", "confirmed"),
        ("claude-3-haiku-bedrock-ft", "2026-09-09", "available", "reported"),
        ("claude-3-haiku-bedrock-ft", "2026-09-10", "retired", "confirmed"),
        ("cohere-fine-tuning-api", "2025-09-15", "retired", "confirmed"),
        ("mistral-fine-tuning-api", DAY, "retired", "confirmed"),
        ("bedrock-rft-open-weights", "2026-02-17", "available", "confirmed"),
        ("gemini-3.1-flash-lite-vertex-ft", "2026-05-20", "available", "confirmed"),
        ("gemini-3.5-flash-vertex-ft", DAY, "available", "reported"),
    ],
)
def test_december_lifecycle_matches_the_facts_update(model_id, day, status, confidence):
    st = ft.load_catalog(DEC).status_on(model_id, day)
    assert (st.status, st.confidence) == (status, confidence)


def test_gpt_4_1_shutdown_names_gpt_6_luna_as_replacement():
    cat = ft.load_catalog(DEC)
    for model_id in ("gpt-4.1", "gpt-4.1-mini", "gpt-4.1-ft", "gpt-4.1-mini-ft", "gpt-4o"):
        last = cat.get(model_id).lifecycle[-1]
        assert (last.status, str(last.date), last.replacement) == (
            "retired",
            "2027-01-14",
            "gpt-6-luna",
        )
    assert cat.get("gpt-6-luna").customisations == ()  # the replacement cannot be tuned


def test_fine_tunability_in_december():
    cat = ft.load_catalog(DEC)
    for model_id in ("gpt-5.6-luna", "gpt-6-luna", "gpt-6.1-terra", "claude-haiku-5.5"):
        assert cat.get(model_id).customisations == ()
    for model_id in ("gemini-3.5-flash-vertex-ft", "gemini-3.5-flash-lite-vertex-ft"):
        row = cat.get(model_id)
        assert row.supports("sft") and row.status_on(DAY).status == "available"
    assert cat.get("gemma-4-31b").supports("lora") and cat.get("qwen-3.6-35b-a3b").supports("lora")
    assert "gemini-4-argon" not in cat.ids  # an unverified genai-prices row: not taught


def test_article_volume_costs_about_150_a_month_on_the_cheap_current_models():
    # 500M input and 200M output tokens a month, untuned, typed by hand:
    # gpt-6-luna 500 * 0.10 + 200 * 0.50 = 150; Haiku 5.5 the same prices.
    cat = ft.load_catalog(DEC)
    for model_id in ("gpt-6-luna", "claude-haiku-5.5"):
        p = cat.get(model_id).prices_on(DAY)
        assert 500 * p.input_usd_per_1m_tokens + 200 * p.output_usd_per_1m_tokens == pytest.approx(
            150
        )


def test_every_december_row_is_dated_sourced_and_rated():
    cat = ft.load_catalog(DEC)
    for row in cat.rows:
        assert row.source and row.as_of <= cat.as_of
        if row.has_prices and row.kind != "self-hosted":
            assert row.confidence in ("confirmed", "reported"), row.id
        for change in row.price_changes:
            assert change.source and change.confidence in ("confirmed", "reported")
        for e in row.lifecycle:
            # the facts sheet holds no 2025 launch dates of OpenAI's tuning offerings
            if e.date in (dt.date(2025, 4, 14), dt.date(2025, 5, 8)):
                assert e.confidence == "reported" and "not in the course facts sheet" in e.source


def test_price_changes_before_as_of_must_end_on_the_row_prices():
    data = copy.deepcopy(_raw(DEC))
    row = next(m for m in data["models"] if m["id"] == "gpt-5.6-terra")
    row["input_usd_per_1m_tokens"] = 2.5  # the pre-cut price left on the row by mistake
    with pytest.raises(ft.FtlibError, match="end on its own prices"):
        catalog_from_dict(data, "broken")


@pytest.mark.parametrize(
    "today, warns",
    [
        ("2027-03-06", False),
        ("2027-03-07", False),  # exactly three months: still fresh
        ("2027-03-08", True),  # a day past three months: stale (would pass silently at 6)
        ("2027-06-07", True),
    ],
)
def test_staleness_threshold_is_three_months_from_the_last_check(today, warns):
    assert ft.catalog.landscape_checked() == dt.date(2026, 12, 7)
    note = ft.catalog.landscape_note(today=today)
    assert note.startswith("Models, prices and statuses last checked on 2026-12-07.")
    assert ("verify before budgeting" in note) == warns
    assert (ft.load_catalog().stale_warning(today=today) is not None) == warns


def test_dates_before_the_earliest_vintage_are_known():
    assert earliest_catalog_date() == dt.date(2026, 4, 1)


def test_a_second_closure_step_keeps_the_first_date_and_is_not_a_next_change():
    row = ft.load_catalog(DEC).get("gpt-4.1-mini-ft")
    st = row.status_on("2026-06-01")
    assert (str(st.since), st.next_event.status, str(st.next_event.date)) == (
        "2026-05-07",
        "training_closed",
        "2027-01-06",
    )
    assert str(row.status_on(DAY).since) == "2026-05-07"


def test_status_and_price_tables_are_text_with_dates_ahead_worded_as_ahead():
    cat = ft.load_catalog(DEC)
    status = ft.catalog.status_table(cat, DAY, then=ft.load_catalog(ARTICLE))
    assert status.loc["gpt-4.1-mini-ft"].tolist() == [
        "available",
        "closed to new users",
        "2026-05-07",
        "confirmed",
        "training closes on 2027-01-06 (confirmed)",
    ]
    assert status.loc["gpt-6-luna", "in article-2026-04"] == "not listed"
    assert status.loc["gpt-5", "next change"] == "shuts down on 2026-12-11 (confirmed)"
    assert "self-hosted-lora" not in status.index
    prices = ft.price_table(cat, "2027-01-01", ["gemini-3.6-flash", "gpt-5.6-sol"])
    assert prices.loc["gemini-3.6-flash", ["in", "out"]].tolist() == ["1.5", "7.5"]
    assert prices.loc["gpt-5.6-sol", "in"] == "-"  # price after the promotion: not found
    assert all(isinstance(v, str) for v in prices.to_numpy().ravel())
