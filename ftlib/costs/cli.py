"""``ftlib cost``, ``ftlib breakeven`` and ``ftlib models``: catalog and cost math in a shell."""

from __future__ import annotations

import argparse
import datetime as _dt
import textwrap

from ..catalog import models as _catalog
from ..catalog.cli import catalog_and_warning, catalog_flags, warning_line
from ..core import clock as _clock
from ..core.cli import emit, table
from ..core.errors import FtlibError, check_date, check_number
from ..core.tables import money
from . import bills as _costs
from . import payback as _payback

__all__: list[str] = []  # command module: nothing to re-export

_WORKLOAD_FLAGS = {
    "requests_per_month": "--requests",
    "input_tokens_per_request": "--input-tokens",
    "output_tokens_per_request": "--output-tokens",
}


# Accepted ranges of the numeric flags: wide enough for any real workload, narrow enough
# that no bill or break-even overflows a float.
_RANGES: dict[str, tuple[float, float, bool]] = {  # flag: (minimum, maximum, minimum excluded)
    "--requests": (0, 1e12, False),
    "--input-tokens": (0, 1e8, False),
    "--output-tokens": (0, 1e8, False),
    "--reasoning-tokens": (0, 1e8, False),
    "--candidate-input-tokens": (0, 1e8, False),
    "--upfront-usd": (0, 1e12, False),
    "--monthly-extra-usd": (0, 1e12, False),
    "--retrain-usd": (0, 1e12, False),
    "--retrain-every-months": (0, 1_200, True),
    "--gpu-tokens-per-second": (0, 1e7, True),
    "--utilisation": (0, 1, True),
    "--cached-share": (0, 1, False),
}
_PRICE_RANGE = (0, 1e4, False)  # USD per 1M tokens


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "cost", help="monthly inference cost of one model (or typed prices) for a workload"
    )
    _price_flags(p, "")
    _workload_flags(p)
    _usage_flags(p, "")
    _gpu_flags(p)
    p.add_argument("--as-of", help="prices in force on this date, YYYY-MM-DD (default: today)")
    catalog_flags(p)
    p.set_defaults(handler=run_cost, field_flags={**_WORKLOAD_FLAGS, **_price_field_flags("")})

    p = sub.add_parser(
        "breakeven", help="when a candidate's upfront cost is repaid by a cheaper monthly bill"
    )
    _price_flags(p, "baseline")
    _price_flags(p, "candidate")
    _workload_flags(p)
    _usage_flags(p, "baseline")
    _usage_flags(p, "candidate")
    p.add_argument(
        "--candidate-input-tokens",
        type=float,
        metavar="N",
        help="the candidate's own prompt length, when shorter (a tuned model needs no examples)",
    )
    _gpu_flags(p)
    p.add_argument(
        "--upfront-usd",
        type=float,
        required=True,
        help="one-off costs: training, labelling, eval set, engineering",
    )
    p.add_argument(
        "--monthly-extra-usd",
        type=float,
        default=0.0,
        help="the candidate's recurring extras: hosting, support",
    )
    p.add_argument("--retrain-usd", type=float, metavar="USD", help="cost of one retraining run")
    p.add_argument(
        "--retrain-every-months",
        type=float,
        metavar="N",
        help="months between retraining runs (with --retrain-usd; spread as a monthly cost)",
    )
    p.add_argument(
        "--as-of", help="date of the decision and of the prices, YYYY-MM-DD (default: today)"
    )
    p.add_argument(
        "--existing-customer",
        action="store_true",
        help="your organisation already has access to a route closed to new users",
    )
    catalog_flags(p)
    p.set_defaults(
        handler=run_breakeven,
        field_flags={
            **_WORKLOAD_FLAGS,
            **_price_field_flags("baseline"),
            **_price_field_flags("candidate"),
            "upfront_usd": "--upfront-usd",
            "monthly_extra_usd": "--monthly-extra-usd",
            "as_of": "--as-of",
        },
    )


def _price_flags(p: argparse.ArgumentParser, who: str) -> None:
    dash = f"{who}-" if who else ""
    p.add_argument(
        f"--{who or 'model'}",
        dest=f"{who or 'model'}_id",
        metavar="ID",
        help=f"{who or 'model'} id from the catalog",
    )
    p.add_argument(
        f"--{dash}input-price",
        type=float,
        metavar="USD",
        help="typed price, USD per 1M input tokens",
    )
    p.add_argument(
        f"--{dash}output-price",
        type=float,
        metavar="USD",
        help="typed price, USD per 1M output tokens",
    )


