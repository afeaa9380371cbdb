"""The whole-book PDF (`make pdf`): every page of the book, in order, readable as text.

Needs the PDF in ``_build/html`` (``make book pdf``) and poppler's ``pdftotext``/``pdfinfo``
(Debian's poppler-utils); without them the tests skip, or fail when FTLIB_PDF_REQUIRED=1.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SITE = Path(os.environ.get("FTLIB_SITE", ROOT / "_build" / "html"))
sys.path.insert(0, str(ROOT / "_ext"))
from book_pdf import PDF_NAME, _from_root, toc_pages  # noqa: E402

PDF = SITE / PDF_NAME


def _need(tool: str) -> str:
    found = shutil.which(tool)
    if found is None or not PDF.exists():
        reason = f"{tool} missing" if found is None else f"no {PDF} (run `make pdf`)"
        if os.environ.get("FTLIB_PDF_REQUIRED") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return found


@pytest.fixture(scope="module")
def text() -> str:
    tool = _need("pdftotext")
    out = subprocess.run([tool, "-layout", str(PDF), "-"], capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def _page_title(page: str) -> str:
    html = (SITE / f"{page}.html").read_text(encoding="utf-8")
    title = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
    return " ".join(re.sub(r"<[^>]+>|#", "", title).split())


def test_the_pdf_has_a_page_or_more_for_every_page_of_the_book():
    info = subprocess.run([_need("pdfinfo"), str(PDF)], capture_output=True, check=True)
    pages = int(re.search(r"Pages:\s+(\d+)", info.stdout.decode()).group(1))
    assert pages >= 2 * len(toc_pages(ROOT)), f"only {pages} PDF pages"


def test_every_page_title_appears_in_reading_order(text):
    flat = " ".join(text.split())
    body = flat[flat.index("Contents") :]
    position = 0
    for page in toc_pages(ROOT):
        title = _page_title(page)
        # skip the contents list: look for the title after its entry there
        found = body.find(title, position + 1)
        assert found > position, f"{title!r} ({page}) missing or out of order in the PDF"
        position = found


def test_the_pdf_carries_prices_with_their_dates_and_no_widget_errors(text):
    assert re.search(r"as of 20\d\d-\d\d-\d\d", text), "no dated price note in the PDF"
    assert "Error displaying widget" not in text
    assert "Traceback" not in text


def test_links_are_rewritten_for_the_single_print_page():
    fragment = '<img src="../_images/a.svg"><a href="02_when_not.html#x">'
    out = _from_root(fragment, "chapters/01_four_approaches")
    assert out == '<img src="_images/a.svg"><a href="chapters/02_when_not.html#x">'
    assert _from_root(fragment, "intro") == fragment
