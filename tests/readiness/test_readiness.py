"""The readiness gate: six prerequisites plus an abort criterion, each with reason and next step."""

from __future__ import annotations

from dataclasses import replace

import pytest

import ftlib as ft
from ftlib.readiness.gate import READINESS_ITEMS, ReadinessAnswers, check_readiness

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
        (dict(test_examples=ft.rules.MIN_TEST_EXAMPLES - 1), "test-set"),
        (dict(test_source="same"), "test-set"),
        (dict(baseline_measured=False), "baseline"),
        (dict(train_examples=ft.rules.MIN_TRAIN_EXAMPLES - 1), "train-examples"),
        (dict(hypothesis=""), "hypothesis"),
        (dict(hypothesis="it will get better"), "hypothesis"),
        (dict(iterations_budget=ft.rules.TRAINING_RUNS_BUDGET[0] - 1), "iterations-budget"),
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
        test_examples=ft.rules.MIN_TEST_EXAMPLES,
        train_examples=ft.rules.MIN_TRAIN_EXAMPLES,
        iterations_budget=ft.rules.TRAINING_RUNS_BUDGET[0],
    )
    assert check_readiness(edge).ready


def test_more_than_2000_examples_passes_with_a_noise_note():
    item = check_readiness(replace(READY, train_examples=5_000)).items[3]
    assert item.passed and "noise" in item.reason


def test_same_source_reason_mentions_memorisation():
    item = check_readiness(replace(READY, test_source="same")).items[1]
    assert "memorisation" in item.reason and "another source" in item.next_step


def test_to_dict_has_the_cli_keys_and_the_items_reasons():
    result = check_readiness(replace(READY, metric=""))
    d = result.to_dict()
    assert d["ready"] is False and len(d["items"]) == len(READINESS_ITEMS)
    first = d["items"][0]
    assert set(first) == {"name", "passed", "reason", "next_step"}
    assert (first["name"], first["passed"]) == ("metric", False)
    assert "No primary metric" in first["reason"] and "Pick one metric" in first["next_step"]
    assert all(item["passed"] for item in d["items"][1:])


# --- The hypothesis needs a start and a target, in the metric's direction (issue 19) ---


@pytest.mark.parametrize(
    "metric, hypothesis",
    [
        ("accuracy", "accuracy from 82% to 95% by teaching the routing labels"),
        ("clause F1", "clause F1 0.82 -> 0.92 by teaching the clause format"),
        ("error rate", "error rate from 12% to 5% by teaching the refusal format"),
        ("latency", "latency from 900 to 300 ms with a smaller tuned model"),
        ("accuracy", "accuracy from 0.82 to 0.8201"),  # any real gain in the right direction
    ],
)
def test_a_start_and_a_target_in_the_metrics_direction_pass(metric, hypothesis):
    item = check_readiness(replace(READY, metric=metric, hypothesis=hypothesis)).items[4]
    assert item.name == "hypothesis" and item.passed, item.reason


@pytest.mark.parametrize(
    "metric, hypothesis",
    [
        ("accuracy", "accuracy to 95% by teaching the routing labels"),  # one number only
        ("accuracy", "written 2026-05-01 by the team"),  # a date is not two numbers
        ("accuracy", "from 2026-05-01 to 2026-06-01"),
        ("accuracy", "accuracy from 95 to 10"),  # the wrong way for a higher-is-better metric
        ("accuracy", "accuracy from 0.82 to 0.82"),  # a target equal to the start
        ("error rate", "error rate from 5% to 12%"),  # the wrong way for lower-is-better
        ("accuracy", "it will get better, maybe 95"),
    ],
)
def test_one_number_a_date_or_the_wrong_direction_fails(metric, hypothesis):
    item = check_readiness(replace(READY, metric=metric, hypothesis=hypothesis)).items[4]
    assert item.name == "hypothesis" and not item.passed and item.next_step


def test_an_explicit_direction_overrides_the_metric_name():
    lower = replace(READY, metric="score", hypothesis="score from 40 to 20", higher_is_better=False)
    assert check_readiness(lower).ready
    assert not check_readiness(replace(lower, higher_is_better=True)).ready
    with pytest.raises(ft.FtlibError, match="higher_is_better"):
        replace(lower, higher_is_better="yes")


def test_parse_hypothesis_reads_start_and_target():
    assert ft.readiness.parse_hypothesis("from 82% to 95%") == (82.0, 95.0)
    assert ft.readiness.parse_hypothesis("F1 0.8 → 0.9") == (0.8, 0.9)
    assert ft.readiness.parse_hypothesis("95%") is None


