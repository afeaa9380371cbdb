"""ftlib's shape: one package per area, a short front door, pure math modules, no global side
effects, no shims, a pure-Python wheel."""

from __future__ import annotations

import ast
import doctest
import importlib
import inspect
import json
import pkgutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import ftlib

PACKAGE = Path(ftlib.__file__).resolve().parent
VISUAL = {"ipywidgets", "matplotlib"}
# The areas, one package per concept; labkit (shared lab machinery) is no area: ftlib does not
# import it, and nothing but a lab or a figure needs it.
AREAS = [
    "rules",
    "catalog",
    "costs",
    "decision",
    "readiness",
    "datacheck",
    "evaluation",
    "judge",
    "experiments",
    "tinylm",
    "core",
]
# By file name: the only modules that may draw (matplotlib) or show widgets (ipywidgets).
DRAWS = {"plots.py", "lab.py"}
SHOWS = {"lab.py"}
# In labkit, what may show widgets: Lab/View and the self-check widget. The style, the static
# page and Feedback are imported by figures and self-checks, which must work without ipywidgets.
LABKIT_SHOWS = {"base.py", "controls.py", "selfcheck.py"}


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
def test_only_plots_lab_and_labkit_import_matplotlib_or_ipywidgets(path):
    rel = path.relative_to(PACKAGE).parts
    uses = _imported_roots(path) & VISUAL
    if rel[0] == "labkit":
        if path.name not in LABKIT_SHOWS:
            assert "ipywidgets" not in uses, f"labkit/{path.name} is used without ipywidgets"
        return
    if path.name in DRAWS:
        if path.name not in SHOWS:
            assert "ipywidgets" not in uses, "a plots.py returns Figures; only lab.py shows widgets"
        return
    assert not uses, f"{'/'.join(rel)} is not a plots.py, lab.py or labkit module: no {uses}"


def test_the_rule_test_sees_a_stray_import(tmp_path):
    # The check above must fail on a math module that draws (a test that cannot fail is no test).
    stray = tmp_path / "bills.py"
    stray.write_text("import numpy\nfrom matplotlib.figure import Figure\n")
    assert _imported_roots(stray) & VISUAL == {"matplotlib"}


