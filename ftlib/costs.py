"""Cost math: monthly inference, training, self-hosting and break-even.

Pure functions over frozen dataclasses; no widgets, no plotting. Prices are USD
per 1M tokens; a month is :data:`ftlib.rules.DAYS_PER_MONTH` days for
break-even days and :data:`HOURS_PER_MONTH` hours for always-on GPUs.
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass

import numpy as np

from .catalog import Catalog, ModelRow, load_catalog
from .errors import FtlibError, check_int, check_number
from .rules import DAYS_PER_MONTH, PAYBACK_MONTHS

__all__ = [
    "HOURS_PER_MONTH",
    "Workload",
    "Prices",
    "InferenceCost",
    "SelfHostedCost",
    "BreakEven",
    "VolumeSweep",
    "model_prices",
    "monthly_cost",
    "training_cost_usd",
    "hourly_training_cost_usd",
    "retraining_usd_per_month",
    "self_hosted_cost",
    "break_even",
    "compare_costs",
    "cumulative_costs",
    "volume_sweep",
    "break_even_months_grid",
]

HOURS_PER_MONTH = 730  # 24 h x 365 d / 12: a GPU left running all month
_PER_1M = 1_000_000


@dataclass(frozen=True)
class Workload:
    """Monthly request volume and the token mix of one request."""

    requests_per_month: float
    input_tokens_per_request: float
    output_tokens_per_request: float

    def __post_init__(self) -> None:
        check_number("requests_per_month", self.requests_per_month, minimum=0)
        check_number("input_tokens_per_request", self.input_tokens_per_request, minimum=0)
        check_number("output_tokens_per_request", self.output_tokens_per_request, minimum=0)

    @property
    def input_tokens_per_month(self) -> float:
        return float(self.requests_per_month) * self.input_tokens_per_request

    @property
    def output_tokens_per_month(self) -> float:
        return float(self.requests_per_month) * self.output_tokens_per_request


@dataclass(frozen=True)
class Prices:
    """What one option costs: USD per 1M input and output tokens, plus a fixed monthly fee.

    ``label``, ``as_of`` and ``source`` travel with the numbers so that every
    figure and table can say how old they are.
    """

    input_usd_per_1m_tokens: float
    output_usd_per_1m_tokens: float
    fixed_usd_per_month: float = 0.0
    label: str = "typed prices"
    as_of: _dt.date | None = None
    source: str = "typed by the user"

    def __post_init__(self) -> None:
        check_number("input_usd_per_1m_tokens", self.input_usd_per_1m_tokens, minimum=0)
        check_number("output_usd_per_1m_tokens", self.output_usd_per_1m_tokens, minimum=0)
        check_number("fixed_usd_per_month", self.fixed_usd_per_month, minimum=0)

    @classmethod
    def from_row(cls, row: ModelRow) -> Prices:
        """The prices of a catalog row; a row without a published price is an error."""
        for name in ("input_usd_per_1m_tokens", "output_usd_per_1m_tokens"):
            if getattr(row, name) is None:
                raise FtlibError(
                    f"{row.id}.{name}",
                    None,
                    "a published price in USD per 1M tokens",
                    f"the catalog has no price for {row.id} as of {row.as_of}; type the prices instead",
                )
        return cls(
            row.input_usd_per_1m_tokens,
            row.output_usd_per_1m_tokens,
            row.hosting_usd_per_month or 0.0,
            row.id,
            row.as_of,
            row.source,
        )


@dataclass(frozen=True)
class InferenceCost:
    """Monthly inference bill for one workload at one set of prices."""

    input_tokens_per_month: float
    output_tokens_per_month: float
    input_usd: float
    output_usd: float
    fixed_usd: float
    monthly_cost_usd: float


@dataclass(frozen=True)
class SelfHostedCost:
    """GPUs needed for a workload, their monthly bill and how busy they are."""

    gpus: int
    gpu_hours_per_month: float
    monthly_cost_usd: float
    utilisation: float  # share of the GPUs' throughput the workload uses, 0..1


@dataclass(frozen=True)
class BreakEven:
    """Baseline versus candidate: monthly bills, savings and when upfront cost is repaid.

    ``break_even_months`` and ``break_even_days`` are ``None`` when the candidate
    saves nothing each month: it then never pays back.
    """

    baseline_monthly_usd: float
    candidate_monthly_usd: float
    monthly_extra_usd: float
    upfront_usd: float
    monthly_savings_usd: float
    break_even_months: float | None
    break_even_days: float | None
    worth_evaluating: bool

    @property
    def breaks_even(self) -> bool:
        return self.break_even_months is not None

    def to_dict(self) -> dict:
        """Plain values for JSON and tables."""
        return {
            "baseline_monthly_usd": self.baseline_monthly_usd,
            "candidate_monthly_usd": self.candidate_monthly_usd,
            "monthly_extra_usd": self.monthly_extra_usd,
            "upfront_usd": self.upfront_usd,
            "monthly_savings_usd": self.monthly_savings_usd,
            "break_even_months": self.break_even_months,
            "break_even_days": self.break_even_days,
            "worth_evaluating": self.worth_evaluating,
        }


def model_prices(model_id: str, catalog: Catalog | str | None = None) -> Prices:
    """Prices of ``model_id`` from a catalog (a :class:`Catalog`, a vintage id, or the newest).

    Examples
    --------
    >>> model_prices("gpt-4.1-mini-ft", "article-2026-04").output_usd_per_1m_tokens
    1.6
    >>> model_prices("gpt-4.1-mini-ft").output_usd_per_1m_tokens
    3.2
    """
    cat = catalog if isinstance(catalog, Catalog) else load_catalog(catalog)
    return Prices.from_row(cat.get(model_id))


def monthly_cost(workload: Workload, prices: Prices) -> InferenceCost:
    """Monthly inference cost: tokens a month times the price per 1M tokens, plus fixed fees.

    Examples
    --------
    The article's worked example: 1M requests, 500 input and 200 output tokens each.

    >>> w = Workload(1_000_000, 500, 200)
    >>> monthly_cost(w, Prices(2.50, 15.00)).monthly_cost_usd
    4250.0
    """
    in_usd = workload.input_tokens_per_month / _PER_1M * prices.input_usd_per_1m_tokens
    out_usd = workload.output_tokens_per_month / _PER_1M * prices.output_usd_per_1m_tokens
    fixed = float(prices.fixed_usd_per_month)
    return InferenceCost(
        workload.input_tokens_per_month,
        workload.output_tokens_per_month,
        in_usd,
        out_usd,
        fixed,
        in_usd + out_usd + fixed,
    )


def training_cost_usd(
    training_tokens: float, epochs: int, usd_per_1m_training_tokens: float
) -> float:
    """Token-billed training (SFT): tokens in the file x epochs x price per 1M training tokens.

    Examples
    --------
    1,500 examples of 700 tokens, 3 epochs, at 5 USD per 1M training tokens:

    >>> round(training_cost_usd(1_500 * 700, 3, 5.00), 2)
    15.75
    """
    tokens = check_number("training_tokens", training_tokens, minimum=0)
    n = check_int("epochs", epochs, minimum=1)
    price = check_number("usd_per_1m_training_tokens", usd_per_1m_training_tokens, minimum=0)
    return tokens * n / _PER_1M * price


def hourly_training_cost_usd(hours: float, usd_per_hour: float) -> float:
    """Time-billed training (e.g. RFT at a rate per wall-clock hour).

    Examples
    --------
    >>> hourly_training_cost_usd(3, 100.0)
    300.0
    """
    h = check_number("hours", hours, minimum=0)
    return h * check_number("usd_per_hour", usd_per_hour, minimum=0)


def retraining_usd_per_month(retraining_usd: float, months_between_retraining: float) -> float:
    """Spread the cost of retraining (for instance when a base model is retired) over the months between runs.

    Examples
    --------
    >>> retraining_usd_per_month(1_200, 6)
    200.0
    """
    usd = check_number("retraining_usd", retraining_usd, minimum=0)
    months = check_number(
        "months_between_retraining", months_between_retraining, minimum=0, strict_minimum=True
    )
    return usd / months


def self_hosted_cost(
    workload: Workload,
    gpu_usd_per_hour: float,
    tokens_per_second_per_gpu: float,
    *,
    min_gpus: int = 1,
    hours_per_month: float = HOURS_PER_MONTH,
) -> SelfHostedCost:
    """Always-on GPUs: throughput decides how many; each costs its hourly rate all month.

    ``tokens_per_second_per_gpu`` counts input and output tokens together, at
    the average load the deployment sustains.

    Examples
    --------
    One L4 at 0.8048 USD an hour covers 100K requests of 700 tokens easily:

    >>> c = self_hosted_cost(Workload(100_000, 500, 200), 0.8048, 400)
    >>> c.gpus, round(c.monthly_cost_usd, 2)
    (1, 587.5)
    """
    rate = check_number("gpu_usd_per_hour", gpu_usd_per_hour, minimum=0)
    tps = check_number(
        "tokens_per_second_per_gpu", tokens_per_second_per_gpu, minimum=0, strict_minimum=True
    )
    floor = check_int("min_gpus", min_gpus, minimum=1)
    hours = check_number("hours_per_month", hours_per_month, minimum=0, strict_minimum=True)
    tokens = workload.input_tokens_per_month + workload.output_tokens_per_month
    capacity_per_gpu = tps * 3600 * hours
    gpus = max(floor, math.ceil(tokens / capacity_per_gpu))
    return SelfHostedCost(
        gpus, gpus * hours, gpus * hours * rate, tokens / (gpus * capacity_per_gpu)
    )


def break_even(
    baseline_monthly_usd: float,
    candidate_monthly_usd: float,
    upfront_usd: float,
    monthly_extra_usd: float = 0.0,
) -> BreakEven:
    """When does the candidate's upfront cost pay back through lower monthly bills?

    ``upfront_usd`` sums one-off costs (training, labelling, building the eval
    set, engineering time); ``monthly_extra_usd`` adds the candidate's recurring
    costs (hosting, retraining spread per month). Worth evaluating follows the
    article's rule: upfront cost below :data:`ftlib.rules.PAYBACK_MONTHS` months of savings.

    Examples
    --------
    The article's legal-tech case: $200 of training, $4,250 down to $520 a month.

    >>> r = break_even(4_250, 520, 200)
    >>> round(r.break_even_days, 1), r.worth_evaluating
    (1.6, True)
    >>> break_even(520, 1_040, 200).break_even_days is None
    True
    """
    base = check_number("baseline_monthly_usd", baseline_monthly_usd, minimum=0)
    cand = check_number("candidate_monthly_usd", candidate_monthly_usd, minimum=0)
    upfront = check_number("upfront_usd", upfront_usd, minimum=0)
    extra = check_number("monthly_extra_usd", monthly_extra_usd, minimum=0)
    savings = base - cand - extra
    if savings <= 0:
        return BreakEven(base, cand, extra, upfront, savings, None, None, False)
    months = upfront / savings
    return BreakEven(
        base,
        cand,
        extra,
        upfront,
        savings,
        months,
        months * DAYS_PER_MONTH,
        upfront < PAYBACK_MONTHS * savings,
    )


def compare_costs(
    workload: Workload,
    baseline: Prices,
    candidate: Prices,
    upfront_usd: float,
    monthly_extra_usd: float = 0.0,
) -> BreakEven:
    """Break-even of a candidate against a baseline for one workload.

    Examples
    --------
    >>> w = Workload(1_000_000, 500, 200)
    >>> r = compare_costs(w, model_prices("gpt-5.4"), model_prices("gpt-4.1-mini-ft"), 200)
    >>> r.candidate_monthly_usd, round(r.break_even_days, 1)
    (1040.0, 1.9)
    """
    return break_even(
        monthly_cost(workload, baseline).monthly_cost_usd,
        monthly_cost(workload, candidate).monthly_cost_usd,
        upfront_usd,
        monthly_extra_usd,
    )


def cumulative_costs(result: BreakEven, months: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Cumulative spend of baseline and candidate after ``months`` (the candidate starts at its upfront cost).

    Examples
    --------
    >>> base, cand = cumulative_costs(break_even(100, 40, 120), np.array([0.0, 2.0]))
    >>> base.tolist(), cand.tolist()
    ([0.0, 200.0], [120.0, 200.0])
    """
    m = np.asarray(months, dtype=float)
    return result.baseline_monthly_usd * m, result.upfront_usd + (
        result.candidate_monthly_usd + result.monthly_extra_usd
    ) * m


