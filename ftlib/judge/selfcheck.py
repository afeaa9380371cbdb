"""Self-checks for the judge lab; the expected values are computed, not stored."""

from __future__ import annotations

from ..core.errors import check_number
from ..labkit.feedback import Feedback
from .agreement import judge_agreement

__all__ = ["always_pass_kappa_answer"]


def always_pass_kappa_answer(kappa: float | None = None, *, good_share: float = 0.7) -> Feedback:
    """A judge passes every answer, and ``good_share`` of the answers are good: what is its kappa?

    Examples
    --------
    >>> always_pass_kappa_answer(0).correct
    True
    """
    if kappa is None:  # no verdict before the learner has answered
        return Feedback(False, "No answer yet: type the kappa you expect and run the cell.")
    kappa = check_number("kappa", kappa, minimum=-1, maximum=1)
    good_share = check_number("good_share", good_share, minimum=0.01, maximum=0.99)
    n_good = round(100 * good_share)
    human = [True] * n_good + [False] * (100 - n_good)
    expected = judge_agreement(human, [True] * 100)
    if abs(kappa - expected.kappa) <= 0.05:
        return Feedback(
            True,
            f"It agrees with humans on {expected.agreement:.0%} of answers, exactly what chance "
            "gives a rater who always says pass, so kappa is 0. Raw agreement flatters it.",
        )
    return Feedback(
        False,
        f"Its raw agreement is {expected.agreement:.0%}, but kappa subtracts the agreement a "
        "rater reaches by always giving its most common verdict. How much is left?",
    )
