"""The live decision explorer: every provider the flow knows, and the alternatives to weigh."""

from __future__ import annotations

import html

import ftlib as ft


def test_the_provider_control_offers_google():
    lab = ft.widgets.decision_explorer()
    assert "google" in lab.controls["provider"].options


def test_the_summary_lists_each_alternative_with_its_date():
    lab = ft.widgets.decision_explorer(
        ft.Situation(requests_per_month=1_000_000, provider="openai"), as_of="2026-12-02"
    )
    rec = ft.recommend(
        ft.Situation(requests_per_month=1_000_000, provider="openai"), as_of="2026-12-02"
    )
    assert len(rec.alternatives) >= 2  # a cheaper model to prompt, and Google's open route
    summary = html.unescape(lab.summary.value)
    assert "Also weigh" in summary
    for alternative in rec.alternatives:
        assert f"<li>{alternative}</li>" in summary
    assert "Vertex AI" in summary and "since 2026-05-19" in summary


def test_no_alternatives_means_no_heading():
    lab = ft.widgets.decision_explorer(
        ft.Situation(requests_per_month=1_000_000, provider="google"), as_of="2026-04-15"
    )
    assert (
        ft.recommend(
            ft.Situation(requests_per_month=1_000_000, provider="google"), as_of="2026-04-15"
        ).alternatives
        == ()
    )
    assert "Also weigh" not in lab.summary.value