@dataclass(frozen=True)
class VolumeSweep:
    """Monthly bills and break-even across many volumes (arrays of equal length).

    ``break_even_months`` is NaN wherever the candidate never pays back.
    """

    requests_per_month: np.ndarray
    baseline_monthly_usd: np.ndarray
    candidate_monthly_usd: np.ndarray
    monthly_savings_usd: np.ndarray
    break_even_months: np.ndarray


def _check_array(field: str, values, *, positive: bool = False) -> np.ndarray:
    arr = np.asarray(values, dtype=float)
    if arr.ndim != 1 or arr.size == 0:
        raise FtlibError(field, values, "a non-empty one-dimensional sequence of numbers")
    bad = ~np.isfinite(arr) | ((arr <= 0) if positive else (arr < 0))
    if bad.any():
        raise FtlibError(
            field, float(arr[bad][0]), "finite numbers " + ("> 0" if positive else ">= 0")
        )
    return arr


def volume_sweep(
    requests_per_month,
    input_tokens_per_request: float,
    output_tokens_per_request: float,
    baseline: Prices,
    candidate: Prices,
    upfront_usd: float,
    monthly_extra_usd: float = 0.0,
) -> VolumeSweep:
    """Vectorised :func:`compare_costs` over an array of monthly volumes.

    Examples
    --------
    >>> s = volume_sweep([1e4, 1e6], 500, 200, Prices(2.5, 15), Prices(0.8, 3.2), 200)
    >>> s.candidate_monthly_usd.tolist()
    [10.4, 1040.0]
    """
    volume = _check_array("requests_per_month", requests_per_month)
    Workload(1, input_tokens_per_request, output_tokens_per_request)  # validates the token mix
    upfront = check_number("upfront_usd", upfront_usd, minimum=0)
    extra = check_number("monthly_extra_usd", monthly_extra_usd, minimum=0)
    base = _bill(volume, input_tokens_per_request, output_tokens_per_request, baseline)
    cand = _bill(volume, input_tokens_per_request, output_tokens_per_request, candidate)
    savings = base - cand - extra
    return VolumeSweep(volume, base, cand, savings, _months(upfront, savings))


