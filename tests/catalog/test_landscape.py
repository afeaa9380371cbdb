"""The article's figures beside today's: one workload priced on dated rows (hand-computed)."""

from __future__ import annotations

import pytest

import ftlib as ft


@pytest.mark.parametrize(
    ("vintage", "model_id", "usd"),
    [
        # 500M input and 200M output tokens a month, typed by hand from FACTS.md
        ("article-2026-04", "gpt-5.4", 500 * 2.50 + 200 * 15.00),  # 4,250
        ("article-2026-04", "gpt-5.4-mini", 500 * 0.75 + 200 * 4.50),  # 1,275
        ("article-2026-04", "gpt-4.1-mini-ft", 500 * 0.40 + 200 * 1.60),  # 520
        ("checked-2026-12", "gpt-4.1-mini-ft", 500 * 0.80 + 200 * 3.20),  # 1,040
        ("checked-2026-12", "gpt-6-luna", 500 * 0.10 + 200 * 0.50),  # 150
        ("checked-2026-12", "claude-haiku-5.5", 500 * 0.10 + 200 * 0.50),  # 150
        ("checked-2026-12", "gemini-3.5-flash-lite", 500 * 0.30 + 200 * 2.50),  # 650
    ],
)
def test_article_workload_on_each_vintage(vintage, model_id, usd):
    assert ft.price_option(vintage, model_id).monthly_cost_usd == pytest.approx(usd)


def test_side_by_side_table_says_where_each_price_comes_from():
    t = ft.priced_side_by_side(
        [
            ("article-2026-04", "gpt-5.4"),
            ("article-2026-04", "gpt-4.1-mini-ft"),
            ("checked-2026-12", "gpt-6-luna"),
        ]
    )
    assert t["USD a month"].tolist() == ["4,250", "520", "150"]
    assert t["confidence"].tolist() == [
        "worked back from a total",
        "stated by the article",
        "confirmed",
    ]
    assert t["prices as of"].tolist() == ["2026-04-01", "2026-04-01", "2026-12-02"]


def test_an_unpriced_row_is_refused_naming_the_model():
    with pytest.raises(ft.FtlibError, match="model_id: got 'gemini-3.5-flash-vertex-ft'"):
        ft.price_option("checked-2026-12", "gemini-3.5-flash-vertex-ft")
