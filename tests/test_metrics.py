"""Metrics: hand-computed scores, the shipped test set's provenance, and named errors."""
from __future__ import annotations

import hashlib
import importlib.util
import json
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
    assert ft.accuracy([1, 2, 3, 4], [1, 2, 0, 0]) == 0.5
    assert ft.accuracy(["a"], ["a"]) == 1.0


def test_macro_f1_hand_computed_and_differs_from_accuracy_on_imbalance():
    # label a: tp 8, fp 1, fn 0 -> F1 16/17; label b: tp 0, fp 0, fn 1 -> F1 0
    y_true = ["a"] * 8 + ["b"]
    y_pred = ["a"] * 9
    assert ft.macro_f1(y_true, y_pred) == pytest.approx((16 / 17 + 0) / 2)
    assert ft.accuracy(y_true, y_pred) == pytest.approx(8 / 9)
    assert ft.macro_f1(["a", "b"], ["a", "b"]) == 1.0


def test_macro_f1_with_declared_labels_skips_unused_ones():
    assert ft.macro_f1(["a", "b"], ["a", "b"], labels=["a", "b", "c"]) == 1.0


def test_macro_f1_is_invariant_to_renaming_labels():
    rng = np.random.default_rng(0)
    y_true = rng.integers(0, 4, 60).tolist()
    y_pred = rng.integers(0, 4, 60).tolist()
    renamed = {0: "w", 1: "x", 2: "y", 3: "z"}
    assert ft.macro_f1(y_true, y_pred) == pytest.approx(ft.macro_f1([renamed[v] for v in y_true], [renamed[v] for v in y_pred]))


def test_no_answer_counts_as_wrong_without_adding_a_label():
    assert ft.accuracy(["a", "b"], ["a", None]) == 0.5
    # a: tp 1 -> F1 1; b: fn 1 -> F1 0; no third label for the missing answer
    assert ft.macro_f1(["a", "b"], ["a", None]) == 0.5
    assert ft.exact_match(["x", "y"], ["x", None]) == 0.5


def test_exact_match_normalises_by_default():
    assert ft.exact_match(["Clause 4.2"], ["clause 4 2"]) == 1.0
    assert ft.exact_match(["Clause 4.2"], ["clause 4 2"], normalize=False) == 0.0


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
        (lambda: ft.accuracy([], []), "y_true", "at least one item"),
        (lambda: ft.accuracy(["a", "b"], ["a"]), "y_pred", "one per item of y_true (2)"),
        (lambda: ft.accuracy(["a", None], ["a", "b"]), "y_true[1]", "a label"),
        (lambda: ft.macro_f1(["a", float("nan")], ["a", "b"]), "y_true[1]", "missing labels"),
        (lambda: ft.macro_f1(["a", "b"], ["a", "bb"], labels=["a", "b"]), "y_pred[1]", "one of the labels a, b"),
        (lambda: ft.exact_match(["x"], [3]), "predictions[0]", "a string or None"),
        (lambda: ft.exact_match([None], ["x"]), "references[0]", "a label"),
        (lambda: ft.format_compliance([], SCHEMA), "outputs", "at least one item"),
        (lambda: ft.format_compliance([{"queue": "billing"}], SCHEMA), "outputs[0]", "raw output as a string"),
    ],
)
def test_bad_input_names_the_field(call, field, text):
    with pytest.raises(ft.FtlibError) as info:
        call()
    assert info.value.field == field
    assert text in str(info.value)


def test_shipped_test_set_has_provenance_and_plausible_scores():
    data = ft.load_ticket_eval()
    assert len(data.test) == 500 and len(data.train_texts) == 1500 and len(data.production_texts) == 500
    for key in ("as_of", "source", "license", "confidence"):
        assert data.manifest[key]
    test = data.test
    base = ft.accuracy(test["queue"], test["baseline_queue"])
    cand = ft.accuracy(test["queue"], test["candidate_queue"])
    assert (round(base, 3), round(cand, 3)) == (0.814, 0.880)  # the figures the README and the lab quote
    assert ft.format_compliance(test["baseline_output"], data.schema).share == pytest.approx(0.942)
    assert ft.format_compliance(test["candidate_output"], data.schema).share == pytest.approx(0.990)


def test_shipped_files_match_the_manifest_and_the_generator(tmp_path):
    manifest = json.loads((DATA / "manifest.json").read_text())
    for name, info in manifest["files"].items():
        assert hashlib.sha256((DATA / name).read_bytes()).hexdigest() == info["sha256"], name
    spec = importlib.util.spec_from_file_location("generate_tickets", DATA / "generate_tickets.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    fresh = module.generate(tmp_path)
    assert fresh["files"] == manifest["files"]


def test_planted_duplicates_are_exactly_what_the_detector_finds():
    data = ft.load_ticket_eval()
    report = ft.find_duplicates(data.train_texts, data.test["text"].tolist())
    planted = sorted(int(p["test_id"][1:]) for p in data.manifest["planted_duplicates"])
    assert report.contaminated_test_indices == planted
    assert (report.n_exact, report.n_near) == (12, 13)
