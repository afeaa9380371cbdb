"""``ftlib compare`` and ``ftlib abort``.

``compare``: a paired verdict from a predictions file. ``abort``: the stop rule applied
to checkpoint scores.
"""

from __future__ import annotations

import argparse
from typing import Any

from .. import abort as _abort
from .. import comparison as _cmp
from ..errors import FtlibError
from ..predictions import read_predictions
from . import emit, table


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

    a = sub.add_parser(
        "abort",
        help="apply an abort criterion to checkpoint scores: continue or stop, and why",
        description=(
            "Exit status: 0 continue or target met, 1 budget spent without the target, 2 bad usage."
        ),
    )
    a.add_argument(
        "--metric", default="accuracy", help="the primary metric's name (default: accuracy)"
    )
    a.add_argument("--baseline", type=float, required=True, help="the prompted baseline's score")
    a.add_argument(
        "--target", type=float, required=True, help="the score that makes training worth it"
    )
    a.add_argument(
        "--checkpoints",
        type=int,
        default=_abort.TRAINING_RUNS_BUDGET[0],
        help="checkpoints the budget allows",
    )
    a.add_argument("--lower-is-better", action="store_true", help="for error rates or latency")
    a.add_argument(
        "--scores", default="", help="checkpoint scores so far, comma-separated, first first"
    )
    a.add_argument("--json", action="store_true", help="print JSON instead of text")
    a.set_defaults(
        handler=run_abort,
        field_flags={
            "baseline_score": "--baseline",
            "target_score": "--target",
            "max_checkpoints": "--checkpoints",
            "metric": "--metric",
            "scores": "--scores",
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


def run_abort(args: argparse.Namespace) -> int:
    try:
        scores = [float(s) for s in args.scores.split(",") if s.strip()]
    except ValueError:
        raise FtlibError(
            "scores", args.scores, "numbers separated by commas, e.g. 0.84,0.87"
        ) from None
    rule = _abort.record_abort_criterion(
        args.metric,
        args.baseline,
        args.target,
        max_checkpoints=args.checkpoints,
        higher_is_better=not args.lower_is_better,
    )
    try:
        d = _abort.judge_checkpoints(rule, scores)
    except FtlibError as exc:  # scores[2]: name the flag and the position the user typed
        if not exc.field.startswith("scores["):
            raise
        position = int(exc.field[7:-1]) + 1
        raise FtlibError(
            "scores", args.scores, f"finite numbers (score {position} is {exc.value!r})"
        ) from None
    emit(
        {
            "criterion": rule.statement(),
            "action": d.action,
            "outcome": d.outcome,
            "reason": d.reason,
            "checkpoints_used": d.checkpoints_used,
            "best_score": d.best_score,
        },
        args.json,
        lambda r: f"{r['criterion']}\n{r['action'].upper()} ({r['outcome']}): {r['reason']}",
    )
    return 1 if d.outcome == "budget-spent" else 0
