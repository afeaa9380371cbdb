"""When a switch pays back: the volumes where the answer changes, and the candidate's life.

Built on :mod:`ftlib.costs` (one bill formula, one break-even rule): the exact volume
at which the break-even reaches a given number of months, the volume at which two
bills cross, and what a tuned model's retirement date does to its payback. Lifetimes
are counted in calendar days and turned into months of savings at
:data:`ftlib.rules.DAYS_PER_MONTH` days, like break-even days.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..catalog.models import LifecycleEvent, ModelRow
from ..core.errors import FtlibError, check_date, check_number
from ..core.tables import money
from ..rules.thresholds import DAYS_PER_MONTH, PAYBACK_MONTHS
from .bills import BREAK_EVEN_HORIZON_MONTHS, BreakEven, Prices, Usage, Workload, monthly_bill_usd

__all__ = [
    "CandidateLife",
    "candidate_life",
    "retirement_event",
    "payback_volume",
    "crossover_volume",
    "break_even_frame",
]


def _linear_bill(
    prices: Prices, t_in: float, t_out: float, usage: Usage | None, who: str
) -> tuple[float, float]:
    """(USD per request, fixed USD a month) of a bill that is a straight line in volume."""
    if prices.gpus is not None:
        raise FtlibError(
            who,
            prices.label,
            "prices without a GPU plan (a GPU bill grows in steps, not in a straight line)",
            "use volume_sweep(...).first_volume_within(months) instead",
        )
    per_request = float(monthly_bill_usd(1.0, t_in, t_out, prices, usage=usage))
    fixed = float(prices.fixed_usd_per_month)
    return per_request - fixed, fixed


def payback_volume(
    input_tokens_per_request: float,
    output_tokens_per_request: float,
    baseline: Prices,
    candidate: Prices,
    upfront_usd: float,
    *,
    months: float = PAYBACK_MONTHS,
    monthly_extra_usd: float = 0.0,
    baseline_usage: Usage | None = None,
    candidate_usage: Usage | None = None,
) -> float | None:
    """The monthly volume at which the break-even is exactly ``months`` (``None``: no volume).

    Above it the candidate pays back sooner; the article's rule ("worth evaluating")
    holds strictly above the volume for ``months=3``.

    Examples
    --------
    $200 of training, tuned gpt-4.1-mini at the standard price against GPT-5.4:

    >>> round(payback_volume(500, 200, Prices(2.5, 15), Prices(0.8, 3.2), 200), 1)
    20768.4
    """
    limit = check_number("months", months, minimum=0, strict_minimum=True)
    upfront = check_number("upfront_usd", upfront_usd, minimum=0)
    extra = check_number("monthly_extra_usd", monthly_extra_usd, minimum=0)
    Workload(1, input_tokens_per_request, output_tokens_per_request)
    t_in, t_out = input_tokens_per_request, output_tokens_per_request
    per_base, fixed_base = _linear_bill(baseline, t_in, t_out, baseline_usage, "baseline")
    per_cand, fixed_cand = _linear_bill(candidate, t_in, t_out, candidate_usage, "candidate")
    saved_per_request = per_base - per_cand
    if not saved_per_request > 0:
        return None
    return max(0.0, (upfront / limit + extra + fixed_cand - fixed_base) / saved_per_request)


def crossover_volume(
    a: Prices,
    b: Prices,
    input_tokens_per_request: float,
    output_tokens_per_request: float,
    *,
    usage_a: Usage | None = None,
    usage_b: Usage | None = None,
) -> float | None:
    """The monthly volume (> 0) at which two options' bills are equal (``None``: no such volume).

    Examples
    --------
    One L4 all month ($587.50) against the tuned gpt-4.1-mini's $0.00104 a request:

    >>> round(crossover_volume(Prices(0.8, 3.2), Prices(0, 0, 587.5), 500, 200))
    564904
    """
    Workload(1, input_tokens_per_request, output_tokens_per_request)
    t_in, t_out = input_tokens_per_request, output_tokens_per_request
    per_a, fixed_a = _linear_bill(a, t_in, t_out, usage_a, "a")
    per_b, fixed_b = _linear_bill(b, t_in, t_out, usage_b, "b")
    if per_a == per_b:
        return None  # parallel lines: one is always cheaper, or they are the same
    volume = (fixed_b - fixed_a) / (per_a - per_b)
    return volume if volume > 0 else None


@dataclass(frozen=True)
class CandidateLife:
    """What the candidate's lifecycle does to a break-even, seen from ``as_of``.

    ``open_to_you`` says whether a team can start this route on ``as_of`` (a route
    closed to new users is open only to existing customers). The retirement fields
    are ``None`` when the catalog knows no date (typed prices, or no announcement).
    Days until retirement are counted in calendar days and turned into months of
    savings at :data:`ftlib.rules.DAYS_PER_MONTH` days, like break-even days.
    """

    as_of: _dt.date
    model_id: str | None
    status: str
    open_to_you: bool | None
    retires_on: _dt.date | None
    retirement_confidence: str | None
    days_until_retirement: int | None
    pays_back_before_retirement: bool | None
    net_savings_until_retirement_usd: float | None

    def to_dict(self) -> dict:
        """Plain values for JSON (dates as ISO strings)."""
        return {
            "as_of": self.as_of.isoformat(),
            "candidate_status": self.status,
            "candidate_open_to_you": self.open_to_you,
            "candidate_retires_on": self.retires_on.isoformat() if self.retires_on else None,
            "candidate_retirement_confidence": self.retirement_confidence,
            "days_until_retirement": self.days_until_retirement,
            "pays_back_before_retirement": self.pays_back_before_retirement,
            "net_savings_until_retirement_usd": self.net_savings_until_retirement_usd,
        }


def retirement_event(row: ModelRow) -> LifecycleEvent | None:
    """The catalog's first "retired" event for ``row`` (date and confidence), or ``None``.

    Examples
    --------
    >>> from ftlib.catalog import load_catalog
    >>> e = retirement_event(load_catalog("checked-2026-11").get("gpt-4.1-mini-ft"))
    >>> str(e.date), e.confidence
    ('2027-01-14', 'reported')
    """
    return next((e for e in row.lifecycle if e.status == "retired"), None)


def candidate_life(
    result: BreakEven,
    row: ModelRow | None,
    as_of: _dt.date | str,
    *,
    existing_customer: bool = False,
) -> CandidateLife:
    """Does the candidate pay back before it stops serving, and what is left by then?

    ``row`` is the candidate's catalog row (``None`` for typed prices). The net
    result until retirement is the monthly saving times the months left, minus the
    upfront cost; recurring extras (retraining spread per month) are already in the
    saving.

    Examples
    --------
    The tuned gpt-4.1-mini, reported to retire on 2027-01-14, seen on 2026-12-02
    (43 days left) at 300,000 requests a month and $1,700 upfront:

    >>> from ftlib.catalog import load_catalog
    >>> from ftlib.costs import break_even
    >>> row = load_catalog("checked-2026-11").get("gpt-4.1-mini-ft")
    >>> life = candidate_life(break_even(1_275, 312, 1_700), row, "2026-12-02")
    >>> life.days_until_retirement, life.pays_back_before_retirement
    (43, False)
    >>> round(life.net_savings_until_retirement_usd, 2)
    -319.7
    """
    day = check_date("as_of", as_of)
    if not isinstance(existing_customer, bool):
        raise FtlibError("existing_customer", existing_customer, "True or False")
    if row is None:
        return CandidateLife(day, None, "unknown", None, None, None, None, None, None)
    status = row.status_on(day).status
    open_to_you = {"available": True, "closed_to_new_users": existing_customer}.get(status, False)
    event = retirement_event(row)
    if event is None:
        return CandidateLife(day, row.id, status, open_to_you, None, None, None, None, None)
    days_left = max(0, (event.date - day).days)
    net = result.monthly_savings_usd * days_left / DAYS_PER_MONTH - result.upfront_usd
    pays = result.break_even_days is not None and result.break_even_days <= days_left
    return CandidateLife(
        day, row.id, status, open_to_you, event.date, event.confidence, days_left, pays, net
    )


# --- tables ---------------------------------------------------------------------------------

_COLUMNS = {  # BreakEven field -> readable header
    "baseline_monthly_usd": "baseline a month",
    "candidate_monthly_usd": "candidate a month",
    "monthly_extra_usd": "recurring extras",
    "monthly_savings_usd": "saving a month",
    "upfront_usd": "upfront",
    "break_even_days": "days to break even",
    "worth_evaluating": "worth evaluating",
}


def break_even_frame(
    results: Mapping[str, BreakEven], columns: Sequence[str] = tuple(_COLUMNS)
) -> Any:
    """A pandas DataFrame of labelled break-even results, with readable headers.

    Money is shown as whole dollars (:func:`ftlib.money`), days to one decimal, and a
    break-even that never comes (or comes after the horizon) says so in words.

    Examples
    --------
    >>> from ftlib.costs import break_even
    >>> df = break_even_frame({"legal": break_even(4_250, 1_040, 200)})
    >>> df.loc["legal", "saving a month"], df.loc["legal", "days to break even"]
    ('$3,210', '1.9')
    """
    import pandas as pd

    unknown = [c for c in columns if c not in _COLUMNS]
    if unknown:
        raise FtlibError("columns", unknown[0], "fields of " + ", ".join(_COLUMNS))
    rows = {}
    for label, r in results.items():
        row: dict[str, str] = {}
        for name in columns:
            value = getattr(r, name)
            if name == "break_even_days":
                beyond = f"over {BREAK_EVEN_HORIZON_MONTHS // 12} years"
                text = {"never": "never", "beyond_horizon": beyond}.get(r.status)
                row[_COLUMNS[name]] = text or f"{value:,.1f}"
            elif name == "worth_evaluating":
                row[_COLUMNS[name]] = "yes" if value else "no"
            else:
                row[_COLUMNS[name]] = money(value)
        rows[label] = row
    return pd.DataFrame.from_dict(rows, orient="index")
