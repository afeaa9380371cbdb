"""Self-checks for the readiness gate."""

from __future__ import annotations

from ..labkit.feedback import Feedback
from .gate import ReadinessAnswers, check_readiness

__all__ = ["readiness_verdict"]


def readiness_verdict(answers: ReadinessAnswers, ready: bool) -> Feedback:
    """Check a guess of whether a team passes the readiness gate.

    Examples
    --------
    >>> readiness_verdict(ReadinessAnswers(metric="F1"), ready=False).correct
    True
    """
    result = check_readiness(answers)
    if bool(ready) == result.ready:
        if result.ready:
            return Feedback(True, "Every prerequisite is in place, abort criterion included.")
        return Feedback(
            True, "Not ready. Still open: " + ", ".join(i.name for i in result.failed) + "."
        )
    if result.ready:
        return Feedback(False, "Every item passes: this team is ready to train.")
    return Feedback(
        False, "Not yet ready: " + "; ".join(f"{i.name}: {i.reason}" for i in result.failed)
    )