def break_even_months_grid(
    requests_per_month,
    candidate_price_scale,
    input_tokens_per_request: float,
    output_tokens_per_request: float,
    baseline: Prices,
    candidate: Prices,
    upfront_usd: float,
    monthly_extra_usd: float = 0.0,
) -> np.ndarray:
    """Break-even months over volume (rows) x a multiplier on the candidate's token prices (columns).

    NaN marks combinations that never pay back.

    Examples
    --------
    >>> g = break_even_months_grid([1e6], [1.0, 2.0], 500, 200, Prices(2.5, 15), Prices(0.4, 1.6), 200)
    >>> (g[0] * 30).round(1).tolist()
    [1.6, 1.9]
    """
    volume = _check_array("requests_per_month", requests_per_month)[:, None]
    scale = _check_array("candidate_price_scale", candidate_price_scale)[None, :]
    Workload(1, input_tokens_per_request, output_tokens_per_request)
    upfront = check_number("upfront_usd", upfront_usd, minimum=0)
    extra = check_number("monthly_extra_usd", monthly_extra_usd, minimum=0)
    base = _bill(volume, input_tokens_per_request, output_tokens_per_request, baseline)
    cand = _bill(volume, input_tokens_per_request, output_tokens_per_request, candidate, scale)
    savings = base - cand - extra
    return _months(upfront, savings)


def _bill(
    volume: np.ndarray,
    input_tokens: float,
    output_tokens: float,
    prices: Prices,
    scale: float | np.ndarray = 1.0,
) -> np.ndarray:
    """Monthly bill for each volume, computed in the same order as :func:`monthly_cost`."""
    in_usd = volume * input_tokens / _PER_1M * prices.input_usd_per_1m_tokens
    out_usd = volume * output_tokens / _PER_1M * prices.output_usd_per_1m_tokens
    return (in_usd + out_usd) * scale + prices.fixed_usd_per_month


def _months(upfront: float, savings: np.ndarray) -> np.ndarray:
    """Upfront / savings where savings are positive, NaN elsewhere."""
    out = np.full(savings.shape, np.nan)
    np.divide(upfront, savings, out=out, where=savings > 0)
    return out
