"""Self-checks for the getting-started lab."""

from __future__ import annotations

from ..core.errors import check_choice
from ..labkit.feedback import Feedback
from . import thresholds as rules

__all__ = ["volume_band_answer"]


def volume_band_answer(requests_per_month: float, band: str) -> Feedback:
    """Check a guess of which band a volume falls in.

    Examples
    --------
    >>> volume_band_answer(70_000, "marginal").correct
    True
    """
    check_choice("band", band, tuple(b.name for b in rules.VOLUME_BANDS))
    actual = rules.volume_band(requests_per_month)
    if band == actual.name:
        return Feedback(
            True, f"{actual.requests_per_month:,.0f} a month is {actual.name}: {actual.advice}"
        )
    return Feedback(
        False,
        f"{actual.requests_per_month:,.0f} a month falls in {actual.name}, not {band}. The thresholds are {_edges()} requests a month.",
    )


def _edges() -> str:
    """The bands' inner edges in words: '50,000, 100,000 and 500,000'."""
    edges = [f"{b.low:,}" for b in rules.VOLUME_BANDS[1:]]
    return ", ".join(edges[:-1]) + " and " + edges[-1]