def test_importing_ftlib_has_no_side_effects():
    code = (
        "import sys, numpy as np; state = np.random.get_state()[1].copy(); import ftlib; "
        "assert not {'ipywidgets', 'matplotlib'} & set(sys.modules), "
        "sorted({'ipywidgets', 'matplotlib'} & set(sys.modules)); "
        "assert (np.random.get_state()[1] == state).all()"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# The front door, typed out: the area namespaces, then at most 40 names a course reader or a
# team reaches for most. Adding a name is a deliberate act: import it by name in
# ftlib/__init__.py and list it here; everything else is reached through its area (ft.costs.X).
HEADLINE = [
    "FtlibError",
    "table",
    "money",
    "ARTICLE_DATE",
    "DAYS_PER_MONTH",
    "PAYBACK_MONTHS",
    "volume_band",
    "load_catalog",
    "price_table",
    "price_option",
    "priced_side_by_side",
    "Workload",
    "Usage",
    "Prices",
    "model_prices",
    "monthly_cost",
    "compare_costs",
    "break_even",
    "volume_sweep",
    "self_hosted_cost",
    "training_cost_usd",
    "hourly_training_cost_usd",
    "candidate_life",
    "Situation",
    "recommend",
    "FineTuneIdea",
    "check_when_not",
    "design_review",
    "ReadinessAnswers",
    "check_readiness",
    "record_abort_criterion",
    "judge_checkpoints",
    "check_training_data",
    "data_sample_path",
    "load_ticket_eval",
    "compare_models",
    "format_compliance",
    "JudgeProfile",
    "judge_agreement",
    "run_sweep",
]
FRONT_DOOR = ["__version__", *AREAS, *HEADLINE]
PLUMBING = {  # public in their modules, deliberately neither on ft nor on their area
    "ftlib.datacheck.scan": ["iter_jsonl_lines", "open_jsonl", "MAX_LINE_BYTES"],
    "ftlib.datacheck.records": ["RecordCheck", "check_record"],
    "ftlib.datacheck.lengths": ["LengthTally"],
    "ftlib.datacheck.contamination": [
        "check_texts",
        "shingles_many",
    ],  # shared with ftlib.evaluation.shift
    "ftlib.experiments.tinymodels": ["hash_features"],
    "ftlib.evaluation.metrics": ["macro_f1_weighted", "check_predictions", "encode_labels"],
    "ftlib.core.errors": ["check_number", "check_int", "check_choice", "check_date", "closest"],
    "ftlib.catalog.models": ["PRICE_FIELDS", "change_phrase", "earliest_catalog_date"],
    "ftlib.catalog.availability": [
        "ARTICLE_TOKENS_PER_REQUEST",
        "check_decision_date",
        "route_events",
        "PLATFORM_NAMES",
    ],
    "ftlib.core.clock": ["TODAY_ENV", "days_between_text"],
    "ftlib.catalog.routes": [
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
    "ftlib.catalog.refresh": [
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
    assert len(HEADLINE) <= 40


def test_dir_shows_the_areas_and_the_headline_names_only():
    # No leaked helpers (importlib, warnings, typing names): what dir() shows is what we list.
    # In a fresh interpreter, since importing a lab binds ftlib.labkit as a side effect.
    code = (
        "import inspect, json, ftlib; public = [n for n in dir(ftlib) if not n.startswith('_')]; "
        "print(json.dumps([public, [n for n in public if inspect.ismodule(getattr(ftlib, n))]]))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    public, modules = json.loads(result.stdout)
    assert set(public) == set(AREAS) | set(HEADLINE)
    assert set(modules) == set(AREAS)


def _explicit_imports(init: Path) -> set[str]:
    tree = ast.parse(init.read_text())
    return {
        alias.asname or alias.name
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.level == 1
        for alias in node.names
    }


def test_every_front_door_name_is_imported_where_static_tools_can_see_it():
    # ftlib/__init__.py imports each name itself (no run-time copying).
    namespace = vars(ftlib)
    assert [n for n in FRONT_DOOR if n not in namespace] == []
    assert set(FRONT_DOOR) - {"__version__"} <= _explicit_imports(PACKAGE / "__init__.py")


@pytest.mark.parametrize("area", AREAS)
def test_each_area_lists_its_names_explicitly(area):
    module = importlib.import_module(f"ftlib.{area}")
    names = module.__all__
    assert len(names) == len(set(names)), "a name listed twice"
    assert set(names) <= _explicit_imports(PACKAGE / area / "__init__.py")
    public = {n for n in vars(module) if not n.startswith("_")}
    submodules = {n for n in public if inspect.ismodule(getattr(module, n))}
    assert public - submodules == set(names), "a name bound in the area but not listed"


def test_every_headline_name_belongs_to_one_area():
    for name in HEADLINE:
        homes = [a for a in AREAS if name in importlib.import_module(f"ftlib.{a}").__all__]
        assert len(homes) == 1, (name, homes)
        assert getattr(importlib.import_module(f"ftlib.{homes[0]}"), name) is getattr(ftlib, name)


def test_plumbing_stays_in_its_module():
    for module_name, names in PLUMBING.items():
        module = importlib.import_module(module_name)
        area = importlib.import_module(".".join(module_name.split(".")[:2]))
        for name in names:
            assert name in module.__all__ and name not in ftlib.__all__, name
            assert name not in vars(ftlib), f"ft.{name} should not be bound"
            assert name not in area.__all__, f"{area.__name__}.{name} is plumbing"


SHIMS = ["_reexport.py", "jsonl_scan.py", "jsonl_records.py", "datacheck_tables.py"]


@pytest.mark.parametrize(
    "path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.relative_to(PACKAGE).as_posix()
)
def test_no_module_forwards_or_copies_names_at_run_time(path):
    # Every name lives where it is defined and is imported by name: no module-level
    # __getattr__ forwarding to another module, no writes into globals(), no _reexport.
    tree = ast.parse(path.read_text())
    forwards = [
        n.name for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "__getattr__"
    ]
    assert not forwards, "a module-level __getattr__ forwards names"
    source = path.read_text()
    assert "globals()" not in source and "_reexport" not in source
    assert "_LEGACY_MODULES" not in source


def test_the_shims_are_gone():
    assert [s for s in SHIMS if (PACKAGE / s).exists()] == []
    for old in ("LengthTally", "iter_jsonl_lines", "RecordCheck", "Catalog", "widgets", "plots"):
        with pytest.raises(AttributeError):
            getattr(ftlib, old)
    for old in ("ftlib.jsonl_scan", "ftlib.widgets", "ftlib.plots", "ftlib.selfcheck"):
        with pytest.raises(ModuleNotFoundError):
            importlib.import_module(old)


def test_every_area_imports_first_in_a_fresh_interpreter_without_drawing():
    # No import that works only because another module happened to load first, and no area
    # package (nor a self-check or a command) pulls in matplotlib or ipywidgets.
    light = [f"ftlib.{a}" for a in AREAS] + [
        m
        for m in _modules()
        if m.rsplit(".", 1)[-1] in ("selfcheck", "cli") and not m.startswith("ftlib.labkit.")
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {light!r}:\n"
        "    importlib.import_module(name)\n"
        "    drawn = {'matplotlib', 'ipywidgets'} & set(sys.modules)\n"
        "    assert not drawn, (name, drawn)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-800:]
    for name in [
        m for m in _modules() if m.rsplit(".", 1)[-1] in ("lab", "plots") or ".labkit." in m
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
