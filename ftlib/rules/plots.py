"""Figures of the article's rules of thumb."""

from __future__ import annotations

import math
import textwrap

from matplotlib.figure import Figure
from matplotlib.ticker import FixedFormatter, FixedLocator, NullLocator

from ..labkit.style import PALETTE, new_figure, note
from . import thresholds as rules

__all__ = ["volume_bands"]

# The figure's span (log axis) and one colour per band, in the order of rules.VOLUME_BANDS.
_AXIS = (1_000, 10_000_000)
_COLOURS = (PALETTE["vermillion"], PALETTE["orange"], PALETTE["sky"], PALETTE["green"])


def _spans() -> list[tuple[float, float, str, str]]:
    """Each band's span on the axis and its label, wrapped to what the span has room for."""
    spans: list[tuple[float, float, str, str]] = []
    for b, colour in zip(rules.VOLUME_BANDS, _COLOURS, strict=True):
        lo, hi = max(b.low, _AXIS[0]), b.high or _AXIS[1]
        width = max(8, int(12 * math.log10(hi / lo)))
        spans.append((lo, hi, textwrap.fill(b.label, width, break_long_words=False), colour))
    return spans


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
    for lo, hi, label, colour in _spans():
        ax.axvspan(lo, hi, color=colour, alpha=0.35, lw=0)
        ax.text(math.sqrt(lo * hi), 0.5, label, ha="center", va="center")
    if requests_per_month is not None:
        band = rules.volume_band(requests_per_month)
        x = min(max(band.requests_per_month, _AXIS[0]), _AXIS[1])
        ax.axvline(x, color=PALETTE["black"], lw=2)
        ax.text(x, 0.92, f" {band.requests_per_month:,.0f}/month", va="top")
    ax.set_xscale("log")
    ax.set_xlim(*_AXIS)
    # Plain tick labels at the decades, no minor ticks: read as volumes, and quick to redraw
    # (a live lab redraws this on every move of its slider).
    ax.xaxis.set_major_locator(FixedLocator([1e3, 1e4, 1e5, 1e6, 1e7]))
    ax.xaxis.set_major_formatter(FixedFormatter(["1,000", "10,000", "100,000", "1M", "10M"]))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.set_yticks([])
    ax.grid(False)
    note(fig, "Thresholds: the article (April 2026), rules of thumb rather than laws.")
    return fig
