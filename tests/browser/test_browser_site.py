"""Every page of the built book, opened in headless Chromium from 127.0.0.1.

Each page must show no console or script error, fetch nothing from outside the site, give every
image alt text, show no figure as ``<Figure size ...>`` text, and pass axe-core with no serious or
critical violation. Labs reach the page as static labs (no widget manager loads at all); lab pages
also keep a figure or table under "Without a kernel".
Screenshots and the page weight / first-paint table land in ``tests/artifacts/browser/``
(gitignored). Build first (`make book`); FTLIB_SITE points elsewhere if needed.
"""

from __future__ import annotations

import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser_checks import (
    METRICS_DIR,
    REPO,
    WIDGET_VIEW,
    inspect_page,
    serve,
    skip_or_fail,
)

SITE = Path(os.environ.get("FTLIB_SITE", REPO / "_build" / "html"))
NOT_PAGES = ("_static/", "_sources/", "_images/", "_downloads/")
# Pages screenshotted whole (the rest: the first screen only).
KEY_PAGES = re.compile(r"^(index|intro|labs/.*|chapters/instructor_guide)\.html$")


def built_pages() -> list[str]:
    """Every HTML page of the built site, as a path relative to its root."""
    if not (SITE / "index.html").exists():
        return []
    pages = (p.relative_to(SITE).as_posix() for p in SITE.rglob("*.html"))
    return sorted(p for p in pages if not p.startswith(NOT_PAGES))


PAGES = built_pages()
LAB_PAGES = [p for p in PAGES if p.startswith("labs/") and not p.endswith("index.html")]


@pytest.fixture(scope="module")
def site_url():
    if not PAGES:
        skip_or_fail(f"no built site at {SITE} (run `make book` first)")
    with serve(SITE) as url:
        yield url


@pytest.mark.parametrize("page", PAGES or ["(site not built)"])
def test_page_reads_cleanly_in_chromium(browser, axe, site_url, artifacts, page):
    shot = artifacts / "screens" / (page.removesuffix(".html").replace("/", "__") + ".png")
    report = inspect_page(
        browser, site_url + page, axe=axe, screenshot=shot, full_page=bool(KEY_PAGES.match(page))
    )
    METRICS_DIR.mkdir(parents=True, exist_ok=True)
    metrics = {
        "page": page,
        "kib": round(report.bytes_transferred / 1024),
        "first_paint_ms": report.first_contentful_paint_ms,
        "labs": f"{report.static_labs - report.labs_not_started}/{report.static_labs}",
    }
    (METRICS_DIR / (shot.stem + ".json")).write_text(json.dumps(metrics), encoding="utf-8")
    assert report.problems() == [], f"{page}:\n  " + "\n  ".join(report.problems())


def _html(page: str) -> str:
    return (SITE / page).read_text(encoding="utf-8")


@pytest.mark.parametrize("page", LAB_PAGES or ["(no labs yet)"])
def test_lab_pages_show_static_labs_not_widget_views(page):
    """Labs reach the page as their text/html rendering: no kernel, no widget manager."""
    if not LAB_PAGES:
        pytest.skip("no lab pages built yet")
    text = _html(page)
    source = (REPO / page.replace(".html", ".ipynb")).read_text(encoding="utf-8")
    if not re.search(r"\bft\.\w+\.lab\.", source):
        pytest.skip("this lab shows no widget")
    assert 'class="ftlab"' in text, f"{page}: no static lab (was the lab executed at build time?)"
    assert f'<script type="{WIDGET_VIEW}">' not in text, (
        f"{page}: a widget view on the page (nb_mime_priority_overrides should prefer text/html)"
    )


def test_no_page_loads_a_widget_manager_or_a_remote_script():
    if not PAGES:
        skip_or_fail(f"no built site at {SITE} (run `make book` first)")
    for page in PAGES:
        srcs = re.findall(r'<script[^>]+src="([^"]+)"', _html(page))
        manager = [s for s in srcs if re.search(r"html-manager|require[-.]|embed-amd", s)]
        assert manager == [], f"{page} loads a widget manager: {manager}"
        remote = [s for s in srcs if s.startswith(("http://", "https://", "//"))]
        assert remote == [], f"{page} loads scripts from the network: {remote}"


class _SectionTags(HTMLParser):
    """The tag names inside the <section> with a given id (its subsections included)."""

    def __init__(self, section_id: str):
        super().__init__()
        self.section_id, self.depth, self.tags = section_id, 0, []

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.tags.append(tag)
            self.depth += tag == "section"
        elif tag == "section" and dict(attrs).get("id") == self.section_id:
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth and tag == "section":
            self.depth -= 1


def section_tags(html: str, section_id: str) -> list[str]:
    parser = _SectionTags(section_id)
    parser.feed(html)
    return parser.tags


def test_section_tags_stay_inside_their_section():
    html = '<section id="a"><p>x</p><section id="b"><img></section></section><section id="c"><table></table></section>'
    assert section_tags(html, "a") == ["p", "section", "img"]
    assert section_tags(html, "c") == ["table"]


@pytest.mark.parametrize("page", LAB_PAGES or ["(no labs yet)"])
def test_lab_pages_show_a_figure_or_table_to_readers_without_a_kernel(page):
    if not LAB_PAGES:
        pytest.skip("no lab pages built yet")
    tags = section_tags(_html(page), "without-a-kernel")
    assert tags, f"{page}: no 'Without a kernel' section"
    assert "img" in tags or "table" in tags, (
        f"{page}: 'Without a kernel' shows neither a figure nor a table"
    )
