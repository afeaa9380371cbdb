"""Contamination: what a team relies on before trusting a test score."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

import ftlib as ft
from ftlib.datacheck.contamination import _lsh_shape

TRAIN = [
    "Where is my parcel? It was due on Monday.",
    "How do I reset my password",
    "Cancel my subscription at the end of the month",
    "The invoice shows the wrong VAT number",
    "Can I change the delivery address after ordering",
]


def _reference_shingles(text: str, n: int, unit: str) -> set:
    """Written apart from ftlib: lower-case, keep letters, digits and spaces; n-grams as tuples."""
    cleaned = "".join(c if c.isalnum() or c.isspace() else " " for c in text.lower())
    units = cleaned.split() if unit == "word" else list(" ".join(cleaned.split()))
    if len(units) < n:
        return {tuple(units)}
    return {tuple(units[i : i + n]) for i in range(len(units) - n + 1)}


def _reference_jaccard(a: str, b: str, n: int, unit: str) -> float:
    sa, sb = _reference_shingles(a, n, unit), _reference_shingles(b, n, unit)
    return len(sa & sb) / len(sa | sb)


def _words(rng: np.random.Generator, n: int) -> list[str]:
    vocab = [f"w{i}" for i in range(400)]
    return [" ".join(rng.choice(vocab, size=int(rng.integers(6, 12)))) for _ in range(n)]


def test_identical_sets_are_all_exact_duplicates():
    report = ft.datacheck.find_duplicates(TRAIN, TRAIN)
    assert report.pairs[["train_index", "test_index"]].values.tolist() == [
        [i, i] for i in range(len(TRAIN))
    ]
    assert set(report.pairs["kind"]) == {"exact"}
    assert report.pairs["similarity"].tolist() == [1.0] * len(TRAIN)
    assert report.contaminated_share == 1.0
    assert report.n_exact == len(TRAIN) and report.n_near == 0


def test_disjoint_sets_score_zero():
    test = ["zebra quartz jukebox", "fjord nymph vex", "glyph crwth"]
    report = ft.datacheck.find_duplicates(TRAIN, test)
    assert report.pairs.empty
    assert report.contaminated_share == 0.0
    assert report.contaminated_test_indices == []
    assert report.summary().startswith("No test item matches training")


def test_one_planted_near_duplicate_is_found_with_its_similarity():
    planted = "How do I reset my pasword"  # one typo away from TRAIN[1]
    test = ["Is there a student discount", planted, "My screen flickers at night"]
    report = ft.datacheck.find_duplicates(TRAIN, test)
    assert report.pairs[["train_index", "test_index", "kind"]].values.tolist() == [[1, 1, "near"]]
    expected = ft.datacheck.shingle_similarity(TRAIN[1], planted)
    assert report.pairs["similarity"].iloc[0] == pytest.approx(expected)
    assert report.contaminated_share == pytest.approx(1 / 3)
    assert "1 of 3 test items" in report.summary()


def test_normalisation_makes_case_punctuation_and_spacing_irrelevant():
    assert ft.datacheck.normalize_for_matching("  Where IS my   parcel?!") == "where is my parcel"
    report = ft.datacheck.find_duplicates(TRAIN, ["WHERE is my parcel -- it was due on monday"])
    assert report.pairs["kind"].tolist() == ["exact"]


def test_hand_computed_jaccard():
    # char 3-grams: {abc, bcd} vs {abc, bce} share 1 of 3
    assert ft.datacheck.shingle_similarity("abcd", "abce") == pytest.approx(1 / 3)
    # word 2-grams: {a b, b c, c d} vs {a b, b c, c e} share 2 of 4
    assert ft.datacheck.shingle_similarity("a b c d", "a b c e", unit="word") == 0.5
    assert (
        ft.datacheck.shingle_similarity("ab", "ab") == 1.0
    )  # shorter than one shingle: the text is its own shingle
    assert ft.datacheck.shingle_similarity("abc", "xyz") == 0.0


def test_matches_brute_force_on_a_small_random_case():
    rng = np.random.default_rng(7)
    train = _words(rng, 60)
    test = _words(rng, 30)
    for j in range(0, 30, 3):  # plant edits of a training text
        words = train[j].split()
        words[int(rng.integers(len(words)))] = "edited"
        test[j] = " ".join(words)
    threshold = 0.6
    brute = {  # an independent brute force: every pair, Jaccard of plain Python sets
        (i, j)
        for i, j in itertools.product(range(len(train)), range(len(test)))
        if _reference_jaccard(train[i], test[j], 2, "word") >= threshold
    }
    report = ft.datacheck.find_duplicates(train, test, threshold=threshold, unit="word", seed=3)
    found = set(map(tuple, report.pairs[["train_index", "test_index"]].values.tolist()))
    assert brute, "the planted edits should be above the threshold"
    assert found == brute


def test_char_shingles_match_an_independent_brute_force_with_typos():
    rng = np.random.default_rng(11)
    train = [t.replace("w", "item ") for t in _words(rng, 40)]
    test = []
    for j in range(20):
        text = train[2 * j]
        k = int(rng.integers(len(text)))
        test.append(text[:k] + "x" + text[k + 1 :] if j % 2 else text.upper())  # typo or case
    expected = {
        (i, j)
        for i, j in itertools.product(range(len(train)), range(len(test)))
        if _reference_jaccard(train[i], test[j], 3, "char") >= 0.8
    }
    found = ft.datacheck.find_duplicates(train, test, threshold=0.8).pairs
    assert set(map(tuple, found[["train_index", "test_index"]].values.tolist())) == expected
    for row in found.itertuples():
        assert row.similarity == pytest.approx(
            _reference_jaccard(train[row.train_index], test[row.test_index], 3, "char")
        )


def test_emoji_or_punctuation_only_inputs_are_not_leaks_of_each_other():
    report = ft.datacheck.find_duplicates(["👍", "!!!", "🙏🙏", "   "], ["🙏", "???", "👍", " "])
    pairs = report.pairs[["train_index", "test_index", "kind"]].values.tolist()
    assert pairs == [
        [0, 2, "exact"]
    ]  # the same emoji is a copy; different ones, or blanks, are not
    assert ft.datacheck.normalize_for_matching("!!!") != ft.datacheck.normalize_for_matching("???")


def test_raising_the_threshold_never_adds_pairs():
    rng = np.random.default_rng(1)
    train = _words(rng, 80)
    test = [
        " ".join(t.split()[: len(t.split()) - k % 4]) for k, t in enumerate(train[:40])
    ] + _words(rng, 20)
    counts = [
        len(ft.datacheck.find_duplicates(train, test, threshold=t, unit="word").pairs)
        for t in (0.3, 0.5, 0.7, 0.9, 1.0)
    ]
    assert counts == sorted(counts, reverse=True)
    assert counts[0] > counts[-1] > 0


def test_same_seed_same_result_and_input_order_is_respected():
    rng = np.random.default_rng(2)
    train, test = _words(rng, 50), _words(rng, 20) + ["How do I reset my pasword"]
    train = train + [TRAIN[1]]
    a = ft.datacheck.find_duplicates(train, test, seed=5)
    b = ft.datacheck.find_duplicates(train, test, seed=5)
    assert a.pairs.equals(b.pairs)
    assert a.pairs[["train_index", "test_index"]].values.tolist()[-1] == [50, 20]


def test_lsh_shape_keeps_recall_at_the_threshold():
    for threshold in (0.3, 0.5, 0.8, 0.95, 1.0):
        bands, rows = _lsh_shape(threshold)
        assert 1 - (1 - threshold**rows) ** bands >= 0.99
        assert bands * rows <= 64


@pytest.mark.parametrize(
    ("kwargs", "field", "accepted"),
    [
        ({"train_texts": [], "test_texts": ["a"]}, "train_texts", "at least one text"),
        ({"train_texts": ["a"], "test_texts": []}, "test_texts", "at least one text"),
        ({"train_texts": "one string", "test_texts": ["a"]}, "train_texts", "a list of strings"),
        ({"train_texts": ["a", 3], "test_texts": ["a"]}, "train_texts[1]", "a string"),
        ({"train_texts": ["a"], "test_texts": ["a"], "threshold": 0}, "threshold", "> 0"),
        ({"train_texts": ["a"], "test_texts": ["a"], "threshold": 1.5}, "threshold", "<= 1"),
        ({"train_texts": ["a"], "test_texts": ["a"], "unit": "chars"}, "unit", "one of char, word"),
        ({"train_texts": ["a"], "test_texts": ["a"], "ngram": 0}, "ngram", ">= 1"),
    ],
)
def test_bad_input_names_the_field(kwargs, field, accepted):
    with pytest.raises(ft.FtlibError) as info:
        ft.datacheck.find_duplicates(**kwargs)
    assert info.value.field == field
    assert accepted in str(info.value)


def test_unknown_unit_suggests_the_closest():
    with pytest.raises(ft.FtlibError, match="did you mean char"):
        ft.datacheck.shingle_similarity("a", "b", unit="chars")
