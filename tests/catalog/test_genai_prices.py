"""The newest catalog against genai-prices and LiteLLM's price file: no unexplained disagreement.

genai-prices is a development dependency (pinned in requirements/dev.lock); it works
offline from the data bundled with the pinned version, and `make refresh` fills the
untuned prices from it. LiteLLM is not a dependency: `tests/data/litellm-1.110.2_prices.json`
holds the entries of its bundled price file (model_prices_and_context_window_backup.json,
LiteLLM 1.110.2, MIT licence) for the ids the catalog names, with only the fields compared.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from importlib.metadata import version
from pathlib import Path

import pytest

import ftlib as ft

pytest.importorskip("genai_prices")

from ftlib.catalog.refresh import price_disagreements, read_genai_prices  # noqa: E402

PIN = "0.2.5"  # the version whose bundled data the newest catalog was refreshed from
LITELLM = json.loads(
    (Path(__file__).resolve().parents[1] / "data" / "litellm-1.110.2_prices.json").read_text(
        encoding="utf-8"
    )
)


def test_the_installed_genai_prices_is_the_version_the_catalog_names():
    assert version("genai-prices") == PIN, "run `make refresh`, then move PIN"
    named = [r for r in ft.load_catalog().rows if r.prices_source]
    assert len(named) > 40 and all(f"genai-prices {PIN}" in r.prices_source for r in named)


def test_genai_prices_fields_as_documented():
    # FACTS 2026-12-07: Batch is half the list price at OpenAI; gpt-4.1-mini 0.40 / 1.60 list.
    p = read_genai_prices("openai:gpt-4.1-mini", "2026-12-07").prices
    assert (p["input_usd_per_1m_tokens"], p["output_usd_per_1m_tokens"]) == (0.4, 1.6)
    assert (p["batch_input_usd_per_1m_tokens"], p["batch_output_usd_per_1m_tokens"]) == (0.2, 0.8)
    # gemini-3.8-flash doubles on 2027-01-01 to 1.50 / 0.15 / 7.50 (FACTS, three sources)
    later = read_genai_prices("google:gemini-3.8-flash", "2027-01-02").prices
    assert (later["input_usd_per_1m_tokens"], later["output_usd_per_1m_tokens"]) == (1.5, 7.5)
    # DeepSeek's peak rate is twice the off-peak one (FACTS)
    peak = read_genai_prices("deepseek:deepseek-v4-pro", "2026-12-07").peak
    assert peak is not None and peak["input_usd_per_1m_tokens"] == 2 * 0.66


def test_the_comparison_can_see_a_wrong_price_and_a_wrong_shutdown_date():
    cat = ft.load_catalog()
    row = cat.get("gpt-6-luna")
    wrong = dataclasses.replace(row, input_usd_per_1m_tokens=0.2, price_changes=())
    broken = dataclasses.replace(cat, rows=(wrong,), _by_id={})
    found = price_disagreements(broken, LITELLM)
    assert {(d.database, d.field) for d in found} >= {
        ("genai-prices", "input_usd_per_1m_tokens"),
        ("litellm", "input_usd_per_1m_tokens"),
    }
    nano = cat.get("gpt-5.4-nano")  # LiteLLM: shuts down 2027-04-01, as the catalog says
    undated = dataclasses.replace(nano, lifecycle=nano.lifecycle[:1])
    found = price_disagreements(dataclasses.replace(cat, rows=(undated,), _by_id={}), LITELLM)
    assert [(d.field, d.theirs) for d in found if d.database == "litellm"] == [
        ("shutdown", "2027-04-01")
    ]


def test_no_unexplained_disagreement_with_genai_prices_or_litellm():
    found = price_disagreements(ft.load_catalog(), LITELLM)
    assert not [str(d) for d in found if not d.explained]


def test_every_explanation_still_explains_something():
    cat = ft.load_catalog()
    found = price_disagreements(cat, LITELLM)
    for row in cat.rows:
        if row.genai_prices_note:
            assert any(d.model_id == row.id and d.database == "genai-prices" for d in found), row.id
        if row.litellm_note and row.litellm_id in LITELLM:
            assert any(d.model_id == row.id and d.database == "litellm" for d in found), row.id


def test_the_litellm_extract_covers_the_ids_the_catalog_names():
    named = {r.litellm_id for r in ft.load_catalog().rows if r.litellm_id}
    assert named <= set(LITELLM) and len(named) >= 40


def test_the_2026_12_02_catalog_had_the_gaps_the_issue_reported():
    # The refresh exists because the older vintage lacked Batch prices genai-prices has.
    old = ft.load_catalog("checked-2026-12")
    found = [d for d in price_disagreements(old) if not d.explained]
    batch = {d.model_id for d in found if d.field.startswith("batch")}
    assert {"gpt-5.4", "gpt-4.1-mini", "mistral-small-4"} <= batch
    assert dt.date(2026, 12, 2) == old.as_of