# --- The pass/FAIL tables the chapter and the lab show ---


def test_table_marks_each_item_pass_or_fail_with_its_next_step():
    table = check_readiness(replace(READY, baseline_measured=False)).table()
    assert list(table.index) == list(READINESS_ITEMS)
    assert list(table.columns) == ["status", "reason", "next step"]
    assert table["status"].tolist() == ["pass", "pass", "FAIL", "pass", "pass", "pass", "pass"]
    assert table.loc["baseline", "next step"].startswith("Score your best prompt")


def test_grid_puts_teams_side_by_side_with_a_verdict_row():
    grid = ft.readiness.readiness_grid(
        {"eager": ReadinessAnswers(train_examples=300), "done": READY}
    )
    assert list(grid.columns) == ["eager", "done"]
    assert list(grid.index) == [*READINESS_ITEMS, "verdict"]
    assert grid.loc["verdict"].tolist() == ["not ready", "ready"]
    assert grid.loc["train-examples", "eager"] == "pass" and grid.loc["metric", "eager"] == "FAIL"
    with pytest.raises(ft.FtlibError, match="teams"):
        ft.readiness.readiness_grid({})


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
    from ftlib.readiness.selfcheck import readiness_verdict

    assert readiness_verdict(READY, ready=True).correct
    wrong = readiness_verdict(replace(READY, abort_criterion=""), ready=True)
    assert not wrong.correct and "abort-criterion" in wrong.message
    right = readiness_verdict(replace(READY, abort_criterion=""), ready=False)
    assert right.correct and "abort-criterion" in right.message


@pytest.mark.parametrize(
    "text, expected",
    [
        # the spellings teams write, each read by hand
        ("accuracy 78% to 90% by teaching the label set", (78.0, 90.0)),
        ("F1 .82 to .9", (0.82, 0.9)),
        ("F1 0,82 to 0,9", (0.82, 0.9)),
        ("tickets 1,000 -> 1,500 a day", (1000.0, 1500.0)),
        ("spend $100 to $60 a month", (100.0, 60.0)),
        ("p95 latency 300ms to 200ms", (0.3, 0.2)),
        ("p95 latency 2s → 300ms", (2.0, 0.3)),
        ("latency from 2 seconds to 1.5 s", (2.0, 1.5)),
        ("volume 1.5k to 3k", (1500.0, 3000.0)),
        # "from X to Y" wins over an earlier bare pair
        ("in 2 to 3 weeks, accuracy from 80% to 90%", (80.0, 90.0)),
    ],
)
def test_parse_hypothesis_reads_common_spellings(text, expected):
    from ftlib.readiness import parse_hypothesis

    start, target = parse_hypothesis(text)
    assert start == pytest.approx(expected[0]) and target == pytest.approx(expected[1])


@pytest.mark.parametrize(
    "text",
    ["released 2026-05-01, aiming for 95", "gpt-4.1-mini to gpt-5.4", "version 4.1 only", "95%"],
)
def test_parse_hypothesis_finds_no_pair_in_dates_and_names(text):
    from ftlib.readiness import parse_hypothesis

    assert parse_hypothesis(text) is None


@pytest.mark.parametrize(
    "metric, lower",
    [
        ("error rate", True),
        ("p95 latency", True),
        ("cost per ticket", True),
        ("handling time", True),
        ("cost savings", False),
        ("time saved", False),
        ("up-time", False),
        ("uptime", False),
        ("error reduction", False),
        ("accuracy", False),
        ("macro-F1", False),
    ],
)
def test_metric_direction_is_read_from_its_name(metric, lower):
    from ftlib.readiness.gate import metric_lower_is_better

    assert metric_lower_is_better(metric) is lower


def test_a_real_improvement_in_a_savings_metric_passes_the_hypothesis_item():
    answers = replace(READY, metric="cost savings", hypothesis="cost savings $100 to $300 a month")
    item = next(i for i in check_readiness(answers).items if i.name == "hypothesis")
    assert item.passed, item.reason


def test_the_wrong_direction_names_the_flags_that_set_it():
    answers = replace(READY, metric="accuracy", hypothesis="accuracy 90% to 80%")
    item = next(i for i in check_readiness(answers).items if i.name == "hypothesis")
    assert not item.passed
    assert "--higher-is-better" in item.next_step and "--lower-is-better" in item.next_step
