"""``ftlib compare`` and ``ftlib abort``.

``compare``: a paired verdict from a predictions file. ``abort``: the stop rule applied
to checkpoint scores.
"""

from __future__ import annotations

import argparse
from typing import Any

from ..core.cli import emit, table
from ..core.errors import FtlibError
from . import comparison as _cmp
from .predictions import read_predictions


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "compare",
        help="baseline vs candidate on the same test items: interval, McNemar, verdict",
        description=(
            "Labels compare as written in the file: 1, 1.0 and true are three labels "
            '(in JSONL the string "1" and the number 1 are one). An empty cell or null '
            "prediction counts as wrong. Under 50 items the verdict is marked not firm."
        ),
    )
    p.add_argument("predictions", metavar="FILE", help="CSV or JSONL with one row per test item")
    p.add_argument(
        "--label", default="label", help="column with the correct answer (default: label)"
    )
    p.add_argument(
        "--baseline",
        default="baseline",
        help="column with the baseline's answer (default: baseline)",
    )
    p.add_argument(
        "--candidate",
        default="candidate",
        help="column with the candidate's answer (default: candidate)",
    )
    p.add_argument("--metric", default="accuracy", help="accuracy or macro_f1 (default: accuracy)")
    p.add_argument("--confidence", type=float, default=0.95, help="interval level (default: 0.95)")
    p.add_argument("--seed", type=int, default=0, help="bootstrap seed (default: 0)")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(
        handler=run_compare,
        field_flags={
            "y_true": "--label",
            "baseline_pred": "--baseline",
            "candidate_pred": "--candidate",
            "metric": "--metric",
            "confidence": "--confidence",
            "seed": "--seed",
            "predictions": "FILE",
        },
    )


def run_compare(args: argparse.Namespace) -> int:
    columns = {"--label": args.label, "--baseline": args.baseline, "--candidate": args.candidate}
    try:
        data = read_predictions(args.predictions, list(dict.fromkeys(columns.values())))
    except FtlibError as exc:
        flag = next((f for f, c in columns.items() if c == exc.field), None)
        if exc.field == "predictions" or flag is None:
            raise
        raise FtlibError(flag, exc.value, exc.accepted, exc.hint) from None
    labels = data.columns[args.label]
    for row, label in enumerate(labels):
        if label is None:
            raise FtlibError(
                "predictions",
                args.predictions,
                f"a label in column {args.label!r} on every row",
                f"{data.where(row)} has none: fill it in or drop the row",
            )
    r = _cmp.compare_models(
        labels,
        data.columns[args.baseline],
        data.columns[args.candidate],
        metric=args.metric,
        confidence=args.confidence,
        seed=args.seed,
    )
    emit(
        {
            "metric": r.metric,
            "n_items": r.n_items,
            "baseline_score": r.baseline_score,
            "candidate_score": r.candidate_score,
            "difference": r.difference,
            "ci_low": r.ci_low,
            "ci_high": r.ci_high,
            "confidence": r.confidence,
            "mcnemar": {
                "baseline_only": r.mcnemar.baseline_only,
                "candidate_only": r.mcnemar.candidate_only,
                "p_value": r.mcnemar.p_value,
            },
            "outcome": r.outcome,
            "items_needed": r.items_needed,
            "firm": r.firm,
            "verdict": r.verdict,
        },
        args.json,
        _render_compare,
    )
    return 0


def _render_compare(r: dict[str, Any]) -> str:
    rows = [
        ("baseline", f"{r['baseline_score']:.3f}"),
        ("candidate", f"{r['candidate_score']:.3f}"),
        ("difference", f"{r['difference'] * 100:+.1f} points"),
        (
            f"{r['confidence']:.0%} interval",
            f"{r['ci_low'] * 100:.1f} to {r['ci_high'] * 100:.1f} points",
        ),
        (
            "McNemar",
            f"{r['mcnemar']['baseline_only']} vs {r['mcnemar']['candidate_only']}, p = "
            f"{r['mcnemar']['p_value']:.3g}",
        ),
    ]
    return table(rows, (r["metric"], f"{r['n_items']} items")) + "\n\n" + r["verdict"]
