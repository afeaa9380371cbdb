"""The abort criterion: written down before training, applied to each checkpoint.

Sunk cost pushes teams to keep training after the evidence says stop. The cure
is a rule fixed in advance: the metric, the prompted baseline, the target and how
many checkpoints the budget allows. ``record_abort_criterion`` stores that rule;
``judge_checkpoints`` applies it to the scores as they arrive and answers
continue or stop, with the reason in a sentence.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Iterable
from dataclasses import dataclass

from ..core.errors import FtlibError, check_date, check_int, check_number
from ..rules.thresholds import TRAINING_RUNS_BUDGET

__all__ = ["AbortCriterion", "CheckpointDecision", "record_abort_criterion", "judge_checkpoints"]

ACTIONS = ("continue", "stop")
OUTCOMES = ("no-checkpoint-yet", "on-track", "behind-pace", "target-met", "budget-spent")
_FAR = 100  # beyond this many checkpoints at the current pace, say "more than 100"


@dataclass(frozen=True)
class AbortCriterion:
    """The rule agreed before training starts.

    ``max_checkpoints`` is how many checkpoints the budget pays for (the article
    budgets 2 to 3 training runs and stops at checkpoint 2 if the target is missed).
    """

    metric: str
    baseline_score: float
    target_score: float
    max_checkpoints: int = TRAINING_RUNS_BUDGET[0]
    higher_is_better: bool = True
    recorded_on: _dt.date | None = None

    def beats(self, score: float, reference: float) -> bool:
        """Whether ``score`` is at least as good as ``reference`` in this metric's direction."""
        return score >= reference if self.higher_is_better else score <= reference

    def statement(self) -> str:
        """The criterion as the sentence a team signs off on."""
        direction = "reach" if self.higher_is_better else "get down to"
        when = f" (recorded {self.recorded_on.isoformat()})" if self.recorded_on else ""
        return (
            f"If the tuned model does not {direction} {self.metric} {self.target_score:g} "
            f"(prompted baseline {self.baseline_score:g}) by checkpoint {self.max_checkpoints}, "
            f"we stop training and ship the prompted baseline{when}."
        )


@dataclass(frozen=True)
class CheckpointDecision:
    """What to do after the checkpoints scored so far, and why."""

    action: str  # "continue" or "stop"
    outcome: str  # one of OUTCOMES
    reason: str
    checkpoints_used: int
    best_score: float | None
    best_checkpoint: int | None

    def __str__(self) -> str:
        return f"{self.action.upper()}: {self.reason}"


def record_abort_criterion(
    metric: str,
    baseline_score: float,
    target_score: float,
    *,
    max_checkpoints: int = TRAINING_RUNS_BUDGET[0],
    higher_is_better: bool = True,
    recorded_on: _dt.date | str | None = None,
) -> AbortCriterion:
    """Check and store the abort rule before any training starts.

    Parameters
    ----------
    metric
        Name of the one primary metric, e.g. ``"accuracy"``.
    baseline_score, target_score
        The prompted baseline measured on the test set, and the score that makes
        training worth it. The target must beat the baseline.
    max_checkpoints
        Checkpoints the budget pays for (default: the article's 2).
    higher_is_better
        False for metrics such as error rate or latency.
    recorded_on
        The date the team agreed on it (a date or ``"YYYY-MM-DD"``).

    Examples
    --------
    >>> rule = record_abort_criterion("accuracy", 0.82, 0.90, recorded_on="2026-05-04")
    >>> rule.statement()
    'If the tuned model does not reach accuracy 0.9 (prompted baseline 0.82) by checkpoint 2,
    we stop training and ship the prompted baseline (recorded 2026-05-04).'
    """
    if not isinstance(metric, str) or not metric.strip():
        raise FtlibError("metric", metric, "the name of one metric, e.g. 'accuracy'")
    baseline = check_number("baseline_score", baseline_score)
    target = check_number("target_score", target_score)
    if not isinstance(higher_is_better, bool):
        raise FtlibError("higher_is_better", higher_is_better, "True or False")
    if (target <= baseline) if higher_is_better else (target >= baseline):
        side = "above" if higher_is_better else "below"
        raise FtlibError(
            "target_score",
            target_score,
            f"a score {side} the baseline {baseline:g}",
            "a target the baseline already meets needs no training",
        )
    checkpoints = check_int("max_checkpoints", max_checkpoints, minimum=1, maximum=20)
    day = None if recorded_on is None else check_date("recorded_on", recorded_on)
    return AbortCriterion(metric.strip(), baseline, target, checkpoints, higher_is_better, day)


