"""Self-checks for the decision explorer, the readiness gate and the 'when not' scenarios labs."""

from __future__ import annotations

import datetime as _dt

from ..core.errors import check_choice
from ..labkit.feedback import Feedback
from .flow import FLOW_APPROACHES, FLOW_LEAVES, Situation, recommend
from .whennot import WHEN_NOT_ROWS, check_when_not, when_not_scenario

__all__ = ["WHEN_NOT_ANSWERS", "flow_answer", "when_not_answer"]

# What a learner may answer for a 'when not' scenario: go ahead, or one of the alternatives.
WHEN_NOT_ANSWERS: tuple[str, ...] = ("fine-tune",) + tuple(
    dict.fromkeys(r.alternative for r in WHEN_NOT_ROWS)
)


def flow_answer(situation: Situation, approach: str, as_of: _dt.date | str) -> Feedback:
    """Check a guess of the approach the flow recommends for ``situation`` on ``as_of``.

    Examples
    --------
    >>> flow_answer(Situation(missing_facts=True), "rag", as_of="2026-04-15").correct
    True
    """
    check_choice("approach", approach, FLOW_APPROACHES)
    rec = recommend(situation, as_of=as_of)
    path = "; ".join(f"{s.question_id}: {'yes' if s.answer else 'no'}" for s in rec.path)
    if approach == rec.approach:
        extra = (
            f" (the flow reaches {rec.flow_approach}, but it is closed as of {rec.as_of})"
            if rec.rerouted
            else ""
        )
        return Feedback(True, f"{FLOW_LEAVES[approach].title}{extra}. Path: {path}.")
    if approach == rec.flow_approach:
        return Feedback(
            False,
            f"The flow does end at {FLOW_LEAVES[approach].title}, but that route is closed as of {rec.as_of}; the open alternative is {FLOW_LEAVES[rec.approach].title}.",
        )
    return Feedback(
        False, f"Walk the questions again: {path}. That ends at {FLOW_LEAVES[rec.approach].title}."
    )


def when_not_answer(scenario_id: str, answer: str) -> Feedback:
    """Check an answer to a 'when not' scenario: ``fine-tune``, or the alternative you would pick.

    Any alternative of a row that fires counts as correct; the feedback names every row that fires.

    Examples
    --------
    >>> when_not_answer("support-facts", "rag").correct
    True
    >>> when_not_answer("json-at-scale", "fine-tune").correct
    True
    """
    scenario = when_not_scenario(scenario_id)
    check_choice("answer", answer, WHEN_NOT_ANSWERS)
    findings = check_when_not(scenario.idea)
    if not findings:
        if answer == "fine-tune":
            return Feedback(
                True,
                "No stop sign applies: a behaviour goal, enough volume and enough examples. Go on to the readiness gate.",
            )
        return Feedback(
            False,
            f"None of the article's stop signs applies here, so '{answer}' is not needed: this is a case where fine-tuning can pay.",
        )
    why = " ".join(f.detail for f in findings)
    good = sorted({f.row.alternative for f in findings})
    if answer in good:
        return Feedback(
            True,
            why
            + " Instead: "
            + findings[[f.row.alternative for f in findings].index(answer)].row.instead,
        )
    if answer == "fine-tune":
        return Feedback(False, why + " Better: " + findings[0].row.instead)
    return Feedback(
        False,
        f"'{answer}' does not address what stops this idea. {why} Better: {findings[0].row.instead}",
    )
