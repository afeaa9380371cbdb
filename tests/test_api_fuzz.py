"""Public entry points of the evaluation, readiness and rules modules, fed hostile values.

What a user relies on: a bad value raises ``ft.FtlibError`` naming the field (never a
TypeError, OverflowError, RecursionError or MemoryError), and a result is never inf or NaN.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ftlib as ft

HOSTILE = [
    None,
    True,
    -1,
    0,
    10**400,
    -(10**400),
    1e308,
    float("nan"),
    float("inf"),
    -float("inf"),
    "",
    "x",
    "é" * 2_000,
    "\ud800",
    [],
    [[1]],
    [None],
    [float("nan")],
    {"a": 1},
    ("a",),
    b"bytes",
    object(),
]

Y = ["a", "b", "a", "b"] * 15
B = ["a", "a", "a", "b"] * 15
C = ["a", "b", "b", "b"] * 15
SCHEMA = {"type": "object"}

# entry point: (callable, valid keyword arguments)
ENTRY_POINTS = {
    "accuracy": (ft.evaluation.accuracy, {"y_true": Y, "y_pred": B}),
    "macro_f1": (ft.evaluation.macro_f1, {"y_true": Y, "y_pred": B}),
    "exact_match": (ft.evaluation.exact_match, {"references": Y, "predictions": B}),
    "format_compliance": (ft.format_compliance, {"outputs": ['{"a": 1}', "no"], "schema": SCHEMA}),
    "compare_models": (
        ft.compare_models,
        {
            "y_true": Y,
            "baseline_pred": B,
            "candidate_pred": C,
            "metric": "accuracy",
            "confidence": 0.95,
            "n_resamples": 200,
            "seed": 0,
        },
    ),
    "compare_by_test_size": (
        ft.evaluation.compare_by_test_size,
        {"y_true": Y, "baseline_pred": B, "candidate_pred": C, "sizes": (20, 60)},
    ),
    "paired_bootstrap_ci": (
        ft.evaluation.paired_bootstrap_ci,
        {"baseline_scores": [1, 0] * 30, "candidate_scores": [1, 1] * 30, "n_resamples": 200},
    ),
    "ci_width_by_test_size": (
        ft.evaluation.ci_width_by_test_size,
        {"baseline_accuracy": 0.8, "candidate_accuracy": 0.86, "sizes": (50, 100)},
    ),
    "mcnemar_exact_p": (ft.evaluation.mcnemar_exact_p, {"baseline_only": 2, "candidate_only": 10}),
    "mcnemar_exact": (
        ft.evaluation.mcnemar_exact,
        {"baseline_correct": [1, 0, 1], "candidate_correct": [1, 1, 1]},
    ),
    "record_abort_criterion": (
        ft.record_abort_criterion,
        {
            "metric": "accuracy",
            "baseline_score": 0.8,
            "target_score": 0.9,
            "max_checkpoints": 3,
            "higher_is_better": True,
            "recorded_on": "2026-05-04",
        },
    ),
    "judge_checkpoints": (
        ft.judge_checkpoints,
        {"criterion": ft.record_abort_criterion("accuracy", 0.8, 0.9), "scores": [0.82]},
    ),
    "volume_band": (ft.volume_band, {"requests_per_month": 60_000}),
    "ReadinessAnswers": (
        ft.ReadinessAnswers,
        {
            "metric": "accuracy",
            "test_examples": 80,
            "test_source": "separate",
            "baseline_measured": True,
            "train_examples": 500,
            "hypothesis": "accuracy from 80% to 90%",
            "iterations_budget": 2,
            "abort_criterion": "stop at checkpoint 2",
            "higher_is_better": None,
        },
    ),
    "check_readiness": (ft.check_readiness, {"answers": ft.ReadinessAnswers()}),
    "readiness_grid": (ft.readiness.readiness_grid, {"teams": {"a": ft.ReadinessAnswers()}}),
    "parse_hypothesis": (ft.readiness.parse_hypothesis, {"text": "from 1 to 2"}),
    "typo_rate": (
        ft.evaluation.typo_rate,
        {"texts": ["my parcle"], "known_words": {"parcel", "my"}},
    ),
    "read_predictions": (
        ft.evaluation.read_predictions,
        {"path": "/nonexistent.csv", "columns": ["a"]},
    ),
}


def _finite(value: object) -> bool:
    """No inf or NaN anywhere in a result (floats, dataclass fields, lists, tuples)."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, (list, tuple)):
        return all(_finite(v) for v in value)
    fields = getattr(value, "__dataclass_fields__", None)
    if fields:
        return all(_finite(getattr(value, f)) for f in fields)
    return True


@pytest.mark.parametrize("name", list(ENTRY_POINTS))
def test_the_valid_call_works(name):
    fn, kwargs = ENTRY_POINTS[name]
    if name == "read_predictions":
        with pytest.raises(ft.FtlibError):
            fn(**kwargs)
        return
    assert _finite(fn(**kwargs))


@pytest.mark.parametrize("name", list(ENTRY_POINTS))
@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(data=st.data())
def test_hostile_values_raise_a_named_ftlib_error_or_give_a_finite_result(name, data):
    fn, kwargs = ENTRY_POINTS[name]
    field = data.draw(st.sampled_from(sorted(kwargs)), label="field")
    value = data.draw(
        st.one_of(
            st.sampled_from(HOSTILE),
            st.floats(),
            st.integers(),
            st.text(max_size=50),
            st.lists(st.one_of(st.none(), st.text(max_size=3), st.floats()), max_size=5),
        ),
        label="value",
    )
    try:
        result = fn(**{**kwargs, field: value})
    except ft.FtlibError as exc:
        assert len(str(exc)) < 1_000, "the message echoes a huge value"
        return
    assert _finite(result), (name, field, value, result)
