"""``ftlib rules``: the article's rules of thumb, and where a volume falls."""

from __future__ import annotations

import argparse

from ..core.cli import emit, table
from . import thresholds as _rules


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "rules", help="the article's rules of thumb; with --requests, the volume band"
    )
    p.add_argument(
        "--requests", type=float, help="requests a month, to place among the volume thresholds"
    )
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(handler=run, field_flags={"requests_per_month": "--requests"})


def run(args: argparse.Namespace) -> int:
    result: dict[str, object] = {
        "rules": [{"id": r.id, "text": r.text, "source": r.source} for r in _rules.RULES]
    }
    if args.requests is not None:
        band = _rules.volume_band(args.requests)
        result["volume_band"] = {
            "name": band.name,
            "requests_per_month": band.requests_per_month,
            "advice": band.advice,
        }
    emit(result, args.json, _render)
    return 0


def _render(result: dict) -> str:
    text = table([(r["id"], r["text"]) for r in result["rules"]], ("rule", "in short"))
    if "volume_band" in result:
        band = result["volume_band"]
        volume = f"{band['requests_per_month']:,.0f} requests a month"
        text += f"\n\n{volume}: {band['name']}. {band['advice']}"
    return text
