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
        "assert not {'ipywidgets', 'matplotlib'} & set(sys.modules), sorted({'ipywidgets', 'matplotlib'} & set(sys.modules)); "
        "assert (np.random.get_state()[1] == state).all()"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_public_api_is_unique_and_real():
    names = ftlib.__all__
    duplicates = sorted({n for n in names if names.count(n) > 1})
    assert not duplicates, f"exported by two modules: {duplicates}"
    for name in names:
        assert hasattr(ftlib, name), name


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
