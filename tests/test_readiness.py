"""The readiness gate: the article's six prerequisites plus an abort criterion, each with reason and next step."""

from __future__ import annotations

from dataclasses import replace

import pytest

import ftlib as ft
from ftlib.readiness import READINESS_ITEMS, ReadinessAnswers, check_readiness

READY = ReadinessAnswers(
    metric="clause F1",
    test_examples=80,
    test_source="separate",
    baseline_measured=True,
    train_examples=1_500,
    hypothesis="clause F1 from 0.82 to 0.92 by teaching the extraction format",
    iterations_budget=3,
    abort_criterion="if checkpoint 2 is under 0.88 we ship the prompt",
)


def test_a_complete_team_is_ready():
    result = check_readiness(READY)
    assert result.ready and result.failed == ()
    assert [i.name for i in result.items] == list(READINESS_ITEMS)


def test_an_empty_team_fails_everything_with_next_steps():
    result = check_readiness(ReadinessAnswers())
    assert not result.ready
    assert [i.name for i in result.failed] == list(READINESS_ITEMS)
    assert all(i.next_step for i in result.failed)


@pytest.mark.parametrize(
    ("change", "item"),
    [
        (dict(metric="  "), "metric"),
        (dict(test_examples=ft.MIN_TEST_EXAMPLES - 1), "test-set"),
        (dict(test_source="same"), "test-set"),
        (dict(baseline_measured=False), "baseline"),
        (dict(train_examples=ft.MIN_TRAIN_EXAMPLES - 1), "train-examples"),
        (dict(hypothesis=""), "hypothesis"),
        (dict(hypothesis="it will get better"), "hypothesis"),
        (dict(iterations_budget=ft.TRAINING_RUNS_BUDGET[0] - 1), "iterations-budget"),
        (dict(abort_criterion=""), "abort-criterion"),
    ],
)
def test_each_missing_prerequisite_fails_only_its_item(change, item):
    result = check_readiness(replace(READY, **change))
    assert not result.ready
    assert [i.name for i in result.failed] == [item]


def test_thresholds_are_inclusive_at_the_rules_numbers():
    edge = replace(
        READY,
        test_examples=ft.MIN_TEST_EXAMPLES,
        train_examples=ft.MIN_TRAIN_EXAMPLES,
        iterations_budget=ft.TRAINING_RUNS_BUDGET[0],
    )
    assert check_readiness(edge).ready


def test_more_than_2000_examples_passes_with_a_noise_note():
    item = check_readiness(replace(READY, train_examples=5_000)).items[3]
    assert item.passed and "noise" in item.reason


def test_same_source_reason_mentions_memorisation():
    item = check_readiness(replace(READY, test_source="same")).items[1]
    assert "memorisation" in item.reason and "another source" in item.next_step


def test_as_dict_has_the_cli_keys():
    d = check_readiness(replace(READY, metric="")).as_dict()
    assert d["ready"] is False
    assert d["items"][0] == {
        "name": "metric",
        "passed": False,
        "reason": d["items"][0]["reason"],
        "next_step": d["items"][0]["next_step"],
    }


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        (dict(test_examples=-1), "test_examples"),
        (dict(test_source="other"), "test_source"),
        (dict(train_examples=2.5), "train_examples"),
        (dict(metric=None), "metric"),
        (dict(baseline_measured="no"), "baseline_measured"),
    ],
)
def test_bad_answers_name_the_field(kwargs, field):
    with pytest.raises(ft.FtlibError) as err:
        ReadinessAnswers(**kwargs)
    assert err.value.field == field


def test_verdict_selfcheck_names_what_is_open():
    from ftlib.selfcheck.decision import readiness_verdict

    assert readiness_verdict(READY, ready=True).correct
    wrong = readiness_verdict(replace(READY, abort_criterion=""), ready=True)
    assert not wrong.correct and "abort-criterion" in wrong.message
    right = readiness_verdict(replace(READY, abort_criterion=""), ready=False)
    assert right.correct and "abort-criterion" in right.message
