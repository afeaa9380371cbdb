"""Self-checks for the "Measure before you train" lab."""

from __future__ import annotations

from ..core.errors import check_choice, check_int, check_number
from ..datacheck.contamination import find_duplicates
from ..labkit.feedback import Feedback
from .comparison import compare_by_test_size, mcnemar_exact_p
from .evalset import load_ticket_eval

__all__ = ["mcnemar_p_answer", "comparison_outcome_answer", "leaked_share_answer"]

_OUTCOMES = ("better", "worse", "inconclusive")


def mcnemar_p_answer(baseline_only: int, candidate_only: int, p_value: float) -> Feedback:
    """Check a McNemar p-value worked out by hand (to within 0.001).

    Examples
    --------
    >>> mcnemar_p_answer(2, 10, 0.0386).correct
    True
    """
    guess = check_number("p_value", p_value, minimum=0, maximum=1)
    actual = mcnemar_exact_p(baseline_only, candidate_only)
    n, k = baseline_only + candidate_only, min(baseline_only, candidate_only)
    how = (
        f"Only the {n} discordant items count. Under 'no difference' each is a fair coin, so p is twice the "
        f"chance of {k} or fewer heads in {n} tosses: {actual:.4f}."
    )
    if abs(guess - actual) <= 0.001:
        return Feedback(True, how)
    return Feedback(False, f"{guess:g} is off. " + how)


def comparison_outcome_answer(test_size: int, outcome: str) -> Feedback:
    """Check a prediction of the lab's verdict (seed 0, accuracy) for a test-set size.

    Examples
    --------
    >>> comparison_outcome_answer(500, "better").correct
    True
    """
    size = check_int("test_size", test_size, minimum=25, maximum=500)
    guess = check_choice("outcome", outcome, _OUTCOMES)
    data = load_ticket_eval().test
    row = compare_by_test_size(
        data["queue"], data["baseline_queue"], data["candidate_queue"], [size], n_resamples=1000
    ).iloc[0]
    told = (
        f"At {size} items the gap is {row['difference'] * 100:.1f} points with an interval from "
        f"{row['ci_low'] * 100:.1f} to {row['ci_high'] * 100:.1f}, so the verdict is {row['outcome']}."
    )
    if guess == row["outcome"]:
        return Feedback(True, told)
    return Feedback(False, told + " The interval, not the gap alone, decides.")


def leaked_share_answer(share: float) -> Feedback:
    """Check an estimate of the share of the shipped test set that leaked into training (within 1 point).

    Examples
    --------
    >>> leaked_share_answer(0.05).correct
    True
    """
    guess = check_number("share", share, minimum=0, maximum=1)
    data = load_ticket_eval()
    report = find_duplicates(data.train_texts, data.test["text"].tolist())
    told = (
        f"{len(report.contaminated_test_indices)} of {report.n_test} test items ({report.contaminated_share:.0%}) "
        f"match a training item at Jaccard >= {report.threshold:g}."
    )
    if abs(guess - report.contaminated_share) <= 0.01:
        return Feedback(True, told)
    return Feedback(
        False,
        f"{guess:.0%} is not it. " + told + " Give the share as a fraction, e.g. 0.1 for 10%.",
    )
