"""Speed of the decision labs: one recommendation, the flow figure, and a full widget update."""

from __future__ import annotations

import itertools

from _timing import Result, measure

import ftlib as ft
import ftlib.decision.lab
import ftlib.decision.plots
import ftlib.labkit.base
import ftlib.readiness.lab


def results() -> list[Result]:
    situation = ft.Situation(requests_per_month=1_000_000, provider="openai")
    rec = ft.recommend(situation, as_of="2026-06-01")
    explorer = ft.decision.lab.decision_explorer(situation, as_of="2026-04-15")
    dates = itertools.cycle(["2026-04-15", "2026-06-01"])
    gate = ft.readiness.lab.readiness_gate()
    baseline = gate.controls["baseline_measured"]
    answers = ft.ReadinessAnswers(
        metric="F1", test_examples=80, baseline_measured=True, train_examples=1_500
    )
    return [
        measure(
            "decision: recommend (flow + catalog status)",
            lambda: ft.recommend(situation, as_of="2026-06-01"),
            target_ms=2,
            repeat=101,
        ),
        measure(
            "decision: readiness gate, 7 items",
            lambda: ft.check_readiness(answers),
            target_ms=1,
            repeat=101,
        ),
        measure(
            "decision: flow figure drawn and rendered to PNG",
            lambda: ft.labkit.base.figure_html(ft.decision.plots.plot_decision_flow(rec), "flow"),
            target_ms=400,
            repeat=7,
        ),
        measure(
            "decision: explorer update on a date change",
            lambda: setattr(explorer.controls["as_of"], "value", next(dates)),
            target_ms=400,
            repeat=7,
        ),
        measure(
            "decision: readiness lab update",
            lambda: setattr(baseline, "value", not baseline.value),
            target_ms=300,
            repeat=7,
        ),
    ]
