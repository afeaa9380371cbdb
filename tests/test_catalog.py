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
from ftlib.catalog import catalog_from_dict
from ftlib.costs import HOURS_PER_MONTH

ARTICLE, CHECKED = "article-2026-04", "checked-2026-11"


def _raw(vintage):
    name = next(v.filename for v in ft.list_vintages() if v.vintage == vintage)
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
    vintages = ft.list_vintages()
    assert [v.vintage for v in vintages][:2] == [ARTICLE, CHECKED]
    assert ft.load_catalog().vintage == vintages[-1].vintage
    assert ft.load_catalog("2026-04-01").vintage == ARTICLE


def test_unknown_vintage_names_the_closest():
    with pytest.raises(ft.FtlibError, match="vintage.*did you mean checked-2026-11"):
        ft.load_catalog("checked-2026")


def test_every_row_states_date_and_source_and_known_customisations():
    for v in ft.list_vintages():
        cat = ft.load_catalog(v.vintage)
        for row in cat.rows:
            assert row.as_of <= cat.as_of and row.source
            assert set(row.customisations) <= set(ft.CUSTOMISATIONS)
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
    assert "next: training closed on 2027-01-06 (reported)" in str(st)


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
    """A hand-written row: list prices 1 / 0.1 / 6, a promotion, then a doubling."""
    data = copy.deepcopy(_raw(CHECKED))
    row = data["models"][0]
    row.update(
        {
            "id": "test-model",
            "input_usd_per_1m_tokens": 1.0,
            "cached_input_usd_per_1m_tokens": 0.1,
            "output_usd_per_1m_tokens": 6.0,
            "batch_input_usd_per_1m_tokens": 0.5,
            "batch_output_usd_per_1m_tokens": 3.0,
            "confidence": "confirmed",
            "price_changes": [
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
        ("2026-07-29", 1.0, 0.1, 6.0, 0.5, None),  # the day before the promotion: list prices
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
        list(ft.LIFECYCLE_STATUSES)
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
