"""Cost math: monthly inference, training, self-hosting and break-even.

Pure functions over frozen dataclasses; no widgets, no plotting. Prices are USD
per 1M tokens. One formula prices every bill (:func:`monthly_bill_usd`, which takes
numbers or numpy arrays): the scalar :func:`monthly_cost`, the sweeps, the plots and
the CLI all call it.

Two month conventions, one per quantity: break-even and lifetimes count
:data:`ftlib.rules.DAYS_PER_MONTH` (30) days a month; a GPU left running all month
is billed :data:`HOURS_PER_MONTH` (730) hours, the cloud providers' own month.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..catalog.models import Catalog, ModelRow, load_catalog
from ..core.errors import FtlibError, check_int, check_number
from ..rules.thresholds import DAYS_PER_MONTH, PAYBACK_MONTHS

__all__ = [
    "HOURS_PER_MONTH",
    "ASSUMED_TOKENS_PER_SECOND_PER_GPU",
    "CHART_HORIZONS_MONTHS",
    "chart_horizon_months",
    "billed_prices",
    "BREAK_EVEN_HORIZON_MONTHS",
    "Workload",
    "Usage",
    "GpuPlan",
    "Prices",
    "InferenceCost",
    "SelfHostedCost",
    "BreakEven",
    "VolumeSweep",
    "model_prices",
    "monthly_bill_usd",
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
# An assumption, not a measurement: input and output tokens one 24 GB GPU serves per
# second, on average, for a 4-bit 24-32B model with batched requests. Measure your own.
ASSUMED_TOKENS_PER_SECOND_PER_GPU = 400.0
BREAK_EVEN_HORIZON_MONTHS = 1_200  # 100 years: a later break-even is reported as "beyond"
_PER_1M = 1_000_000


def _number(field: str, value: Any, **bounds: Any) -> float:
    """:func:`check_number`, with integers too large for a float refused the same way."""
    try:
        return check_number(field, value, **bounds)
    except OverflowError:
        digits = len(str(abs(int(value)))) if int(value).bit_length() < 14_000 else "thousands of"
        raise FtlibError(
            field, f"an integer of {digits} digits", "a finite number (at most about 1.8e308)"
        ) from None


@dataclass(frozen=True)
class Workload:
    """Monthly request volume and the token mix of one request."""

    requests_per_month: float
    input_tokens_per_request: float
    output_tokens_per_request: float

    def __post_init__(self) -> None:
        _number("requests_per_month", self.requests_per_month, minimum=0)
        _number("input_tokens_per_request", self.input_tokens_per_request, minimum=0)
        _number("output_tokens_per_request", self.output_tokens_per_request, minimum=0)

    @property
    def input_tokens_per_month(self) -> float:
        return float(self.requests_per_month) * self.input_tokens_per_request

    @property
    def output_tokens_per_month(self) -> float:
        return float(self.requests_per_month) * self.output_tokens_per_request


@dataclass(frozen=True)
class Usage:
    """How one option is called, when that differs from plain list-price requests.

    ``cached_share`` of the input tokens is billed at the model's cached-input price
    (a long prompt prefix that repeats); ``batch`` uses the Batch API's prices;
    ``reasoning_tokens_per_request`` are hidden output tokens a reasoning model bills
    on top of the answer; ``input_tokens_per_request``, when given, replaces the
    workload's prompt length for this option (a tuned model needs no examples in
    its prompt).

    Examples
    --------
    >>> Usage(cached_share=0.9).batch
    False
    """

    cached_share: float = 0.0
    batch: bool = False
    reasoning_tokens_per_request: float = 0.0
    input_tokens_per_request: float | None = None

    def __post_init__(self) -> None:
        _number("cached_share", self.cached_share, minimum=0, maximum=1)
        if not isinstance(self.batch, (bool, np.bool_)):
            raise FtlibError("batch", self.batch, "True or False")
        _number("reasoning_tokens_per_request", self.reasoning_tokens_per_request, minimum=0)
        if self.input_tokens_per_request is not None:
            _number("input_tokens_per_request", self.input_tokens_per_request, minimum=0)


_PLAIN = Usage()


@dataclass(frozen=True)
class GpuPlan:
    """Always-on GPUs: what one costs a month and how many tokens it serves.

    ``tokens_per_second_per_gpu`` (input and output together) is an assumption
    to replace with your own measurement; ``target_utilisation`` is the share of
    that throughput you plan to use on average, leaving headroom for peaks.

    Examples
    --------
    >>> plan = GpuPlan(587.5, 400)
    >>> plan.tokens_per_gpu_month
    1051200000.0
    >>> int(plan.gpus_for(7e10))  # 100M requests of 700 tokens
    67
    """

    usd_per_gpu_month: float
    tokens_per_second_per_gpu: float = ASSUMED_TOKENS_PER_SECOND_PER_GPU
    target_utilisation: float = 1.0
    hours_per_month: float = HOURS_PER_MONTH
    min_gpus: int = 1

    def __post_init__(self) -> None:
        _number("usd_per_gpu_month", self.usd_per_gpu_month, minimum=0)
        _number(
            "tokens_per_second_per_gpu",
            self.tokens_per_second_per_gpu,
            minimum=0,
            strict_minimum=True,
        )
        _number(
            "target_utilisation", self.target_utilisation, minimum=0, maximum=1, strict_minimum=True
        )
        _number("hours_per_month", self.hours_per_month, minimum=0, strict_minimum=True)
        check_int("min_gpus", self.min_gpus, minimum=1)

    @classmethod
    def hourly(
        cls,
        usd_per_hour: float,
        tokens_per_second_per_gpu: float = ASSUMED_TOKENS_PER_SECOND_PER_GPU,
        *,
        target_utilisation: float = 1.0,
        hours_per_month: float = HOURS_PER_MONTH,
        min_gpus: int = 1,
    ) -> GpuPlan:
        """A plan from an hourly rental rate (billed ``hours_per_month`` hours a month)."""
        rate = _number("gpu_usd_per_hour", usd_per_hour, minimum=0)
        hours = _number("hours_per_month", hours_per_month, minimum=0, strict_minimum=True)
        return cls(rate * hours, tokens_per_second_per_gpu, target_utilisation, hours, min_gpus)

    @property
    def tokens_per_gpu_month(self) -> float:
        """Tokens one GPU serves in a month at the planned utilisation."""
        return (
            float(self.tokens_per_second_per_gpu)
            * self.target_utilisation
            * 3600
            * self.hours_per_month
        )

    def gpus_for(self, tokens_per_month: Any) -> np.ndarray:
        """GPUs needed for each monthly token count: a whole number, never below ``min_gpus``."""
        return np.maximum(
            self.min_gpus, np.ceil(np.asarray(tokens_per_month) / self.tokens_per_gpu_month)
        )


@dataclass(frozen=True)
class Prices:
    """What one option costs: USD per 1M input and output tokens, plus a fixed monthly fee.

    ``label``, ``as_of`` and ``source`` travel with the numbers so that every
    figure and table can say how old they are. The cached-input and Batch prices
    are ``None`` where the model has none; ``gpus``, when set, adds always-on GPUs
    whose number grows in steps with the tokens served.
    """

    input_usd_per_1m_tokens: float
    output_usd_per_1m_tokens: float
    fixed_usd_per_month: float = 0.0
    label: str = "typed prices"
    as_of: _dt.date | None = None
    source: str = "typed by the user"
    cached_input_usd_per_1m_tokens: float | None = None
    batch_input_usd_per_1m_tokens: float | None = None
    batch_output_usd_per_1m_tokens: float | None = None
    gpus: GpuPlan | None = None

    def __post_init__(self) -> None:
        _number("input_usd_per_1m_tokens", self.input_usd_per_1m_tokens, minimum=0)
        _number("output_usd_per_1m_tokens", self.output_usd_per_1m_tokens, minimum=0)
        _number("fixed_usd_per_month", self.fixed_usd_per_month, minimum=0)
        for name in (
            "cached_input_usd_per_1m_tokens",
            "batch_input_usd_per_1m_tokens",
            "batch_output_usd_per_1m_tokens",
        ):
            if getattr(self, name) is not None:
                _number(name, getattr(self, name), minimum=0)
        if self.gpus is not None and not isinstance(self.gpus, GpuPlan):
            raise FtlibError("gpus", self.gpus, "a GpuPlan or None")

    @classmethod
    def from_row(
        cls,
        row: ModelRow,
        *,
        on: _dt.date | str | None = None,
        tokens_per_second_per_gpu: float | None = None,
        target_utilisation: float = 1.0,
    ) -> Prices:
        """The prices of a catalog row; a row without a published price is an error.

        ``on`` applies the row's dated price changes up to that day. A self-hosted
        row's monthly fee is one GPU all month; give ``tokens_per_second_per_gpu`` to
        turn it into a :class:`GpuPlan` whose GPU count follows the traffic.
        """
        values: dict[str, Any] = {
            name: getattr(row, name, None)
            for name in (
                "input_usd_per_1m_tokens",
                "output_usd_per_1m_tokens",
                "cached_input_usd_per_1m_tokens",
                "batch_input_usd_per_1m_tokens",
                "batch_output_usd_per_1m_tokens",
            )
        }
        as_of, source = row.as_of, row.source
        if on is not None and hasattr(row, "prices_on"):
            dated = row.prices_on(on)
            values = {name: getattr(dated, name) for name in values}
            if dated.since is not None:  # "as of" stays the day the figure was checked
                source = dated.source
        for name in ("input_usd_per_1m_tokens", "output_usd_per_1m_tokens"):
            if values[name] is None:
                raise FtlibError(
                    f"{row.id}.{name}",
                    None,
                    "a published price in USD per 1M tokens",
                    f"the catalog has no price for {row.id} as of {row.as_of}; "
                    "type the prices instead",
                )
        fixed, plan = row.hosting_usd_per_month or 0.0, None
        if tokens_per_second_per_gpu is not None:
            if row.kind != "self-hosted" or not row.hosting_usd_per_month:
                raise FtlibError(
                    "tokens_per_second_per_gpu",
                    tokens_per_second_per_gpu,
                    f"no value for {row.id}: GPU throughput applies to self-hosted rows only",
                )
            plan = GpuPlan(fixed, tokens_per_second_per_gpu, target_utilisation)
            fixed = 0.0
        return cls(
            values["input_usd_per_1m_tokens"],
            values["output_usd_per_1m_tokens"],
            fixed,
            row.id,
            as_of,
            source,
            cached_input_usd_per_1m_tokens=values["cached_input_usd_per_1m_tokens"],
            batch_input_usd_per_1m_tokens=values["batch_input_usd_per_1m_tokens"],
            batch_output_usd_per_1m_tokens=values["batch_output_usd_per_1m_tokens"],
            gpus=plan,
        )


@dataclass(frozen=True)
class InferenceCost:
    """Monthly inference bill for one workload at one set of prices.

    ``output_tokens_per_month`` includes ``reasoning_tokens_per_month``; ``fixed_usd``
    includes the GPUs of a :class:`GpuPlan` (``gpus`` is ``None`` without one).
    """

    input_tokens_per_month: float
    output_tokens_per_month: float
    input_usd: float
    output_usd: float
    fixed_usd: float
    monthly_cost_usd: float
    reasoning_tokens_per_month: float = 0.0
    gpus: int | None = None


@dataclass(frozen=True)
class SelfHostedCost:
    """GPUs needed for a workload, their monthly bill and how busy they are."""

    gpus: int
    gpu_hours_per_month: float
    monthly_cost_usd: float
    utilisation: float  # share of the GPUs' full throughput the workload uses, 0..1


@dataclass(frozen=True)
class BreakEven:
    """Baseline versus candidate: monthly bills, savings and when upfront cost is repaid.

    ``break_even_months`` and ``break_even_days`` are ``None`` when the candidate
    saves nothing each month (it then never pays back), and also in the rare case
    where a tiny saving against a huge upfront cost gives a quotient too large for a
    float; :attr:`status` tells the two apart.
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

    @property
    def status(self) -> str:
        """``"pays_back"``, ``"beyond_horizon"`` (later than :data:`BREAK_EVEN_HORIZON_MONTHS`)
        or ``"never"`` (the candidate saves nothing a month)."""
        if not self.monthly_savings_usd > 0:
            return "never"
        if self.break_even_months is None or self.break_even_months > BREAK_EVEN_HORIZON_MONTHS:
            return "beyond_horizon"
        return "pays_back"

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
            "break_even_status": self.status,
            "worth_evaluating": self.worth_evaluating,
        }


