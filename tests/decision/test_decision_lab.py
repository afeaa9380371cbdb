"""The live decision explorer: every provider the flow knows, and the alternatives to weigh."""

from __future__ import annotations

import html

import ftlib as ft
import ftlib.decision.lab


def test_the_provider_control_offers_google():
    lab = ft.decision.lab.decision_explorer()
    assert "google" in lab.controls["provider"].options


def test_the_summary_lists_each_alternative_with_its_date():
    lab = ft.decision.lab.decision_explorer(
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
    lab = ft.decision.lab.decision_explorer(
        ft.Situation(requests_per_month=1_000_000, provider="google"), as_of="2026-04-15"
    )
    assert (
        ft.recommend(
            ft.Situation(requests_per_month=1_000_000, provider="google"), as_of="2026-04-15"
        ).alternatives
        == ()
    )
    assert "Also weigh" not in lab.summary.value


def test_the_explorer_figure_is_the_flow_of_the_current_answer_after_any_moves():
    """Figures are kept by what they show: after moves that keep or change the path, the figure
    on screen is always the one a fresh plot of the current recommendation draws."""
    import numpy as np
    from labkit.test_base import _png_pixels

    from ftlib.decision.plots import plot_decision_flow
    from ftlib.labkit.base import png_data_uri

    lab = ft.decision.lab.decision_explorer(
        ft.Situation(requests_per_month=1_000_000, provider="openai"), as_of="2026-04-15"
    )
    moves = [
        ("requests_per_month", 900_000),  # same path and leaf: kept
        ("missing_facts", True),  # a new path
        ("missing_facts", False),  # back: a kept figure
        ("as_of", "2027-02-01"),  # a date that closes routes
        ("provider", "any"),
    ]
    for name, value in moves:
        lab.controls[name].value = value
        values = lab.values()
        rec = ft.recommend(
            ft.Situation(**{k: v for k, v in values.items() if k != "as_of"}),
            as_of=values["as_of"],
        )
        fresh = _png_pixels(png_data_uri(plot_decision_flow(rec)))
        assert np.array_equal(_png_pixels(lab.figure.value), fresh), (name, value)
