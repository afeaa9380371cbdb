"""Do the inputs a model was trained on look like the inputs it will meet?

``detect_shift`` compares reference texts (training inputs) with production
texts four ways: length in words, vocabulary (the share of production words
never seen in the reference), typo rate, and a classifier two-sample test: if a
simple classifier can tell the two sets apart, they differ, whatever the reason.
The result is a level (none, some, strong) and a verdict a non-specialist can act on.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

from ..core.errors import FtlibError, check_int
from ..datacheck.contamination import check_texts, normalize_for_matching, shingles_many
from ..rules.thresholds import PRODUCTION_SHARE

__all__ = ["ShiftReport", "detect_shift", "typo_rate", "shift_classifier_auc"]

# The course's cut-offs (not the article's): a cross-validated AUC this far above chance,
# at p < 0.01.
AUC_SOME, AUC_STRONG, P_VALUE_MAX = 0.60, 0.75, 0.01
LENGTH_RATIO_BAND = (0.75, 1 / 0.75)  # median lengths within a quarter of each other look alike
OOV_SHARE_MAX = 0.10  # more than one production word in ten unseen in training is a warning
_BUCKETS = 2048  # hashed character 3-gram features for the classifier
_MAX_PER_SIDE = 2000  # the classifier test subsamples larger sets (seeded) to stay fast
_WORD = re.compile(r"[a-z]+")
# Typos are looked for in words up to this long: a word's variants number its length, and
# each is as long as the word, so a 20,000-letter "word" would cost hundreds of megabytes.
_MAX_TYPO_WORD = 40


@dataclass(frozen=True)
class ShiftReport:
    """Reference (training) versus production inputs: four comparisons and a verdict."""

    n_reference: int
    n_production: int
    median_words_reference: float
    median_words_production: float
    oov_share: float  # share of production word tokens never seen in the reference
    typo_rate_reference: float
    typo_rate_production: float
    classifier_auc: float  # 0.5: indistinguishable; 1.0: always told apart
    classifier_p_value: float
    level: str  # "none", "some" or "strong"
    findings: tuple[str, ...]
    verdict: str

    def __repr__(self) -> str:
        return (
            f"ShiftReport(level={self.level!r}, classifier_auc={self.classifier_auc:.3f}, "
            f"median_words={self.median_words_reference:g}->{self.median_words_production:g}, "
            f"oov_share={self.oov_share:.3f}, "
            f"typo_rate={self.typo_rate_reference:.3f}->{self.typo_rate_production:.3f})"
        )

    @property
    def length_ratio(self) -> float:
        """Median production length over median reference length."""
        return (
            self.median_words_production / self.median_words_reference
            if self.median_words_reference
            else math.inf
        )


def typo_rate(texts: Iterable[str], known_words: Iterable[str]) -> float:
    """Share of words (4+ letters) that are not known but one edit away from a known word.

    An edit is a letter dropped, added, changed or two neighbours swapped. Known
    words are usually the frequent words of both sets (``detect_shift`` uses
    words seen at least 3 times).

    Examples
    --------
    >>> known = {"parcel", "arrived", "has", "not", "my"}
    >>> typo_rate(["my parcle has not arived", "my parcel arrived"], known)
    0.5
    """
    words = [
        w for t in check_texts("texts", texts) for w in _WORD.findall(normalize_for_matching(t))
    ]
    if isinstance(known_words, (str, bytes)) or not isinstance(known_words, Iterable):
        raise FtlibError("known_words", known_words, "a set of known words (strings)")
    listed = list(known_words)
    odd = next((k for k in listed if not isinstance(k, str)), "")
    if odd != "":
        raise FtlibError("known_words", odd, "a set of known words (strings)")
    known = set(listed)
    index: dict[str, list[str]] = {}
    for k in known:
        if 3 <= len(k) <= _MAX_TYPO_WORD:
            for key in _deletes(k) | {k}:
                index.setdefault(key, []).append(k)
    long_words = [w for w in words if len(w) >= 4]
    if not long_words:
        return 0.0
    cache: dict[str, bool] = {}
    hits = 0
    for w in long_words:
        if w not in cache and len(w) > _MAX_TYPO_WORD:
            cache[w] = False
        if w not in cache:
            candidates = (k for key in _deletes(w) | {w} for k in index.get(key, ()))
            cache[w] = w not in known and any(_one_edit(w, k) for k in candidates)
        hits += cache[w]
    return hits / len(long_words)


def shift_classifier_auc(
    reference_texts: Sequence[str],
    production_texts: Sequence[str],
    *,
    folds: int = 5,
    seed: int = 0,
) -> tuple[float, float]:
    """Cross-validated AUC of a naive Bayes classifier telling the sets apart, and its p-value.

    The classifier sees hashed character 3-grams. The p-value uses the normal
    approximation to the Mann-Whitney statistic under "no difference".

    Examples
    --------
    >>> ref = ["please could you help me with my invoice"] * 30
    >>> prod = ["invoice wrong pls fix"] * 30
    >>> auc, p = shift_classifier_auc(ref, prod)
    >>> auc, p < 1e-6
    (1.0, True)
    """
    ref = check_texts("reference_texts", reference_texts)
    prod = check_texts("production_texts", production_texts)
    folds = check_int("folds", folds, minimum=2, maximum=20)
    rng = np.random.default_rng(check_int("seed", seed, minimum=0))
    if min(len(ref), len(prod)) < folds:
        raise FtlibError(
            "production_texts" if len(prod) < len(ref) else "reference_texts",
            f"{min(len(ref), len(prod))} texts",
            f"at least {folds} texts per side (one per fold)",
        )
    ref = [ref[i] for i in np.sort(rng.permutation(len(ref))[:_MAX_PER_SIDE])]
    prod = [prod[i] for i in np.sort(rng.permutation(len(prod))[:_MAX_PER_SIDE])]
    features = _features(ref + prod)
    labels = np.r_[np.zeros(len(ref)), np.ones(len(prod))]
    fold_of = np.empty(labels.size, dtype=np.int64)
    for side in (0, 1):  # stratified folds
        idx = np.flatnonzero(labels == side)
        fold_of[rng.permutation(idx)] = np.arange(idx.size) % folds
    scores = np.empty(labels.size)
    for k in range(folds):
        train, held = fold_of != k, fold_of == k
        log_ratio = _nb_log_ratio(features[train], labels[train])
        scores[held] = features[held] @ log_ratio
    return _auc_with_p(scores, labels)


def detect_shift(
    reference_texts: Iterable[str], production_texts: Iterable[str], *, seed: int = 0
) -> ShiftReport:
    """Compare training inputs with production inputs and say whether the difference matters.

    Parameters
    ----------
    reference_texts
        The inputs the model is (or will be) trained or evaluated on.
    production_texts
        A sample of real inputs from production.
    seed
        Seed for the classifier test's folds and subsampling.

    Examples
    --------
    >>> ask = "Hello, could you please help me change the address on order {}? Thank you."
    >>> ref = [ask.format(i) for i in range(40)]
    >>> prod = [f"chnage adress ordr {i} pls" for i in range(40)]
    >>> report = detect_shift(ref, prod)
    >>> report.level, report.median_words_reference > report.median_words_production
    ('strong', True)
    """
    ref = check_texts("reference_texts", reference_texts)
    prod = check_texts("production_texts", production_texts)
    ref_words = [_WORD.findall(normalize_for_matching(t)) for t in ref]
    prod_words = [_WORD.findall(normalize_for_matching(t)) for t in prod]
    med_ref = float(np.median([len(w) for w in ref_words]))
    med_prod = float(np.median([len(w) for w in prod_words]))
    seen = {w for ws in ref_words for w in ws}
    prod_tokens = [w for ws in prod_words for w in ws]
    oov = sum(w not in seen for w in prod_tokens) / len(prod_tokens) if prod_tokens else 0.0
    counts = Counter(w for ws in ref_words + prod_words for w in ws)
    known = {w for w, c in counts.items() if c >= 3}
    typo_ref, typo_prod = typo_rate(ref, known), typo_rate(prod, known)
    if min(len(ref), len(prod)) >= 5:
        auc, p = shift_classifier_auc(ref, prod, seed=seed)
    else:
        auc, p = 0.5, 1.0  # too few texts to cross-validate: the classifier says nothing
    return _verdict(len(ref), len(prod), med_ref, med_prod, oov, typo_ref, typo_prod, auc, p)


def _verdict(
    n_ref: int,
    n_prod: int,
    med_ref: float,
    med_prod: float,
    oov: float,
    typo_ref: float,
    typo_prod: float,
    auc: float,
    p: float,
) -> ShiftReport:
    findings = []
    ratio = med_prod / med_ref if med_ref else math.inf
    if not LENGTH_RATIO_BAND[0] <= ratio <= LENGTH_RATIO_BAND[1]:
        side = "shorter" if ratio < 1 else "longer"
        findings.append(
            f"Production inputs are {side}: a median of {med_prod:g} words against {med_ref:g} in "
            "training."
        )
    if oov > OOV_SHARE_MAX:
        findings.append(f"{oov:.0%} of production words never appear in the training inputs.")
    if typo_prod > max(2 * typo_ref, 0.01):
        findings.append(
            f"Production has more typos: about {typo_prod:.1%} of words against {typo_ref:.1%} in "
            "training."
        )
    significant = p < P_VALUE_MAX
    level = (
        "strong"
        if significant and auc >= AUC_STRONG
        else "some"
        if significant and auc >= AUC_SOME
        else "none"
    )
    p_text = "p < 0.001" if p < 0.001 else f"p = {p:.2g}"
    told = (
        f"A simple classifier tells the two sets apart with AUC {auc:.2f} "
        f"(0.5 would be chance; {p_text})."
    )
    if level == "none":
        verdict = " ".join(
            [f"No shift worth acting on. {told}", *findings, "Keep re-checking as traffic changes."]
        )
    else:
        verdict = " ".join(
            [
                f"{'Strong' if level == 'strong' else 'Some'} distribution shift: a score "
                "measured on the reference inputs "
                f"will overstate production quality. {told}",
                *findings,
                f"Draw about {PRODUCTION_SHARE:.0%} of training inputs from real production "
                "traffic, and build the test "
                "set from production too.",
            ]
        )
    return ShiftReport(
        n_ref,
        n_prod,
        med_ref,
        med_prod,
        oov,
        typo_ref,
        typo_prod,
        auc,
        p,
        level,
        tuple(findings),
        verdict,
    )


def _deletes(word: str) -> set[str]:
    """Every string one letter shorter, plus neighbour swaps (transpositions in one lookup)."""
    out = {word[:i] + word[i + 1 :] for i in range(len(word))}
    out |= {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    return out


def _one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by one dropped, added or changed letter, or one swap."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = next((i for i in range(len(short)) if short[i] != long_[i]), len(short))
    return short[i:] == long_[i + 1 :]


def _features(texts: Sequence[str]) -> np.ndarray:
    """Counts of hashed character 3-grams (with word boundaries), one row per text."""
    padded = [f" {normalize_for_matching(t)} " for t in texts]
    hashes, offsets = shingles_many(padded, 3, "char")
    rows = np.repeat(np.arange(len(texts), dtype=np.int64), np.diff(offsets))
    cells = rows * _BUCKETS + (hashes % np.uint64(_BUCKETS)).astype(np.int64)
    return (
        np.bincount(cells, minlength=len(texts) * _BUCKETS)
        .reshape(len(texts), _BUCKETS)
        .astype(np.float32)
    )


def _nb_log_ratio(features: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Multinomial naive Bayes: per-feature log odds of class 1 over class 0 (Laplace smoothing)."""
    ones = features[labels == 1].sum(axis=0) + 1
    zeros = features[labels == 0].sum(axis=0) + 1
    return np.log(ones / ones.sum()) - np.log(zeros / zeros.sum())


def _auc_with_p(scores: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """AUC from average ranks (ties count half) and the two-sided normal-approximation p-value."""
    order = np.argsort(scores, kind="stable")
    ranks = np.empty(scores.size)
    sorted_scores = scores[order]
    start = 0
    while start < scores.size:  # average ranks over ties
        end = start
        while end + 1 < scores.size and sorted_scores[end + 1] == sorted_scores[start]:
            end += 1
        ranks[order[start : end + 1]] = (start + end) / 2 + 1
        start = end + 1
    n1, n0 = float(labels.sum()), float(labels.size - labels.sum())
    u = ranks[labels == 1].sum() - n1 * (n1 + 1) / 2
    auc = u / (n1 * n0)
    sd = math.sqrt((n1 + n0 + 1) / (12 * n1 * n0))
    p = 2 * (1 - NormalDist().cdf(abs(auc - 0.5) / sd))
    return float(auc), float(p)
