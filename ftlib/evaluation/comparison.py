"""Is the candidate really better than the baseline on this test set?

Both models answer the same items, so the comparison is paired: the bootstrap
resamples items (the same resample for both models) to put a confidence
interval on the difference, and McNemar's exact test looks only at the items
where exactly one model is right. ``compare_models`` turns both into a verdict
in plain words; ``ci_width_by_test_size`` shows how wide that interval is for a
given test-set size, which is why 50 to 100 items is a floor, not a luxury.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist
from typing import Any

import numpy as np
import pandas as pd

from ..core.errors import FtlibError, check_choice, check_int, check_number
from ..rules.thresholds import MAX_TEST_EXAMPLES, MIN_TEST_EXAMPLES
from .metrics import check_predictions, encode_labels, macro_f1_weighted

__all__ = [
    "McNemarResult",
    "mcnemar_exact",
    "mcnemar_exact_p",
    "paired_bootstrap_ci",
    "PairedComparison",
    "compare_models",
    "compare_by_test_size",
    "ci_width_by_test_size",
    "items_to_settle",
    "mcnemar_supports",
]

COMPARISON_METRICS = ("accuracy", "macro_f1")
DEFAULT_SIZES = (MIN_TEST_EXAMPLES, MAX_TEST_EXAMPLES, 500)
MAX_SIZE = 10**9  # test-set sizes beyond this are typing slips, not plans
_CHUNK_CELLS = 4_000_000  # resample weights held at once (32 MB), whatever the test-set size


@dataclass(frozen=True)
class McNemarResult:
    """Discordant pairs and the exact two-sided p-value.

    ``baseline_only``: items only the baseline got right; ``candidate_only``:
    items only the candidate got right.
    """

    baseline_only: int
    candidate_only: int
    p_value: float


def mcnemar_exact_p(baseline_only: int, candidate_only: int) -> float:
    """Exact two-sided McNemar p-value: a binomial test of the discordant pairs at one half.

    Examples
    --------
    >>> round(mcnemar_exact_p(2, 10), 4)  # 2 * (C(12,0) + C(12,1) + C(12,2)) / 2**12
    0.0386
    >>> mcnemar_exact_p(0, 0)
    1.0
    """
    b = check_int("baseline_only", baseline_only, minimum=0)
    c = check_int("candidate_only", candidate_only, minimum=0)
    n = b + c
    if n == 0:
        return 1.0
    k = min(b, c)
    if n <= 2_000:  # exact integer arithmetic
        tail = sum(math.comb(n, i) for i in range(k + 1))
        return min(1.0, 2 * tail / 2**n)
    # Large tables: the same sum in log space (huge integers would be slow), to float precision.
    i = np.arange(k + 1)
    log_terms = (
        math.lgamma(n + 1)
        - np.array([math.lgamma(j + 1) + math.lgamma(n - j + 1) for j in i])
        - n * math.log(2)
    )
    return float(min(1.0, 2 * np.exp(np.logaddexp.reduce(log_terms))))


def mcnemar_exact(
    baseline_correct: Sequence[bool] | np.ndarray, candidate_correct: Sequence[bool] | np.ndarray
) -> McNemarResult:
    """McNemar's exact test on per-item correctness of two models on the same items.

    Examples
    --------
    >>> mcnemar_exact([1, 1, 0, 0, 1], [1, 0, 1, 1, 1])
    McNemarResult(baseline_only=1, candidate_only=2, p_value=1.0)
    """
    base, cand = _scores_pair(baseline_correct, candidate_correct, binary=True)
    b = int(np.sum((base == 1) & (cand == 0)))
    c = int(np.sum((base == 0) & (cand == 1)))
    return McNemarResult(b, c, mcnemar_exact_p(b, c))


def paired_bootstrap_ci(
    baseline_scores: Sequence[float],
    candidate_scores: Sequence[float],
    *,
    confidence: float = 0.95,
    n_resamples: int = 2000,
    seed: int = 0,
) -> tuple[float, float]:
    """Percentile bootstrap interval of mean(candidate) - mean(baseline) over the same items.

    Examples
    --------
    >>> low, high = paired_bootstrap_ci([1, 0, 1, 0] * 25, [1, 1, 1, 0] * 25)
    >>> bool(low > 0) and bool(high < 0.5)
    True
    """
    base, cand = _scores_pair(baseline_scores, candidate_scores)
    confidence, n_resamples, rng = _check_bootstrap(confidence, n_resamples, seed)
    counts, (gain,) = _patterns(cand - base)
    diffs = _resampled(counts, n_resamples, rng, lambda w: w @ gain / base.size)[1:]
    low, high = np.quantile(diffs, [(1 - confidence) / 2, (1 + confidence) / 2])
    return float(low), float(high)


@dataclass(frozen=True)
class PairedComparison:
    """Baseline versus candidate on the same items, with a verdict in words.

    ``outcome`` is ``"better"``, ``"worse"`` or ``"inconclusive"`` (the interval
    includes zero). ``items_needed`` estimates the test-set size at which the
    interval would just exclude zero if the difference stayed the same.
    ``firm`` is False when the verdict should not be acted on yet: fewer items
    than the course's minimum of 50, or a better/worse outcome that McNemar's
    test does not support; the verdict then says so.
    """

    metric: str
    n_items: int
    baseline_score: float
    candidate_score: float
    difference: float
    ci_low: float
    ci_high: float
    confidence: float
    mcnemar: McNemarResult
    outcome: str
    items_needed: int | None
    verdict: str
    firm: bool = True


def compare_models(
    y_true: Sequence[Any],
    baseline_pred: Sequence[Any],
    candidate_pred: Sequence[Any],
    *,
    metric: str = "accuracy",
    confidence: float = 0.95,
    n_resamples: int = 2000,
    seed: int = 0,
) -> PairedComparison:
    """Compare two models' predictions on the same labelled items.

    Parameters
    ----------
    y_true
        The labels (none missing).
    baseline_pred, candidate_pred
        Each model's prediction per item, in the same order; ``None`` means no
        usable answer and counts as wrong.
    metric
        ``"accuracy"`` or ``"macro_f1"``; the bootstrap recomputes it on each resample.
    confidence, n_resamples, seed
        The interval's level, the number of bootstrap resamples and their seed.

    Examples
    --------
    >>> y = ["a"] * 100
    >>> base = ["a"] * 70 + ["b"] * 30
    >>> cand = ["a"] * 80 + ["b"] * 20
    >>> result = compare_models(y, base, cand)
    >>> result.outcome, result.mcnemar.candidate_only
    ('better', 10)
    >>> result.verdict.split(" (")[0]
    'The candidate is better by 10.0 points'
    """
    true, base = check_predictions(y_true, baseline_pred, names=("y_true", "baseline_pred"))
    _, cand = check_predictions(y_true, candidate_pred, names=("y_true", "candidate_pred"))
    metric = check_choice("metric", metric, COMPARISON_METRICS)
    confidence, n_resamples, rng = _check_bootstrap(confidence, n_resamples, seed)
    n = len(true)
    base_right = np.fromiter(
        (t == p for t, p in zip(true, base, strict=False)), dtype=float, count=n
    )
    cand_right = np.fromiter(
        (t == p for t, p in zip(true, cand, strict=False)), dtype=float, count=n
    )
    if metric == "accuracy":
        counts, (b_right, c_right) = _patterns(base_right, cand_right)
        right = np.column_stack([b_right, c_right])
        scores = _resampled(counts, n_resamples, rng, lambda w: w @ right / n)
    else:
        # one label code table for all three lists: both models' F1 average over the same labels
        labels = list(dict.fromkeys(list(true) + [p for p in base + cand if p is not None]))
        codes_true, codes_base, k = encode_labels(true, base, labels)
        _, codes_cand, _ = encode_labels(true, cand, labels)
        counts, (p_true, p_base, p_cand) = _patterns(codes_true, codes_base, codes_cand)
        scores = _resampled(
            counts,
            n_resamples,
            rng,
            lambda w: np.column_stack(
                [
                    macro_f1_weighted(p_true, p_base, k, w),
                    macro_f1_weighted(p_true, p_cand, k, w),
                ]
            ),
        )
    base_scores, cand_scores = scores[:, 0], scores[:, 1]
    diffs = cand_scores[1:] - base_scores[1:]
    low, high = (float(v) for v in np.quantile(diffs, [(1 - confidence) / 2, (1 + confidence) / 2]))
    mcnemar = mcnemar_exact(base_right, cand_right)
    difference = float(cand_scores[0] - base_scores[0])
    return _judge(
        metric,
        n,
        float(base_scores[0]),
        float(cand_scores[0]),
        difference,
        low,
        high,
        confidence,
        mcnemar,
    )


def compare_by_test_size(
    y_true: Sequence[Any],
    baseline_pred: Sequence[Any],
    candidate_pred: Sequence[Any],
    sizes: Sequence[int] = DEFAULT_SIZES,
    *,
    metric: str = "accuracy",
    confidence: float = 0.95,
    n_resamples: int = 1000,
    seed: int = 0,
) -> pd.DataFrame:
    """The same comparison on growing, nested random subsets of the test set.

    One row per size: ``test_size``, ``difference``, ``ci_low``, ``ci_high``,
    ``p_value`` (McNemar) and ``outcome``. Scores are on a 0-1 scale.

    Examples
    --------
    >>> y = ["a"] * 200
    >>> base, cand = ["a"] * 140 + ["b"] * 60, ["a"] * 170 + ["b"] * 30
    >>> table = compare_by_test_size(y, base, cand, sizes=(20, 200))
    >>> width = table["ci_high"] - table["ci_low"]
    >>> table["test_size"].tolist(), bool(width.iloc[1] < width.iloc[0])
    ([20, 200], True)
    """
    true, base = check_predictions(y_true, baseline_pred, names=("y_true", "baseline_pred"))
    _, cand = check_predictions(y_true, candidate_pred, names=("y_true", "candidate_pred"))
    seed = check_int("seed", seed, minimum=0)
    if isinstance(sizes, (str, bytes)) or not isinstance(sizes, Sequence) or not sizes:
        raise FtlibError("sizes", sizes, "a list of test-set sizes, e.g. (50, 100, 500)")
    checked = [
        check_int(f"sizes[{i}]", s, minimum=2, maximum=len(true)) for i, s in enumerate(sizes)
    ]
    order = np.random.default_rng(seed).permutation(len(true))
    rows = []
    for size in checked:
        pick = order[:size].tolist()
        result = compare_models(
            [true[i] for i in pick],
            [base[i] for i in pick],
            [cand[i] for i in pick],
            metric=metric,
            confidence=confidence,
            n_resamples=n_resamples,
            seed=seed,
        )
        rows.append(
            (
                size,
                result.difference,
                result.ci_low,
                result.ci_high,
                result.mcnemar.p_value,
                result.outcome,
            )
        )
    return pd.DataFrame(
        rows, columns=["test_size", "difference", "ci_low", "ci_high", "p_value", "outcome"]
    )


def ci_width_by_test_size(
    baseline_accuracy: float,
    candidate_accuracy: float,
    sizes: Sequence[int] = DEFAULT_SIZES,
    *,
    discordant_share: float | None = None,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Expected width of the interval on an accuracy difference, for each test-set size.

    Per item the difference is +1, 0 or -1; its variance is ``q - d**2`` for a
    share ``q`` of items where exactly one model is right and a difference
    ``d`` in accuracy. The interval is about ``2 z sqrt((q - d**2) / n)`` wide.
    Without ``discordant_share``, the two models' errors are taken as
    independent, ``q = a(1 - b) + b(1 - a)``.

    Returns a table with ``test_size``, ``width_points`` (the full width, in
    percentage points), ``half_width_points`` and ``detects_difference`` (whether
    a true difference of that size would usually be told apart from zero).

    Examples
    --------
    >>> table = ci_width_by_test_size(0.80, 0.86)
    >>> table["test_size"].tolist(), table["half_width_points"].round(1).tolist()
    ([50, 100, 500], [14.7, 10.4, 4.6])
    """
    a = check_number("baseline_accuracy", baseline_accuracy, minimum=0, maximum=1)
    b = check_number("candidate_accuracy", candidate_accuracy, minimum=0, maximum=1)
    gap = b - a
    if discordant_share is None:
        q = a * (1 - b) + b * (1 - a)
    else:
        q = check_number(
            "discordant_share",
            discordant_share,
            minimum=abs(gap),
            maximum=min(1.0, 2 - a - b, a + b),
        )
    confidence = check_number("confidence", confidence, minimum=0.5, maximum=0.999)
    if isinstance(sizes, (str, bytes)) or not isinstance(sizes, Sequence) or not sizes:
        raise FtlibError("sizes", sizes, "a list of test-set sizes, e.g. (50, 100, 500)")
    n = np.array(
        [check_int(f"sizes[{i}]", s, minimum=1, maximum=MAX_SIZE) for i, s in enumerate(sizes)],
        dtype=float,
    )
    z = NormalDist().inv_cdf((1 + confidence) / 2)
    half = z * np.sqrt(max(q - gap**2, 0.0) / n) * 100
    return pd.DataFrame(
        {
            "test_size": n.astype(int),
            "width_points": 2 * half,
            "half_width_points": half,
            "detects_difference": half < abs(gap) * 100,
        }
    )


