"""The break-even calculator lab, its figures and its self-checks."""

from __future__ import annotations

import base64
import re

import numpy as np
import pytest
from matplotlib.figure import Figure

import ftlib as ft
import ftlib.catalog.plots
import ftlib.costs.lab
import ftlib.costs.plots
import ftlib.costs.selfcheck
from ftlib.costs.bills import Prices, break_even, volume_sweep
from ftlib.costs.plots import BreakEvenChart

TODAY = "2026-11-28"


def lab(**kw):
    return ft.costs.lab.break_even_calculator(today=TODAY, **kw)


def png_of(widget) -> bytes:
    return base64.b64decode(re.search(r"base64,([^\"]+)", widget.figure.value).group(1))


def test_initial_state_shows_figure_summary_and_date():
    w = lab()
    assert png_of(w).startswith(b"\x89PNG")
    assert 'alt="Cumulative spend' in w.figure.value
    assert "$4,250.00" in w.summary.value and "$1,040.00" in w.summary.value
    assert "1.9 days" in w.summary.value and "2026-12-07" in w.summary.value  # day checked
    assert "Check this input" not in w.message.value
    assert "closed to new users since 2026-05-07" in w.message.value  # the candidate's status


def test_article_vintage_is_flagged_stale_and_reproduces_520():
    w = lab(vintage="article-2026-04")
    assert "verify before budgeting" in w.message.value
    assert "$520.00" in w.summary.value and "1.6 days" in w.summary.value


def test_volume_change_recomputes():
    w = lab()
    w.controls["requests_per_month"].value = 10_000
    assert "$42.50" in w.summary.value  # 1% of the $4,250 bill
    assert "below-floor" in w.summary.value


def test_never_breaks_even_is_explained_not_negative():
    w = lab()
    w.controls["baseline"].value = "gpt-5.4-nano"
    assert "never" in w.summary.value and "-$690.00" in w.summary.value
    assert "no upfront cost is ever repaid" in w.message.value


@pytest.mark.parametrize(
    "control, value, text",
    [
        ("candidate", "gpt-5.4-nano", "no price is listed"),  # with the article vintage below
        ("training_usd", -5.0, "training_usd: got -5.0"),
        ("monthly_extra_usd", -1.0, "monthly_extra_usd"),
        ("candidate_input_price", -1.0, "candidate input_usd_per_1m_tokens"),
    ],
)
def test_impossible_combinations_are_explained_in_the_page(control, value, text):
    w = lab(vintage="article-2026-04")
    if control == "candidate_input_price":
        w.controls["candidate"].value = ft.costs.lab.TYPED_PRICES
    before = w.figure.value
    w.controls[control].value = value
    assert "Check this input" in w.message.value and text in w.message.value
    assert w.figure.value == before  # the last good figure stays


def test_model_missing_from_a_vintage_is_explained():
    w = lab(vintage="article-2026-04")
    w.controls["candidate"].value = "gpt-4.1-mini-ft-batch"
    assert "does not list it" in w.message.value


def test_typed_prices_are_used():
    w = lab()
    w.controls["candidate"].value = ft.costs.lab.TYPED_PRICES
    for name, value in (("candidate_input_price", 0.2), ("candidate_output_price", 1.25)):
        w.controls[name].value = value
    assert "$350.00" in w.summary.value


def test_same_baseline_and_candidate_is_noted():
    w = lab(candidate="gpt-5.4")
    assert "same offering" in w.message.value


def test_chart_reuses_one_figure_and_matches_a_fresh_render():
    chart = BreakEvenChart()
    a = chart.update(break_even(4_250, 520, 200), "a", "b")
    b = chart.update(break_even(4_250, 1_040, 200), "a", "b")
    assert a is b and isinstance(a, Figure)
    assert chart.marker.get_xdata()[0] == pytest.approx(200 / 3_210)
    # the cached-background path draws the same pixels as a full redraw
    w = lab()
    w.controls["requests_per_month"].value = 1_200_000
    w.controls["requests_per_month"].value = 1_000_000
    cached = png_of(w)
    fresh = lab()
    assert cached == png_of(fresh)


def test_chart_never_case_has_no_marker():
    chart = BreakEvenChart()
    chart.update(break_even(100, 200, 50), "a", "b")
    assert len(chart.marker.get_xdata()) == 0 and "no break-even" in chart.verdict.get_text()


