"""The one-permutation MinHash behind ``find_duplicates``: what its estimates can be trusted for.

Pairs are built with a known Jaccard similarity: word 1-gram sets of distinct words, two texts
of ``n`` words sharing ``s`` of them have similarity ``s / (2n - s)`` (9 words sharing 8:
exactly 0.8, the threshold the course teaches).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ftlib as ft
from ftlib.datacheck.contamination import (
    _EMPTY,
    _NUM_PERM,
    _minhash,
    _normalize_many,
    normalize_for_matching,
    shingles_many,
)


def _pairs(n_pairs: int, n: int, shared: int, tag: str) -> tuple[list[str], list[str]]:
    """``n_pairs`` (train, test) texts of ``n`` distinct words each, sharing ``shared`` words."""
    train, test = [], []
    for p in range(n_pairs):
        words = [f"{tag}{p}x{k}" for k in range(2 * n - shared)]
        train.append(" ".join(words[:n]))
        test.append(" ".join(words[:shared] + words[n:]))
    return train, test


@pytest.mark.parametrize(("n", "shared"), [(9, 8), (18, 16), (45, 40), (90, 80), (450, 400)])
def test_pairs_at_exactly_the_threshold_are_found_at_least_95_percent_of_the_time(n, shared):
    assert shared / (2 * n - shared) == 0.8  # hand-built: exactly at the threshold
    train, test = _pairs(200, n, shared, "r")
    found = 0
    for seed in (0, 1):
        report = ft.datacheck.find_duplicates(
            train, test, threshold=0.8, unit="word", ngram=1, seed=seed
        )
        hits = report.pairs[["train_index", "test_index"]].values.tolist()
        assert all(i == j for i, j in hits)  # never a pair across different texts
        assert set(report.pairs["similarity"].round(12)) <= {0.8}
        found += len(hits)
    # LSH is shaped to flag a threshold pair with probability >= 0.99; allow sampling noise.
    assert found / 400 >= 0.95


@pytest.mark.parametrize(("n", "shared"), [(9, 7), (40, 35), (450, 399)])
def test_pairs_just_below_the_threshold_are_never_reported(n, shared):
    assert shared / (2 * n - shared) < 0.8
    train, test = _pairs(100, n, shared, "b")
    assert ft.datacheck.find_duplicates(
        train, test, threshold=0.8, unit="word", ngram=1
    ).pairs.empty


def test_more_similar_pairs_are_found_more_surely():
    # 18 words sharing 17: similarity 17/19 = 0.89; LSH flags it with probability > 0.9999
    train, test = _pairs(300, 18, 17, "m")
    report = ft.datacheck.find_duplicates(train, test, threshold=0.8, unit="word", ngram=1)
    assert len(report.pairs) == 300
    assert (report.pairs["kind"] == "near").all()


def test_no_near_copy_is_ever_called_exact():
    train, test = _pairs(100, 45, 44, "e")  # one word differs: similarity 44/46
    test += [t.upper() + "!" for t in train[:5]]  # real copies after normalisation
    report = ft.datacheck.find_duplicates(train, test, threshold=0.8, unit="word", ngram=1)
    exact = report.pairs[report.pairs["kind"] == "exact"]
    assert exact[["train_index", "test_index"]].values.tolist() == [[i, 100 + i] for i in range(5)]
    assert (report.pairs.loc[report.pairs["kind"] == "near", "similarity"] < 1).all()


def test_signature_agreement_estimates_jaccard_without_bias():
    rng = np.random.default_rng(4)
    for size in (5, 30, 300):  # fewer shingles than bins (densified) and many more
        shared = size // 2
        x, y = [], []
        for _ in range(400):
            base = rng.integers(0, 2**63, size=2 * size - shared, dtype=np.uint64)
            x.append(base[:size])
            y.append(np.concatenate((base[:shared], base[size:])))
        truth = shared / (2 * size - shared)
        sets = [s for pair in zip(x, y, strict=True) for s in pair]
        offsets = np.concatenate(([0], np.cumsum([s.size for s in sets])))
        probes = np.random.default_rng(0).integers(0, _NUM_PERM, size=(1_024, _NUM_PERM))
        sig = _minhash(np.concatenate(sets), offsets, np.uint64(99), probes)
        assert not (sig == _EMPTY).any()  # every bin filled, even for 5 shingles
        agreement = (sig[0::2] == sig[1::2]).mean()
        assert agreement == pytest.approx(truth, abs=0.02)


def test_a_text_agrees_with_itself_everywhere_and_shingles_are_hashed_per_text():
    codes, offsets = shingles_many(["abcdef", "abcdef", "x"], 3, "char")
    probes = np.random.default_rng(1).integers(0, _NUM_PERM, size=(1_024, _NUM_PERM))
    sig = _minhash(codes, offsets, np.uint64(7), probes)
    assert (sig[0] == sig[1]).all()
    assert not (sig[0] == sig[2]).any()


_RUN = """
import json, sys
import ftlib as ft
sys.path.insert(0, {here!r})
from test_contamination_minhash import _pairs
train, test = _pairs(150, 18, 16, "d")
report = ft.datacheck.find_duplicates(
    train + test[:3], test, threshold=0.8, unit="word", ngram=1, seed=3
)
print(json.dumps(report.pairs.values.tolist()))
"""


def test_results_are_the_same_in_every_process():
    here = os.path.dirname(os.path.abspath(__file__))
    outs = []
    for hash_seed in ("1", "2"):  # Python's own str hash differs between these processes
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run(
            [sys.executable, "-c", _RUN.format(here=here)],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        )
        outs.append(json.loads(done.stdout))
    assert outs[0] == outs[1]
    assert sum(kind == "exact" for *_, kind in outs[0]) == 3


# Letters, digits, every ASCII space and control, punctuation, the batch separator "\0", and
# non-ASCII text that NFKC changes (ligature, roman numeral, no-break space) or keeps (emoji).
_CHARS = st.sampled_from(list("aZ0_ .,!?-'\t\n\r\x0b\x0c\x1c\x1f\x00\x7f") + list("éﬁⅣ\u00a0👍字"))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(_CHARS, max_size=12), min_size=1, max_size=8))
def test_a_batch_is_normalised_exactly_as_each_text_alone(texts):
    assert _normalize_many(texts) == [normalize_for_matching(t) for t in texts]
