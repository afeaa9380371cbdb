"""The newest catalog against pydantic's genai-prices: shared prices agree, or the row explains.

genai-prices is a test dependency (pinned in binder/requirements.txt); it works offline
from the data bundled with the pinned version. Rows that take a price from it name the
version and the day the prices were read in their ``source``.
"""

from __future__ import annotations

import datetime as dt
from importlib.metadata import version

import pytest

import ftlib as ft

genai_prices = pytest.importorskip("genai_prices")

PIN = "0.2.3"  # the version whose bundled data the catalog was checked against
TOKENS = 10_000  # small enough to stay under every long-prompt tier (Haiku 5.5 at 100K)


def _theirs(ref: str, day: dt.date) -> dict[str, float]:
    provider, model = ref.split(":", 1)
    when = dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC)
    scale = 1_000_000 / TOKENS

    def price(**usage: int) -> float:
        calc = genai_prices.calc_price(
            genai_prices.Usage(**usage),
            model,
            provider_id=provider,
            genai_request_timestamp=when,
        )
        return round(float(calc.total_price) * scale, 6)

    return {
        "input_usd_per_1m_tokens": price(input_tokens=TOKENS),
        "cached_input_usd_per_1m_tokens": price(input_tokens=TOKENS, cache_read_tokens=TOKENS),
        "output_usd_per_1m_tokens": price(output_tokens=TOKENS),
    }


def _disagreements(row: ft.catalog.ModelRow, day: dt.date) -> list[str]:
    ours = row.prices_on(day)
    theirs = _theirs(row.genai_prices_id, day)
    out = []
    for name, value in theirs.items():
        mine = getattr(ours, name)
        if mine is None or abs(mine - value) > 1e-9:
            out.append(f"{row.id} {name} on {day}: catalog {mine}, genai-prices {value}")
    return out


def _checked_rows():
    cat = ft.load_catalog()
    return [r for r in cat.rows if r.genai_prices_id]


def test_the_installed_genai_prices_is_the_version_the_catalog_names():
    assert version("genai-prices") == PIN, (
        "re-check the catalog against the new data, then move PIN"
    )
    named = [r for r in ft.load_catalog().rows if "genai-prices" in r.source]
    assert named and all(f"genai-prices {PIN}" in r.source for r in named)


def test_the_comparison_can_see_a_wrong_price():
    # gpt-6-luna costs 0.10 in / 0.50 out (FACTS.md); genai-prices agrees, so a
    # deliberately wrong input price must show up as a disagreement.
    row = ft.load_catalog().get("gpt-6-luna")
    assert _theirs(row.genai_prices_id, dt.date(2026, 12, 2))["input_usd_per_1m_tokens"] == 0.1
    import dataclasses

    wrong = dataclasses.replace(row, input_usd_per_1m_tokens=0.2)
    assert any("input" in d for d in _disagreements(wrong, dt.date(2026, 12, 2)))


@pytest.mark.parametrize("row", _checked_rows(), ids=lambda r: r.id)
def test_catalog_and_genai_prices_agree_unless_the_row_explains(row):
    cat = ft.load_catalog()
    days = {cat.as_of} | {c.date for c in row.price_changes}
    found = [d for day in sorted(days) for d in _disagreements(row, day)]
    if row.genai_prices_note:
        assert found, f"{row.id} explains a disagreement that no longer exists: drop the note"
    else:
        assert not found, "; ".join(found)