def _usage_flags(p: argparse.ArgumentParser, who: str) -> None:
    dash = f"{who}-" if who else ""
    p.add_argument(
        f"--{dash}cached-share",
        type=float,
        default=0.0,
        metavar="F",
        help="share of input tokens read from the prompt cache, 0 to 1",
    )
    p.add_argument(f"--{dash}batch", action="store_true", help="use the model's Batch API prices")
    p.add_argument(
        f"--{dash}reasoning-tokens",
        type=float,
        default=0.0,
        metavar="N",
        help="hidden reasoning tokens per request, billed as output (measure them)",
    )


def _gpu_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--gpu-tokens-per-second",
        type=float,
        metavar="N",
        help="self-hosted only: tokens one GPU serves a second (default "
        f"{_costs.ASSUMED_TOKENS_PER_SECOND_PER_GPU:g}, an assumption: measure yours)",
    )
    p.add_argument(
        "--utilisation",
        type=float,
        metavar="F",
        help="self-hosted only: share of that throughput you plan to use, 0 to 1 (default 1)",
    )


def _price_field_flags(who: str) -> dict[str, str]:
    dash, under = (f"{who}-", f"{who}_") if who else ("", "")
    return {
        f"{under}input_price": f"--{dash}input-price",
        f"{under}output_price": f"--{dash}output-price",
        f"{who or 'model'}_id": f"--{who or 'model'}",
        "vintage": "--vintage",
        "today": "--today",
    }


def _workload_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--requests", type=float, required=True, help="requests a month")
    p.add_argument("--input-tokens", type=float, required=True, help="input tokens per request")
    p.add_argument("--output-tokens", type=float, required=True, help="output tokens per request")


def _check_ranges(args: argparse.Namespace) -> None:
    """Every numeric flag within its range; the error names the flag and the range."""
    flags = dict(_RANGES)
    for who in ("", "baseline-", "candidate-"):
        flags[f"--{who}input-price"] = _PRICE_RANGE
        flags[f"--{who}output-price"] = _PRICE_RANGE
        flags[f"--{who}cached-share"] = _RANGES["--cached-share"]
        flags[f"--{who}reasoning-tokens"] = _RANGES["--reasoning-tokens"]
    for flag, (low, high, strict) in flags.items():
        value = getattr(args, flag[2:].replace("-", "_"), None)
        if value is not None:
            check_number(flag, value, minimum=low, maximum=high, strict_minimum=strict)


def _workload(args: argparse.Namespace) -> _costs.Workload:
    return _costs.Workload(args.requests, args.input_tokens, args.output_tokens)


def _day(args: argparse.Namespace) -> _dt.date:
    if args.as_of is not None:
        return check_date("--as-of", args.as_of)
    return check_date("--today", args.today) if args.today else _clock.today()


def _prices(
    args: argparse.Namespace, cat: _catalog.Catalog, who: str, on: _dt.date | None = None
) -> _costs.Prices:
    """Prices from ``--ID`` or from the two typed flags, never both, never half."""
    under = f"{who}_" if who else ""
    id_field = f"{who or 'model'}_id"
    model_id = getattr(args, id_field)
    typed = (getattr(args, f"{under}input_price"), getattr(args, f"{under}output_price"))
    if model_id is not None:
        if any(t is not None for t in typed):
            raise FtlibError(id_field, model_id, "either a catalog id or typed prices, not both")
        try:
            row = cat.get(model_id)
        except FtlibError as exc:
            raise FtlibError(id_field, model_id, exc.accepted, exc.hint) from None
        if not row.has_prices:
            raise FtlibError(
                id_field,
                model_id,
                f"a model with published prices in catalog {cat.vintage}",
                "type the prices with the input/output price flags instead",
            )
        if row.kind == "self-hosted" and row.hosting_usd_per_month:
            return _costs.billed_prices(
                row,
                on=on,
                tokens_per_second_per_gpu=args.gpu_tokens_per_second,
                target_utilisation=1.0 if args.utilisation is None else args.utilisation,
            )
        _no_gpu_flags(args, model_id)
        return _costs.Prices.from_row(row, on=on)
    for name, value in zip(("input_price", "output_price"), typed, strict=True):
        if value is None:
            raise FtlibError(
                f"{under}{name}",
                None,
                f"a price in USD per 1M tokens (or a catalog id with --{who or 'model'})",
            )
        check_number(f"{under}{name}", value, minimum=0)
    _no_gpu_flags(args, "typed prices")
    return _costs.Prices(*typed)


