"""make refresh: the course's rows plus genai-prices into a new dated vintage, and what moved."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

import ftlib as ft

pytest.importorskip("genai_prices")

from ftlib.catalog.refresh import (  # noqa: E402
    catalog_changes,
    pages_naming,
    refreshed_vintage,
    write_vintage,
)

ROOT = Path(__file__).resolve().parents[2]


def _committed() -> dict:
    text = resources.files("ftlib").joinpath("data/catalog/2026-12-07_checked.json").read_text()
    return json.loads(text)


def test_the_committed_vintage_is_exactly_what_refresh_writes():
    # so no untuned price in it was typed by hand
    assert refreshed_vintage("2026-12-07") == _committed()


def test_untuned_prices_name_genai_prices_and_tuned_ones_do_not():
    cat = ft.load_catalog("checked-2026-12-07")
    assert "genai-prices 0.2.5" in cat.get("gpt-5.4").prices_source
    assert cat.get("gpt-4.1-mini-ft").prices_source == ""  # the course's own row
    assert cat.get("gpt-4.1-mini-ft").source.startswith("OpenAI pricing page")


def test_the_facts_of_2026_12_07_are_in_the_new_vintage():
    cat = ft.load_catalog("checked-2026-12-07")
    # Batch half the list price at OpenAI (FACTS): gpt-4.1-mini 0.40 / 1.60 -> 0.20 / 0.80
    p = cat.get("gpt-4.1-mini").prices_on("2026-12-07")
    assert (p.batch_input_usd_per_1m_tokens, p.batch_output_usd_per_1m_tokens) == (0.2, 0.8)
    # gpt-5.6-sol and gemini-3.8-flash priced
    sol = cat.get("gpt-5.6-sol").prices_on("2026-12-07")
    assert (sol.input_usd_per_1m_tokens, sol.output_usd_per_1m_tokens) == (4.0, 20.0)
    flash = cat.get("gemini-3.8-flash")
    assert flash.prices_on("2026-12-31").output_usd_per_1m_tokens == 3.75
    assert flash.prices_on("2027-01-01").output_usd_per_1m_tokens == 7.5
    # shutdown dates
    for model_id, day, confidence in [
        ("gpt-5.4-nano", "2027-04-01", "reported"),
        ("gemini-3.1-flash-lite", "2027-05-07", "confirmed"),
        ("claude-opus-4.5", "2027-01-22", "confirmed"),
        ("gemini-3.5-flash", "2026-10-08", "confirmed"),
        ("gemini-3.7-flash", "2026-10-08", "confirmed"),
    ]:
        st = cat.status_on(model_id, day)
        assert (st.status, str(st.since), st.confidence) == ("retired", day, confidence)
    assert cat.get("gemini-3.5-flash").lifecycle[-1].replacement == "gemini-3.6-flash"
    # DeepSeek's peak rate, twice the off-peak one; Gemini 4 present
    peak = cat.get("deepseek-v4-flash").peak_prices
    assert peak["input_usd_per_1m_tokens"] == 2 * 0.15 and "01:00-04:00" in peak["hours_utc"]
    assert {"gemini-4-neon", "gemini-4-hydrogen", "gemini-4-argon", "gemini-4-carbon"} <= set(
        cat.ids
    )
    assert cat.get("gpt-5.4").long_prompt["above_input_tokens"] == 272_000
    # the older vintages are unchanged and still readable
    assert ft.load_catalog("article-2026-04").get("gpt-4.1-mini-ft").input_usd_per_1m_tokens == 0.4


def test_changes_against_the_previous_vintage_by_hand():
    old, new = ft.load_catalog("checked-2026-12"), ft.load_catalog("checked-2026-12-07")
    moved = {(c.model_id, c.field) for c in catalog_changes(old, new, "2026-12-07")}
    assert ("gpt-4.1-mini", "batch_input_usd_per_1m_tokens") in moved
    assert ("gemini-4-neon", "row") in moved and ("gemini-3.5-flash", "status") in moved
    assert ("gpt-6-luna", "input_usd_per_1m_tokens") not in moved  # 0.10 in both


def test_pages_naming_finds_the_pages_whose_numbers_move():
    pages = pages_naming(["gpt-6-luna", "no-such-model-id"], ROOT)
    assert "chapters/04_landscape_2026.ipynb" in pages["gpt-6-luna"]
    assert "no-such-model-id" not in pages
    # an id is matched whole: gpt-5.4 is not found inside gpt-5.4-mini
    only_mini = {p for p, hits in pages_naming(["gpt-5.4"], ROOT).items() for p in hits}
    assert only_mini  # the chapters do name gpt-5.4 itself


def test_write_vintage_never_overwrites(tmp_path):
    folder = tmp_path / "catalog"
    folder.mkdir()
    (folder / "manifest.json").write_text(json.dumps({"files": []}))
    doc = _committed()
    path = write_vintage(doc, folder)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert path.name == "2026-12-07_checked.json" and manifest["files"][0]["sha256"]
    with pytest.raises(ft.FtlibError, match="never edited"):
        write_vintage(doc, folder)


def test_refresh_command_dry_run_prints_the_changes(capsys):
    from ftlib.core.cli import main

    assert main(["catalog", "refresh", "--as-of", "2026-12-07", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Vintage checked-2026-12-07 from genai-prices 0.2.5")
    assert "Wrote" not in out
