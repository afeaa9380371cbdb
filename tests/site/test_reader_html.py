"""What a reader meets in the built HTML, page by page: whole tables, clean outputs, vector figures.

Runs on ``_build/html`` after ``make book`` (``make site``); a missing build fails. Each check
names the page and the offending text, so a failure says which notebook cell to fix.
"""

from __future__ import annotations

import re
import struct
from html.parser import HTMLParser
from pathlib import Path

import pytest
from notebooks import toc_files

ROOT = Path(__file__).resolve().parents[2]
HTML = Path(__import__("os").environ.get("FTLIB_SITE", ROOT / "_build" / "html"))
# pandas cuts a cell at display.max_colwidth (50) and ends it with "..."
CUT_CELL = re.compile(r"(\.\.\.|…)$")
SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)+$")
NEGATIVE_MONEY = re.compile(r"\$\s?[-−]\d")
# A raw output longer than this many lines should have been summarised by ftlib.
MAX_OUTPUT_LINES = 30
# Lines of code or plain output wider than the desktop column (about 88 characters at 14 px).
MAX_LINE_CHARS = 88


class Cells(HTMLParser):
    """Table header and data cells, <pre> outputs and <img> sources of one page's article."""

    def __init__(self) -> None:
        super().__init__()
        self.headers: list[str] = []
        self.cells: list[str] = []
        self.images: list[dict[str, str]] = []
        self.stderr_blocks = 0
        self.outputs: list[str] = []  # text of <pre> inside cell outputs
        self.inputs: list[str] = []  # text of <pre> inside cell inputs
        self._cell: list[str] | None = None
        self._cell_is_header = False
        self._pre: list[str] | None = None
        self._pre_kind = ""
        self._stack: list[tuple[str, str]] = []  # (tag, class)

    def _inside(self, cls: str) -> bool:
        return any(cls in c.split() for _, c in self._stack)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = a.get("class") or ""
        if tag not in ("img", "br", "meta", "link", "input", "hr", "source"):
            self._stack.append((tag, cls))
        if "stderr" in cls.split() and self._inside("cell_output"):
            self.stderr_blocks += 1
        if tag in ("td", "th"):
            self._cell, self._cell_is_header = [], tag == "th"
        elif tag == "pre":
            if self._inside("cell_output"):
                self._pre, self._pre_kind = [], "output"
            elif self._inside("cell_input"):
                self._pre, self._pre_kind = [], "input"
        elif tag == "img" and self._inside("cell_output") and not self._inside("widget-subarea"):
            self.images.append({k: v or "" for k, v in a.items()})

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            text = " ".join("".join(self._cell).split())
            (self.headers if self._cell_is_header else self.cells).append(text)
            self._cell = None
        elif tag == "pre" and self._pre is not None:
            (self.outputs if self._pre_kind == "output" else self.inputs).append("".join(self._pre))
            self._pre = None
        while self._stack:
            if self._stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if self._pre is not None:
            self._pre.append(data)


def parse(name: str) -> Cells:
    path = HTML / f"{name}.html"
    assert path.exists(), f"no page for {name}: run `make book` first"
    parser = Cells()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


PAGES = toc_files()


@pytest.mark.parametrize("name", PAGES)
def test_no_table_cell_is_cut_off(name):
    cut = [c for c in parse(name).cells if CUT_CELL.search(c) and len(c) >= 40]
    assert cut == [], f"{name}: {len(cut)} cell(s) cut with '...', first: {cut[:2]}"


@pytest.mark.parametrize("name", PAGES)
def test_table_headers_are_words_not_snake_case(name):
    snake = sorted({h for h in parse(name).headers if SNAKE.match(h)})
    assert snake == [], f"{name}: snake_case headers {snake}"


@pytest.mark.parametrize("name", PAGES)
def test_negative_money_reads_minus_dollar(name):
    page = parse(name)
    wrong = [c for c in page.cells + page.outputs if NEGATIVE_MONEY.search(c)]
    assert wrong == [], f"{name}: '$-' instead of '-$' in {wrong[:2]}"


@pytest.mark.parametrize("name", PAGES)
def test_no_stderr_or_warning_blocks(name):
    page = parse(name)
    warned = [o.strip()[:80] for o in page.outputs if re.search(r"\w+Warning\b", o)]
    assert page.stderr_blocks == 0 and warned == [], (
        f"{name}: {page.stderr_blocks} stderr block(s); warnings printed: {warned[:2]}"
    )


@pytest.mark.parametrize("name", PAGES)
def test_no_long_raw_output(name):
    long = [o for o in parse(name).outputs if o.count("\n") + 1 > MAX_OUTPUT_LINES]
    assert long == [], (
        f"{name}: {len(long)} output(s) over {MAX_OUTPUT_LINES} lines, first starts "
        f"{long[0].strip()[:60]!r}"
        if long
        else ""
    )


