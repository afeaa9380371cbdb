"""ftlib.dates: wording true on the day it is read, checked by hand at and around each boundary.

Day counts below are counted on a calendar: from 2026-12-07 to 2027-01-14 is 24 days left in
December plus 14 in January, 38; to 2027-01-06 it is 24 + 6 = 30.
"""

from __future__ import annotations

import datetime as _dt

import pytest

import ftlib as ft
from ftlib.core.clock import TODAY_ENV
from ftlib.core.dates import LifecycleDate

SHUTDOWN = LifecycleDate("gpt-4.1-mini-ft", "retired", _dt.date(2027, 1, 14), "confirmed", "OpenAI")


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        ("2026-12-07", "on 2027-01-14, in 38 days"),
        ("2026-12-31", "on 2027-01-14, in 14 days"),
        ("2027-01-13", "on 2027-01-14, in 1 day"),  # the day before: singular
        ("2027-01-14", "on 2027-01-14 (today)"),  # the boundary day
        ("2027-01-15", "since 2027-01-14"),  # the day after
        ("2028-06-01", "since 2027-01-14"),
    ],
)
def test_when_phrase_around_the_boundary(on, expected):
    assert ft.core.when_phrase("2027-01-14", on=on) == expected


def test_when_phrase_across_a_leap_day():
    # 2028 is a leap year: 2028-02-28 -> 2028-03-01 is 2 days
    assert ft.core.when_phrase("2028-03-01", on="2028-02-28") == "on 2028-03-01, in 2 days"


@pytest.mark.parametrize("on", ["2026-12-07", "2027-04-14", "2027-05-01"])
def test_no_earlier_than_reads_the_same_on_every_day(on):
    text = ft.core.when_phrase("2027-04-14", on=on, no_earlier_than=True)
    assert text == "no earlier than 2027-04-14"


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        ("2026-12-07", "on 2027-01-06, in 30 days (confirmed)"),
        ("2027-01-06", "on 2027-01-06 (today, confirmed)"),
        ("2027-01-07", "since 2027-01-06 (confirmed)"),
    ],
)
def test_when_phrase_carries_the_label(on, expected):
    assert ft.core.when_phrase("2027-01-06", on=on, confidence="confirmed") == expected


def test_no_earlier_than_with_label():
    text = ft.core.when_phrase(
        "2027-04-14", on="2027-05-01", confidence="reported", no_earlier_than=True
    )
    assert text == "no earlier than 2027-04-14 (reported)"


@pytest.mark.parametrize(
    ("on", "plural", "expected"),
    [
        ("2027-01-13", False, "X shuts down on 2027-01-14, in 1 day (confirmed)"),
        ("2027-01-14", False, "X shuts down on 2027-01-14 (today, confirmed)"),
        ("2027-01-15", False, "X has been shut down since 2027-01-14 (confirmed)"),
        ("2027-01-13", True, "X shut down on 2027-01-14, in 1 day (confirmed)"),
        ("2027-01-15", True, "X have been shut down since 2027-01-14 (confirmed)"),
    ],
)
def test_event_sentence_tense_follows_the_day(on, plural, expected):
    assert ft.core.event_sentence("X", SHUTDOWN, on=on, plural=plural) == expected


def test_event_sentence_no_earlier_than_keeps_the_scheduled_tense():
    e = LifecycleDate("x", "training_closed", _dt.date(2027, 4, 14), "reported", "s", True)
    for on in ("2027-01-01", "2027-06-01"):
        assert ft.core.event_sentence("Azure tuning", e, on=on) == (
            "Azure tuning closes to new training jobs no earlier than 2027-04-14 (reported)"
        )


def test_lifecycle_event_reads_the_newest_catalog():
    # FACTS, update of 2026-12-02: confirmed by OpenAI's notice of 2026-10-14
    e = ft.core.lifecycle_event("gpt-4.1-mini-ft", "training_closed")
    assert (str(e.date), e.confidence) == ("2027-01-06", "confirmed")
    assert e.to_dict()["date"] == "2027-01-06"
    old = ft.core.lifecycle_event("gpt-4.1-mini-ft", "retired", ft.load_catalog("checked-2026-11"))
    assert old.confidence == "reported"  # the older vintage, kept readable


def test_lifecycle_event_bad_input_names_the_field():
    with pytest.raises(ft.FtlibError, match="status"):
        ft.core.lifecycle_event("gpt-4.1-mini-ft", "gone")
    with pytest.raises(ft.FtlibError, match="status.*statuses gpt-5.4 has"):
        ft.core.lifecycle_event("gpt-5.4", "retired")
    with pytest.raises(ft.FtlibError, match="confidence"):
        ft.core.when_phrase("2027-01-06", confidence="rumoured")
    with pytest.raises(ft.FtlibError, match="day"):
        ft.core.when_phrase("2027-02-30")


def test_today_follows_the_env_override(monkeypatch):
    monkeypatch.setenv(TODAY_ENV, "2027-06-01")
    assert ft.core.today() == _dt.date(2027, 6, 1)
    assert ft.core.when_phrase("2027-01-14") == "since 2027-01-14"  # default "on" is today()
    monkeypatch.delenv(TODAY_ENV)
    assert ft.core.today() == _dt.date.today()
    monkeypatch.setenv(TODAY_ENV, "   ")
    assert ft.core.today() == _dt.date.today()  # blank means unset


def test_today_rejects_a_bad_override(monkeypatch):
    monkeypatch.setenv(TODAY_ENV, "2027-13-01")
    with pytest.raises(ft.FtlibError, match="FTLIB_TODAY.*YYYY-MM-DD"):
        ft.core.today()