# The spans a break-even chart may take, in months: the first at least 2.5x the break-even (a
# short fixed list, so axes change rarely), 12 months when there is none. The live chart and the
# static page's script both read these numbers (the page gets them as data).
CHART_HORIZONS_MONTHS: tuple[float, ...] = (0.25, 0.5, 1, 2, 4, 6, 12, 24, 36, 60)
CHART_HORIZON_FACTOR = 2.5
CHART_HORIZON_NEVER_MONTHS = 12.0


def chart_horizon_months(break_even_months: float | None) -> float:
    """How many months a break-even chart spans, so the crossing sits in its first 40%.

    Examples
    --------
    >>> chart_horizon_months(0.06), chart_horizon_months(5), chart_horizon_months(None)
    (0.25, 24.0, 12.0)
    >>> chart_horizon_months(100)
    250.0
    """
    if break_even_months is None:
        return CHART_HORIZON_NEVER_MONTHS
    for h in CHART_HORIZONS_MONTHS:
        if CHART_HORIZON_FACTOR * break_even_months <= h:
            return float(h)
    return CHART_HORIZON_FACTOR * break_even_months


def billed_prices(
    row: ModelRow,
    *,
    on: _dt.date | str | None = None,
    tokens_per_second_per_gpu: float | None = None,
    target_utilisation: float = 1.0,
) -> Prices:
    """A catalog row's prices as the calculator and ``ftlib cost`` bill them.

    A self-hosted row gets a :class:`GpuPlan` (at
    :data:`ASSUMED_TOKENS_PER_SECOND_PER_GPU` unless given), so its GPU count follows the
    traffic; any other row is :meth:`Prices.from_row`.

    Examples
    --------
    >>> row = load_catalog("checked-2026-11").get("self-hosted-lora")
    >>> billed_prices(row).gpus.tokens_per_second_per_gpu == ASSUMED_TOKENS_PER_SECOND_PER_GPU
    True
    """
    if row.kind == "self-hosted" and row.hosting_usd_per_month:
        tps = (
            ASSUMED_TOKENS_PER_SECOND_PER_GPU
            if tokens_per_second_per_gpu is None
            else tokens_per_second_per_gpu
        )
        return Prices.from_row(
            row, on=on, tokens_per_second_per_gpu=tps, target_utilisation=target_utilisation
        )
    return Prices.from_row(row, on=on)


