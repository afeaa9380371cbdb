"""The repository keeps its promises: every notebook is run, committed clean and safe to share."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import nbformat
import pytest
import yaml
from notebooks import (
    DOLLAR,
    JUPYTER_METADATA,
    ROOT,
    all_notebooks,
    dirty_reasons,
    leaks,
    notebook_dirs,
    outside_dirs,
    portability_problems,
    portable,
    setup_cell,
    strip,
    toc_files,
)

NOTEBOOKS = all_notebooks()
BIN = Path(sys.executable).parent


def test_there_are_notebooks_to_check():
    """nbval runs every notebook the table of contents lists, and only those.

    A page dropped from ``_toc.yml`` or a notebook moved outside the nbval folders would
    otherwise go unchecked without any test noticing.
    """
    in_toc = {f for f in toc_files() if (ROOT / f"{f}.ipynb").exists()}
    found = {p.relative_to(ROOT).with_suffix("").as_posix() for p in NOTEBOOKS}
    assert found == in_toc
    assert len(found) == 26  # 11 chapter notebooks and 15 labs, Lab 0 included (Dec 2026)


def test_every_notebook_is_run_by_nbval():
    outside = outside_dirs(NOTEBOOKS, notebook_dirs())
    assert not outside, (
        f"notebooks nbval does not run (move them under {notebook_dirs()}): {outside}"
    )


def test_a_notebook_outside_the_nbval_folders_is_caught(tmp_path):
    for rel in ("labs/a.ipynb", "notes/stray.ipynb", ".venv/lib/x.ipynb"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("{}")
    found = all_notebooks(tmp_path)
    assert [
        p.relative_to(tmp_path).as_posix()
        for p in outside_dirs(found, ["chapters", "labs"], tmp_path)
    ] == ["notes/stray.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_notebook_is_committed_without_outputs_or_widget_state(path):
    assert dirty_reasons(json.loads(path.read_text())) == [], "run `make strip`"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_notebook_holds_no_absolute_path_or_secret(path):
    assert leaks(path.read_text()) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_notebook_starts_with_the_shared_setup_cell(path):
    nb = nbformat.read(path, as_version=4)
    first = nb.cells[0]
    assert first.cell_type == "code" and first.source == setup_cell(), (
        "run `python tests/notebooks.py setup chapters labs`"
    )
    assert "remove-cell" in first.metadata.get("tags", [])
    assert nb.metadata["kernelspec"]["name"] == "python3"


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_opening_and_saving_a_notebook_in_jupyter_changes_nothing(tmp_path):
    """Every notebook, opened and saved through a Jupyter server's contents API, is unchanged."""
    import shutil
    import time
    import urllib.request

    for folder in notebook_dirs():
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("*.md"))
    copies = all_notebooks(tmp_path)
    before = {p: p.read_bytes() for p in copies}
    port, token = _free_port(), "contents-test"
    server = subprocess.Popen(
        [str(BIN / "jupyter"), "server", "--no-browser", "--allow-root", "--ip=127.0.0.1",
         f"--port={port}",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={tmp_path}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}/api/contents/"

    def call(method: str, rel: str, body: dict | None = None) -> dict:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            base + rel, data=data, method=method, headers={"Authorization": f"token {token}"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    try:
        for _ in range(120):
            try:
                call("GET", "")
                break
            except OSError:
                time.sleep(0.25)
        for path in copies:
            rel = path.relative_to(tmp_path).as_posix()
            model = call("GET", rel + "?content=1&type=notebook")
            call("PUT", rel, {"type": "notebook", "format": "json", "content": model["content"]})
    finally:
        server.terminate()
        server.wait(timeout=30)
    changed = [p.relative_to(tmp_path).as_posix() for p in copies if p.read_bytes() != before[p]]
    assert changed == [], "run `python tests/notebooks.py setup chapters labs`"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_notebook_carries_the_metadata_jupyter_writes_on_opening(path):
    metadata = json.loads(path.read_text())["metadata"]
    assert {k: metadata.get(k) for k in JUPYTER_METADATA} == JUPYTER_METADATA


def test_the_committed_metadata_is_what_the_kernel_reports():
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import start_new_kernel

    spec = KernelSpecManager().get_kernel_spec("python3")
    assert JUPYTER_METADATA["kernelspec"] == {
        "display_name": spec.display_name, "language": spec.language, "name": "python3"
    }  # fmt: skip
    km, kc = start_new_kernel(kernel_name="python3")
    try:
        info = kc.kernel_info(reply=True, timeout=60)["content"]["language_info"]
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    committed = dict(JUPYTER_METADATA["language_info"])
    # The patch release differs between machines; the course's reference Python is 3.11.
    assert committed.pop("version").rsplit(".", 1)[0] == info.pop("version").rsplit(".", 1)[0]
    assert committed == info


def test_dirty_notebooks_are_detected_and_stripped():
    nb = nbformat.v4.new_notebook(
        metadata={"widgets": {"application/vnd.jupyter.widget-state+json": {}}}
    )
    cell = nbformat.v4.new_code_cell(
        "1 + 1",
        execution_count=3,
        outputs=[nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=3)],
    )
    nb.cells = [cell]
    reasons = dirty_reasons(nb)
    assert reasons == [
        "notebook metadata holds widget state",
        "cell 0 has outputs",
        "cell 0 has an execution count",
    ]
    assert dirty_reasons(strip(nb)) == []
    assert nb.cells[0]["outputs"], "strip must not modify its input"


def test_leak_detector_finds_paths_and_keys_but_not_urls():
    assert leaks("open('/home/ana/data.jsonl')") == ["/home/ana"]
    assert leaks('key = "sk-proj-' + "a" * 30 + '"')
    assert leaks("AKIA" + "ABCDEFGHIJKLMNOP")
    assert leaks("see https://example.org/home/page and ../labs/x.ipynb") == []


def test_every_toc_entry_exists_and_every_page_is_in_the_toc():
    listed = toc_files()
    missing = [
        f for f in listed if not any((ROOT / f"{f}{ext}").exists() for ext in (".md", ".ipynb"))
    ]
    assert not missing, f"_toc.yml lists files that do not exist: {missing}"
    pages = sorted(
        p.relative_to(ROOT).with_suffix("").as_posix()
        for folder in notebook_dirs()
        for p in (ROOT / folder).rglob("*")
        if p.suffix in {".md", ".ipynb"} and ".ipynb_checkpoints" not in p.parts
    )
    assert [p for p in pages if p not in listed] == [], "add these pages to _toc.yml"


def _run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=300)


