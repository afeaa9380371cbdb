"""``ftlib routes`` (where a team can fine-tune on a date) and ``ftlib catalog refresh``.

Registered by :mod:`ftlib.catalog.cli`, the catalog area's command module.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core import clock as _clock
from ..core.cli import emit, table
from ..core.errors import check_date
from . import models as _catalog
from . import routes as _routes


def register_routes(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "routes", help="where a team can fine-tune on a date: who may train, until when"
    )
    p.add_argument("--on", help="the day, YYYY-MM-DD (default today)")
    p.add_argument(
        "--provider",
        help="only this model provider or platform: "
        + ", ".join(_routes.ROUTE_PROVIDERS)
        + ", or a platform such as azure, vertex, bedrock",
    )
    p.add_argument(
        "--new-team", action="store_true", help="only the routes a new team can train on"
    )
    p.add_argument(
        "--tunes-on",
        help=f"where the team already fine-tunes: {', '.join(_routes.PLATFORMS_TUNED_ON)}",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(
        handler=run_routes,
        field_flags={
            "on": "--on",
            "provider": "--provider",
            "tunes_on": "--tunes-on",
        },
    )

    c = sub.add_parser("catalog", help="the catalog's data: write a new dated vintage")
    csub = c.add_subparsers(dest="catalog_command", metavar="ACTION")
    csub.required = True
    r = csub.add_parser(
        "refresh",
        help="write a new dated vintage from the course's rows and the installed genai-prices",
    )
    r.add_argument("--as-of", help="the vintage's date, YYYY-MM-DD (default today)")
    r.add_argument("--dry-run", action="store_true", help="print what would change, write nothing")
    r.add_argument("--root", default=".", help="the course's root, to find pages that name a model")
    r.set_defaults(handler=run_refresh, field_flags={"as_of": "--as-of"})


def run_routes(args: argparse.Namespace) -> int:
    day = _clock.today() if args.on is None else check_date("on", args.on)
    states = _routes.routes_on(
        day, provider=args.provider, new_team=args.new_team, tunes_on=args.tunes_on
    )
    reg = _routes.load_routes()
    result = {
        "on": day.isoformat(),
        "registry": reg.vintage,
        "as_of": reg.as_of.isoformat(),
        "note": _routes.stale_note(day, reg),
        "tunes_on": args.tunes_on,
        "routes": [s.to_dict() for s in states],
    }
    emit(result, args.json, _render_routes)
    return 0


def _render_routes(r: dict) -> str:
    who = f", for a team that fine-tunes on {r['tunes_on']}" if r["tunes_on"] else ""
    head = f"Fine-tuning routes on {r['on']}{who}. {r['note']}"
    if not r["routes"]:
        return head + "\nNo route matches."
    rows = [
        (
            m["label"],
            ", ".join(_routes.METHOD_NAMES.get(x, x) for x in m["methods"]) or "-",
            m["who_today"],
            m["phrase"],
        )
        for m in r["routes"]
    ]
    return head + "\n" + table(rows, ("route", "methods", "who may train", "on that day"))


def run_refresh(args: argparse.Namespace) -> int:
    from . import refresh as _refresh

    day = _clock.today() if args.as_of is None else check_date("as_of", args.as_of)
    doc = _refresh.refreshed_vintage(day)
    new = _catalog.catalog_from_dict(doc, doc["vintage"])
    old = _catalog.load_catalog()
    changes = _refresh.catalog_changes(old, new, day)
    moved = _refresh.pages_naming([c.model_id for c in changes], Path(args.root))
    lines = [
        f"Vintage {doc['vintage']} from genai-prices {_refresh.genai_prices_version()} "
        f"and {_refresh.COURSE_ROWS}: {len(new.rows)} models, {len(changes)} changes "
        f"against {old.vintage} on {day.isoformat()}."
    ]
    lines += [f"  {c}" for c in changes]
    if moved:
        lines.append("Pages whose numbers move (they name a changed model):")
        lines += [f"  {page}: {', '.join(ids)}" for page, ids in _by_page(moved).items()]
    open_issues = [d for d in _refresh.price_disagreements(new) if not d.explained]
    if open_issues:
        lines.append("Disagreements with genai-prices to explain in course_rows.json:")
        lines += [f"  {d}" for d in open_issues]
    if not args.dry_run:
        folder = Path(str(_catalog.resources.files("ftlib").joinpath("data/catalog")))
        path = _refresh.write_vintage(doc, folder)
        lines.append(f"Wrote {path} and its manifest line.")
    print("\n".join(lines))
    return 0


def _by_page(moved: dict[str, tuple[str, ...]]) -> dict[str, list[str]]:
    pages: dict[str, list[str]] = {}
    for model_id, hits in moved.items():
        for page in hits:
            pages.setdefault(page, []).append(model_id)
    return dict(sorted(pages.items()))
