"""Figures of the article's rules of thumb."""

from __future__ import annotations

import math

from matplotlib.figure import Figure
from matplotlib.ticker import FixedFormatter, FixedLocator, NullLocator

from ..labkit.style import PALETTE, new_figure, note
from . import thresholds as rules

__all__ = ["volume_bands"]

_BANDS = (
    (1_000, rules.VOLUME_FLOOR, "rarely breaks even", PALETTE["vermillion"]),
    (rules.VOLUME_FLOOR, rules.VOLUME_RARELY_WORTH, "rarely\nworth it", PALETTE["orange"]),
    (rules.VOLUME_RARELY_WORTH, rules.VOLUME_PAYS_IN_WEEKS, "worth\nevaluating", PALETTE["sky"]),
    (rules.VOLUME_PAYS_IN_WEEKS, 10_000_000, "often pays\nback in weeks", PALETTE["green"]),
)


def volume_bands(requests_per_month: float | None = None) -> Figure:
    """The article's volume thresholds on a log axis, with an optional marker for one volume.

    Examples
    --------
    >>> fig = volume_bands(250_000)
    >>> fig.axes[0].get_xscale()
    'log'
    """
    fig, ax = new_figure(
        "Where a monthly volume falls among the article's thresholds",
        "requests per month (log scale)",
        "",
        figsize=(7.0, 2.6),
    )
    for lo, hi, label, colour in _BANDS:
        ax.axvspan(lo, hi, color=colour, alpha=0.35, lw=0)
        ax.text(math.sqrt(lo * hi), 0.5, label, ha="center", va="center")
    if requests_per_month is not None:
        band = rules.volume_band(requests_per_month)
        x = min(max(band.requests_per_month, 1_000), 10_000_000)
        ax.axvline(x, color=PALETTE["black"], lw=2)
        ax.text(x, 0.92, f" {band.requests_per_month:,.0f}/month", va="top")
    ax.set_xscale("log")
    ax.set_xlim(1_000, 10_000_000)
    # Plain tick labels at the decades, no minor ticks: read as volumes, and quick to redraw
    # (a live lab redraws this on every move of its slider).
    ax.xaxis.set_major_locator(FixedLocator([1e3, 1e4, 1e5, 1e6, 1e7]))
    ax.xaxis.set_major_formatter(FixedFormatter(["1,000", "10,000", "100,000", "1M", "10M"]))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.set_yticks([])
    ax.grid(False)
    note(fig, "Thresholds: the article (April 2026), rules of thumb rather than laws.")
    return fig
