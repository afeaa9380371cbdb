"""Wording for dated events that is true on the day it is read: "in 38 days", "(today)", "since".

A page that says "new jobs stop on 2027-01-06" is wrong from that day on. The functions here
take an event's date, its confidence and the day the text is for (default: :func:`today`) and
return a phrase true on that day, so pages, tables and the site can compute their sentences
instead of typing a tense next to a date.

``today()`` is the course's clock: the ``FTLIB_TODAY`` environment variable (``YYYY-MM-DD``)
when set, else the system date, so a build or a test can be run as of any day.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .clock import today
from .errors import FtlibError, check_choice, check_date

if TYPE_CHECKING:  # core sits below the areas: the catalog is imported only when used
    from ..catalog import Catalog

__all__ = [
    "CONFIDENCES",
    "when_phrase",
    "LifecycleDate",
    "lifecycle_event",
    "event_sentence",
]

CONFIDENCES = ("confirmed", "reported")

# For each lifecycle status: the verb before its date (true while the date is ahead or is
# today) and the one after it (perfect tense, read with "since").
_VERBS = {
    "available": ("becomes available", "has been available"),
    "closed_to_new_users": ("closes to new users", "has been closed to new users"),
    "training_closed": ("closes to new training jobs", "has been closed to new training jobs"),
    "retired": ("shuts down", "has been shut down"),
}
_PLURAL_VERBS = {
    "available": ("become available", "have been available"),
    "closed_to_new_users": ("close to new users", "have been closed to new users"),
    "training_closed": ("close to new training jobs", "have been closed to new training jobs"),
    "retired": ("shut down", "have been shut down"),
}


def _day(name: str, value: _dt.date | str | None) -> _dt.date:
    return today() if value is None else check_date(name, value)


def when_phrase(
    day: _dt.date | str,
    on: _dt.date | str | None = None,
    *,
    confidence: str | None = None,
    no_earlier_than: bool = False,
) -> str:
    """When ``day`` is, seen from day ``on`` (default: :func:`today`), with its label.

    Before the date: ``"on 2027-01-14, in 38 days"``; on it: ``"on 2027-01-14 (today)"``;
    after it: ``"since 2027-01-14"``. A date known only as a lower bound reads
    ``"no earlier than 2027-04-14"`` on every day (it says nothing about whether it came).
    ``confidence`` (``"confirmed"`` or ``"reported"``, from the data) is added in brackets.

    Examples
    --------
    >>> when_phrase("2027-01-14", on="2026-12-07")
    'on 2027-01-14, in 38 days'
    >>> when_phrase("2027-01-14", on="2027-01-13")
    'on 2027-01-14, in 1 day'
    >>> when_phrase("2027-01-14", on="2027-01-14")
    'on 2027-01-14 (today)'
    >>> when_phrase("2027-01-14", on="2027-01-15")
    'since 2027-01-14'
    >>> when_phrase("2027-04-14", on="2026-12-07", no_earlier_than=True)
    'no earlier than 2027-04-14'
    >>> when_phrase("2027-01-06", on="2026-12-07", confidence="confirmed")
    'on 2027-01-06, in 30 days (confirmed)'
    >>> when_phrase("2027-01-06", on="2027-01-06", confidence="confirmed")
    'on 2027-01-06 (today, confirmed)'
    """
    event = check_date("day", day)
    ref = _day("on", on)
    label = None if confidence is None else check_choice("confidence", confidence, CONFIDENCES)
    days = (event - ref).days
    if no_earlier_than:
        text = f"no earlier than {event}"
    elif days > 0:
        text = f"on {event}, in {days} day{'' if days == 1 else 's'}"
    elif days == 0:
        return f"on {event} (today{', ' + label if label else ''})"
    else:
        text = f"since {event}"
    return f"{text} ({label})" if label else text


@dataclass(frozen=True)
class LifecycleDate:
    """One dated lifecycle event of a catalog row, as the pages need it.

    ``status`` is a catalog lifecycle status; ``confidence`` is ``"confirmed"`` or
    ``"reported"``; ``no_earlier_than`` marks a date known only as a lower bound.
    """

    model_id: str
    status: str
    date: _dt.date
    confidence: str
    source: str
    no_earlier_than: bool = False

    def phrase(self, on: _dt.date | str | None = None) -> str:
        """The date seen from ``on`` with its confidence (see :func:`when_phrase`)."""
        return when_phrase(
            self.date, on, confidence=self.confidence, no_earlier_than=self.no_earlier_than
        )

    def sentence(
        self, subject: str, on: _dt.date | str | None = None, *, plural: bool = False
    ) -> str:
        """``subject`` and the event in a tense true on ``on`` (see :func:`event_sentence`)."""
        return event_sentence(subject, self, on, plural=plural)

    def to_dict(self) -> dict[str, str | bool]:
        """The event as JSON-ready values (dates as ``YYYY-MM-DD``)."""
        return {
            "model_id": self.model_id,
            "status": self.status,
            "date": str(self.date),
            "confidence": self.confidence,
            "source": self.source,
            "no_earlier_than": self.no_earlier_than,
        }


def lifecycle_event(model_id: str, status: str, catalog: Catalog | None = None) -> LifecycleDate:
    """The first event of ``model_id`` with ``status`` in ``catalog`` (default: the newest).

    Raises :class:`~ftlib.errors.FtlibError` when the row has no such event.

    Examples
    --------
    >>> e = lifecycle_event("gpt-4.1-mini-ft", "retired")
    >>> str(e.date), e.confidence
    ('2027-01-14', 'confirmed')
    """
    from ..catalog import LIFECYCLE_STATUSES, load_catalog

    cat = load_catalog() if catalog is None else catalog
    check_choice("status", status, LIFECYCLE_STATUSES)
    row = cat.get(model_id)
    for e in row.lifecycle:
        if e.status == status:
            return LifecycleDate(model_id, status, e.date, e.confidence, e.source)
    known = sorted({e.status for e in row.lifecycle})
    raise FtlibError("status", status, f"one of the statuses {model_id} has: {known}")


def event_sentence(
    subject: str, event: LifecycleDate, on: _dt.date | str | None = None, *, plural: bool = False
) -> str:
    """A clause for ``subject`` and ``event`` in the tense that is true on day ``on``.

    Before the date the verb is a scheduled present ("shuts down on ..., in 38 days"), on
    the day it says "(today)", after it a perfect ("has been shut down since ...");
    ``plural`` conjugates for a plural subject. A "no earlier than" date keeps the
    scheduled present on every day.

    Examples
    --------
    >>> e = LifecycleDate("gpt-4.1-mini-ft", "retired", _dt.date(2027, 1, 14), "confirmed", "")
    >>> event_sentence("gpt-4.1-mini", e, on="2026-12-07")
    'gpt-4.1-mini shuts down on 2027-01-14, in 38 days (confirmed)'
    >>> event_sentence("gpt-4.1-mini", e, on="2027-01-14")
    'gpt-4.1-mini shuts down on 2027-01-14 (today, confirmed)'
    >>> event_sentence("gpt-4.1-mini", e, on="2027-06-01")
    'gpt-4.1-mini has been shut down since 2027-01-14 (confirmed)'
    >>> event_sentence("gpt-4.1 and gpt-4.1-mini", e, on="2027-06-01", plural=True)
    'gpt-4.1 and gpt-4.1-mini have been shut down since 2027-01-14 (confirmed)'
    """
    ahead, past = (_PLURAL_VERBS if plural else _VERBS)[event.status]
    phrase = event.phrase(on)
    if event.no_earlier_than:
        return f"{subject} {ahead} {phrase}"
    verb = past if phrase.startswith("since") else ahead
    return f"{subject} {verb} {phrase}"