def _no_gpu_flags(args: argparse.Namespace, what: str) -> None:
    if args.command == "breakeven":
        return  # the GPU flags there apply to whichever side is self-hosted
    for flag in ("--gpu-tokens-per-second", "--utilisation"):
        value = getattr(args, flag[2:].replace("-", "_"))
        if value is not None:
            raise FtlibError(flag, value, f"no value for {what}: it applies to self-hosted models")


def _usage(args: argparse.Namespace, who: str) -> _costs.Usage:
    under = f"{who}_" if who else ""
    prompt = args.candidate_input_tokens if who == "candidate" else None
    return _costs.Usage(
        getattr(args, f"{under}cached_share"),
        getattr(args, f"{under}batch"),
        getattr(args, f"{under}reasoning_tokens"),
        prompt,
    )


def _bill(
    args: argparse.Namespace, prices: _costs.Prices, who: str
) -> tuple[_costs.InferenceCost, _costs.Usage]:
    """The side's bill; a refused cached share or Batch names that side's flag."""
    usage = _usage(args, who)
    try:
        return _costs.monthly_cost(_workload(args), prices, usage=usage), usage
    except FtlibError as exc:
        dash = f"{who}-" if who else ""
        flag = {
            "batch": f"--{dash}batch",
            "cached_share": f"--{dash}cached-share",
            "requests_per_month": "--requests",
        }.get(exc.field, exc.field)
        raise FtlibError(flag, exc.value, exc.accepted, exc.hint) from None


def _provenance(prices: _costs.Prices, usage: _costs.Usage) -> dict:
    plan = prices.gpus
    return {
        "label": prices.label,
        "input_usd_per_1m_tokens": prices.input_usd_per_1m_tokens,
        "output_usd_per_1m_tokens": prices.output_usd_per_1m_tokens,
        "cached_input_usd_per_1m_tokens": prices.cached_input_usd_per_1m_tokens,
        "batch_input_usd_per_1m_tokens": prices.batch_input_usd_per_1m_tokens,
        "batch_output_usd_per_1m_tokens": prices.batch_output_usd_per_1m_tokens,
        "fixed_usd_per_month": prices.fixed_usd_per_month,
        "usd_per_gpu_month": plan.usd_per_gpu_month if plan else None,
        "gpu_tokens_per_second": plan.tokens_per_second_per_gpu if plan else None,
        "utilisation": plan.target_utilisation if plan else None,
        "cached_share": usage.cached_share,
        "batch": usage.batch,
        "reasoning_tokens_per_request": usage.reasoning_tokens_per_request,
        "as_of": str(prices.as_of) if prices.as_of else None,
        "source": prices.source,
    }


def run_cost(args: argparse.Namespace) -> int:
    _check_ranges(args)
    cat, warning = catalog_and_warning(args)
    day = _day(args)
    prices = _prices(args, cat, "", day)
    cost, usage = _bill(args, prices, "")
    notes = [_serving_note(cat.get(args.model_id), day)] if args.model_id else []
    result = {
        "monthly_cost_usd": cost.monthly_cost_usd,
        "gpus": cost.gpus,
        "input_tokens_per_month": cost.input_tokens_per_month,
        "output_tokens_per_month": cost.output_tokens_per_month,
        "reasoning_tokens_per_month": cost.reasoning_tokens_per_month,
        "input_usd": cost.input_usd,
        "output_usd": cost.output_usd,
        "fixed_usd": cost.fixed_usd,
        "prices": _provenance(prices, usage),
        "on": day.isoformat(),
        "notes": [n for n in notes if n],
        "catalog": cat.vintage,
        "warning": warning,
    }
    emit(result, args.json, _render_cost)
    return 0


