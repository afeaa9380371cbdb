"""The failure-mode experiments on tiny seeded models: tasks, models, sweeps.

The names below are the area's public surface; plumbing stays in its module.
Figures, labs and self-checks are imported explicitly (``import ftlib.experiments.plots``).
"""

from .runs import (
    ARTICLE_SHIFT_SCORES,
    EXPERIMENT_SWEEPS,
    contamination_experiment,
    data_size_experiment,
    forgetting_experiment,
    noisy_labels_experiment,
    run_sweep,
    shift_experiment,
    sunk_cost_experiment,
)
from .tasks import (
    GENERAL_TASKS,
    TICKET_LABELS,
    TICKET_STYLES,
    TextDataset,
    general_examples,
    leak_into,
    mixed_ticket_examples,
    ticket_examples,
    with_label_noise,
)
from .tinymodels import (
    TUNING_METHODS,
    FewShotBaseline,
    PretrainedBase,
    TunedModel,
)

__all__ = [
    "ARTICLE_SHIFT_SCORES",
    "EXPERIMENT_SWEEPS",
    "GENERAL_TASKS",
    "TICKET_LABELS",
    "TICKET_STYLES",
    "TUNING_METHODS",
    "FewShotBaseline",
    "PretrainedBase",
    "TextDataset",
    "TunedModel",
    "contamination_experiment",
    "data_size_experiment",
    "forgetting_experiment",
    "general_examples",
    "leak_into",
    "mixed_ticket_examples",
    "noisy_labels_experiment",
    "run_sweep",
    "shift_experiment",
    "sunk_cost_experiment",
    "ticket_examples",
    "with_label_noise",
]
