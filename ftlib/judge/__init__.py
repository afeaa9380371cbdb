"""LLM-as-judge: agreement with people, kappa, intervals.

The names below are the area's public surface; plumbing stays in its module.
Figures, labs and self-checks are imported explicitly (``import ftlib.judge.plots``).
"""

from .agreement import (
    ANSWER_KINDS,
    JudgeAgreement,
    JudgeProfile,
    agreement_by_labels,
    cohens_kappa,
    judge_agreement,
    judge_disagreements,
    rate_interval,
    read_judged_labels,
    simulate_judged_answers,
)

__all__ = [
    "ANSWER_KINDS",
    "JudgeAgreement",
    "JudgeProfile",
    "agreement_by_labels",
    "cohens_kappa",
    "judge_agreement",
    "judge_disagreements",
    "rate_interval",
    "read_judged_labels",
    "simulate_judged_answers",
]