def _serving_note(row: _catalog.ModelRow, day: _dt.date) -> str:
    """A retired model's bill says so; one due to retire says when, worded for ``day``."""
    status = row.status_on(day)
    retired = next((e for e in row.lifecycle if e.status == "retired"), None)
    if status.status == "retired" and retired is not None:
        return (
            f"{row.id} stopped serving {_clock.dated_phrase(retired.date, day)} "
            f"({retired.confidence}): this bill is for a model that can no longer be called."
        )
    if status.status == "not_yet_available":
        return f"{row.id} is not available on {day.isoformat()}."
    if retired is not None and retired.date > day:
        return (
            f"{row.id} is due to stop serving {_clock.dated_phrase(retired.date, day)} "
            f"({retired.confidence})."
        )
    return ""


def _render_cost(r: dict) -> str:
    p = r["prices"]
    rows = [
        ("input tokens a month", f"{r['input_tokens_per_month']:,.0f}"),
        ("output tokens a month", f"{r['output_tokens_per_month']:,.0f}"),
    ]
    if r["reasoning_tokens_per_month"]:
        rows.append(("  of which reasoning", f"{r['reasoning_tokens_per_month']:,.0f}"))
    rows += [
        ("input cost", money(r["input_usd"], decimals=2)),
        ("output cost", money(r["output_usd"], decimals=2)),
    ]
    if r["gpus"] is not None:
        rows.append(
            (
                f"GPUs ({r['gpus']:,} x {money(p['usd_per_gpu_month'], decimals=2)})",
                money(r["fixed_usd"], decimals=2),
            )
        )
    elif r["fixed_usd"]:
        rows.append(("fixed monthly fee", money(r["fixed_usd"], decimals=2)))
    rows.append(("monthly cost", money(r["monthly_cost_usd"], decimals=2)))
    notes = "".join(
        "\n" + textwrap.fill(n, 79, initial_indent="NOTE: ", subsequent_indent="      ")
        for n in r["notes"]
    )
    return (
        table(rows, ("", "")).split("\n", 2)[2]
        + "\n"
        + _price_line(p)
        + _gpu_line(p)
        + notes
        + warning_line(r["warning"])
    )


def _price_line(p: dict) -> str:
    when = f"as of {p['as_of']}, " if p["as_of"] else ""
    how = []
    if p["batch"]:
        how.append("Batch prices")
    if p["cached_share"]:
        how.append(
            f"{p['cached_share']:.0%} of input cached at ${p['cached_input_usd_per_1m_tokens']:g}"
        )
    if p["reasoning_tokens_per_request"]:
        how.append(f"{p['reasoning_tokens_per_request']:,g} reasoning tokens a request")
    extra = f"; {', '.join(how)}" if how else ""
    return (
        f"{p['label']}: ${p['input_usd_per_1m_tokens']:g} / ${p['output_usd_per_1m_tokens']:g} "
        f"per 1M tokens ({when}{p['source']}){extra}"
    )


def _gpu_line(p: dict) -> str:
    if p["gpu_tokens_per_second"] is None:
        return ""
    return (
        f"\nGPUs sized for {p['gpu_tokens_per_second']:,g} tokens a second each at "
        f"{p['utilisation']:.0%} utilisation, {_costs.HOURS_PER_MONTH} hours a month: an "
        "assumption, set --gpu-tokens-per-second and --utilisation from your own measurement"
    )


def run_breakeven(args: argparse.Namespace) -> int:
    _check_ranges(args)
    if (args.retrain_usd is None) != (args.retrain_every_months is None):
        missing = "--retrain-every-months" if args.retrain_every_months is None else "--retrain-usd"
        raise FtlibError(
            missing, None, "a value: give --retrain-usd and --retrain-every-months together"
        )
    cat, warning = catalog_and_warning(args)
    on = _day(args)
    baseline, candidate = _prices(args, cat, "baseline", on), _prices(args, cat, "candidate", on)
    base_bill, base_usage = _bill(args, baseline, "baseline")
    cand_bill, cand_usage = _bill(args, candidate, "candidate")
    retraining = 0.0
    if args.retrain_usd is not None:
        retraining = _costs.retraining_usd_per_month(args.retrain_usd, args.retrain_every_months)
    r = _costs.break_even(
        base_bill.monthly_cost_usd,
        cand_bill.monthly_cost_usd,
        args.upfront_usd,
        args.monthly_extra_usd + retraining,
    )
    row = cat.get(args.candidate_id) if args.candidate_id else None
    life = _payback.candidate_life(r, row, on, existing_customer=args.existing_customer)
    stopped = life.retires_on is not None and life.retires_on <= on
    unusable = life.status in ("retired", "not_yet_available") or stopped
    result = {
        **r.to_dict(),
        # a candidate that no longer serves (or is not out yet) is never worth evaluating
        "worth_evaluating": r.worth_evaluating and not unusable,
        "break_even_horizon_months": _costs.BREAK_EVEN_HORIZON_MONTHS,
        "retraining_usd_per_month": retraining,
        "baseline_gpus": base_bill.gpus,
        "candidate_gpus": cand_bill.gpus,
        **life.to_dict(),
        "notes": _life_notes(life, r, args.existing_customer),
        "baseline": _provenance(baseline, base_usage),
        "candidate": _provenance(candidate, cand_usage),
        "catalog": cat.vintage,
        "warning": warning,
    }
    emit(result, args.json, _render_breakeven)
    return 0