def judge_checkpoints(criterion: AbortCriterion, scores: Iterable[float]) -> CheckpointDecision:
    """Apply the criterion to the checkpoint scores so far (first checkpoint first).

    Stops as soon as a checkpoint meets the target (confirm it with a paired
    comparison on the test set before shipping), or when the budget is spent
    without meeting it. Otherwise continues, saying whether the progress so far
    would reach the target within the budget if it kept its pace.

    Examples
    --------
    >>> rule = record_abort_criterion("accuracy", 0.82, 0.90)
    >>> judge_checkpoints(rule, [0.86]).action
    'continue'
    >>> print(judge_checkpoints(rule, [0.86, 0.88]))
    STOP: Checkpoint 2 of 2 scored 0.88, short of the 0.9 target (best 0.88 at checkpoint 2):
    the budget is spent, so stop training and ship the prompted baseline.
    >>> judge_checkpoints(rule, [0.91]).outcome
    'target-met'
    """
    if not isinstance(criterion, AbortCriterion):
        raise FtlibError(
            "criterion", type(criterion).__name__, "an AbortCriterion from record_abort_criterion"
        )
    if isinstance(scores, (str, bytes)) or not isinstance(scores, Iterable):
        raise FtlibError("scores", scores, "a list of checkpoint scores, first checkpoint first")
    values = [check_number(f"scores[{i}]", s) for i, s in enumerate(scores)]
    c = criterion
    if not values:
        return CheckpointDecision(
            "continue",
            "no-checkpoint-yet",
            f"No checkpoint scored yet; the rule allows {c.max_checkpoints}.",
            0,
            None,
            None,
        )
    best_k = 1  # the checkpoint with the best score so far (1-based)
    for k, score in enumerate(values, start=1):
        if not c.beats(values[best_k - 1], score):  # strictly better: ties keep the earlier one
            best_k = k
        if c.beats(score, c.target_score):
            return CheckpointDecision(
                "stop",
                "target-met",
                f"Checkpoint {k} scored {score:g}, meeting the {c.target_score:g} target: stop "
                "training and confirm "
                f"the gain over the baseline ({c.baseline_score:g}) with a paired comparison on "
                "the test set.",
                k,
                score,
                k,
            )
        if k >= c.max_checkpoints:
            extra = (
                f" ({len(values) - k} later score(s) ignored: they were past the budget)"
                if len(values) > k
                else ""
            )
            return CheckpointDecision(
                "stop",
                "budget-spent",
                f"Checkpoint {k} of {c.max_checkpoints} scored {score:g}, short of the "
                f"{c.target_score:g} target "
                f"(best {values[best_k - 1]:g} at checkpoint {best_k}): the budget is spent, so "
                "stop training and "
                f"ship the prompted baseline{extra}.",
                k,
                values[best_k - 1],
                best_k,
            )
    k = len(values)
    best = values[best_k - 1]
    sign = 1.0 if c.higher_is_better else -1.0
    pace = sign * (best - c.baseline_score) / k  # gain per checkpoint so far, in the good direction
    needed = sign * (c.target_score - best)
    left = c.max_checkpoints - k
    if pace > 0 and needed <= pace * left:
        return CheckpointDecision(
            "continue",
            "on-track",
            f"Checkpoint {k} of {c.max_checkpoints} scored {values[-1]:g}; at the pace so far the "
            f"{c.target_score:g} "
            f"target is within reach of the {left} checkpoint(s) left.",
            k,
            best,
            best_k,
        )
    ratio = needed / pace if pace > 0 else math.inf  # inf when a tiny pace overflows too
    if not math.isfinite(ratio) or ratio > _FAR:
        reach = (
            "no checkpoint would reach it"
            if pace <= 0
            else f"it would take more than {_FAR} more checkpoints"
        )
    else:
        reach = f"it would take about {math.ceil(ratio)} more checkpoint(s)"
    return CheckpointDecision(
        "continue",
        "behind-pace",
        f"Checkpoint {k} of {c.max_checkpoints} scored {values[-1]:g}; at the pace so far "
        f"{reach}, but the rule "
        f"allows {left}. Continue as agreed, and expect to stop at checkpoint {c.max_checkpoints}.",
        k,
        best,
        best_k,
    )