def _write_nb(path: Path, *cells) -> None:
    nb = nbformat.v4.new_notebook(
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        }
    )
    nb.cells = list(cells)
    nbformat.write(nb, path)


def test_nbval_fails_on_a_raising_cell_and_honours_raises_exception(tmp_path):
    _write_nb(tmp_path / "bad.ipynb", nbformat.v4.new_code_cell("raise ValueError('boom')"))
    shown = nbformat.v4.new_code_cell("raise ValueError('shown on purpose')")
    shown.metadata["tags"] = ["raises-exception"]
    _write_nb(tmp_path / "ok.ipynb", shown, nbformat.v4.new_code_cell("x = 1"))
    cmd = [
        str(BIN / "pytest"),
        "-p",
        "no:cacheprovider",
        "--nbval-lax",
        "--nbval-current-env",
        "-v",
        "bad.ipynb",
        "ok.ipynb",
    ]
    result = _run(cmd, tmp_path)
    assert result.returncode != 0
    assert re.search(r"bad\W+ipynb::Cell 0 FAILED", result.stdout)
    assert re.search(r"ok\W+ipynb::Cell 0 PASSED", result.stdout) and re.search(
        r"ok\W+ipynb::Cell 1 PASSED", result.stdout
    )


def test_strict_book_build_fails_on_a_warning(tmp_path):
    (tmp_path / "_config.yml").write_text("title: t\nexecute:\n  execute_notebooks: 'off'\n")
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: index\n")
    (tmp_path / "index.md").write_text(
        textwrap.dedent("""\
        # Index

        A reference to {ref}`a-label-that-does-not-exist`.
        """)
    )
    result = _run([str(BIN / "jupyter-book"), "build", ".", "-W", "-n", "--keep-going"], tmp_path)
    assert result.returncode != 0
    assert "a-label-that-does-not-exist" in result.stdout + result.stderr


