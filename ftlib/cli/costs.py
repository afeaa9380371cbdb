"""``ftlib cost``, ``ftlib breakeven`` and ``ftlib models``: the catalog and the cost math from a shell."""

from __future__ import annotations

import argparse
import datetime as _dt

from .. import catalog as _catalog
from .. import costs as _costs
from ..errors import FtlibError, check_date, check_number
from . import emit, table

__all__: list[str] = []  # command module: nothing to re-export

_WORKLOAD_FLAGS = {
    "requests_per_month": "--requests",
    "input_tokens_per_request": "--input-tokens",
    "output_tokens_per_request": "--output-tokens",
}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "cost", help="monthly inference cost of one model (or typed prices) for a workload"
    )
    _price_flags(p, "")
    _workload_flags(p)
    _common_flags(p)
    p.set_defaults(handler=run_cost, field_flags={**_WORKLOAD_FLAGS, **_price_field_flags("")})

    p = sub.add_parser(
        "breakeven", help="when a candidate's upfront cost is repaid by a cheaper monthly bill"
    )
    _price_flags(p, "baseline")
    _price_flags(p, "candidate")
    _workload_flags(p)
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
        help="the candidate's recurring extras: hosting, retraining per month",
    )
    _common_flags(p)
    p.set_defaults(
        handler=run_breakeven,
        field_flags={
            **_WORKLOAD_FLAGS,
            **_price_field_flags("baseline"),
            **_price_field_flags("candidate"),
            "upfront_usd": "--upfront-usd",
            "monthly_extra_usd": "--monthly-extra-usd",
        },
    )

    p = sub.add_parser("models", help="the catalog's models with price, status and date")
    _common_flags(p)
    p.add_argument("--on", help="status on this date, YYYY-MM-DD (default: today)")
    p.set_defaults(
        handler=run_models, field_flags={"on": "--on", "vintage": "--vintage", "today": "--today"}
    )


def _common_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--vintage", help="catalog vintage id or date (default: the newest)")
    p.add_argument(
        "--today", help=argparse.SUPPRESS
    )  # pins "today" for the stale-price warning (tests, docs)
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")


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


def _workload(args: argparse.Namespace) -> _costs.Workload:
    return _costs.Workload(args.requests, args.input_tokens, args.output_tokens)


def _prices(args: argparse.Namespace, cat: _catalog.Catalog, who: str) -> _costs.Prices:
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
        return _costs.Prices.from_row(row)
    for name, value in zip(("input_price", "output_price"), typed):
        if value is None:
            raise FtlibError(
                f"{under}{name}",
                None,
                f"a price in USD per 1M tokens (or a catalog id with --{who or 'model'})",
            )
        check_number(f"{under}{name}", value, minimum=0)
    return _costs.Prices(*typed)


def _catalog_and_warning(args: argparse.Namespace) -> tuple[_catalog.Catalog, str | None]:
    cat = _catalog.load_catalog(args.vintage)
    return cat, cat.stale_warning(today=args.today)


def _provenance(prices: _costs.Prices) -> dict:
    return {
        "label": prices.label,
        "input_usd_per_1m_tokens": prices.input_usd_per_1m_tokens,
        "output_usd_per_1m_tokens": prices.output_usd_per_1m_tokens,
        "fixed_usd_per_month": prices.fixed_usd_per_month,
        "as_of": str(prices.as_of) if prices.as_of else None,
        "source": prices.source,
    }


def run_cost(args: argparse.Namespace) -> int:
    cat, warning = _catalog_and_warning(args)
    prices = _prices(args, cat, "")
    cost = _costs.monthly_cost(_workload(args), prices)
    result = {
        "monthly_cost_usd": cost.monthly_cost_usd,
        "input_tokens_per_month": cost.input_tokens_per_month,
        "output_tokens_per_month": cost.output_tokens_per_month,
        "input_usd": cost.input_usd,
        "output_usd": cost.output_usd,
        "fixed_usd": cost.fixed_usd,
        "prices": _provenance(prices),
        "catalog": cat.vintage,
        "warning": warning,
    }
    emit(result, args.json, _render_cost)
    return 0


