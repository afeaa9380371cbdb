"""Bad input is named: field, value and what is accepted."""

import datetime as dt
import math

import pytest

from ftlib.core.errors import FtlibError, check_choice, check_date, check_int, check_number, closest


def test_message_names_field_value_and_accepted():
    with pytest.raises(FtlibError) as info:
        check_number("requests_per_month", -5, minimum=0)
    assert str(info.value) == "requests_per_month: got -5; expected a number >= 0"
    assert (info.value.field, info.value.value) == ("requests_per_month", -5)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, "12", None, True])
def test_non_finite_or_non_numeric_numbers_are_rejected(bad):
    with pytest.raises(FtlibError, match="x: got"):
        check_number("x", bad)


def test_bounds_are_inclusive_unless_strict():
    assert check_number("x", 0, minimum=0) == 0.0
    with pytest.raises(FtlibError, match="> 0"):
        check_number("x", 0, minimum=0, strict_minimum=True)
    with pytest.raises(FtlibError, match="<= 1"):
        check_number("x", 1.5, maximum=1)


def test_whole_numbers():
    assert check_int("n", 3.0) == 3
    for bad in (2.5, "3", True, math.nan):
        with pytest.raises(FtlibError, match="whole number"):
            check_int("n", bad)
    with pytest.raises(FtlibError, match=">= 1"):
        check_int("n", 0, minimum=1)


def test_unknown_choice_lists_the_closest():
    with pytest.raises(FtlibError, match="did you mean gpt-4.1-mini"):
        check_choice("model", "gpt-41-mini", ["gpt-4.1", "gpt-4.1-mini", "gemma-4-31b"])
    assert closest("GPT-4.1", ["gpt-4.1", "x"]) == ["gpt-4.1"]


def test_dates():
    assert check_date("as_of", "2026-05-07") == dt.date(2026, 5, 7)
    assert check_date("as_of", dt.datetime(2026, 5, 7, 12)) == dt.date(2026, 5, 7)
    for bad in ("2026-02-30", "May 2026", 20260507):
        with pytest.raises(FtlibError, match="YYYY-MM-DD"):
            check_date("as_of", bad)


def test_an_int_beyond_the_largest_float_is_a_named_error_not_an_overflow():
    with pytest.raises(FtlibError, match="price") as err:
        check_number("price", 10**400)
    assert "characters" in str(err.value) and len(str(err.value)) < 200


def test_a_huge_bad_value_is_cut_short_in_the_message():
    with pytest.raises(FtlibError) as err:
        check_number("requests", "9" * 100_000)
    assert len(str(err.value)) < 200 and "100,002 characters" in str(err.value)


def test_an_int_past_pythons_printing_limit_is_described_not_printed():
    with pytest.raises(FtlibError) as err:
        check_int("n", 10**5000, maximum=5)
    assert "-bit integer" in str(err.value)