def test_setup_cell_installs_the_published_wheel_named_in_the_config():
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    cell = setup_cell()
    site = config["ftlib_install"]["site_url"]
    assert site.startswith("https://") and site.endswith("/")
    assert f'SITE = "{site}"' in cell
    assert f'REPO = "{config["repository"]["url"]}"' in cell
    assert f'or SITE + "_static/ftlib-{version}-py3-none-any.whl")' in cell
    assert 'os.environ.get("FTLIB_WHEEL")' in cell, "an instructor's mirror or file can stand in"
    assert "git+" not in cell, "install a pinned wheel, not a moving branch"
    assert cell.rstrip().endswith(
        '%matplotlib inline\n%config InlineBackend.figure_formats = ["svg"]'
    )
    assert max(len(line) for line in cell.splitlines()) <= 80
    assert config["launch_buttons"]["binderhub_url"] and config["launch_buttons"]["colab_url"]
    # A JupyterHub button appears only when a real hub is configured (no placeholder host).
    assert "example.org" not in config["launch_buttons"].get("jupyterhub_url", "")


@pytest.mark.parametrize("wheel", [None, "/nowhere/ftlib-mirror.whl"])
def test_a_failed_install_shows_one_short_message_and_no_traceback(wheel):
    """In a kernel without ftlib and no way to the site, the learner reads what to do instead."""
    from jupyter_client.manager import start_new_kernel

    env = {**os.environ, "PIP_RETRIES": "0", "PIP_DEFAULT_TIMEOUT": "2", "PIP_NO_INDEX": "1"}
    if wheel:  # an instructor's copy that is not there: the message names it
        env["FTLIB_WHEEL"] = wheel
    km, kc = start_new_kernel(kernel_name="python3", env=env)
    try:
        # Hide the installed ftlib from this kernel, as on Colab.
        kc.execute_interactive("import sys; sys.modules['ftlib'] = None", timeout=60)
        errors = []
        printed: list[str] = []
        # A site that cannot answer (port 9, discard), whether or not the real one is up.
        config = yaml.safe_load((ROOT / "_config.yml").read_text())
        cell = setup_cell().replace(config["ftlib_install"]["site_url"], "http://127.0.0.1:9/")
        reply = kc.execute_interactive(
            cell,
            timeout=120,
            output_hook=lambda msg: (
                errors.append(msg["content"])
                if msg["msg_type"] == "error"
                else printed.append(msg["content"].get("text", ""))
                if msg["msg_type"] == "stream"
                else None
            ),
        )
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    assert reply["content"]["status"] == "error" and len(errors) == 1
    shown = "\n".join(errors[0]["traceback"])
    assert shown.startswith("Could not install ftlib: ")
    assert "Traceback" not in shown and "ModuleNotFoundError" not in shown
    assert all(way in shown for way in ("Binder", "make lab", "FTLIB_WHEEL"))
    assert len(shown.splitlines()) <= 6
    # the learner saw that something was happening before the wait
    assert any(p.startswith("Installing ftlib") for p in printed), printed
    if wheel:
        assert wheel in "".join(printed) + shown


# Portable Markdown: what JupyterLab and Colab show, with no MyST renderer.


