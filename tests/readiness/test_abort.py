"""Abort criterion: the rule fixed before training decides, not the sunk cost."""

from __future__ import annotations

import datetime as dt

import pytest

import ftlib as ft
import ftlib.core.cli
from ftlib.rules.thresholds import TRAINING_RUNS_BUDGET


@pytest.fixture
def rule():
    return ft.record_abort_criterion("accuracy", 0.80, 0.90, max_checkpoints=3)


def test_default_budget_is_the_articles_checkpoint_two():
    assert (
        ft.record_abort_criterion("accuracy", 0.8, 0.9).max_checkpoints
        == TRAINING_RUNS_BUDGET[0]
        == 2
    )


def test_statement_names_metric_target_baseline_checkpoint_and_date():
    text = ft.record_abort_criterion(
        "macro-F1", 0.7, 0.75, recorded_on=dt.date(2026, 5, 4)
    ).statement()
    for piece in (
        "macro-F1 0.75",
        "baseline 0.7",
        "checkpoint 2",
        "2026-05-04",
        "ship the prompted baseline",
    ):
        assert piece in text


def test_no_scores_yet_means_continue(rule):
    decision = ft.judge_checkpoints(rule, [])
    assert (decision.action, decision.outcome, decision.checkpoints_used) == (
        "continue",
        "no-checkpoint-yet",
        0,
    )
    assert decision.best_score is None


def test_target_met_stops_at_that_checkpoint(rule):
    decision = ft.judge_checkpoints(rule, [0.85, 0.90, 0.95])
    assert (decision.action, decision.outcome) == ("stop", "target-met")
    assert (
        decision.checkpoints_used == 2
        and decision.best_checkpoint == 2
        and decision.best_score == 0.90
    )
    assert "paired comparison" in decision.reason


def test_budget_spent_stops_and_ships_the_baseline(rule):
    decision = ft.judge_checkpoints(rule, [0.82, 0.84, 0.83])
    assert (decision.action, decision.outcome) == ("stop", "budget-spent")
    assert decision.best_score == 0.84 and decision.best_checkpoint == 2
    assert "ship the prompted baseline" in decision.reason


def test_scores_past_the_budget_are_ignored_and_said_so():
    rule = ft.record_abort_criterion("accuracy", 0.80, 0.90)
    decision = ft.judge_checkpoints(
        rule, [0.82, 0.84, 0.95]
    )  # the 0.95 came after the rule said stop
    assert decision.outcome == "budget-spent" and decision.checkpoints_used == 2
    assert "1 later score(s) ignored" in decision.reason


def test_pace_hand_computed(rule):
    # +0.06 in one checkpoint; 0.04 more needed with 2 left: on track
    assert ft.judge_checkpoints(rule, [0.86]).outcome == "on-track"
    # +0.01 per checkpoint; 0.09 more needed with 2 left: about 9 more checkpoints
    behind = ft.judge_checkpoints(rule, [0.81])
    assert (behind.action, behind.outcome) == ("continue", "behind-pace")
    assert "about 9 more checkpoint(s)" in behind.reason


def test_a_checkpoint_below_baseline_can_never_catch_up_at_that_pace(rule):
    decision = ft.judge_checkpoints(rule, [0.78])
    assert decision.outcome == "behind-pace" and "no checkpoint would reach it" in decision.reason


def test_lower_is_better_metrics():
    rule = ft.record_abort_criterion("error rate", 0.20, 0.10, higher_is_better=False)
    assert ft.judge_checkpoints(rule, [0.09]).outcome == "target-met"
    decision = ft.judge_checkpoints(rule, [0.15, 0.12])
    assert decision.outcome == "budget-spent" and decision.best_score == 0.12


def test_decision_is_monotone_in_the_last_score(rule):
    # a better final score can only turn a stop-for-budget into a stop-for-target, never worse
    outcomes = [
        ft.judge_checkpoints(rule, [0.85, 0.85, s]).outcome for s in (0.80, 0.89, 0.90, 0.99)
    ]
    assert outcomes == ["budget-spent", "budget-spent", "target-met", "target-met"]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"metric": "", "baseline_score": 0.8, "target_score": 0.9}, "metric"),
        ({"metric": "accuracy", "baseline_score": 0.8, "target_score": 0.8}, "target_score"),
        ({"metric": "accuracy", "baseline_score": "0.8", "target_score": 0.9}, "baseline_score"),
        (
            {
                "metric": "accuracy",
                "baseline_score": 0.8,
                "target_score": 0.9,
                "max_checkpoints": 0,
            },
            "max_checkpoints",
        ),
        (
            {
                "metric": "accuracy",
                "baseline_score": 0.8,
                "target_score": 0.9,
                "recorded_on": "May 4",
            },
            "recorded_on",
        ),
        (
            {
                "metric": "latency",
                "baseline_score": 2.0,
                "target_score": 3.0,
                "higher_is_better": False,
            },
            "target_score",
        ),
    ],
)
def test_bad_criterion_names_the_field(kwargs, field):
    with pytest.raises(ft.FtlibError) as info:
        ft.record_abort_criterion(**kwargs)
    assert info.value.field == field


