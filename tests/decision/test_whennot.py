"""The 'when not to fine-tune' checks: each row of the article's table fires, with a better way."""

from __future__ import annotations

import pytest

import ftlib as ft
from ftlib.decision.whennot import (
    WHEN_NOT_ROWS,
    WHEN_NOT_SCENARIOS,
    FineTuneIdea,
    check_when_not,
    when_not_row,
    when_not_scenario,
)

GOOD = dict(requests_per_month=1_000_000, train_examples=1_500)


def ids(idea):
    return [f.row.id for f in check_when_not(idea)]


def test_the_article_rows_and_the_200_example_warning_are_all_there():
    assert [r.id for r in WHEN_NOT_ROWS] == [
        "add-facts",
        "general-reasoning",
        "one-off-task",
        "safety-alignment",
        "new-modality",
        "low-volume",
        "few-examples",
    ]


@pytest.mark.parametrize(
    ("goal", "row", "alternative"),
    [
        ("add-facts", "add-facts", "rag"),
        ("general-reasoning", "general-reasoning", "stronger-base-model"),
        ("safety-alignment", "safety-alignment", "guardrails"),
        ("new-modality", "new-modality", "multimodal-model"),
    ],
)
def test_each_wrong_goal_fires_its_row_alone(goal, row, alternative):
    findings = check_when_not(FineTuneIdea(goal, **GOOD))
    assert [f.row.id for f in findings] == [row]
    assert findings[0].row.alternative == alternative
    assert goal in findings[0].detail


@pytest.mark.parametrize("goal", ["behaviour", "cost-at-volume"])
def test_behaviour_at_volume_with_enough_data_passes(goal):
    assert check_when_not(FineTuneIdea(goal, **GOOD)) == ()


def test_one_off_fires_and_replaces_the_volume_row():
    assert ids(FineTuneIdea("behaviour", 3_000, 400, one_off=True)) == ["one-off-task"]


def test_volume_floor_is_the_rules_number():
    assert ids(FineTuneIdea("behaviour", ft.rules.VOLUME_FLOOR - 1, 1_000)) == ["low-volume"]
    assert ids(FineTuneIdea("behaviour", ft.rules.VOLUME_FLOOR, 1_000)) == []


def test_example_floor_is_the_rules_number():
    assert ids(FineTuneIdea("behaviour", 1_000_000, ft.rules.MIN_TRAIN_EXAMPLES - 1)) == [
        "few-examples"
    ]
    assert ids(FineTuneIdea("behaviour", 1_000_000, ft.rules.MIN_TRAIN_EXAMPLES)) == []


def test_findings_quote_the_numbers_and_the_alternative():
    (finding,) = check_when_not(FineTuneIdea("behaviour", 20_000, 1_000))
    assert "20,000" in finding.detail and "50,000" in finding.detail
    assert str(finding).startswith("low-volume:") and "Instead:" in str(finding)


def test_several_rows_fire_in_table_order():
    assert ids(FineTuneIdea("add-facts", 10_000, 50)) == ["add-facts", "low-volume", "few-examples"]


def test_scenarios_cover_both_outcomes_and_every_row():
    fired = {i for s in WHEN_NOT_SCENARIOS for i in ids(s.idea)}
    assert fired == {r.id for r in WHEN_NOT_ROWS}
    assert any(ids(s.idea) == [] for s in WHEN_NOT_SCENARIOS)


def test_unknown_ids_name_the_closest():
    with pytest.raises(ft.FtlibError, match="did you mean add-facts"):
        when_not_row("add-fact")
    with pytest.raises(ft.FtlibError, match="scenario_id"):
        when_not_scenario("nope-at-all-xyz")
    assert when_not_scenario("json-at-scale").idea.requests_per_month == 2_000_000


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        (dict(goal="facts"), "goal"),
        (dict(requests_per_month=-1), "requests_per_month"),
        (dict(train_examples=10.5), "train_examples"),
        (dict(one_off=1), "one_off"),
    ],
)
def test_bad_idea_names_the_field(kwargs, field):
    with pytest.raises(ft.FtlibError) as err:
        FineTuneIdea(**kwargs)
    assert err.value.field == field


def test_scenario_feedback_follows_the_checks():
    from ftlib.decision.selfcheck import WHEN_NOT_ANSWERS, when_not_answer

    for s in WHEN_NOT_SCENARIOS:
        fired = check_when_not(s.idea)
        right = {f.row.alternative for f in fired} or {"fine-tune"}
        for answer in WHEN_NOT_ANSWERS:
            assert when_not_answer(s.id, answer).correct == (answer in right), (s.id, answer)


def test_scenario_feedback_rejects_unknown_answers():
    from ftlib.decision.selfcheck import when_not_answer

    with pytest.raises(ft.FtlibError, match="answer"):
        when_not_answer("support-facts", "retrieval")