def _life_notes(life: _payback.CandidateLife, r: _costs.BreakEven, existing: bool) -> list[str]:
    notes = []
    if life.status == "closed_to_new_users" and not existing:
        notes.append(
            f"{life.model_id} is closed to new users on {life.as_of}: only an organisation "
            "that already has access can start it (say so with --existing-customer)."
        )
    elif life.status in ("training_closed", "not_yet_available"):
        notes.append(f"{life.model_id} is {life.status.replace('_', ' ')} on {life.as_of}.")
    if life.retires_on is not None and life.retires_on <= life.as_of:
        notes.append(
            f"{life.model_id} stopped serving "
            f"{_clock.dated_phrase(life.retires_on, life.as_of)} "
            f"({life.retirement_confidence}): it can no longer be called, so switching to it is "
            "not worth evaluating."
        )
    elif life.retires_on is not None:
        outcome = (
            "it pays back before then"
            if life.pays_back_before_retirement
            else "it does not pay back before then"
        )
        notes.append(
            f"{life.model_id} is due to stop serving "
            f"{_clock.dated_phrase(life.retires_on, life.as_of)} "
            f"({life.retirement_confidence}): {outcome} "
            f"(net {money(life.net_savings_until_retirement_usd or 0.0, decimals=2)} by then)."
        )
    return notes


def _render_breakeven(r: dict) -> str:
    status = r["break_even_status"]
    if status == "never":
        when = "never: the candidate saves nothing each month"
    elif status == "beyond_horizon":
        years = r["break_even_horizon_months"] // 12
        when = f"beyond {years} years (a saving of ${r['monthly_savings_usd']:.2g} a month)"
    else:
        when = f"{r['break_even_months']:.2f} months ({r['break_even_days']:.1f} days)"
    rows = [
        ("baseline monthly", money(r["baseline_monthly_usd"], decimals=2)),
        ("candidate monthly", money(r["candidate_monthly_usd"], decimals=2)),
        ("candidate recurring extras", money(r["monthly_extra_usd"], decimals=2)),
    ]
    if r["retraining_usd_per_month"]:
        rows.append(("  of which retraining", money(r["retraining_usd_per_month"], decimals=2)))
    rows += [
        ("monthly savings", money(r["monthly_savings_usd"], decimals=2)),
        ("upfront cost", money(r["upfront_usd"], decimals=2)),
        ("break-even", when),
        (
            "worth evaluating (upfront < 3 months of savings)",
            "yes" if r["worth_evaluating"] else "no",
        ),
    ]
    if r["candidate_retires_on"] is not None:
        rows += [
            (
                "candidate stops serving",
                f"{r['candidate_retires_on']} ({r['candidate_retirement_confidence']})",
            ),
            ("pays back before then", "yes" if r["pays_back_before_retirement"] else "no"),
            ("net savings until then", money(r["net_savings_until_retirement_usd"], decimals=2)),
        ]
    body = table(rows, ("", "")).split("\n", 2)[2]
    notes = "".join(
        "\n" + textwrap.fill(n, 79, initial_indent="NOTE: ", subsequent_indent="      ")
        for n in r["notes"]
    )
    return (
        body
        + "\n"
        + _price_line(r["baseline"])
        + "\n"
        + _price_line(r["candidate"])
        + _gpu_line(r["candidate"])
        + notes
        + warning_line(r["warning"])
    )