def _markdown_cells(path: Path) -> list[tuple[int, str]]:
    nb = nbformat.read(path, as_version=4)
    return [(i, c.source) for i, c in enumerate(nb.cells) if c.cell_type == "markdown"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_notebook_markdown_reads_cleanly_without_myst(path):
    found = [
        f"cell {i}: {p}" for i, text in _markdown_cells(path) for p in portability_problems(text)
    ]
    assert found == [], "run `python tests/notebooks.py portable chapters labs`"


@pytest.mark.parametrize(
    "markdown, expected",
    [
        (":::{note} Run it live\nText.\n:::", "a MyST directive: ':::{note}'"),
        ("```{exercise}\n:label: ex-a\nQ?\n```", "a MyST directive: ```{exercise}"),
        ("See {ref}`fig-bands` here.", "a MyST role: {ref}`fig-bands`"),
        ("(sec-a)=\n# A", "a MyST target: '(sec-a)='"),
        ("**Solution.** Four.", "a solution in plain view: 'Solution. Four.'"),
        (
            "It costs \\$200 to \\$520.",
            f"a $ JupyterLab may read as math (write {DOLLAR}): 'It costs $200 to $520.'",
        ),
    ],
    ids=["colon-directive", "fenced-directive", "role", "target", "visible-solution", "dollar"],
)
def test_each_kind_of_myst_leftover_is_reported(markdown, expected):
    assert expected in portability_problems(markdown)


def test_portable_markdown_passes_the_check():
    text = (
        "> **Run it live.**\n> Run `make lab`; `{ref}` in code is fine.\n\n"
        f"**Exercise 1.**\nTwo plus two, at {DOLLAR}2 each?\n\n"
        '<details class="solution"><summary>Solution</summary>\n\n**Solution**: four.\n\n</details>'
    )
    assert portability_problems(text) == []


def _nb(*sources: str) -> dict:
    return {
        "cells": [{"cell_type": "markdown", "metadata": {}, "source": s} for s in sources],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def _md_sources(nb: dict) -> list[str]:
    return ["".join(c["source"]) for c in nb["cells"]]


def test_converter_writes_the_briefs_convention(tmp_path):
    (tmp_path / "chapters").mkdir()
    other = tmp_path / "chapters" / "02_b.ipynb"
    other.write_text(json.dumps(_nb("(sec-b)=\n# Chapter B\n\nText.")))
    page = tmp_path / "chapters" / "01_a.ipynb"
    nb = _nb(
        ":::{note} Run it live\nOpen it in Binder.\n:::",
        ":::{admonition} What a toy shows\n:class: tip\nDirections, not sizes.\n:::",
        "## Exercises\n\n```{exercise}\n:label: ex-a\n\nTwo plus two?\n```\n\n"
        "```{solution} ex-a\n:class: dropdown\n\nFour.\n```\n\n"
        ":::{exercise}\n:label: ex-b\nAnd three?\n:::\n\n"
        ":::{solution} ex-b\n:class: dropdown\n```python\n1 + 2\n```\n:::",
        "Read {doc}`02_b`, {doc}`the other page <02_b>`, {ref}`sec-b` and `{ref}` in code.",
    )
    out, left = portable(nb, page, root=tmp_path)
    assert left == []
    assert _md_sources(out) == [
        "> **Run it live.**\n> Open it in Binder.",
        "> **What a toy shows.**\n> Directions, not sizes.",
        "## Exercises\n\n**Exercise 1.**\nTwo plus two?\n\n"
        '<details class="solution"><summary>Solution</summary>\n\nFour.\n\n</details>\n\n'
        "**Exercise 2.**\nAnd three?\n\n"
        '<details class="solution"><summary>Solution</summary>\n\n'
        "```python\n1 + 2\n```\n\n</details>",
        "Read [Chapter B](02_b.ipynb), [the other page](02_b.ipynb), [sec b](02_b.ipynb) "
        "and `{ref}` in code.",
    ]
    assert all(portability_problems(text) == [] for text in _md_sources(out))
    again, left = portable(out, page, root=tmp_path)
    assert again == out and left == [], "converting twice changes nothing"


def test_converter_continues_numbering_after_a_merge(tmp_path):
    page = tmp_path / "a.ipynb"
    nb = _nb(
        "**Exercise 1.**\nOld one.\n\n"
        '<details class="solution"><summary>Solution</summary>\n\nA.\n\n</details>',
        "```{exercise}\n:label: ex-new\nNew one.\n```",
    )
    out, _ = portable(nb, page, root=tmp_path)
    assert _md_sources(out)[1] == "**Exercise 2.**\nNew one."


def test_converter_leaves_what_it_cannot_convert_and_says_so(tmp_path):
    nb = _nb("```{glue:figure} fig-x\n```", "A {glue:text}`n` number.", "```{code-cell}\nx\n```")
    out, left = portable(nb, tmp_path / "a.ipynb", root=tmp_path)
    assert out == nb
    assert left == ["```{glue:figure} fig-x", "{glue:text}`n`", "```{code-cell}"]


# Dependencies: a lean learner set and the full set, from one lock.

LEARNER_SET = ROOT / "binder" / "requirements.txt"
LOCK = ROOT / "requirements" / "dev.lock"
NOT_FOR_LEARNERS = {"jupyter-book", "sphinx", "pytest", "nbval", "hypothesis", "playwright"}


def _pins(path: Path) -> dict[str, str]:
    from packaging.utils import canonicalize_name

    pins = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"{path.name}: {line!r} is not pinned with =="
            pins[canonicalize_name(name)] = version
    return pins


def _top_level(path: Path) -> list:
    from packaging.requirements import Requirement

    found = []
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("-r "):
            found += _top_level(path.parent / line[3:].strip())
        elif line:
            found.append(Requirement(line))
    return found


def test_learner_set_is_the_lock_at_identical_versions():
    learner, full = _pins(LEARNER_SET), _pins(LOCK)
    assert {n: v for n, v in learner.items() if full.get(n) != v} == {}, (
        "binder/requirements.txt differs from requirements/dev.lock: run `make lock`"
    )
    assert len(learner) < len(full)


@pytest.mark.parametrize(
    "source, locked", [("learner.in", LEARNER_SET), ("dev.in", LOCK)], ids=["learner", "full"]
)
def test_every_requested_package_is_locked_at_an_accepted_version(source, locked):
    from packaging.utils import canonicalize_name

    pins = _pins(locked)
    wrong = {
        str(req): pins.get(canonicalize_name(req.name))
        for req in _top_level(ROOT / "requirements" / source)
        if pins.get(canonicalize_name(req.name)) not in req.specifier
    }
    assert wrong == {}, "run `make lock`"


def test_learner_set_holds_ftlib_and_its_widgets_but_no_builder_or_test_tool():
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    learner = _pins(LEARNER_SET)
    needed = project["dependencies"] + project["optional-dependencies"]["widgets"]
    missing = [
        r
        for r in map(Requirement, needed)
        if learner.get(canonicalize_name(r.name)) not in r.specifier
    ]
    assert missing == []
    assert {"ipykernel", "jupyterlab", "ipywidgets"} <= set(learner)
    assert NOT_FOR_LEARNERS & set(learner) == set()


def test_learner_jupyterlab_fits_repo2dockers_base_image():
    """repo2docker's base image pins notebook 7.4.x, which requires jupyterlab>=4.4.9,<4.5."""
    from packaging.specifiers import SpecifierSet

    assert _pins(LEARNER_SET)["jupyterlab"] in SpecifierSet(">=4.4.9,<4.5")
    assert (ROOT / "binder" / "runtime.txt").read_text().strip() == "python-3.11"