def items_to_settle(n: int, half_width: float, diff: float) -> int | None:
    """Test items needed for an interval of half-width ``half_width`` on ``n`` items to exclude 0.

    An interval narrows with the square root of the item count, so shrinking it from
    ``half_width`` to ``|diff|`` takes ``n * (half_width / diff) ** 2`` items (never fewer
    than ``n``); ``None`` when the two models are level and no count would settle it.

    Examples
    --------
    >>> items_to_settle(100, 0.10, 0.05)  # half the width: four times the items
    400
    >>> items_to_settle(100, 0.02, 0.05) is None, items_to_settle(100, 0.1, 0.0) is None
    (False, True)
    """
    if diff == 0:
        return None
    return max(n, math.ceil(n * (half_width / abs(diff)) ** 2))


def mcnemar_supports(p_value: float, confidence: float) -> bool:
    """Whether McNemar's p-value supports a difference at ``confidence``: p below 1 - confidence.

    A p-value exactly at the threshold does not (p = 0.05 at 95%), which a plain float
    subtraction gets wrong: 1 - 0.95 is 0.050000000000000044.

    Examples
    --------
    >>> mcnemar_supports(0.049, 0.95), mcnemar_supports(0.05, 0.95)
    (True, False)
    """
    return p_value < round(1 - confidence, 12)


