"""Figures for measuring before training.

Intervals by test-set size, a paired difference, leaked items, distribution shift.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine

from ..labkit.style import PALETTE, new_figure, note
from ..rules.thresholds import MAX_TEST_EXAMPLES, MIN_TEST_EXAMPLES
from .comparison import PairedComparison
from .shift import ShiftReport

__all__ = [
    "interval_by_test_size",
    "difference_interval",
    "shift_profile",
]

_OUTCOME_COLOUR = {
    "better": PALETTE["green"],
    "worse": PALETTE["vermillion"],
    "inconclusive": PALETTE["grey"],
}


def interval_by_test_size(
    table: pd.DataFrame, *, highlight: int | None = None, source: str = ""
) -> Figure:
    """Difference (candidate minus baseline) with its interval, for each test-set size.

    ``table`` comes from :func:`ftlib.compare_by_test_size`; ``highlight`` marks one size.

    Examples
    --------
    >>> import ftlib as ft
    >>> base, cand = ["a"] * 70 + ["b"] * 30, ["a"] * 85 + ["b"] * 15
    >>> table = ft.evaluation.compare_by_test_size(["a"] * 100, base, cand, sizes=(20, 100))
    >>> fig = interval_by_test_size(table)
    >>> fig.axes[0].get_xlabel()
    'test-set size (items)'
    """
    fig, ax = new_figure(
        "The interval narrows as the test set grows",
        "test-set size (items)",
        "candidate minus baseline (points)",
    )
    ax.axvspan(
        MIN_TEST_EXAMPLES,
        MAX_TEST_EXAMPLES,
        color=PALETTE["sky"],
        alpha=0.15,
        lw=0,
        label=f"the article's {MIN_TEST_EXAMPLES}-{MAX_TEST_EXAMPLES} items",
    )
    ax.axhline(0, color=PALETTE["black"], lw=1)
    for outcome, rows in table.groupby("outcome"):
        mid = rows["difference"] * 100
        ax.errorbar(
            rows["test_size"],
            mid,
            yerr=[mid - rows["ci_low"] * 100, rows["ci_high"] * 100 - mid],
            fmt="o",
            capsize=4,
            color=_OUTCOME_COLOUR.get(outcome, PALETTE["black"]),
            label=f"{outcome}",
        )
    if highlight is not None:
        ax.axvline(
            highlight, color=PALETTE["orange"], lw=2, ls="--", label=f"this lab: {highlight} items"
        )
    ax.legend(loc="upper right", fontsize=8)
    note(
        fig,
        source
        or "Bars: 95% paired bootstrap interval; an interval that crosses zero is inconclusive.",
    )
    return fig


def difference_interval(result: PairedComparison, *, source: str = "") -> Figure:
    """Both scores and the interval on their difference, for one paired comparison.

    Examples
    --------
    >>> import ftlib as ft
    >>> result = ft.compare_models(["a"] * 50, ["a"] * 40 + ["b"] * 10, ["a"] * 45 + ["b"] * 5)
    >>> fig = difference_interval(result)
    >>> len(fig.axes)
    2
    """
    name = "accuracy" if result.metric == "accuracy" else "macro-F1"
    fig, ax = new_figure(
        f"Baseline and candidate on the same {result.n_items} items",
        "",
        f"{name} (%)",
        figsize=(7.0, 3.4),
    )
    ax.bar(
        ["baseline", "candidate"],
        [result.baseline_score * 100, result.candidate_score * 100],
        color=[PALETTE["grey"], PALETTE["blue"]],
        width=0.5,
    )
    for x, value in enumerate((result.baseline_score, result.candidate_score)):
        ax.text(x, value * 100, f"{value * 100:.1f}", ha="center", va="bottom", fontsize=9)
    ax.set_ylim(0, 105)
    side = fig.add_axes((0.72, 0.22, 0.26, 0.6))
    colour = _OUTCOME_COLOUR[result.outcome]
    diff = result.difference * 100
    side.errorbar(
        [0],
        [diff],
        yerr=[[diff - result.ci_low * 100], [result.ci_high * 100 - diff]],
        fmt="o",
        capsize=6,
        color=colour,
    )
    side.axhline(0, color=PALETTE["black"], lw=1)
    side.set_xticks([])
    side.set_xlim(-1, 1)
    side.set_title(f"difference: {result.outcome}", fontsize=9)
    side.set_ylabel("points", fontsize=8)
    engine = fig.get_layout_engine()
    if isinstance(engine, ConstrainedLayoutEngine):
        engine.set(rect=(0, 0, 0.68, 1))
    note(
        fig,
        source
        or f"{result.confidence:.0%} paired bootstrap interval; "
        f"McNemar p = {result.mcnemar.p_value:.3g}.",
    )
    return fig


def shift_profile(report: ShiftReport, *, source: str = "") -> Figure:
    """Reference against production: median length, typo rate and the classifier's AUC side by side.

    Examples
    --------
    >>> import ftlib as ft
    >>> ref = ["please help me with my invoice today"] * 20
    >>> report = ft.evaluation.detect_shift(ref, ["invoce wrong"] * 20)
    >>> fig = shift_profile(report)
    >>> len(fig.axes)
    3
    """
    fig, ax = new_figure(
        f"Distribution shift: {report.level}", "", "median words", figsize=(8.0, 3.2)
    )
    fig.delaxes(ax)
    fig.suptitle(f"Reference against production inputs: {report.level} shift")
    axes = fig.subplots(1, 3)
    pairs = (
        ("median words", report.median_words_reference, report.median_words_production, "words"),
        (
            "typo rate",
            report.typo_rate_reference * 100,
            report.typo_rate_production * 100,
            "% of words",
        ),
    )
    for axis, (title, ref, prod, unit) in zip(axes, pairs, strict=False):
        axis.bar(
            ["reference", "production"],
            [ref, prod],
            color=[PALETTE["blue"], PALETTE["orange"]],
            width=0.6,
        )
        axis.set_title(title, fontsize=10)
        axis.set_ylabel(unit)
    axes[2].bar(["classifier"], [report.classifier_auc], color=PALETTE["purple"], width=0.5)
    axes[2].axhline(0.5, color=PALETTE["black"], ls="--", lw=1)
    axes[2].text(0, 0.52, "chance", ha="center", fontsize=8)
    axes[2].set_ylim(0, 1)
    axes[2].set_xlim(-1, 1)
    axes[2].set_title("AUC telling them apart", fontsize=10)
    note(
        fig,
        source or f"{report.n_reference:,} reference and {report.n_production:,} production texts.",
    )
    return fig