def test_target_that_the_baseline_already_meets_is_explained():
    with pytest.raises(ft.FtlibError, match="above the baseline 0.8"):
        ft.record_abort_criterion("accuracy", 0.8, 0.75)


def test_bad_scores_name_the_position(rule):
    with pytest.raises(ft.FtlibError) as info:
        ft.judge_checkpoints(rule, [0.85, float("nan")])
    assert info.value.field == "scores[1]"
    with pytest.raises(ft.FtlibError, match="criterion"):
        ft.judge_checkpoints({"target": 0.9}, [0.85])


# --- Equality and ties, pinned at the boundary (issue 19's two surviving abort bugs) ---
# Values are exact binary fractions so that "equal" really is equal in floating point.


@pytest.mark.parametrize("higher, baseline, target", [(True, 0.5, 0.75), (False, 0.5, 0.25)])
def test_a_score_exactly_at_the_target_meets_it(higher, baseline, target):
    rule = ft.record_abort_criterion("m", baseline, target, higher_is_better=higher)
    decision = ft.judge_checkpoints(rule, [target])
    assert (decision.action, decision.outcome) == ("stop", "target-met")
    # one step short of the target is not enough (would pass if ">=" became ">" the other way)
    short = target - 2**-20 if higher else target + 2**-20
    assert ft.judge_checkpoints(rule, [short]).outcome != "target-met"


@pytest.mark.parametrize("higher, scores", [(True, [0.625, 0.625]), (False, [0.375, 0.375])])
def test_a_tie_for_best_keeps_the_earlier_checkpoint(higher, scores):
    target = 0.75 if higher else 0.25
    rule = ft.record_abort_criterion("m", 0.5, target, max_checkpoints=3, higher_is_better=higher)
    decision = ft.judge_checkpoints(rule, scores)
    assert (decision.best_score, decision.best_checkpoint) == (scores[0], 1)
    # a strictly better later score does take over
    better = [scores[0], scores[0] + (2**-10 if higher else -(2**-10))]
    assert ft.judge_checkpoints(rule, better).best_checkpoint == 2


@pytest.mark.parametrize("higher, score", [(True, 0.625), (False, 0.375)])
def test_a_pace_that_lands_exactly_on_the_target_is_on_track(higher, score):
    # baseline 0.5, one checkpoint gained 0.125; 0.125 more is needed and 1 checkpoint is left
    target = 0.75 if higher else 0.25
    rule = ft.record_abort_criterion("m", 0.5, target, max_checkpoints=2, higher_is_better=higher)
    assert ft.judge_checkpoints(rule, [score]).outcome == "on-track"
    slower = score - 2**-20 if higher else score + 2**-20
    assert ft.judge_checkpoints(rule, [slower]).outcome == "behind-pace"


def test_the_last_budgeted_checkpoint_stops_and_the_one_before_does_not():
    rule = ft.record_abort_criterion("m", 0.5, 0.75, max_checkpoints=3)
    assert ft.judge_checkpoints(rule, [0.5, 0.5]).action == "continue"
    assert ft.judge_checkpoints(rule, [0.5, 0.5, 0.5]).outcome == "budget-spent"


@pytest.mark.parametrize("score", [1e-320, 5e-324, 1e-15])
def test_a_near_zero_pace_is_a_sentence_not_a_huge_count(score):
    rule = ft.record_abort_criterion("accuracy", 0.0, 1.0, max_checkpoints=3)
    decision = ft.judge_checkpoints(rule, [score])
    assert decision.outcome == "behind-pace" and "more than 100 more checkpoints" in decision.reason


def test_abort_cli_with_a_denormal_score_prints_a_sentence(capsys):
    argv = ["abort", "--baseline", "0", "--target", "1", "--checkpoints", "3"]
    assert ft.core.cli.main([*argv, "--scores", "1e-320"]) == 0
    out = capsys.readouterr().out
    assert "more than 100 more checkpoints" in out and "Traceback" not in out
    assert ft.core.cli.main([*argv, "--scores", "0.1,inf"]) == 2
    assert capsys.readouterr().err.startswith("error: --scores: ")
