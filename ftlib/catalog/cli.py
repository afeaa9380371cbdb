"""``ftlib models``: the catalog's models with price, status and date; the catalog flags every
priced command shares (``--vintage``, ``--json``)."""

from __future__ import annotations

import argparse

from ..core import clock as _clock
from ..core.cli import emit, table
from ..core.errors import check_date
from . import models as _catalog
from .routes_cli import register_routes


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("models", help="the catalog's models with price, status and date")
    catalog_flags(p)
    p.add_argument("--on", help="status and prices on this date, YYYY-MM-DD (default: today)")
    p.set_defaults(
        handler=run_models, field_flags={"on": "--on", "vintage": "--vintage", "today": "--today"}
    )
    register_routes(sub)  # routes, catalog refresh


def run_models(args: argparse.Namespace) -> int:
    cat, warning = catalog_and_warning(args)
    on = _clock.today() if args.on is None else check_date("on", args.on)
    rows = []
    for row in cat.rows:
        st = row.status_on(on)
        prices = row.prices_on(on)  # a dated price change (a promotion ending) applies here
        rows.append(
            {
                "id": row.id,
                "provider": row.provider,
                "kind": row.kind,
                "input_usd_per_1m_tokens": prices.input_usd_per_1m_tokens,
                "output_usd_per_1m_tokens": prices.output_usd_per_1m_tokens,
                "prices_since": str(prices.since) if prices.since else None,
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
        text = " / ".join("n/f" if v is None else f"{v:g}" for v in values)
        return f"{text} (since {m['prices_since']})" if m["prices_since"] else text

    def status(m: dict) -> str:
        text = m["status"].replace("_", " ")
        return f"{text} ({m['confidence']})" if m["confidence"] else text

    rows = [
        (m["id"], price(m), ", ".join(m["customisations"]), status(m), m["as_of"])
        for m in r["models"]
    ]
    head = (
        f"Catalog {r['catalog']} (as of {r['as_of']}); status and prices on {r['status_on']}; "
        "prices in USD per 1M tokens (in / out)\n"
    )
    return (
        head
        + table(rows, ("id", "price", "customisations", "status", "as_of"))
        + warning_line(r["warning"])
    )


def catalog_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--vintage", help="catalog vintage id or date (default: the newest)")
    p.add_argument(
        "--today", help=argparse.SUPPRESS
    )  # pins "today" for the stale-price warning (tests, docs)
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")


def catalog_and_warning(args: argparse.Namespace) -> tuple[_catalog.Catalog, str | None]:
    cat = _catalog.load_catalog(args.vintage)
    return cat, cat.stale_warning(today=args.today)


def warning_line(warning: str | None) -> str:
    return f"\nWARNING: {warning}" if warning else ""
