"""One clock for ftlib: FTLIB_TODAY moves it; dated phrases stay true either side of a date."""

from __future__ import annotations

import datetime as dt

import pytest

import ftlib as ft
from ftlib.core.clock import dated_phrase, today


def test_the_env_var_moves_today(monkeypatch):
    monkeypatch.setenv("FTLIB_TODAY", "2027-06-01")
    assert today() == dt.date(2027, 6, 1)
    monkeypatch.delenv("FTLIB_TODAY")
    assert today() == dt.date.today()


def test_a_bad_env_var_names_itself(monkeypatch):
    monkeypatch.setenv("FTLIB_TODAY", "soon")
    with pytest.raises(ft.FtlibError, match="FTLIB_TODAY"):
        today()


@pytest.mark.parametrize(
    ("date", "on", "text"),
    [
        ("2027-01-14", "2026-12-07", "on 2027-01-14, in 38 days"),  # 24 + 14, by hand
        ("2027-01-14", "2027-01-13", "on 2027-01-14, in 1 day"),
        ("2027-01-14", "2027-01-14", "today, 2027-01-14"),
        ("2027-01-14", "2027-01-15", "on 2027-01-14, 1 day before 2027-01-15"),
    ],
)
def test_dated_phrase_on_each_side_of_the_date(date, on, text):
    assert dated_phrase(date, on) == text


def test_dated_phrase_defaults_to_the_moved_clock(monkeypatch):
    monkeypatch.setenv("FTLIB_TODAY", "2027-01-20")
    assert dated_phrase("2027-01-14") == "on 2027-01-14, 6 days before 2027-01-20"


def test_bounds_are_said_as_bounds():
    assert dated_phrase("2027-04-14", "2027-04-01", bound="no_earlier_than") == (
        "no earlier than 2027-04-14, in 13 days"
    )
    assert dated_phrase("2026-12-07", "2026-12-01", bound="no_later_than").startswith("by ")
    with pytest.raises(ft.FtlibError, match="bound"):
        dated_phrase("2027-04-14", bound="about")
