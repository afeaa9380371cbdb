"""``ftlib judge``: how far an LLM judge agrees with human labels, from a JSONL file."""

from __future__ import annotations

import argparse
import math

from ..core.cli import emit
from .agreement import judge_agreement, read_judged_labels

# Below this many labels the course treats kappa as a rough reading (see the judge lab).
_FEW_LABELS = 100


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "judge", help="a judge's true-positive and true-negative rates and kappa against humans"
    )
    p.add_argument("labels", help="JSONL file, one answer a line, with both verdicts")
    p.add_argument("--human-field", default="human_pass", help="field with the human verdict")
    p.add_argument("--judge-field", default="judge_pass", help="field with the judge's verdict")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(handler=run, field_flags={"path": "labels"})


def run(args: argparse.Namespace) -> int:
    human, judge = read_judged_labels(
        args.labels, human_field=args.human_field, judge_field=args.judge_field
    )
    result = judge_agreement(human, judge)
    intervals = result.rate_intervals()
    emit(
        {
            "n": result.n,
            "table": {
                "true_pass": result.true_pass,
                "false_fail": result.false_fail,
                "false_pass": result.false_pass,
                "true_fail": result.true_fail,
            },
            "tpr": result.tpr,
            "tpr_interval": intervals["tpr"],
            "tnr": result.tnr,
            "tnr_interval": intervals["tnr"],
            "agreement": result.agreement,
            "kappa": result.kappa,
            "summary": result.summary(),
        },
        args.json,
        _render,
    )
    return 0


def _pct(x: float) -> str:
    return "n/a" if math.isnan(x) else f"{x:.0%}"


def _render(r: dict) -> str:
    (tpr_low, tpr_high), (tnr_low, tnr_high) = r["tpr_interval"], r["tnr_interval"]
    lines = [
        r["summary"],
        f"True-positive rate {_pct(r['tpr'])} (95% interval {_pct(tpr_low)} to "
        f"{_pct(tpr_high)}); true-negative rate {_pct(r['tnr'])} ({_pct(tnr_low)} to "
        f"{_pct(tnr_high)}).",
    ]
    if r["n"] < _FEW_LABELS:
        lines.append(
            f"Only {r['n']} labels: kappa is a rough reading; label at least {_FEW_LABELS}."
        )
    return "\n".join(lines)