def model_prices(
    model_id: str,
    catalog: Catalog | str | None = None,
    *,
    on: _dt.date | str | None = None,
    tokens_per_second_per_gpu: float | None = None,
    target_utilisation: float = 1.0,
) -> Prices:
    """Prices of ``model_id`` from a catalog (a :class:`Catalog`, a vintage id, or the newest).

    ``on`` applies dated price changes up to that day; ``tokens_per_second_per_gpu``
    sizes a self-hosted row's GPUs to the traffic (see :meth:`Prices.from_row`).

    Examples
    --------
    >>> model_prices("gpt-4.1-mini-ft", "article-2026-04").output_usd_per_1m_tokens
    1.6
    >>> model_prices("gpt-4.1-mini-ft", "checked-2026-11").output_usd_per_1m_tokens
    3.2
    """
    cat = catalog if isinstance(catalog, Catalog) else load_catalog(catalog)
    return Prices.from_row(
        cat.get(model_id),
        on=on,
        tokens_per_second_per_gpu=tokens_per_second_per_gpu,
        target_utilisation=target_utilisation,
    )


def _rates(prices: Prices, usage: Usage) -> tuple[float, float]:
    """USD per 1M input and output tokens for this way of calling the model."""
    price_in, price_out = prices.input_usd_per_1m_tokens, prices.output_usd_per_1m_tokens
    if usage.batch:
        batch_in = prices.batch_input_usd_per_1m_tokens
        batch_out = prices.batch_output_usd_per_1m_tokens
        if batch_in is None or batch_out is None:
            raise FtlibError(
                "batch",
                True,
                f"False for {prices.label}, which has no Batch price in the catalog",
            )
        price_in, price_out = batch_in, batch_out
    share = float(usage.cached_share)
    if share == 0:
        return float(price_in), float(price_out)
    cached = prices.cached_input_usd_per_1m_tokens
    if cached is None:
        raise FtlibError(
            "cached_share",
            usage.cached_share,
            f"0 for {prices.label}, which has no cached-input price in the catalog",
        )
    cached = min(cached, price_in)  # a cached token never costs more than an uncached one
    return (1 - share) * price_in + share * cached, float(price_out)


