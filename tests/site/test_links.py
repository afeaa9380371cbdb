"""Every link a reader can follow on the built site lands somewhere: no 404 after ``make book``.

Walks every HTML page under ``_build/html`` (the book's pages, the search page, the genindex),
collects each ``href`` and ``src`` that stays on the site, and checks that the file exists and,
for ``#fragment`` links into a page, that the page has an element with that id. The sidebar's
"whole book as a PDF" link is one of them, so ``make book`` must have written the PDF.
"""

from __future__ import annotations

import os
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
HTML = Path(os.environ.get("FTLIB_SITE", ROOT / "_build" / "html"))
# Files Sphinx writes for machines, not readers (and the PDF's own print page sits outside).
SKIP_PAGES = {"_static", "_sources", "_images", "_sphinx_design_static"}


class Links(HTMLParser):
    """The ``href``/``src`` targets and the ``id``s of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id":
                self.ids.add(value)
            elif name in ("href", "src") and not (
                tag == "link" and name == "href" and dict(attrs).get("rel") == "preconnect"
            ):
                self.targets.append(value)


def pages() -> list[Path]:
    if not HTML.is_dir():
        return []
    return sorted(
        p for p in HTML.rglob("*.html") if not SKIP_PAGES & set(p.relative_to(HTML).parts)
    )


@cache
def parsed(page: Path) -> Links:
    links = Links()
    links.feed(page.read_text(encoding="utf-8"))
    return links


def broken_links(page: Path) -> list[str]:
    """The site-internal links of ``page`` that point at no file, or at no id of their page."""
    out = []
    for target in parsed(page).targets:
        parts = urlsplit(target)
        if parts.scheme or parts.netloc or target.startswith(("mailto:", "javascript:", "data:")):
            continue  # leaves the site (launch buttons, sources): not ours to serve
        path = unquote(parts.path)
        dest = page if not path else (page.parent / path).resolve()
        if dest.is_dir():
            dest = dest / "index.html"
        if not dest.exists():
            out.append(
                f"{target} (no file {dest.relative_to(HTML.resolve())})"
                if dest.is_relative_to(HTML.resolve())
                else f"{target} (outside the site)"
            )
            continue
        if parts.fragment and dest.suffix == ".html" and not SKIP_PAGES & set(dest.parts):
            if unquote(parts.fragment) not in parsed(dest).ids:
                out.append(f"{target} (no id #{parts.fragment} in {dest.name})")
    return out


def test_the_site_was_built():
    assert pages(), f"no built site at {HTML}: run `make book` first"


@pytest.mark.parametrize("page", pages(), ids=lambda p: str(p.relative_to(HTML)))
def test_every_link_on_the_page_lands(page: Path):
    broken = broken_links(page)
    assert not broken, f"{page.relative_to(HTML)}: " + "; ".join(broken[:10])


def test_the_pdf_link_lands_after_make_book():
    # The sidebar links the PDF on every page; it must exist whenever the site does.
    intro = HTML / "intro.html"
    match = re.search(r'href="([^"]*when-to-fine-tune\.pdf)"', intro.read_text(encoding="utf-8"))
    assert match, "intro.html does not link the PDF"
    assert (HTML / match.group(1)).is_file(), "the PDF the sidebar links is missing"
