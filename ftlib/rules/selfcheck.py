"""Self-checks for the getting-started lab."""

from __future__ import annotations

from ..core.errors import check_choice
from ..labkit.feedback import Feedback
from . import thresholds as rules

__all__ = ["volume_band_answer"]

_BANDS = ("below-floor", "marginal", "worth-evaluating", "pays-in-weeks")


def volume_band_answer(requests_per_month: float, band: str) -> Feedback:
    """Check a guess of which band a volume falls in.

    Examples
    --------
    >>> volume_band_answer(70_000, "marginal").correct
    True
    """
    check_choice("band", band, _BANDS)
    actual = rules.volume_band(requests_per_month)
    if band == actual.name:
        return Feedback(
            True, f"{actual.requests_per_month:,.0f} a month is {actual.name}: {actual.advice}"
        )
    return Feedback(
        False,
        f"{actual.requests_per_month:,.0f} a month falls in {actual.name}, not {band}. The thresholds are {rules.VOLUME_FLOOR:,}, {rules.VOLUME_RARELY_WORTH:,} and {rules.VOLUME_PAYS_IN_WEEKS:,} requests a month.",
    )