def _judge(
    metric: str,
    n: int,
    base: float,
    cand: float,
    diff: float,
    low: float,
    high: float,
    confidence: float,
    mcnemar: McNemarResult,
) -> PairedComparison:
    """Outcome, items needed and the plain-language verdict."""
    level = (
        f"{confidence:.0%} CI {low * 100:.1f} to {high * 100:.1f} points; "
        f"McNemar p = {mcnemar.p_value:.3g}"
    )
    needed = items_to_settle(n, (high - low) / 2, diff)
    name = "accuracy" if metric == "accuracy" else "macro-F1"
    supported = mcnemar_supports(mcnemar.p_value, confidence)
    if low > 0:
        outcome = "better"
        verdict = f"The candidate is better by {diff * 100:.1f} points ({level})"
        if supported:
            verdict += f": the gain holds up on these {n:,} items."
        else:
            verdict += ". McNemar's test is not yet convinced, so treat the gain as borderline."
    elif high < 0:
        outcome = "worse"
        verdict = f"The candidate is worse by {-diff * 100:.1f} points ({level})"
        if supported and n >= MIN_TEST_EXAMPLES:
            verdict += ": do not ship it."
        else:
            verdict += ": a warning sign, not yet a reason to drop it."
    else:
        outcome = "inconclusive"
        lead = "ahead" if diff > 0 else "behind"
        gap = f"{abs(diff) * 100:.1f} points {lead}" if diff != 0 else "level"
        more = f" About {needed} items would be needed to settle a gap this size." if needed else ""
        verdict = (
            f"No clear winner on {name}: the candidate is {gap}, "
            f"but the interval includes zero ({level})." + more
        )
    firm = n >= MIN_TEST_EXAMPLES and (outcome == "inconclusive" or supported)
    if n < MIN_TEST_EXAMPLES:
        verdict += (
            f" Only {n} item{'s' if n != 1 else ''}: under the {MIN_TEST_EXAMPLES}-"
            f"{MAX_TEST_EXAMPLES} the course recommends, so this verdict is not firm."
        )
    return PairedComparison(
        metric, n, base, cand, diff, low, high, confidence, mcnemar, outcome, needed, verdict, firm
    )


