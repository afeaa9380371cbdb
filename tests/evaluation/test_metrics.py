"""Metrics: hand-computed scores and named errors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import ftlib as ft

DATA = Path(ft.__file__).resolve().parent / "data" / "eval"
SCHEMA = {
    "type": "object",
    "required": ["queue"],
    "additionalProperties": False,
    "properties": {"queue": {"enum": ["billing", "delivery"]}, "priority": {"type": "string"}},
}


def test_accuracy_hand_computed():
    assert ft.evaluation.accuracy([1, 2, 3, 4], [1, 2, 0, 0]) == 0.5
    assert ft.evaluation.accuracy(["a"], ["a"]) == 1.0


def test_macro_f1_hand_computed_and_differs_from_accuracy_on_imbalance():
    # label a: tp 8, fp 1, fn 0 -> F1 16/17; label b: tp 0, fp 0, fn 1 -> F1 0
    y_true = ["a"] * 8 + ["b"]
    y_pred = ["a"] * 9
    assert ft.evaluation.macro_f1(y_true, y_pred) == pytest.approx((16 / 17 + 0) / 2)
    assert ft.evaluation.accuracy(y_true, y_pred) == pytest.approx(8 / 9)
    assert ft.evaluation.macro_f1(["a", "b"], ["a", "b"]) == 1.0


def test_macro_f1_with_declared_labels_skips_unused_ones():
    assert ft.evaluation.macro_f1(["a", "b"], ["a", "b"], labels=["a", "b", "c"]) == 1.0


def test_macro_f1_is_invariant_to_renaming_labels():
    rng = np.random.default_rng(0)
    y_true = rng.integers(0, 4, 60).tolist()
    y_pred = rng.integers(0, 4, 60).tolist()
    renamed = {0: "w", 1: "x", 2: "y", 3: "z"}
    assert ft.evaluation.macro_f1(y_true, y_pred) == pytest.approx(
        ft.evaluation.macro_f1([renamed[v] for v in y_true], [renamed[v] for v in y_pred])
    )


def test_no_answer_counts_as_wrong_without_adding_a_label():
    assert ft.evaluation.accuracy(["a", "b"], ["a", None]) == 0.5
    # a: tp 1 -> F1 1; b: fn 1 -> F1 0; no third label for the missing answer
    assert ft.evaluation.macro_f1(["a", "b"], ["a", None]) == 0.5
    assert ft.evaluation.exact_match(["x", "y"], ["x", None]) == 0.5


def test_exact_match_normalises_by_default():
    assert ft.evaluation.exact_match(["Clause 4.2"], ["clause 4 2"]) == 1.0
    assert ft.evaluation.exact_match(["Clause 4.2"], ["clause 4 2"], normalize=False) == 0.0


def test_format_compliance_counts_each_kind_of_failure():
    outputs = [
        '{"queue": "billing"}',
        '{"queue": "delivery", "priority": "urgent"}',
        'Sure! {"queue": "billing"}',  # prose around the JSON
        '{"queue": "billing"',  # truncated
        '{"queue": "sales"}',  # not an allowed value
        '{"queue": "billing", "reason": "x"}',  # extra field
    ]
    report = ft.format_compliance(outputs, SCHEMA)
    assert (report.n_outputs, report.n_invalid_json, report.n_schema_violations) == (6, 2, 2)
    assert report.share == pytest.approx(2 / 6)
    assert report.compliant.tolist() == [True, True, False, False, False, False]
    assert [i for i, _ in report.failures] == [2, 3, 4, 5]
    assert "queue" in report.failures[2][1]


def test_a_bad_schema_is_reported_as_such():
    with pytest.raises(ft.FtlibError) as info:
        ft.format_compliance(['{"a": 1}'], {"type": "objekt"})
    assert info.value.field == "schema"


@pytest.mark.parametrize(
    ("call", "field", "text"),
    [
        (lambda: ft.evaluation.accuracy([], []), "y_true", "at least one item"),
        (lambda: ft.evaluation.accuracy(["a", "b"], ["a"]), "y_pred", "one per item of y_true (2)"),
        (lambda: ft.evaluation.accuracy(["a", None], ["a", "b"]), "y_true[1]", "a label"),
        (
            lambda: ft.evaluation.macro_f1(["a", float("nan")], ["a", "b"]),
            "y_true[1]",
            "missing labels",
        ),
        (
            lambda: ft.evaluation.macro_f1(["a", "b"], ["a", "bb"], labels=["a", "b"]),
            "y_pred[1]",
            "one of the labels a, b",
        ),
        (lambda: ft.evaluation.exact_match(["x"], [3]), "predictions[0]", "a string or None"),
        (lambda: ft.evaluation.exact_match([None], ["x"]), "references[0]", "a label"),
        (lambda: ft.format_compliance([], SCHEMA), "outputs", "at least one item"),
        (
            lambda: ft.format_compliance([{"queue": "billing"}], SCHEMA),
            "outputs[0]",
            "raw output as a string",
        ),
    ],
)
def test_bad_input_names_the_field(call, field, text):
    with pytest.raises(ft.FtlibError) as info:
        call()
    assert info.value.field == field
    assert text in str(info.value)


# --- format_compliance on hostile outputs and schemas (issues 18 and 19) ---

_QUEUE = {"type": "object", "properties": {"queue": {"type": "string"}}}


def test_an_integer_past_pythons_digit_limit_is_invalid_json_not_a_crash():
    report = ft.format_compliance(['{"queue": ' + "9" * 5000 + "}", '{"queue": "a"}'], _QUEUE)
    assert report.n_invalid_json == 1 and report.failures[0][0] == 0
    assert len(report.failures[0][1]) < 200  # the reason is cut short, not 5,000 digits


def test_json_nested_past_the_recursion_limit_is_invalid_json():
    deep = "[" * 100_000 + "]" * 100_000
    report = ft.format_compliance([deep], _QUEUE)
    assert report.n_invalid_json == 1 and "nested too deeply" in report.failures[0][1]


def test_a_self_referencing_ref_is_a_named_schema_error():
    with pytest.raises(ft.FtlibError, match="schema"):
        ft.format_compliance(['{"queue": "a"}'], {"$ref": "#"})


def test_remote_refs_are_never_fetched(monkeypatch):
    import urllib.request

    def no_network(*args, **kwargs):
        raise AssertionError("format_compliance tried the network")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    schema = {"$ref": "https://example.invalid/schema.json"}
    with pytest.raises(ft.FtlibError, match="remote references are never fetched"):
        ft.format_compliance(['{"queue": "a"}'], schema)


def test_a_local_ref_still_resolves():
    schema = {
        "$defs": {"q": {"enum": ["billing"]}},
        "type": "object",
        "properties": {"queue": {"$ref": "#/$defs/q"}},
    }
    report = ft.format_compliance(['{"queue": "billing"}', '{"queue": "x"}'], schema)
    assert (report.n_invalid_json, report.n_schema_violations) == (0, 1)


def _macro_f1_by_definition(true, pred, labels):
    """Per-label F1 = 2 TP / (2 TP + FP + FN) over labels true or predicted, averaged."""
    scores = []
    for label in labels:
        tp = sum(t == p == label for t, p in zip(true, pred, strict=True))
        fp = sum(p == label and t != label for t, p in zip(true, pred, strict=True))
        fn = sum(t == label and p != label for t, p in zip(true, pred, strict=True))
        if tp + fp + fn:
            scores.append(2 * tp / (2 * tp + fp + fn))
    return sum(scores) / max(len(scores), 1)


def test_weighted_macro_f1_equals_repeating_each_item_by_its_weight():
    """One row of weights per bootstrap resample: each row must score as if every item were
    repeated as often as its weight says (no answer, -1, is a miss and adds no label)."""
    rng = np.random.default_rng(7)
    for n_labels in (2, 5):
        true = rng.integers(0, n_labels, 40)
        pred = np.where(rng.random(40) < 0.1, -1, rng.integers(0, n_labels, 40))
        weights = rng.integers(0, 4, (6, 40))
        weights[0] = 1  # the plain score
        weights[1, true == 0] = 0  # a label absent from the true side in this resample
        got = ft.evaluation.metrics.macro_f1_weighted(true, pred, n_labels, weights)
        for row, w in zip(got, weights, strict=True):
            t = np.repeat(true, w).tolist()
            p = np.repeat(pred, w).tolist()
            assert row == pytest.approx(_macro_f1_by_definition(t, p, range(n_labels)), abs=1e-12)
