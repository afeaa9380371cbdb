"""One error type for bad input, and the checks that raise it.

Every message names the field, the value given and what is accepted, so the
CLI, the API and the widgets can all show it as it is.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import math
from collections.abc import Iterable
from numbers import Real
from typing import Any

__all__ = [
    "FtlibError",
    "check_number",
    "check_int",
    "check_choice",
    "check_date",
    "closest",
    "did_you_mean",
    "shown",
]


class FtlibError(ValueError):
    """Bad input: ``field``, ``value`` and ``accepted`` say what and why."""

    def __init__(self, field: str, value: Any, accepted: str, hint: str | None = None):
        self.field, self.value, self.accepted, self.hint = field, value, accepted, hint
        message = f"{field}: got {shown(value)}; expected {accepted}"
        if hint:
            message += f" ({hint})"
        super().__init__(message)


def shown(value: Any, limit: int = 80) -> str:
    """``repr(value)``, cut to ``limit`` characters with the full length said, for messages.

    Examples
    --------
    >>> shown("x" * 200, limit=10)
    "'xxxxxxxx... (202 characters)"
    >>> shown(0.5)
    '0.5'
    """
    try:
        text = repr(value)
    except ValueError:  # an int too long to print (Python's 4,300-digit limit)
        text = f"a {value.bit_length():,}-bit integer" if isinstance(value, int) else "a value"
    if len(text) <= limit:
        return text
    return f"{text[: limit - 1]}... ({len(text):,} characters)"


def check_number(
    field: str,
    value: Any,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    strict_minimum: bool = False,
) -> float:
    """Return ``value`` as a float if it is a finite real number within bounds."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise FtlibError(field, value, _bounds_text(minimum, maximum, strict_minimum, "a number"))
    try:
        number = float(value)
    except OverflowError:  # an int beyond the largest float, about 1.8e308
        number = math.inf
    if math.isnan(number) or math.isinf(number):
        raise FtlibError(
            field, value, _bounds_text(minimum, maximum, strict_minimum, "a finite number")
        )
    too_low = minimum is not None and (number <= minimum if strict_minimum else number < minimum)
    too_high = maximum is not None and number > maximum
    if too_low or too_high:
        raise FtlibError(field, value, _bounds_text(minimum, maximum, strict_minimum, "a number"))
    return number


def check_int(
    field: str, value: Any, *, minimum: int | None = None, maximum: int | None = None
) -> int:
    """Return ``value`` as an int if it is a whole number within bounds."""
    accepted = _bounds_text(minimum, maximum, False, "a whole number")
    if isinstance(value, bool):
        raise FtlibError(field, value, accepted)
    if isinstance(value, Real) and not isinstance(value, int):
        number = float(value)
        if not math.isfinite(number) or not number.is_integer():
            raise FtlibError(field, value, accepted)
        value = int(number)
    if not isinstance(value, int):
        raise FtlibError(field, value, accepted)
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise FtlibError(field, value, accepted)
    return int(value)


def closest(value: str, choices: Iterable[str], n: int = 3) -> list[str]:
    """The known names nearest to ``value`` (for "did you mean" hints)."""
    choices = list(choices)
    near = difflib.get_close_matches(
        str(value).lower(), [c.lower() for c in choices], n=n, cutoff=0.4
    )
    by_lower = {c.lower(): c for c in choices}
    return [by_lower[c] for c in near]


def did_you_mean(value: Any, choices: Iterable[str]) -> str | None:
    """The "did you mean ...?" hint for an unknown name, or None when nothing is close.

    Examples
    --------
    >>> did_you_mean("acuracy", ["accuracy", "latency_ms"])
    'did you mean accuracy?'
    >>> did_you_mean("zzz", ["accuracy"]) is None
    True
    """
    near = closest(str(value), [str(c) for c in choices])
    return f"did you mean {', '.join(near)}?" if near else None


def check_choice(field: str, value: Any, choices: Iterable[str]) -> str:
    """Return ``value`` if it is one of ``choices``; otherwise name the closest ones."""
    choices = list(choices)
    if isinstance(value, str) and value in choices:
        return value
    raise FtlibError(field, value, "one of " + ", ".join(choices), did_you_mean(value, choices))


def check_date(field: str, value: Any) -> _dt.date:
    """Return a ``datetime.date`` from a date or an ISO ``YYYY-MM-DD`` string."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise FtlibError(field, value, "a real calendar date as YYYY-MM-DD")


def _bounds_text(minimum: float | None, maximum: float | None, strict: bool, kind: str) -> str:
    parts = []
    if minimum is not None:
        parts.append(f"{'>' if strict else '>='} {minimum:g}")
    if maximum is not None:
        parts.append(f"<= {maximum:g}")
    return kind + (" " + " and ".join(parts) if parts else "")