@pytest.mark.parametrize("name", PAGES)
def test_code_lines_fit_the_column(name):
    # Code is what a reader reads line by line, so it must fit. Printed text outputs scroll
    # inside their own box (reader.css) and wrap on phones; long ones collapse.
    page = parse(name)
    wide = [
        line for block in page.inputs for line in block.splitlines() if len(line) > MAX_LINE_CHARS
    ]
    assert wide == [], f"{name}: {len(wide)} line(s) over {MAX_LINE_CHARS} chars: {wide[:1]}"


def _png_width(path: Path) -> int:
    with path.open("rb") as f:
        head = f.read(24)
    return struct.unpack(">I", head[16:20])[0]


@pytest.mark.parametrize("name", PAGES)
def test_every_figure_is_vector_or_double_resolution(name):
    bad = []
    for img in parse(name).images:
        src = img.get("src", "")
        if src.startswith("data:image/svg") or src.split("?")[0].endswith(".svg"):
            continue
        shown = img.get("width", "").removesuffix("px")
        file = (HTML / name).parent / src
        if src.endswith(".png") and shown.isdigit() and file.exists():
            if _png_width(file) >= 2 * int(shown):
                continue
        bad.append(src[:60])
    assert bad == [], f"{name}: {len(bad)} raster figure(s) at 1x: {bad[:2]}"


def test_every_page_loads_the_reader_layer_and_a_favicon():
    for name in PAGES:
        html = (HTML / f"{name}.html").read_text(encoding="utf-8")
        assert "reader.css" in html and "reader.js" in html, name
        assert re.search(r'<link rel="icon" href="[^"]*favicon\.svg"', html), name


def test_inline_theme_scripts_appear_once():
    html = (HTML / "intro.html").read_text(encoding="utf-8")
    assert html.count("const THEBE_JS_URL") <= 1


def test_no_launch_button_to_an_unconfigured_hub():
    # the launch menu's entries are <li><a href=...>; the instructor guide may still name the
    # placeholder in its prose, where it explains how to set up a hub
    for name in PAGES:
        html = (HTML / f"{name}.html").read_text(encoding="utf-8")
        assert '<li><a href="https://hub.example.org' not in html, name


def test_the_pdf_is_linked_from_the_home_page():
    html = (HTML / "intro.html").read_text(encoding="utf-8")
    assert re.search(r'href="[^"]*when-to-fine-tune\.pdf"', html), "no link to the PDF"


def test_pages_carry_no_widget_state_and_no_icon_font_bundle():
    # the static labs bring their own data; the theme's 1.5 MB fontawesome.js is replaced by
    # _static/icons.js, which draws the few icons the site shows
    for name in PAGES:
        html = (HTML / f"{name}.html").read_text(encoding="utf-8")
        assert "application/vnd.jupyter.widget-state+json" not in html, name
        assert "fontawesome.js" not in html, name
        assert "_static/icons.js" in html, name


def test_every_icon_the_pages_use_is_drawn_by_icons_js():
    icons = (ROOT / "_static" / "icons.js").read_text(encoding="utf-8")
    known = set(re.findall(r'"([a-z0-9-]+)":\[\d+,\d+,', icons))
    style = {"fa-solid", "fa-brands", "fa-regular", "fa-lg", "fa-fw", "fa-sm", "fa-xs", "fa-2x"}
    for name in PAGES:
        html = (HTML / f"{name}.html").read_text(encoding="utf-8")
        for classes in re.findall(r'<(?:i|span) class="([^"]*\bfa-[^"]*)"', html):
            names = {c[3:] for c in classes.split() if c.startswith("fa-") and c not in style}
            assert names & known, f"{name}: no icon for {classes!r} in _static/icons.js"


def _gzipped_weight(page: Path) -> int:
    """Bytes over the wire for a page and each local script, stylesheet, image and font it loads."""
    import gzip
    import os.path

    text = page.read_text(encoding="utf-8")
    total = len(gzip.compress(text.encode("utf-8")))
    seen: set[Path] = set()
    for ref in re.findall(r'(?:src|href)="([^"#?]+)', text):
        if ref.startswith(("http:", "https:", "data:", "mailto:")):
            continue
        path = Path(os.path.normpath(page.parent / ref))
        if (
            path in seen
            or not path.is_file()
            or path.suffix not in {".js", ".css", ".svg", ".png", ".woff2", ".woff", ".mjs"}
        ):
            continue
        seen.add(path)
        total += len(gzip.compress(path.read_bytes()))
    return total


@pytest.mark.parametrize("name", [n for n in PAGES if n.startswith("labs/")])
def test_a_lab_page_weighs_at_most_0_8_mb_gzipped(name):
    weight = _gzipped_weight(HTML / f"{name}.html")
    assert weight <= 800_000, f"{name}: {weight / 1e6:.2f} MB gzipped with what it loads"