def _patterns(*columns: np.ndarray) -> tuple[np.ndarray, tuple[np.ndarray, ...]]:
    """The distinct rows of ``columns`` and how many items share each.

    ``columns`` hold one value per item: either a single column of any numbers,
    or several columns of integer codes from -1 up (right/wrong flags, label codes).

    Resampling items with replacement is the same as drawing the counts of these
    patterns from a multinomial, so the bootstrap's cost depends on the number of
    distinct patterns (4 for accuracy), not on the number of items.
    """
    if len(columns) == 1:
        unique, counts = np.unique(columns[0], return_counts=True)
        return counts.astype(float), (unique,)
    # Small non-negative integer codes: one mixed-radix key per item, then a 1-D unique (fast).
    ints = [np.asarray(c).astype(np.int64) for c in columns]
    bases = [int(c.max()) + 2 for c in ints]  # codes start at -1 (no answer)
    if math.prod(bases) >= 2**62:  # too many labels for one int64 key: sort whole rows instead
        unique_rows, counts = np.unique(np.column_stack(ints), axis=0, return_counts=True)
        return counts.astype(float), tuple(
            unique_rows[:, j].astype(np.asarray(c).dtype) for j, c in enumerate(columns)
        )
    key = np.zeros(ints[0].size, dtype=np.int64)
    for c, base in zip(ints, bases, strict=False):
        key = key * base + (c + 1)
    unique, counts = np.unique(key, return_counts=True)
    parts = []
    for base in reversed(bases):
        parts.append(unique % base - 1)
        unique = unique // base
    parts.reverse()
    return counts.astype(float), tuple(
        p.astype(np.asarray(c).dtype) for p, c in zip(parts, columns, strict=False)
    )


