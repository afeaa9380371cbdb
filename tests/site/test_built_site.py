"""The built HTML: every page of the table of contents exists, and lab pages work without a kernel.

Run after `jupyter-book build` (``make test`` does both); a missing build is a failure, not a skip.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
import yaml
from notebooks import toc_files

ROOT = Path(__file__).resolve().parents[2]
HTML = ROOT / "_build" / "html"
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
        re.search(r"\bft\.\w+\.lab\.", c.source)
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
def test_widget_pages_show_the_static_lab_not_a_widget_view(name):
    # The html builder prefers each lab's text/html rendering (form controls over data
    # ftlib computed at build time), so a reader with no kernel gets a working lab.
    html = page(name)
    assert 'class="ftlab' in html, f"{name} shows no static lab"
    assert not VIEW.findall(html), f"{name} still renders a widget view that needs a kernel"


def test_no_widget_manager_is_loaded_and_html_is_preferred():
    config = yaml.safe_load((ROOT / "_config.yml").read_text())["sphinx"]["config"]
    assert config["nb_ipywidgets_js"] == {}, "no widget manager script on the site"
    assert ["html", "text/html", 5] in config["nb_mime_priority_overrides"]
