"""ftlib's shape: one front door, pure math modules, no global side effects, a pure-Python wheel."""

from __future__ import annotations

import ast
import doctest
import importlib
import inspect
import pkgutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import ftlib

PACKAGE = Path(ftlib.__file__).resolve().parent
VISUAL = {"ipywidgets", "matplotlib"}
ALLOWED_VISUAL = {"plots", "widgets"}  # the only subpackages that may draw or show


def _modules() -> list[str]:
    return sorted(
        m.name
        for m in pkgutil.walk_packages([str(PACKAGE)], prefix="ftlib.")
        if not m.name.endswith("__main__")
    )


def _imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            roots |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize(
    "path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.relative_to(PACKAGE).as_posix()
)
def test_only_plots_and_widgets_import_matplotlib_or_ipywidgets(path):
    rel = path.relative_to(PACKAGE).parts
    uses = _imported_roots(path) & VISUAL
    if rel[0] == "widgets":
        return
    if rel[0] == "plots":
        assert "ipywidgets" not in uses, (
            "plots return Figures; only ftlib.widgets imports ipywidgets"
        )
        return
    assert not uses, f"{'/'.join(rel)} is a math module and must not import {uses}"


def test_importing_ftlib_has_no_side_effects():
    code = (
        "import sys, numpy as np; state = np.random.get_state()[1].copy(); import ftlib; "
        "assert not {'ipywidgets', 'matplotlib'} & set(sys.modules), "
        "sorted({'ipywidgets', 'matplotlib'} & set(sys.modules)); "
        "assert (np.random.get_state()[1] == state).all()"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# The front door, typed out: what a course reader or a team gets from ``import ftlib as ft``.
# Adding a public name is a deliberate act: import it in ftlib/__init__.py and list it here.
FRONT_DOOR = [
    "__version__",
    "FtlibError",
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
    "ENDING_SOON_DAYS",
    "TrainingRoute",
    "ROUTES",
    "RouteCheck",
    "CheaperModel",
    "check_route",
    "routes_for",
    "cheaper_current_models",
    "today",
    "dated_phrase",
    "Route",
    "RouteState",
    "load_routes",
    "route_state",
    "routes_on",
    "where_to_fine_tune",
    "routes_table",
    "dated_events",
    "ARTICLE_WORKLOAD",
    "PricedOption",
    "price_option",
    "priced_side_by_side",
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
    "CandidateLife",
    "candidate_life",
    "retirement_event",
    "payback_volume",
    "crossover_volume",
    "break_even_frame",
    "usd_text",
    "READINESS_TEST_SOURCES",
    "READINESS_ITEMS",
    "ReadinessAnswers",
    "ReadinessItem",
    "Readiness",
    "check_readiness",
    "parse_hypothesis",
    "readiness_grid",
    "AbortCriterion",
    "CheckpointDecision",
    "record_abort_criterion",
    "judge_checkpoints",
    "design_review",
    "CHARS_PER_TOKEN",
    "TOKENS_PER_MESSAGE",
    "TOKENS_PER_EXAMPLE",
    "estimate_tokens",
    "token_counter",
    "LengthDistribution",
    "ERROR_KINDS",
    "DEFAULT_EPOCHS",
    "DatasetWarning",
    "RoleStats",
    "TrainingFileCost",
    "OverlapWithTest",
    "DataReport",
    "check_training_data",
    "DATA_SAMPLES",
    "data_sample_path",
    "data_report_tables",
    "accuracy",
    "macro_f1",
    "exact_match",
    "FormatCompliance",
    "format_compliance",
    "McNemarResult",
    "mcnemar_exact",
    "mcnemar_exact_p",
    "paired_bootstrap_ci",
    "PairedComparison",
    "compare_models",
    "compare_by_test_size",
    "ci_width_by_test_size",
    "read_predictions",
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
    "GoldenItem",
    "GoldenSet",
    "MigrationReport",
    "freeze_golden_set",
    "load_golden_set",
    "compare_to_golden",
    "json_field",
    "ContaminationReport",
    "find_duplicates",
    "normalize_for_matching",
    "shingle_similarity",
    "ShiftReport",
    "detect_shift",
    "typo_rate",
    "shift_classifier_auc",
    "TicketEval",
    "load_ticket_eval",
    "TICKET_LABELS",
    "TICKET_STYLES",
    "GENERAL_TASKS",
    "TextDataset",
    "ticket_examples",
    "general_examples",
    "mixed_ticket_examples",
    "with_label_noise",
    "leak_into",
    "PretrainedBase",
    "TunedModel",
    "FewShotBaseline",
    "TUNING_METHODS",
    "ARTICLE_SHIFT_SCORES",
    "forgetting_experiment",
    "contamination_experiment",
    "shift_experiment",
    "noisy_labels_experiment",
    "data_size_experiment",
    "sunk_cost_experiment",
    "EXPERIMENT_SWEEPS",
    "run_sweep",
    "ESTIMATE_ERROR_BAND",
    "encoding_for_model",
    "estimate_tokens_by_script",
    "table",
    "money",
    "FormatLimit",
    "FormatProfile",
    "affordable_tokens_per_example",
    "default_epochs",
    "detect_format",
    "format_profile_table",
    "format_profiles",
    "sample_token_counts",
    "token_estimate_errors",
    "DuplicateIndex",
    "DATA_FORMATS",
]
PLUMBING = {  # public in their modules, deliberately not on ft
    "ftlib.datacheck.scan": ["iter_jsonl_lines", "open_jsonl", "LineError", "MAX_LINE_BYTES"],
    "ftlib.datacheck.records": ["RecordCheck", "check_record"],
    "ftlib.lengths": ["LengthTally"],
    "ftlib.contamination": ["check_texts", "shingles_many"],  # shared with ftlib.shift
    "ftlib.tinymodels": ["hash_features"],
    "ftlib.metrics": ["macro_f1_weighted", "check_predictions", "encode_labels"],
    "ftlib.errors": ["check_number", "check_int", "check_choice", "check_date", "closest"],
    "ftlib.catalog": ["PRICE_FIELDS", "change_phrase", "earliest_catalog_date"],
    "ftlib.availability": [
        "ARTICLE_TOKENS_PER_REQUEST",
        "check_decision_date",
        "route_events",
        "PLATFORM_NAMES",
    ],
    "ftlib.clock": ["TODAY_ENV", "days_between_text"],
    "ftlib.routes": [
        "PLATFORMS_TUNED_ON",
        "ROUTE_PROVIDERS",
        "RoutePrice",
        "RouteRegistry",
        "DatedEvent",
        "stale_note",
        "STALE_AFTER_DAYS",
        "routes_from_dict",
        "METHOD_NAMES",
    ],
    "ftlib.refresh": [
        "COURSE_ROWS",
        "GenaiPrices",
        "genai_prices_version",
        "read_genai_prices",
        "refreshed_vintage",
        "CatalogChange",
        "catalog_changes",
        "pages_naming",
        "write_vintage",
        "LITELLM_FIELDS",
        "Disagreement",
        "litellm_extract",
        "price_disagreements",
    ],
}


def test_the_front_door_is_the_curated_list():
    assert len(ftlib.__all__) == len(set(ftlib.__all__)), "a name listed twice"
    assert sorted(ftlib.__all__) == sorted(FRONT_DOOR)


def test_every_front_door_name_is_imported_where_static_tools_can_see_it():
    # ftlib/__init__.py imports each name itself (no runtime copying), so it is in the
    # module's namespace before any __getattr__ runs.
    namespace = vars(ftlib)
    assert [n for n in FRONT_DOOR if n not in namespace] == []
    tree = ast.parse((PACKAGE / "__init__.py").read_text())
    imported = {
        alias.asname or alias.name
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module
        for alias in node.names
    }
    assert set(FRONT_DOOR) - {"__version__"} <= imported


def test_every_front_door_name_is_its_modules_own():
    for name in FRONT_DOOR[1:]:
        value = getattr(ftlib, name)
        homes = [
            m
            for m in _modules()
            if m.count(".") == 1 and name in getattr(importlib.import_module(m), "__all__", ())
        ]
        assert len(homes) == 1, (name, homes)
        assert getattr(importlib.import_module(homes[0]), name) is value, name


def test_plumbing_stays_in_its_module():
    for module_name, names in PLUMBING.items():
        module = importlib.import_module(module_name)
        for name in names:
            assert name in module.__all__ and name not in ftlib.__all__, name
            assert name not in vars(ftlib), f"ft.{name} should not be bound"


def test_old_plumbing_names_still_resolve_with_a_pointer_to_their_module():
    with pytest.warns(DeprecationWarning, match="from ftlib.lengths import LengthTally"):
        assert ftlib.LengthTally is importlib.import_module("ftlib.lengths").LengthTally
    with pytest.raises(AttributeError):
        ftlib.no_such_name  # noqa: B018


def test_every_subpackage_imports_first_in_a_fresh_interpreter():
    # No import that works only because another module happened to load first.
    for name in ["ftlib.selfcheck", "ftlib.plots", "ftlib.cli"] + [
        m for m in _modules() if m.startswith("ftlib.selfcheck.")
    ]:
        result = subprocess.run(
            [sys.executable, "-c", f"import {name}"], capture_output=True, text=True
        )
        assert result.returncode == 0, (name, result.stderr[-500:])


def test_public_functions_and_classes_have_docstrings():
    missing = [
        n
        for n in ftlib.__all__
        if (inspect.isfunction(getattr(ftlib, n)) or inspect.isclass(getattr(ftlib, n)))
        and not inspect.getdoc(getattr(ftlib, n))
    ]
    assert not missing


@pytest.mark.parametrize("name", _modules())
def test_docstring_examples_run(name):
    module = importlib.import_module(name)
    result = doctest.testmod(
        module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False
    )
    assert result.failed == 0


def test_wheel_is_pure_python_and_ships_the_data(tmp_path):
    root = PACKAGE.parent
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            str(tmp_path),
            str(root),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    (wheel,) = tmp_path.glob("ftlib-*.whl")
    assert wheel.name.endswith("-py3-none-any.whl")
    names = zipfile.ZipFile(wheel).namelist()
    shipped = sorted(
        p.relative_to(root).as_posix()
        for p in (PACKAGE / "data").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    )
    assert shipped, "ftlib/data is empty"
    assert [p for p in shipped if p not in names] == []