def _bill_parts(
    requests_per_month: Any,
    input_tokens_per_request: float,
    output_tokens_per_request: float,
    prices: Prices,
    usage: Usage | None,
    price_scale: Any = 1.0,
) -> dict[str, Any]:
    """The one formula: tokens, their cost and the fixed part, for numbers or arrays."""
    use = _PLAIN if usage is None else usage
    rate_in, rate_out = _rates(prices, use)
    t_in = use.input_tokens_per_request
    if t_in is None:
        t_in = input_tokens_per_request
    scalar = np.ndim(requests_per_month) == 0
    # Plain floats for one volume (fast, for widgets), arrays for sweeps: the same arithmetic.
    volume = float(requests_per_month) if scalar else np.asarray(requests_per_month, dtype=float)
    with contextlib.nullcontext() if scalar else np.errstate(over="ignore", invalid="ignore"):
        in_tokens = volume * t_in
        reasoning = volume * use.reasoning_tokens_per_request
        out_tokens = volume * (output_tokens_per_request + use.reasoning_tokens_per_request)
        in_usd = in_tokens / _PER_1M * rate_in
        out_usd = out_tokens / _PER_1M * rate_out
        fixed: Any = float(prices.fixed_usd_per_month)
        gpus = None
        if prices.gpus is not None:
            gpus = prices.gpus.gpus_for(in_tokens + out_tokens)
            fixed = fixed + gpus * prices.gpus.usd_per_gpu_month
        # The scale multiplies token prices only, never the fixed fee or the GPUs.
        total = (in_usd + out_usd) * price_scale + fixed
    if not (math.isfinite(total) if scalar else np.isfinite(total).all()):
        raise FtlibError(
            "requests_per_month",
            float(np.max(volume)),
            "a volume and token counts whose monthly bill stays a finite number",
        )
    return {
        "input_tokens": in_tokens,
        "output_tokens": out_tokens,
        "reasoning_tokens": reasoning,
        "input_usd": in_usd * price_scale,
        "output_usd": out_usd * price_scale,
        "fixed_usd": fixed,
        "total": total,
        "gpus": gpus,
    }


