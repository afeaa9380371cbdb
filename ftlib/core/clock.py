"""The one place ftlib decides what day it is, and how a date reads next to it.

``today()`` is the system date unless ``FTLIB_TODAY`` (``YYYY-MM-DD``) says otherwise,
so tests and a book build can move the clock without touching the machine's. Every
default "today" in ftlib comes from here. ``dated_phrase`` words a dated event
relative to a day so that the sentence stays true whichever side of the date it is read.
"""

from __future__ import annotations

import datetime as _dt
import os

from .errors import FtlibError, check_date

__all__ = ["TODAY_ENV", "today", "dated_phrase", "days_between_text"]

TODAY_ENV = "FTLIB_TODAY"


def today() -> _dt.date:
    """Today for ftlib: ``$FTLIB_TODAY`` when set, else the system date.

    Examples
    --------
    >>> import os
    >>> os.environ["FTLIB_TODAY"] = "2027-01-15"
    >>> str(today())
    '2027-01-15'
    >>> del os.environ["FTLIB_TODAY"]
    """
    value = os.environ.get(TODAY_ENV, "").strip()
    if not value:
        return _dt.date.today()
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        accepted = "a date YYYY-MM-DD, or unset for the system date"
        raise FtlibError(TODAY_ENV, value, accepted) from None


def days_between_text(days: int) -> str:
    """``1 day`` or ``N days``.

    Examples
    --------
    >>> days_between_text(1), days_between_text(38)
    ('1 day', '38 days')
    """
    return f"{days} day" if abs(days) == 1 else f"{days} days"


def dated_phrase(date: _dt.date | str, on: _dt.date | str | None = None, *, bound: str = "") -> str:
    """A date worded relative to day ``on`` (default :func:`today`), true on that day.

    Ahead: ``"on 2027-01-14, in 38 days"``; that day: ``"today, 2027-01-14"``; past:
    ``"on 2027-01-14, 3 days before 2027-01-17"``. A ``bound`` of ``"no_earlier_than"``
    reads ``"no earlier than 2027-04-14, in 98 days"``; ``"no_later_than"`` reads ``"by ..."``.

    Examples
    --------
    >>> dated_phrase("2027-01-14", "2026-12-07")
    'on 2027-01-14, in 38 days'
    >>> dated_phrase("2027-01-14", "2027-01-14")
    'today, 2027-01-14'
    >>> dated_phrase("2027-01-14", "2027-01-17")
    'on 2027-01-14, 3 days before 2027-01-17'
    >>> dated_phrase("2027-04-14", "2026-12-07", bound="no_earlier_than")
    'no earlier than 2027-04-14, in 128 days'
    """
    day = check_date("date", date)
    ref = today() if on is None else check_date("on", on)
    if bound not in ("", "no_earlier_than", "no_later_than"):
        raise FtlibError("bound", bound, "'', 'no_earlier_than' or 'no_later_than'")
    lead = {"no_earlier_than": "no earlier than", "no_later_than": "by"}.get(bound, "on")
    gap = (day - ref).days
    if gap == 0:
        return f"today, {day.isoformat()}" if not bound else f"{lead} {day.isoformat()}, today"
    if gap > 0:
        return f"{lead} {day.isoformat()}, in {days_between_text(gap)}"
    return f"{lead} {day.isoformat()}, {days_between_text(-gap)} before {ref.isoformat()}"
