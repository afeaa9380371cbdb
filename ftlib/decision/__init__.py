"""Which approach fits: the decision flow, when not to fine-tune, the design review.

The names below are the area's public surface; plumbing stays in its module.
Figures, labs and self-checks are imported explicitly (``import ftlib.decision.plots``).
"""

from .flow import (
    DECISION_PROVIDERS,
    FLOW_APPROACHES,
    FLOW_LEAVES,
    FLOW_QUESTIONS,
    FLOW_START,
    FlowLeaf,
    FlowQuestion,
    FlowStep,
    Recommendation,
    Situation,
    recommend,
)
from .review import (
    design_review,
)
from .whennot import (
    FINE_TUNE_GOALS,
    WHEN_NOT_ROWS,
    WHEN_NOT_SCENARIOS,
    FineTuneIdea,
    WhenNotFinding,
    WhenNotRow,
    WhenNotScenario,
    check_when_not,
    when_not_row,
    when_not_scenario,
)

__all__ = [
    "DECISION_PROVIDERS",
    "FINE_TUNE_GOALS",
    "FLOW_APPROACHES",
    "FLOW_LEAVES",
    "FLOW_QUESTIONS",
    "FLOW_START",
    "WHEN_NOT_ROWS",
    "WHEN_NOT_SCENARIOS",
    "FineTuneIdea",
    "FlowLeaf",
    "FlowQuestion",
    "FlowStep",
    "Recommendation",
    "Situation",
    "WhenNotFinding",
    "WhenNotRow",
    "WhenNotScenario",
    "check_when_not",
    "design_review",
    "recommend",
    "when_not_row",
    "when_not_scenario",
]
