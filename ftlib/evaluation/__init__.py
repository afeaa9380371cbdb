"""Measuring before and after training: metrics, paired comparison, shift, golden sets.

The names below are the area's public surface; plumbing stays in its module.
Figures, labs and self-checks are imported explicitly (``import ftlib.evaluation.plots``).
"""

from .comparison import (
    McNemarResult,
    PairedComparison,
    ci_width_by_test_size,
    compare_by_test_size,
    compare_models,
    mcnemar_exact,
    mcnemar_exact_p,
    paired_bootstrap_ci,
)
from .evalset import (
    TicketEval,
    load_ticket_eval,
)
from .golden import (
    GoldenItem,
    GoldenSet,
    MigrationReport,
    compare_to_golden,
    freeze_golden_set,
    json_field,
    load_golden_set,
)
from .metrics import (
    FormatCompliance,
    accuracy,
    exact_match,
    format_compliance,
    macro_f1,
)
from .predictions import (
    read_predictions,
)
from .shift import (
    ShiftReport,
    detect_shift,
    shift_classifier_auc,
    typo_rate,
)

__all__ = [
    "FormatCompliance",
    "GoldenItem",
    "GoldenSet",
    "McNemarResult",
    "MigrationReport",
    "PairedComparison",
    "ShiftReport",
    "TicketEval",
    "accuracy",
    "ci_width_by_test_size",
    "compare_by_test_size",
    "compare_models",
    "compare_to_golden",
    "detect_shift",
    "exact_match",
    "format_compliance",
    "freeze_golden_set",
    "json_field",
    "load_golden_set",
    "load_ticket_eval",
    "macro_f1",
    "mcnemar_exact",
    "mcnemar_exact_p",
    "paired_bootstrap_ci",
    "read_predictions",
    "shift_classifier_auc",
    "typo_rate",
]