def _resampled(
    counts: np.ndarray, n_resamples: int, rng: np.random.Generator, score: Any
) -> np.ndarray:
    """``score(weights)`` on the full set (first row) and on each bootstrap resample.

    ``weights`` has one column per item pattern (see :func:`_patterns`): how many
    times the resample drew an item of that pattern. Chunks bound the memory.
    """
    n = int(counts.sum())
    out = [score(counts[np.newaxis, :])]
    share = counts / n
    per_chunk = max(1, _CHUNK_CELLS // counts.size)
    for start in range(0, n_resamples, per_chunk):
        draws = rng.multinomial(n, share, size=min(per_chunk, n_resamples - start))
        out.append(score(draws.astype(float)))
    return np.concatenate(out)


def _scores_pair(
    baseline: Any, candidate: Any, *, binary: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """Two equally long, non-empty arrays of per-item scores (0/1 when ``binary``)."""
    arrays = []
    for field, values in (("baseline", baseline), ("candidate", candidate)):
        if isinstance(values, (str, bytes)) or not hasattr(values, "__len__"):
            raise FtlibError(field, values, "one score per test item, as a list or array")
        if len(values) == 0:
            raise FtlibError(field, [], "at least one item", "an empty test set has no score")
        try:
            array = np.asarray(values, dtype=float)
        except (TypeError, ValueError):
            raise FtlibError(field, values, "numbers, one per item") from None
        if array.ndim != 1 or not np.isfinite(array).all():
            bad = int(np.flatnonzero(~np.isfinite(array))[0]) if array.ndim == 1 else 0
            raise FtlibError(
                f"{field}[{bad}]", values[bad], "a finite score (missing scores cannot be compared)"
            )
        if binary and not np.isin(array, (0, 1)).all():
            bad = int(np.flatnonzero(~np.isin(array, (0, 1)))[0])
            raise FtlibError(f"{field}[{bad}]", values[bad], "True/False or 1/0 (right or wrong)")
        arrays.append(array)
    if arrays[0].size != arrays[1].size:
        raise FtlibError(
            "candidate",
            f"{arrays[1].size} items",
            f"one per baseline item ({arrays[0].size})",
            "both must score the same items, in the same order",
        )
    return arrays[0], arrays[1]


def _check_bootstrap(
    confidence: float, n_resamples: int, seed: int
) -> tuple[float, int, np.random.Generator]:
    confidence = check_number("confidence", confidence, minimum=0.5, maximum=0.999)
    n_resamples = check_int("n_resamples", n_resamples, minimum=100, maximum=100_000)
    return confidence, n_resamples, np.random.default_rng(check_int("seed", seed, minimum=0))
