"""``ftlib ready`` (the readiness gate) and ``ftlib abort`` (apply an abort criterion)."""

from __future__ import annotations

import argparse

from ..core.cli import emit, table
from ..core.errors import FtlibError
from . import abort as _abort
from .gate import READINESS_TEST_SOURCES, ReadinessAnswers, check_readiness


def register(sub: argparse._SubParsersAction) -> None:
    r = sub.add_parser(
        "ready", help="the readiness gate: are the prerequisites for training in place?"
    )
    r.add_argument("--metric", default="", help="the primary metric")
    r.add_argument("--test-examples", type=int, required=True, help="labelled test examples")
    r.add_argument(
        "--test-source",
        required=True,
        help=f"test data source versus training data: {', '.join(READINESS_TEST_SOURCES)}",
    )
    base = r.add_mutually_exclusive_group(required=True)
    base.add_argument(
        "--baseline-measured",
        dest="baseline",
        action="store_true",
        help="a prompted baseline is scored on the test set",
    )
    base.add_argument(
        "--no-baseline", dest="baseline", action="store_false", help="no measured baseline yet"
    )
    r.add_argument("--train-examples", type=int, required=True, help="good training examples")
    r.add_argument("--hypothesis", default="", help="'METRIC from X to Y by teaching BEHAVIOUR'")
    direction = r.add_mutually_exclusive_group()
    direction.add_argument(
        "--higher-is-better",
        dest="higher_is_better",
        action="store_const",
        const=True,
        help="the metric is one to raise (default: read from its name)",
    )
    direction.add_argument(
        "--lower-is-better",
        dest="higher_is_better",
        action="store_const",
        const=False,
        help="the metric is one to bring down, such as error rate or latency",
    )
    r.add_argument("--iterations-budget", type=int, default=0, help="training runs budgeted")
    r.add_argument("--abort-criterion", default="", help="when you will stop and ship the baseline")
    r.add_argument("--json", action="store_true", help="print JSON")
    r.set_defaults(
        handler=run_ready,
        field_flags={
            "metric": "--metric",
            "test_examples": "--test-examples",
            "test_source": "--test-source",
            "train_examples": "--train-examples",
            "hypothesis": "--hypothesis",
            "iterations_budget": "--iterations-budget",
            "abort_criterion": "--abort-criterion",
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


def run_ready(args: argparse.Namespace) -> int:
    answers = ReadinessAnswers(
        metric=args.metric,
        test_examples=args.test_examples,
        test_source=args.test_source,
        baseline_measured=args.baseline,
        train_examples=args.train_examples,
        hypothesis=args.hypothesis,
        iterations_budget=args.iterations_budget,
        abort_criterion=args.abort_criterion,
        higher_is_better=args.higher_is_better,
    )
    result = check_readiness(answers)
    emit(result.to_dict(), args.json, _render_ready)
    return 0 if result.ready else 1


def _render_ready(result: dict) -> str:
    head = (
        "READY: every prerequisite is in place."
        if result["ready"]
        else "NOT READY: fix the failing items first."
    )
    rows = [
        (
            i["name"],
            "pass" if i["passed"] else "FAIL",
            i["reason"] + (f" Next: {i['next_step']}" if i["next_step"] else ""),
        )
        for i in result["items"]
    ]
    return head + "\n\n" + table(rows, ("item", "status", "reason"))


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