def monthly_bill_usd(
    requests_per_month: Any,
    input_tokens_per_request: float,
    output_tokens_per_request: float,
    prices: Prices,
    *,
    usage: Usage | None = None,
    price_scale: Any = 1.0,
) -> np.ndarray:
    """Monthly bill in USD for one volume or an array of volumes (numpy broadcasting).

    ``price_scale`` multiplies the per-token prices (not the fixed fee or the GPUs),
    for sensitivity sweeps.

    Examples
    --------
    >>> monthly_bill_usd([1e4, 1e6], 500, 200, Prices(0.8, 3.2)).tolist()
    [10.4, 1040.0]
    >>> float(monthly_bill_usd(1e6, 500, 200, Prices(0.8, 3.2, 100.0), price_scale=2.0))
    2180.0
    """
    return _bill_parts(
        requests_per_month,
        input_tokens_per_request,
        output_tokens_per_request,
        prices,
        usage,
        price_scale,
    )["total"]


def monthly_cost(
    workload: Workload, prices: Prices, *, usage: Usage | None = None
) -> InferenceCost:
    """Monthly inference cost: tokens a month times the price per 1M tokens, plus fixed fees.

    Examples
    --------
    The article's worked example: 1M requests, 500 input and 200 output tokens each.

    >>> w = Workload(1_000_000, 500, 200)
    >>> monthly_cost(w, Prices(2.50, 15.00)).monthly_cost_usd
    4250.0

    With 80% of the input read from the prompt cache at 0.25 per 1M tokens:

    >>> p = Prices(2.50, 15.00, cached_input_usd_per_1m_tokens=0.25)
    >>> monthly_cost(w, p, usage=Usage(cached_share=0.8)).input_usd
    350.0
    """
    parts = _bill_parts(
        workload.requests_per_month,
        workload.input_tokens_per_request,
        workload.output_tokens_per_request,
        prices,
        usage,
    )
    gpus = None if parts["gpus"] is None else int(parts["gpus"])
    return InferenceCost(
        float(parts["input_tokens"]),
        float(parts["output_tokens"]),
        float(parts["input_usd"]),
        float(parts["output_usd"]),
        float(parts["fixed_usd"]),
        float(parts["total"]),
        float(parts["reasoning_tokens"]),
        gpus,
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
    tokens = _number("training_tokens", training_tokens, minimum=0)
    n = check_int("epochs", epochs, minimum=1)
    price = _number("usd_per_1m_training_tokens", usd_per_1m_training_tokens, minimum=0)
    return tokens * n / _PER_1M * price


def hourly_training_cost_usd(hours: float, usd_per_hour: float) -> float:
    """Time-billed training (e.g. RFT at a rate per wall-clock hour).

    Examples
    --------
    >>> hourly_training_cost_usd(3, 100.0)
    300.0
    """
    h = _number("hours", hours, minimum=0)
    return h * _number("usd_per_hour", usd_per_hour, minimum=0)


def retraining_usd_per_month(retraining_usd: float, months_between_retraining: float) -> float:
    """Spread the cost of retraining (when a base model retires) over the months between runs.

    Examples
    --------
    >>> retraining_usd_per_month(1_200, 6)
    200.0
    """
    usd = _number("retraining_usd", retraining_usd, minimum=0)
    months = _number(
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
    target_utilisation: float = 1.0,
) -> SelfHostedCost:
    """Always-on GPUs: throughput decides how many; each costs its hourly rate all month.

    ``tokens_per_second_per_gpu`` counts input and output tokens together, at
    the average load the deployment sustains; ``target_utilisation`` keeps that
    share of it as the most you plan to use (headroom for peaks).

    Examples
    --------
    One L4 at 0.8048 USD an hour covers 100K requests of 700 tokens easily:

    >>> c = self_hosted_cost(Workload(100_000, 500, 200), 0.8048, 400)
    >>> c.gpus, round(c.monthly_cost_usd, 2)
    (1, 587.5)
    """
    plan = GpuPlan.hourly(
        gpu_usd_per_hour,
        tokens_per_second_per_gpu,
        target_utilisation=target_utilisation,
        hours_per_month=hours_per_month,
        min_gpus=min_gpus,
    )
    prices = Prices(0.0, 0.0, gpus=plan, label="self-hosted GPUs")
    cost = monthly_cost(workload, prices)
    gpus = int(cost.gpus or 0)
    tokens = cost.input_tokens_per_month + cost.output_tokens_per_month
    full = float(plan.tokens_per_second_per_gpu) * 3600 * plan.hours_per_month
    return SelfHostedCost(
        gpus, gpus * plan.hours_per_month, cost.monthly_cost_usd, tokens / (gpus * full)
    )


def _months(upfront: Any, savings: Any) -> Any:
    """Upfront / savings where savings are positive, NaN elsewhere (inf if it overflows)."""
    if np.ndim(savings) == 0:  # one break-even: plain floats, the same rule
        return upfront / savings if savings > 0 else math.nan
    savings = np.asarray(savings, dtype=float)
    out = np.full(savings.shape, np.nan)
    with np.errstate(over="ignore", divide="ignore"):
        np.divide(upfront, savings, out=out, where=savings > 0)
    return out


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
    >>> break_even(520, 1_040, 200).status
    'never'
    """
    base = _number("baseline_monthly_usd", baseline_monthly_usd, minimum=0)
    cand = _number("candidate_monthly_usd", candidate_monthly_usd, minimum=0)
    upfront = _number("upfront_usd", upfront_usd, minimum=0)
    extra = _number("monthly_extra_usd", monthly_extra_usd, minimum=0)
    savings = base - cand - extra
    months = float(_months(upfront, savings))
    if not math.isfinite(months):  # never (NaN), or too large for a float (inf)
        return BreakEven(base, cand, extra, upfront, savings, None, None, False)
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
    *,
    baseline_usage: Usage | None = None,
    candidate_usage: Usage | None = None,
) -> BreakEven:
    """Break-even of a candidate against a baseline for one workload.

    Each side takes its own :class:`Usage` (cached share, Batch, reasoning tokens,
    prompt length).

    Examples
    --------
    >>> w = Workload(1_000_000, 500, 200)
    >>> base, cand = (model_prices(m, "checked-2026-11") for m in ("gpt-5.4", "gpt-4.1-mini-ft"))
    >>> r = compare_costs(w, base, cand, 200)
    >>> r.candidate_monthly_usd, round(r.break_even_days, 1)
    (1040.0, 1.9)
    """
    return break_even(
        monthly_cost(workload, baseline, usage=baseline_usage).monthly_cost_usd,
        monthly_cost(workload, candidate, usage=candidate_usage).monthly_cost_usd,
        upfront_usd,
        monthly_extra_usd,
    )


# --- sweeps ----------------------------------------------------------------------------------


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

    def first_volume_within(self, months: float = PAYBACK_MONTHS) -> float | None:
        """The smallest swept volume whose break-even is at most ``months`` (``None``: none).

        Examples
        --------
        >>> s = volume_sweep([1e4, 2e4, 3e4], 500, 200, Prices(2.5, 15), Prices(0.8, 3.2), 200)
        >>> s.first_volume_within(3)
        30000.0
        """
        limit = _number("months", months, minimum=0)
        ok = self.break_even_months <= limit  # NaN (never) compares False
        return float(np.min(self.requests_per_month[ok])) if ok.any() else None


def _check_array(field: str, values: Any, *, positive: bool = False) -> np.ndarray:
    raw = np.asarray(values)
    accepted = "a non-empty one-dimensional sequence of finite numbers " + (
        "> 0" if positive else ">= 0"
    )
    if raw.dtype.kind not in "iuf" or raw.ndim != 1 or raw.size == 0:
        raise FtlibError(field, values, accepted)
    try:
        arr = raw.astype(float)
    except OverflowError:  # Python ints beyond the float range (object arrays)
        raise FtlibError(field, "an integer too large for a float", accepted) from None
    bad = ~np.isfinite(arr) | ((arr <= 0) if positive else (arr < 0))
    if bad.any():
        raise FtlibError(field, float(arr[bad][0]), accepted)
    return arr


def _sweep(
    volume: np.ndarray,
    scale: Any,
    input_tokens_per_request: float,
    output_tokens_per_request: float,
    baseline: Prices,
    candidate: Prices,
    upfront_usd: float,
    monthly_extra_usd: float,
    baseline_usage: Usage | None,
    candidate_usage: Usage | None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Bills, savings and break-even months for arrays: shared by the sweep and the grid."""
    Workload(1, input_tokens_per_request, output_tokens_per_request)  # validates the token mix
    upfront = _number("upfront_usd", upfront_usd, minimum=0)
    extra = _number("monthly_extra_usd", monthly_extra_usd, minimum=0)
    t_in, t_out = input_tokens_per_request, output_tokens_per_request
    base = monthly_bill_usd(volume, t_in, t_out, baseline, usage=baseline_usage)
    cand = monthly_bill_usd(
        volume, t_in, t_out, candidate, usage=candidate_usage, price_scale=scale
    )
    savings = base - cand - extra
    return base, cand, savings, _months(upfront, savings)


def volume_sweep(
    requests_per_month: Any,
    input_tokens_per_request: float,
    output_tokens_per_request: float,
    baseline: Prices,
    candidate: Prices,
    upfront_usd: float,
    monthly_extra_usd: float = 0.0,
    *,
    baseline_usage: Usage | None = None,
    candidate_usage: Usage | None = None,
) -> VolumeSweep:
    """Vectorised :func:`compare_costs` over an array of monthly volumes.

    Examples
    --------
    >>> s = volume_sweep([1e4, 1e6], 500, 200, Prices(2.5, 15), Prices(0.8, 3.2), 200)
    >>> s.candidate_monthly_usd.tolist()
    [10.4, 1040.0]
    """
    volume = _check_array("requests_per_month", requests_per_month)
    base, cand, savings, months = _sweep(
        volume,
        1.0,
        input_tokens_per_request,
        output_tokens_per_request,
        baseline,
        candidate,
        upfront_usd,
        monthly_extra_usd,
        baseline_usage,
        candidate_usage,
    )
    return VolumeSweep(volume, base, cand, savings, months)


def break_even_months_grid(
    requests_per_month: Any,
    candidate_price_scale: Any,
    input_tokens_per_request: float,
    output_tokens_per_request: float,
    baseline: Prices,
    candidate: Prices,
    upfront_usd: float,
    monthly_extra_usd: float = 0.0,
    *,
    baseline_usage: Usage | None = None,
    candidate_usage: Usage | None = None,
) -> np.ndarray:
    """Break-even months over volume (rows) x a multiplier on the candidate's token prices.

    The multiplier scales the per-token prices only, not a fixed monthly fee.
    NaN marks combinations that never pay back.

    Examples
    --------
    >>> base, cand = Prices(2.5, 15), Prices(0.4, 1.6)
    >>> g = break_even_months_grid([1e6], [1.0, 2.0], 500, 200, base, cand, 200)
    >>> (g[0] * 30).round(1).tolist()
    [1.6, 1.9]
    """
    volume = _check_array("requests_per_month", requests_per_month)[:, None]
    scale = _check_array("candidate_price_scale", candidate_price_scale)[None, :]
    return _sweep(
        volume,
        scale,
        input_tokens_per_request,
        output_tokens_per_request,
        baseline,
        candidate,
        upfront_usd,
        monthly_extra_usd,
        baseline_usage,
        candidate_usage,
    )[3]


def cumulative_costs(result: BreakEven, months: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Cumulative spend of baseline and candidate after ``months`` (the candidate starts at its
    upfront cost).

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
