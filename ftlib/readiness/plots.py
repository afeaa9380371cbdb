"""Figures for the readiness gate: the checklist, item by item."""

from __future__ import annotations

import textwrap

from matplotlib.figure import Figure

from ..labkit.style import MIN_FONT_PT, PALETTE, house_figure
from .gate import Readiness

__all__ = ["plot_readiness_checklist"]


def plot_readiness_checklist(readiness: Readiness) -> Figure:
    """The readiness gate as a checklist: one row per item, passed or failed, with the reason.

    Examples
    --------
    >>> import ftlib as ft
    >>> fig = plot_readiness_checklist(ft.check_readiness(ft.ReadinessAnswers(metric="F1")))
    >>> fig.axes[0].get_title()
    'Readiness gate: not ready (6 of 7 items open)'
    """
    items = readiness.items
    verdict = (
        "ready to train"
        if readiness.ready
        else f"not ready ({len(readiness.failed)} of {len(items)} items open)"
    )
    fig = house_figure(figsize=(8.0, 0.5 * len(items) + 1.0))
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.set_title(f"Readiness gate: {verdict}")
    ax.set_xlim(0, 1)
    ax.set_ylim(len(items) - 0.5, -0.6)
    for row, item in enumerate(items):
        colour, mark = (
            (PALETTE["green"], "pass") if item.passed else (PALETTE["vermillion"], "FAIL")
        )
        ax.text(
            0.0,
            row,
            mark,
            ha="left",
            va="center",
            fontsize=MIN_FONT_PT,
            fontweight="bold",
            color="white",
            bbox=dict(boxstyle="round,pad=0.3", fc=colour, ec=colour),
        )
        ax.text(
            0.07, row, item.name, ha="left", va="center", fontsize=MIN_FONT_PT, fontweight="bold"
        )
        detail = item.reason if item.passed else item.next_step
        ax.text(
            0.27,
            row,
            textwrap.shorten(detail, 80, placeholder="..."),
            ha="left",
            va="center",
            fontsize=MIN_FONT_PT,
            color="#333333",
        )
    return fig
