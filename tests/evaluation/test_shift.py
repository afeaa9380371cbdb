"""Distribution shift: hand-checked pieces, same-source versus shifted sets, named errors."""

from __future__ import annotations

import numpy as np
import pytest

import ftlib as ft
from ftlib.evaluation.shift import _auc_with_p, _one_edit


def _sample(rng: np.random.Generator, n: int, vocab: list[str], lo: int, hi: int) -> list[str]:
    return [" ".join(rng.choice(vocab, size=int(rng.integers(lo, hi)))) for _ in range(n)]


VOCAB = [
    "parcel",
    "invoice",
    "refund",
    "account",
    "password",
    "delivery",
    "address",
    "order",
    "please",
    "change",
    "missing",
    "wrong",
    "charged",
    "twice",
    "return",
    "label",
    "today",
    "still",
    "waiting",
]


@pytest.mark.parametrize(
    ("a", "b", "one"),
    [
        ("parcle", "parcel", True),
        ("arived", "arrived", True),
        ("parcels", "parcel", True),
        ("parcal", "parcel", True),
        ("parcel", "parcel", False),
        ("abcd", "bcde", False),
        ("prcle", "parcel", False),
    ],
)
def test_one_edit(a, b, one):
    assert _one_edit(a, b) is one and _one_edit(b, a) is one


def test_typo_rate_hand_computed():
    known = {"parcel", "arrived", "refund"}
    # 4+ letter words: parcle (typo), arived (typo), refund (known), zzzzzz (unknown, near nothing)
    assert ft.evaluation.typo_rate(["my parcle arived", "refund zzzzzz ok"], known) == 0.5
    assert ft.evaluation.typo_rate(["ok no"], known) == 0.0  # no word long enough to judge


def test_auc_hand_computed_with_ties():
    auc, _ = _auc_with_p(np.array([0.1, 0.4, 0.35, 0.8]), np.array([0, 0, 1, 1]))
    assert auc == 0.75
    auc, p = _auc_with_p(np.array([1.0, 1.0, 1.0, 1.0]), np.array([0, 1, 0, 1]))
    assert auc == 0.5 and p == 1.0


def test_two_samples_from_one_source_show_no_shift():
    rng = np.random.default_rng(0)
    report = ft.evaluation.detect_shift(
        _sample(rng, 300, VOCAB, 5, 12), _sample(rng, 300, VOCAB, 5, 12)
    )
    assert report.level == "none"
    assert abs(report.classifier_auc - 0.5) < 0.1
    assert report.findings == ()
    assert report.verdict.startswith("No shift worth acting on.")


def test_long_clean_training_against_short_typo_production_is_strong_shift():
    data = ft.load_ticket_eval()
    report = ft.evaluation.detect_shift(data.train_texts, data.production_texts)
    assert (
        report.level == "strong"
        and report.classifier_auc > 0.9
        and report.classifier_p_value < 0.001
    )
    assert report.median_words_production < report.median_words_reference
    assert report.typo_rate_production > 5 * report.typo_rate_reference
    assert len(report.findings) == 3
    assert (
        "80%" in report.verdict and "shorter" in report.verdict
    )  # PRODUCTION_SHARE and the length finding


def test_production_test_set_against_production_traffic_is_not_shifted():
    data = ft.load_ticket_eval()
    assert (
        ft.evaluation.detect_shift(data.test["text"].tolist(), data.production_texts).level
        == "none"
    )


def test_only_the_length_changes():
    rng = np.random.default_rng(1)
    short, long_ = _sample(rng, 200, VOCAB, 3, 6), _sample(rng, 200, VOCAB, 14, 20)
    report = ft.evaluation.detect_shift(long_, short)
    assert report.length_ratio < 0.75
    assert any("shorter" in f for f in report.findings)
    assert report.oov_share == 0.0 and not any("never appear" in f for f in report.findings)


def test_same_seed_same_report():
    data = ft.load_ticket_eval()
    ref, prod = list(data.train_texts[:200]), list(data.production_texts[:200])
    assert ft.evaluation.detect_shift(ref, prod, seed=4) == ft.evaluation.detect_shift(
        ref, prod, seed=4
    )


@pytest.mark.parametrize(
    ("call", "field", "text"),
    [
        (lambda: ft.evaluation.detect_shift([], ["a"]), "reference_texts", "at least one text"),
        (
            lambda: ft.evaluation.detect_shift(["a"], "production"),
            "production_texts",
            "a list of strings",
        ),
        (lambda: ft.evaluation.detect_shift(["a", None], ["a"]), "reference_texts[1]", "a string"),
        (
            lambda: ft.evaluation.shift_classifier_auc(["a"] * 10, ["b"] * 3),
            "production_texts",
            "at least 5 texts per side",
        ),
        (
            lambda: ft.evaluation.shift_classifier_auc(["a"] * 10, ["b"] * 10, folds=1),
            "folds",
            ">= 2",
        ),
        (lambda: ft.evaluation.typo_rate([], {"a"}), "texts", "at least one text"),
    ],
)
def test_bad_input_names_the_field(call, field, text):
    with pytest.raises(ft.FtlibError) as info:
        call()
    assert info.value.field == field
    assert text in str(info.value)


def test_a_very_long_run_of_letters_costs_little_memory():
    # Issue 18: one 20,000-letter word made typo_rate's variants grow with its square (844 MB).
    import tracemalloc

    word = "ab" * 10_000
    texts = [f"my parcel {word} arived"] * 5
    tracemalloc.start()
    rate = ft.evaluation.typo_rate(texts, {"parcel", "arrived", word})
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 50 * 2**20
    # the long word counts as a word but is never a typo; "arived" still is one
    assert rate == pytest.approx(5 / 15)