def _render_cost(r: dict) -> str:
    p = r["prices"]
    rows = [
        ("input tokens a month", f"{r['input_tokens_per_month']:,.0f}"),
        ("output tokens a month", f"{r['output_tokens_per_month']:,.0f}"),
        ("input cost", _usd(r["input_usd"])),
        ("output cost", _usd(r["output_usd"])),
    ]
    if r["fixed_usd"]:
        rows.append(("fixed monthly fee", _usd(r["fixed_usd"])))
    rows.append(("monthly cost", _usd(r["monthly_cost_usd"])))
    return (
        table(rows, ("", "")).split("\n", 2)[2]
        + "\n"
        + _price_line(p)
        + _warning_line(r["warning"])
    )


def _usd(value: float) -> str:
    return f"{'-' if value < 0 else ''}${abs(value):,.2f}"


def _price_line(p: dict) -> str:
    when = f"as of {p['as_of']}, " if p["as_of"] else ""
    return f"{p['label']}: ${p['input_usd_per_1m_tokens']:g} / ${p['output_usd_per_1m_tokens']:g} per 1M tokens ({when}{p['source']})"


def _warning_line(warning: str | None) -> str:
    return f"\nWARNING: {warning}" if warning else ""


def run_breakeven(args: argparse.Namespace) -> int:
    cat, warning = _catalog_and_warning(args)
    baseline, candidate = _prices(args, cat, "baseline"), _prices(args, cat, "candidate")
    r = _costs.compare_costs(
        _workload(args), baseline, candidate, args.upfront_usd, args.monthly_extra_usd
    )
    result = {
        **r.to_dict(),
        "baseline": _provenance(baseline),
        "candidate": _provenance(candidate),
        "catalog": cat.vintage,
        "warning": warning,
    }
    emit(result, args.json, _render_breakeven)
    return 0


def _render_breakeven(r: dict) -> str:
    if r["break_even_months"] is None:
        when = "never: the candidate saves nothing each month"
    else:
        when = f"{r['break_even_months']:.2f} months ({r['break_even_days']:.1f} days)"
    rows = [
        ("baseline monthly", _usd(r["baseline_monthly_usd"])),
        ("candidate monthly", _usd(r["candidate_monthly_usd"])),
        ("candidate recurring extras", _usd(r["monthly_extra_usd"])),
        ("monthly savings", _usd(r["monthly_savings_usd"])),
        ("upfront cost", _usd(r["upfront_usd"])),
        ("break-even", when),
        (
            "worth evaluating (upfront < 3 months of savings)",
            "yes" if r["worth_evaluating"] else "no",
        ),
    ]
    body = table(rows, ("", "")).split("\n", 2)[2]
    return (
        body
        + "\n"
        + _price_line(r["baseline"])
        + "\n"
        + _price_line(r["candidate"])
        + _warning_line(r["warning"])
    )


def run_models(args: argparse.Namespace) -> int:
    cat, warning = _catalog_and_warning(args)
    on = _dt.date.today() if args.on is None else check_date("on", args.on)
    rows = []
    for row in cat.rows:
        st = row.status_on(on)
        rows.append(
            {
                "id": row.id,
                "provider": row.provider,
                "kind": row.kind,
                "input_usd_per_1m_tokens": row.input_usd_per_1m_tokens,
                "output_usd_per_1m_tokens": row.output_usd_per_1m_tokens,
                "training_usd_per_1m_tokens": row.training_usd_per_1m_tokens,
                "training_usd_per_hour": row.training_usd_per_hour,
                "customisations": list(row.customisations),
                "status": st.status,
                "status_since": str(st.since) if st.since else None,
                "confidence": st.confidence,
                "as_of": str(row.as_of),
                "source": row.source,
            }
        )
    result = {
        "catalog": cat.vintage,
        "as_of": str(cat.as_of),
        "status_on": str(on),
        "warning": warning,
        "models": rows,
    }
    emit(result, args.json, _render_models)
    return 0


def _render_models(r: dict) -> str:
    def price(m: dict) -> str:
        values = (m["input_usd_per_1m_tokens"], m["output_usd_per_1m_tokens"])
        if values == (None, None):
            return "-"
        return " / ".join("n/f" if v is None else f"{v:g}" for v in values)

    def status(m: dict) -> str:
        text = m["status"].replace("_", " ")
        return f"{text} ({m['confidence']})" if m["confidence"] else text

    rows = [
        (m["id"], price(m), ", ".join(m["customisations"]), status(m), m["as_of"])
        for m in r["models"]
    ]
    head = f"Catalog {r['catalog']} (as of {r['as_of']}); status on {r['status_on']}; prices in USD per 1M tokens (in / out)\n"
    return (
        head
        + table(rows, ("id", "price", "customisations", "status", "as_of"))
        + _warning_line(r["warning"])
    )
