"""Is the team ready to train: the readiness gate and the abort criterion.

The names below are the area's public surface; plumbing stays in its module.
Figures, labs and self-checks are imported explicitly (``import ftlib.readiness.plots``).
"""

from .abort import (
    AbortCriterion,
    CheckpointDecision,
    judge_checkpoints,
    record_abort_criterion,
)
from .gate import (
    READINESS_ITEMS,
    READINESS_TEST_SOURCES,
    Readiness,
    ReadinessAnswers,
    ReadinessItem,
    check_readiness,
    parse_hypothesis,
    readiness_grid,
)

__all__ = [
    "READINESS_ITEMS",
    "READINESS_TEST_SOURCES",
    "AbortCriterion",
    "CheckpointDecision",
    "Readiness",
    "ReadinessAnswers",
    "ReadinessItem",
    "check_readiness",
    "judge_checkpoints",
    "parse_hypothesis",
    "readiness_grid",
    "record_abort_criterion",
]
