"""The built HTML: every page of the table of contents exists, and widget pages carry their state.

Run after `jupyter-book build` (``make test`` does both); a missing build is a failure, not a skip.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest
import yaml
from notebooks import toc_files

ROOT = Path(__file__).resolve().parents[2]
HTML = ROOT / "_build" / "html"
STATE = re.compile(
    r'<script type="application/vnd\.jupyter\.widget-state\+json">(.*?)</script>', re.S
)
VIEW = re.compile(
    r'<script type="application/vnd\.jupyter\.widget-view\+json">(.*?)</script>', re.S
)


def page(name: str) -> str:
    path = HTML / f"{name}.html"
    assert path.exists(), f"{name} in _toc.yml produced no page at {path.relative_to(ROOT)}"
    return path.read_text(encoding="utf-8")


def uses_widgets(name: str) -> bool:
    path = ROOT / f"{name}.ipynb"
    return path.exists() and any(
        "ft.widgets." in c.source
        for c in nbformat.read(path, as_version=4).cells
        if c.cell_type == "code"
    )


def test_the_site_was_built():
    assert (HTML / "index.html").exists(), "run `jupyter-book build .` first (make test does)"


@pytest.mark.parametrize("name", toc_files())
def test_every_toc_entry_produced_a_page_with_a_title(name):
    html = page(name)
    assert re.search(r"<h1[^>]*>.+?</h1>", html, re.S), "page has no title"
    assert "Traceback (most recent call last)" not in html


@pytest.mark.parametrize("name", [n for n in toc_files() if uses_widgets(n)])
def test_widget_pages_embed_state_for_every_view(name):
    html = page(name)
    states = STATE.findall(html)
    assert len(states) == 1, "the page must embed exactly one widget state block"
    models = json.loads(states[0])["state"]
    views = [json.loads(v)["model_id"] for v in VIEW.findall(html)]
    assert views, "no widget view on a page whose notebook shows a widget"
    assert all(v in models for v in views), (
        "a widget view points to a model missing from the saved state"
    )


@pytest.mark.parametrize("name", [n for n in toc_files() if uses_widgets(n)])
def test_widget_pages_load_the_pinned_widget_manager(name):
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    scripts = config["sphinx"]["config"]["nb_ipywidgets_js"]
    html = page(name)
    for src in scripts:
        assert src.rsplit("/", 1)[-1] in html, f"{src} not loaded by {name}"
    assert any("html-manager@1.0." in s or "html-manager" in s for s in scripts)
