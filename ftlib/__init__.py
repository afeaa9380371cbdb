"""ftlib: decide whether an LLM problem calls for prompting, retrieval, fine-tuning or distillation.

One front door: ``import ftlib as ft``. This file names, explicitly, what a
course reader or a team uses; editors and type checkers read it as it is.
Plumbing (line readers, tallies, validators, encoders) stays in its module:
``from ftlib.jsonl_scan import iter_jsonl_lines``. Importing ftlib configures
nothing global and seeds no random generator.

To add a public name: import it below and list it in ``__all__`` (grouped by
module); ``tests/test_package.py`` pins the list, so update it there too.
"""

from __future__ import annotations

import importlib
import warnings
from typing import TYPE_CHECKING, Any

from .abort import (
    AbortCriterion,
    CheckpointDecision,
    judge_checkpoints,
    record_abort_criterion,
)
from .availability import (
    ENDING_SOON_DAYS,
    ROUTES,
    CheaperModel,
    RouteCheck,
    TrainingRoute,
    cheaper_current_models,
    check_route,
    routes_for,
)
from .catalog import (
    CUSTOMISATIONS,
    LIFECYCLE_STATUSES,
    STALE_AFTER_MONTHS,
    Catalog,
    GpuRow,
    LifecycleEvent,
    ModelRow,
    ModelStatus,
    PriceChange,
    PricesInForce,
    landscape_checked,
    landscape_note,
    list_vintages,
    load_catalog,
    price_table,
    status_table,
)
from .clock import dated_phrase, today
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
from .contamination import (
    ContaminationReport,
    DuplicateIndex,
    find_duplicates,
    normalize_for_matching,
    shingle_similarity,
)
from .costs import (
    ASSUMED_TOKENS_PER_SECOND_PER_GPU,
    BREAK_EVEN_HORIZON_MONTHS,
    HOURS_PER_MONTH,
    BreakEven,
    GpuPlan,
    InferenceCost,
    Prices,
    SelfHostedCost,
    Usage,
    VolumeSweep,
    Workload,
    break_even,
    break_even_months_grid,
    compare_costs,
    cumulative_costs,
    hourly_training_cost_usd,
    model_prices,
    monthly_bill_usd,
    monthly_cost,
    retraining_usd_per_month,
    self_hosted_cost,
    training_cost_usd,
    volume_sweep,
)
from .datacheck import (
    DATA_FORMATS,
    DATA_SAMPLES,
    DEFAULT_EPOCHS,
    DataReport,
    DatasetWarning,
    FormatLimit,
    FormatProfile,
    OverlapWithTest,
    RoleStats,
    TrainingFileCost,
    affordable_tokens_per_example,
    check_training_data,
    data_report_tables,
    data_sample_path,
    default_epochs,
    detect_format,
    format_profile_table,
    format_profiles,
    sample_token_counts,
    token_estimate_errors,
)
from .decision import (
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
from .errors import (
    FtlibError,
)
from .evalset import (
    TicketEval,
    load_ticket_eval,
)
from .experiments import (
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
from .golden import (
    GoldenItem,
    GoldenSet,
    MigrationReport,
    compare_to_golden,
    freeze_golden_set,
    json_field,
    load_golden_set,
)
from .jsonl_records import (
    ERROR_KINDS,
)
from .judge import (
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
from .landscape import (
    ARTICLE_WORKLOAD,
    PricedOption,
    price_option,
    priced_side_by_side,
)
from .lengths import (
    LengthDistribution,
)
from .metrics import (
    FormatCompliance,
    accuracy,
    exact_match,
    format_compliance,
    macro_f1,
)
from .payback import (
    CandidateLife,
    break_even_frame,
    candidate_life,
    crossover_volume,
    payback_volume,
    retirement_event,
    usd_text,
)
from .predictions import (
    read_predictions,
)
from .readiness import (
    READINESS_ITEMS,
    READINESS_TEST_SOURCES,
    Readiness,
    ReadinessAnswers,
    ReadinessItem,
    check_readiness,
    parse_hypothesis,
    readiness_grid,
)
from .review import (
    design_review,
)
from .routes import (
    Route,
    RouteState,
    dated_events,
    load_routes,
    route_state,
    routes_on,
    routes_table,
    where_to_fine_tune,
)
from .rules import (
    ARTICLE_DATE,
    DAYS_PER_MONTH,
    MAX_TEST_EXAMPLES,
    MAX_TRAIN_EXAMPLES,
    MIN_TEST_EXAMPLES,
    MIN_TRAIN_EXAMPLES,
    PAYBACK_MONTHS,
    PRODUCTION_SHARE,
    RULES,
    TRAINING_RUNS_BUDGET,
    VOLUME_FLOOR,
    VOLUME_PAYS_IN_WEEKS,
    VOLUME_RARELY_WORTH,
    Rule,
    VolumeBand,
    volume_band,
)
from .shift import (
    ShiftReport,
    detect_shift,
    shift_classifier_auc,
    typo_rate,
)
from .tables import money, table
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
from .tokens import (
    CHARS_PER_TOKEN,
    ESTIMATE_ERROR_BAND,
    TOKENS_PER_EXAMPLE,
    TOKENS_PER_MESSAGE,
    encoding_for_model,
    estimate_tokens,
    estimate_tokens_by_script,
    token_counter,
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

if TYPE_CHECKING:  # reached as ft.plots, ft.widgets (needs ipywidgets), ft.cli, ft.selfcheck
    from . import cli as cli
    from . import plots as plots
    from . import selfcheck as selfcheck
    from . import widgets as widgets

__version__ = "0.1.0"

__all__ = [
    "__version__",
    # errors
    "FtlibError",
    # rules
    "ARTICLE_DATE",
    "RULES",
    "Rule",
    "VolumeBand",
    "volume_band",
    "VOLUME_FLOOR",
    "VOLUME_RARELY_WORTH",
    "VOLUME_PAYS_IN_WEEKS",
    "PAYBACK_MONTHS",
    "MIN_TRAIN_EXAMPLES",
    "MAX_TRAIN_EXAMPLES",
    "MIN_TEST_EXAMPLES",
    "MAX_TEST_EXAMPLES",
    "TRAINING_RUNS_BUDGET",
    "PRODUCTION_SHARE",
    "DAYS_PER_MONTH",
    # catalog
    "STALE_AFTER_MONTHS",
    "LIFECYCLE_STATUSES",
    "CUSTOMISATIONS",
    "LifecycleEvent",
    "ModelStatus",
    "ModelRow",
    "GpuRow",
    "Catalog",
    "list_vintages",
    "load_catalog",
    "PriceChange",
    "PricesInForce",
    "landscape_checked",
    "landscape_note",
    "price_table",
    "status_table",
    # availability
    "ENDING_SOON_DAYS",
    "TrainingRoute",
    "ROUTES",
    "RouteCheck",
    "CheaperModel",
    "check_route",
    "routes_for",
    "cheaper_current_models",
    # clock
    "today",
    "dated_phrase",
    # routes
    "Route",
    "RouteState",
    "load_routes",
    "route_state",
    "routes_on",
    "where_to_fine_tune",
    "routes_table",
    "dated_events",
    # landscape
    "ARTICLE_WORKLOAD",
    "PricedOption",
    "price_option",
    "priced_side_by_side",
    # decision
    "FLOW_APPROACHES",
    "DECISION_PROVIDERS",
    "FLOW_START",
    "FLOW_QUESTIONS",
    "FLOW_LEAVES",
    "FlowQuestion",
    "FlowLeaf",
    "Situation",
    "FlowStep",
    "Recommendation",
    "recommend",
    # whennot
    "FINE_TUNE_GOALS",
    "WhenNotRow",
    "WHEN_NOT_ROWS",
    "when_not_row",
    "FineTuneIdea",
    "WhenNotFinding",
    "check_when_not",
    "WhenNotScenario",
    "WHEN_NOT_SCENARIOS",
    "when_not_scenario",
    # costs
    "HOURS_PER_MONTH",
    "Workload",
    "Prices",
    "InferenceCost",
    "SelfHostedCost",
    "BreakEven",
    "VolumeSweep",
    "model_prices",
    "monthly_cost",
    "training_cost_usd",
    "hourly_training_cost_usd",
    "retraining_usd_per_month",
    "self_hosted_cost",
    "break_even",
    "compare_costs",
    "cumulative_costs",
    "volume_sweep",
    "break_even_months_grid",
    "ASSUMED_TOKENS_PER_SECOND_PER_GPU",
    "BREAK_EVEN_HORIZON_MONTHS",
    "Usage",
    "GpuPlan",
    "monthly_bill_usd",
    # payback
    "CandidateLife",
    "candidate_life",
    "retirement_event",
    "payback_volume",
    "crossover_volume",
    "break_even_frame",
    "usd_text",
    # readiness
    "READINESS_TEST_SOURCES",
    "READINESS_ITEMS",
    "ReadinessAnswers",
    "ReadinessItem",
    "Readiness",
    "check_readiness",
    "parse_hypothesis",
    "readiness_grid",
    # abort
    "AbortCriterion",
    "CheckpointDecision",
    "record_abort_criterion",
    "judge_checkpoints",
    # review
    "design_review",
    # tokens
    "CHARS_PER_TOKEN",
    "ESTIMATE_ERROR_BAND",
    "TOKENS_PER_MESSAGE",
    "TOKENS_PER_EXAMPLE",
    "encoding_for_model",
    "estimate_tokens",
    "estimate_tokens_by_script",
    "token_counter",
    # tables
    "table",
    "money",
    # lengths
    "LengthDistribution",
    # jsonl_records
    "ERROR_KINDS",
    # datacheck
    "DEFAULT_EPOCHS",
    "DatasetWarning",
    "RoleStats",
    "TrainingFileCost",
    "OverlapWithTest",
    "DataReport",
    "check_training_data",
    "DATA_SAMPLES",
    "DATA_FORMATS",
    "FormatLimit",
    "FormatProfile",
    "affordable_tokens_per_example",
    "default_epochs",
    "detect_format",
    "format_profile_table",
    "format_profiles",
    "sample_token_counts",
    "token_estimate_errors",
    "data_sample_path",
    # datacheck_tables
    "data_report_tables",
    # metrics
    "accuracy",
    "macro_f1",
    "exact_match",
    "FormatCompliance",
    "format_compliance",
    # comparison
    "McNemarResult",
    "mcnemar_exact",
    "mcnemar_exact_p",
    "paired_bootstrap_ci",
    "PairedComparison",
    "compare_models",
    "compare_by_test_size",
    "ci_width_by_test_size",
    # predictions
    "read_predictions",
    # judge
    "ANSWER_KINDS",
    "JudgeProfile",
    "JudgeAgreement",
    "cohens_kappa",
    "judge_agreement",
    "rate_interval",
    "simulate_judged_answers",
    "judge_disagreements",
    "agreement_by_labels",
    "read_judged_labels",
    # golden
    "GoldenItem",
    "GoldenSet",
    "MigrationReport",
    "freeze_golden_set",
    "load_golden_set",
    "compare_to_golden",
    "json_field",
    # contamination
    "ContaminationReport",
    "DuplicateIndex",
    "find_duplicates",
    "normalize_for_matching",
    "shingle_similarity",
    # shift
    "ShiftReport",
    "detect_shift",
    "typo_rate",
    "shift_classifier_auc",
    # evalset
    "TicketEval",
    "load_ticket_eval",
    # tasks
    "TICKET_LABELS",
    "TICKET_STYLES",
    "GENERAL_TASKS",
    "TextDataset",
    "ticket_examples",
    "general_examples",
    "mixed_ticket_examples",
    "with_label_noise",
    "leak_into",
    # tinymodels
    "PretrainedBase",
    "TunedModel",
    "FewShotBaseline",
    "TUNING_METHODS",
    # experiments
    "ARTICLE_SHIFT_SCORES",
    "forgetting_experiment",
    "contamination_experiment",
    "shift_experiment",
    "noisy_labels_experiment",
    "data_size_experiment",
    "sunk_cost_experiment",
    "EXPERIMENT_SWEEPS",
    "run_sweep",
]

# Imported on first use: figures and widgets pull in matplotlib and ipywidgets.
_SUBPACKAGES = ("plots", "widgets", "cli", "selfcheck")
# Modules whose other public names used to be copied onto ``ft``; still found, with a warning.
_LEGACY_MODULES = (
    "errors",
    "jsonl_scan",
    "jsonl_records",
    "lengths",
    "metrics",
    "predictions",
    "tinymodels",
    "tokens",
    "catalog",
)


def __getattr__(name: str) -> Any:
    if name in _SUBPACKAGES:
        return importlib.import_module(f"{__name__}.{name}")
    for module_name in _LEGACY_MODULES:
        module = importlib.import_module(f"{__name__}.{module_name}")
        if name in module.__all__:
            warnings.warn(
                f"ft.{name} is plumbing, not part of the front door: "
                f"use 'from ftlib.{module_name} import {name}'",
                DeprecationWarning,
                stacklevel=2,
            )
            return getattr(module, name)
    raise AttributeError(f"module 'ftlib' has no attribute {name!r}")