def test_static_figures():
    w = ft.costs.Workload(1e6, 500, 200)
    fig = ft.costs.plots.plot_monthly_costs(
        w, {"gpt-5.4": Prices(2.5, 15), "nano": Prices(0.2, 1.25)}, "as of test"
    )
    labels = [t.get_text() for t in fig.axes[0].texts]
    assert any("$4,250" in t for t in labels) and any("$350" in t for t in labels)
    s = volume_sweep(np.geomspace(1e3, 1e7, 30), 500, 200, Prices(2.5, 15), Prices(0.8, 3.2), 200)
    fig = ft.costs.plots.plot_break_even_sweep({"tuned mini": s})
    assert fig.axes[0].get_xscale() == "log"
    fig = ft.costs.plots.plot_break_even(break_even(4_250, 520, 200), "a", "b")
    assert fig.axes[0].get_title().startswith("Cumulative spend")


def test_usd_label():
    assert [ft.costs.plots.usd_label(v) for v in (950, 12_000, 3_400_000)] == [
        "$950",
        "$12K",
        "$3.4M",
    ]


def test_selfchecks():
    assert ft.costs.selfcheck.break_even_days_answer(1.9).correct
    art = ft.costs.selfcheck.break_even_days_answer(1.6)
    assert not art.correct and "0.40" in art.message
    assert "claim" in ft.costs.selfcheck.break_even_days_answer(14).message
    assert ft.costs.selfcheck.cheapest_option_answer("gpt-5.4-nano").correct
    assert not ft.costs.selfcheck.cheapest_option_answer("gpt-4.1-mini-ft").correct
    with pytest.raises(ft.FtlibError, match="did you mean"):
        ft.costs.selfcheck.cheapest_option_answer("gpt-5.4-nan")
    with pytest.raises(ft.FtlibError, match="days"):
        ft.costs.selfcheck.break_even_days_answer(float("nan"))


def test_lifecycle_timeline():
    cat = ft.load_catalog("checked-2026-11")
    fig = ft.catalog.plots.plot_lifecycle_timeline(
        cat, ["gpt-4.1-mini-ft", "gpt-5.4"], marks={"article": "2026-04-01"}
    )
    bars = fig.axes[0].patches
    hatched = [b for b in bars if b.get_hatch()]
    assert len(hatched) == 2  # gpt-4.1-mini-ft: reported training stop and shutdown
    with pytest.raises(ft.FtlibError, match="end"):
        ft.catalog.plots.plot_lifecycle_timeline(
            cat, ["gpt-5.4"], start="2027-01-01", end="2026-01-01"
        )
    with pytest.raises(ft.FtlibError, match="did you mean"):
        ft.catalog.plots.plot_lifecycle_timeline(cat, ["gpt-5.4-nan"])


def test_monthly_cost_sweep_lines_follow_the_bills():
    volumes = np.array([1e3, 1e6])
    fig = ft.costs.plots.plot_monthly_cost_sweep(
        volumes, {"api": Prices(2.5, 15), "gpu": Prices(0, 0, 587.5)}, 500, 200
    )
    api, gpu = fig.axes[0].lines
    assert api.get_ydata()[-1] == pytest.approx(4_250) and list(gpu.get_ydata()) == [587.5, 587.5]


def test_background_cache_survives_eviction():
    import io

    def png(chart, r):
        chart.update(r, "a", "b", "note")
        buffer = io.BytesIO()
        chart.figure.savefig(buffer, format="png", dpi=96)
        return buffer.getvalue()

    results = [break_even(100 * 3**k, 40 * 3**k, 120) for k in range(10)]  # ten different y scales
    chart = BreakEvenChart()
    first = png(chart, results[0])
    for r in results[1:]:
        png(chart, r)  # pushes the first background out of the 8-entry cache
    assert png(chart, results[0]) == first == png(BreakEvenChart(), results[0])


def test_factory_rejects_unknown_starting_choices():
    with pytest.raises(ft.FtlibError, match="vintage"):
        lab(vintage="2025-01-01")
    with pytest.raises(ft.FtlibError, match="did you mean gpt-4.1-mini-ft"):
        lab(candidate="gpt-4.1-mini-tf")
    assert lab(vintage="2026-04-01").controls["vintage"].value == "article-2026-04"


def test_live_and_static_controls_come_from_one_declaration():
    # Same names, same labels, same order on both faces ("Base reasoning tokens" on both).
    import html as _html

    w = lab()
    page = w._repr_mimebundle_()["text/html"]
    live = [(name, c.description) for name, c in w.controls.items()]
    assert [name for name, _ in live] == re.findall(r'data-name="([a-z_]+)"', page)[: len(live)]
    for _, label in live:
        assert _html.escape(label) in page, label
    assert ("baseline_reasoning_tokens", "Base reasoning tokens") in live
