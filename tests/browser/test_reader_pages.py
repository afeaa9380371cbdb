"""The built book as a reader meets it on a phone (390 px) and a laptop (1366 px), light and dark.

Every page: no console or script error (none tolerated by name), nothing wider than the screen
unless it sits in its own scroll box, no cut-off table cell, no stderr block, every figure
vector or 2x. Key pages, in both modes: text contrast 4.5:1, figures on a white card, figure
text shown at 90 % of its size or more (so the style's 10 pt floor reads as 9 pt or more).
The phone menu opens a drawer that lists the chapters; every header control shows a focus
ring; the theme toggle changes the page on its first click. Build first (`make book`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from browser_checks import REPO, serve, skip_or_fail

SITE = Path(os.environ.get("FTLIB_SITE", REPO / "_build" / "html"))
NOT_PAGES = ("_static/", "_sources/", "_images/", "_downloads/", "genindex", "search")
WIDTHS = (390, 1366)
KEY_PAGES = (
    "intro.html",
    "chapters/05_cost_math.html",
    "chapters/06_readiness.html",
    "labs/break_even.html",
    "chapters/instructor_guide.html",
)


def built_pages() -> list[str]:
    if not (SITE / "index.html").exists():
        return []
    pages = (p.relative_to(SITE).as_posix() for p in SITE.rglob("*.html"))
    return sorted(p for p in pages if not p.startswith(NOT_PAGES) and p != "index.html")


PAGES = built_pages()


@pytest.fixture(scope="module")
def site_url():
    if not PAGES:
        skip_or_fail(f"no built site at {SITE} (run `make book` first)")
    with serve(SITE) as url:
        yield url


class Visit:
    """One page in a fresh context at a width and colour scheme, with its errors recorded."""

    def __init__(self, browser, url: str, width: int, mode: str, init_script: str = ""):
        self.context = browser.new_context(
            viewport={"width": width, "height": 860}, color_scheme=mode
        )
        self.page = self.context.new_page()
        if init_script:  # runs before the page's own scripts
            self.page.add_init_script(init_script)
        self.errors: list[str] = []
        self.page.on(
            "console",
            lambda m: self.errors.append(f"console: {m.text}") if m.type == "error" else None,
        )
        self.page.on("pageerror", lambda e: self.errors.append(f"script: {e}"))
        self.page.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith(("http://127.0.0.1", "data:", "blob:"))
                else route.abort("blockedbyclient")
            ),
        )
        self.page.goto(url, wait_until="networkidle")
        self.page.wait_for_timeout(300)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser, site_url):
    opened: list[Visit] = []

    def open_(page: str, width: int, mode: str = "light", init_script: str = "") -> Visit:
        v = Visit(browser, site_url + page, width, mode, init_script)
        opened.append(v)
        return v

    yield open_
    for v in opened:
        v.close()


# Elements that reach past the right edge of the screen, unless a scroll box holds them.
_OVERFLOW_JS = """
() => {
  const limit = document.documentElement.clientWidth + 1;
  const scrolls = el => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if (o === 'auto' || o === 'scroll') return true;
    }
    return false;
  };
  const out = [];
  for (const el of document.querySelectorAll('.bd-main *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= limit || scrolls(el)) continue;
    if (getComputedStyle(el).position === 'fixed') continue;
    if (el.closest('.bd-sidebar-secondary, .bd-sidebar-primary, dialog')) continue;  // off-canvas
    out.push(`${el.tagName.toLowerCase()}.${(el.className || '').toString().split(' ')[0]} ends at ${Math.round(r.right)} px`);
    if (out.length > 4) break;
  }
  return {overflow: out, docWidth: document.documentElement.scrollWidth};
}
"""  # noqa: E501 (JavaScript run in the page)

_CELLS_JS = """
() => {
  const cut = [];
  for (const c of document.querySelectorAll('.bd-content td, .bd-content th')) {
    const t = c.textContent.trim();
    if (/(\\.\\.\\.|…)$/.test(t) && t.length >= 40) cut.push(t.slice(0, 50));
    else if (c.scrollWidth > c.clientWidth + 2 && getComputedStyle(c).overflow === 'hidden') cut.push(t.slice(0, 50));
  }
  const stderr = document.querySelectorAll('.cell_output .stderr, .cell_output .output.stderr').length;
  const figures = [...document.querySelectorAll('.cell_output img')]
    .filter(i => !i.closest('.widget-subarea'))
    .map(i => ({src: i.getAttribute('src'), shown: i.clientWidth, natural: i.naturalWidth,
                svg: /\\.svg($|\\?)|^data:image\\/svg/.test(i.getAttribute('src') || '')}));
  return {cut, stderr, figures};
}
"""  # noqa: E501 (JavaScript run in the page)

_CONTRAST_JS = """
() => {
  const lum = c => {
    const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(',').map(Number);
    const f = v => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return {l: 0.2126 * f(p[0]) + 0.7152 * f(p[1]) + 0.0722 * f(p[2]), a: p.length > 3 ? p[3] : 1};
  };
  const bg = el => {
    for (let a = el; a; a = a.parentElement) {
      const b = lum(getComputedStyle(a).backgroundColor);
      if (b && b.a > 0.5) return b.l;
    }
    return lum(getComputedStyle(document.documentElement).backgroundColor)?.l ?? 1;
  };
  const low = [];
  const seen = new Set();
  const els = document.querySelectorAll('.bd-article p, .bd-article li, .bd-article td, .bd-article th, .bd-article figcaption, .bd-article a, .bd-article h1, .bd-article h2, .bd-article code, .bd-sidebar-primary a, .bd-footer-article a');
  for (const el of els) {
    if (!el.textContent.trim() || el.closest('.widget-subarea, .highlight')) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const s = getComputedStyle(el);
    if (s.visibility === 'hidden' || Number(s.opacity) < 0.5) continue;
    const fg = lum(s.color).l, b = bg(el);
    const ratio = (Math.max(fg, b) + 0.05) / (Math.min(fg, b) + 0.05);
    const large = parseFloat(s.fontSize) >= 24 || (parseFloat(s.fontSize) >= 18.66 && Number(s.fontWeight) >= 700);
    const key = s.color + '/' + b.toFixed(3);
    if (ratio < (large ? 3 : 4.5) && !seen.has(key)) {
      seen.add(key);
      low.push(`${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}:1`);
    }
  }
  const figures = [...document.querySelectorAll('.cell_output img')].filter(i => !i.closest('.widget-subarea')).map(i => {
    const s = getComputedStyle(i);
    const link = i.closest('a.reader-figure-link');
    return {bg: s.backgroundColor, filter: s.filter, src: i.getAttribute('src'),
            opens: !!link && link.getAttribute('href') === i.getAttribute('src')};
  });
  return {low, figures};
}
"""  # noqa: E501 (JavaScript run in the page)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", PAGES or ["(site not built)"])
def test_page_is_clean_and_fits_the_screen(visit, page, width):
    v = visit(page, width)
    seen = v.page.evaluate(_OVERFLOW_JS)
    cells = v.page.evaluate(_CELLS_JS)
    problems = list(v.errors)
    if seen["docWidth"] > width:
        problems.append(f"page is {seen['docWidth']} px wide on a {width} px screen")
    problems += [f"reaches past the screen: {o}" for o in seen["overflow"]]
    problems += [f"cut-off cell: {c!r}" for c in cells["cut"]]
    if cells["stderr"]:
        problems.append(f"{cells['stderr']} stderr block(s)")
    problems += [
        f"1x raster figure: {f['src']}"
        for f in cells["figures"]
        if not f["svg"] and f["natural"] < 2 * max(f["shown"], 1)
    ]
    if width == 1366:  # the style's 10 pt floor reads as 9 pt or more at 90 % of full size
        problems += [
            f"figure shown at {f['shown'] / f['natural']:.0%} of its size (text under 9 pt): "
            f"{f['src']}"
            for f in cells["figures"]
            if f["natural"] and f["shown"] / f["natural"] < 0.9
        ]
    assert problems == [], f"{page} at {width} px:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", KEY_PAGES)
def test_key_pages_read_in_both_modes(visit, page, width, mode):
    if page not in PAGES:
        skip_or_fail(f"{page} not built")
    v = visit(page, width, mode)
    assert v.page.evaluate("() => document.documentElement.dataset.theme") == mode, (
        "the page does not follow the reader's colour scheme"
    )
    seen = v.page.evaluate(_CONTRAST_JS)
    problems = list(v.errors)
    problems += [f"low text contrast: {t}" for t in seen["low"]]
    for fig in seen["figures"]:
        if fig["bg"] not in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)") or fig["filter"] != "none":
            problems.append(f"figure not on a plain white card: {fig}")
        if mode == "dark" and fig["bg"] != "rgb(255, 255, 255)":
            problems.append("figure without its white card in dark mode")
        if not fig["opens"]:
            problems.append(f"figure does not open at full size on click: {fig['src']}")
    assert problems == [], f"{page} at {width} px, {mode}:\n  " + "\n  ".join(problems)


def _chapter_titles() -> list[str]:
    titles = []
    for path in sorted((SITE / "chapters").glob("*.html")):
        found = re.search(r"<h1[^>]*>(.*?)</h1>", path.read_text(encoding="utf-8"), re.S)
        if found:
            titles.append(" ".join(re.sub(r"<[^>]+>|#", "", found.group(1)).split()))
    return titles


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_the_phone_menu_opens_a_drawer_listing_every_chapter(visit, mode):
    if not PAGES:
        skip_or_fail("site not built")
    v = visit("chapters/05_cost_math.html", 390, mode)
    toggle = v.page.locator(".primary-toggle:visible")
    assert toggle.count() == 1, f"{toggle.count()} visible menu buttons at 390 px"
    toggle.click()
    v.page.wait_for_timeout(400)
    drawer = v.page.locator("#pst-primary-sidebar-modal")
    assert drawer.count() == 1 and drawer.evaluate("d => d.open"), "the menu opened no drawer"
    box = drawer.bounding_box()
    assert box and box["width"] >= 250, f"drawer too narrow to read: {box}"
    text = " ".join(drawer.inner_text().split())
    missing = [t for t in _chapter_titles() if t not in text]
    assert missing == [], f"drawer does not list {missing}"
    assert v.errors == []
    v.page.keyboard.press("Escape")
    v.page.wait_for_timeout(200)
    assert not drawer.evaluate("d => d.open"), "Escape does not close the drawer"


@pytest.mark.parametrize("width", WIDTHS)
def test_one_search_control_and_no_placeholder_hub(visit, width):
    if not PAGES:
        skip_or_fail("site not built")
    v = visit("intro.html", width)
    search = v.page.locator(".search-button-field:visible, .search-button:visible").count()
    assert search == 1, f"{search} visible search controls at {width} px"
    assert v.page.locator("a[href*='hub.example']").count() == 0


_FOCUS_JS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || (s.boxShadow && s.boxShadow !== 'none');
  const inHeader = !!el.closest('.bd-header-article, .bd-header, .header-article-items');
  return {inHeader, ring, label: el.getAttribute('aria-label') || el.getAttribute('title') || el.textContent.trim().slice(0, 30) || el.className};
}
"""  # noqa: E501 (JavaScript run in the page)


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
def test_every_header_control_shows_a_focus_ring(visit, width, mode):
    if not PAGES:
        skip_or_fail("site not built")
    v = visit("chapters/05_cost_math.html", width, mode)
    visible = v.page.locator(
        ".bd-header-article button:visible, .bd-header-article a.btn:visible"
    ).count()
    reached, without_ring = set(), []
    for _ in range(60):
        v.page.keyboard.press("Tab")
        state = v.page.evaluate(_FOCUS_JS)
        if state and state["inHeader"]:
            reached.add(state["label"])
            if not state["ring"]:
                without_ring.append(state["label"])
    assert without_ring == [], f"no focus ring on {sorted(set(without_ring))}"
    assert len(reached) >= min(visible, 3), f"Tab reached only {sorted(reached)} of {visible}"


def test_the_theme_toggle_changes_the_page_on_its_first_click(visit):
    if not PAGES:
        skip_or_fail("site not built")
    v = visit("intro.html", 1366)
    before = v.page.evaluate("() => document.documentElement.dataset.theme")
    v.page.locator(".theme-switch-button:visible").first.click()
    v.page.wait_for_timeout(200)
    after = v.page.evaluate("() => document.documentElement.dataset.theme")
    assert after != before, f"first click left the theme at {before}"


def test_the_pdf_link_works_when_the_pdf_is_built(visit, site_url):
    if not (SITE / "when-to-fine-tune.pdf").exists():
        pytest.skip("no PDF built (make pdf); the sidebar link would 404")
    v = visit("chapters/05_cost_math.html", 1366)
    href = v.page.locator("a.reader-pdf-link").first.get_attribute("href")
    response = v.page.request.get(site_url + "chapters/" + href)
    assert response.ok and response.headers["content-type"] == "application/pdf"


# A cell output of 60 lines, added to the page before its scripts run (ftlib keeps the course's
# own outputs short, so a build may have none this long).
_LONG_OUTPUT = """
document.addEventListener("DOMContentLoaded", () => {
  const out = document.createElement("div");
  out.className = "cell_output docutils container";
  const pre = document.createElement("pre");
  pre.textContent = Array.from({length: 60}, (_, i) => "output line " + (i + 1)).join("\\n");
  out.appendChild(pre);
  document.querySelector(".bd-content article").appendChild(out);
});
"""


def test_long_outputs_collapse_and_open(visit):
    if not PAGES:
        skip_or_fail("site not built")
    v = visit(PAGES[0], 1366, init_script=_LONG_OUTPUT)
    button = v.page.locator(".reader-output-toggle")
    assert button.count() >= 1, "a 60-line output got no button to show the rest"
    pre = "() => document.querySelector('.reader-collapsed').getBoundingClientRect().height"
    assert v.page.evaluate(pre) <= 22 * 16 + 2
    assert "60 lines" in button.last.inner_text()
    button.last.click()
    assert button.last.get_attribute("aria-expanded") == "true"
    assert v.page.locator(".reader-collapsed").count() == button.count() - 1


def test_on_this_page_drawer_closes_after_a_jump_on_a_phone(visit):
    if not PAGES:
        skip_or_fail("site not built")
    v = visit("chapters/05_cost_math.html", 390)
    v.page.locator(".secondary-toggle:visible").first.click()
    v.page.wait_for_timeout(300)
    drawer = v.page.locator("#pst-secondary-sidebar-modal")
    assert drawer.evaluate("d => d.open"), "the contents button opened no drawer"
    links = drawer.locator("a[href^='#']")
    assert links.count() >= 3, "the drawer lists fewer than three headings"
    target = links.nth(2).get_attribute("href")
    links.nth(2).click()
    v.page.wait_for_timeout(200)
    assert not drawer.evaluate("d => d.open"), "the drawer stayed open over the page"
    # the theme scrolls smoothly: wait (up to 5 s, for a busy machine) for the heading to arrive
    v.page.wait_for_function(
        """id => { const t = document.getElementById(id).getBoundingClientRect().top;
                   return t >= 0 && t < innerHeight; }""",
        arg=target[1:],
        timeout=5000,
    )
    assert v.errors == []


@pytest.mark.parametrize("mode", ("light", "dark"))
def test_header_icons_are_drawn_without_the_icon_font_bundle(visit, mode):
    if not PAGES:
        skip_or_fail("site not built")
    v = visit("intro.html", 1366, mode)
    leftover = v.page.evaluate("() => document.querySelectorAll(\"i[class*='fa-']\").length")
    assert leftover == 0, f"{leftover} icons were not drawn"
    sizes = v.page.evaluate(
        """() => [...document.querySelectorAll('.bd-header svg.svg-inline--fa, .bd-header-article svg.svg-inline--fa')]
                 .filter(s => s.getClientRects().length)
                 .map(s => [s.getBoundingClientRect().width, s.getBoundingClientRect().height])"""
    )
    assert len(sizes) >= 4, f"only {len(sizes)} header icons shown"
    assert all(8 <= h <= 40 and 4 <= w <= 48 for w, h in sizes), sizes
    assert v.errors == []


def test_table_regions_are_only_scrollable_tables_with_unique_names(visit):
    if not PAGES:
        skip_or_fail("site not built")
    for page in ("chapters/04_landscape_2026.html", "chapters/05_cost_math.html"):
        v = visit(page, 390)
        names = v.page.evaluate(
            """() => [...document.querySelectorAll('.reader-scroll[role=region]')]
                 .map(b => [b.getAttribute('aria-label'), b.scrollWidth > b.clientWidth + 1])"""
        )
        assert all(wide for _, wide in names), f"{page}: a region that does not scroll"
        labels = [label for label, _ in names]
        assert len(labels) == len(set(labels)), f"{page}: repeated region names {labels}"
        assert all(label and label != "Table" for label in labels), labels


_LIGHT_FRAMES_JS = """
() => {
  const page = getComputedStyle(document.body).backgroundColor;
  const out = [];
  for (const box of document.querySelectorAll('.bd-content div.cell_output div.output.text_html')) {
    if (!box.querySelector(':scope > .ftlab, :scope > table[id^="T_"]')) continue;
    const bg = getComputedStyle(box).backgroundColor;
    if (bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent' && bg !== page) {
      out.push(bg + ' ' + (box.textContent || '').trim().slice(0, 40));
    }
  }
  return out;
}
"""


@pytest.mark.parametrize(
    "page",
    [
        "labs/break_even.html",
        "labs/decision_explorer.html",
        "chapters/05_cost_math.html",
        "chapters/02_when_not.html",
        "chapters/03_when_it_pays.html",
    ],
)
def test_labs_self_checks_and_styled_tables_have_no_light_frame_in_dark_mode(visit, page):
    if not PAGES:
        skip_or_fail("site not built")
    v = visit(page, 390, "dark")
    framed = v.page.evaluate(_LIGHT_FRAMES_JS)
    assert framed == [], f"{page}: light frames in dark mode: {framed[:5]}"


def test_text_formulas_fit_a_phone_screen(visit):
    if not PAGES:
        skip_or_fail("site not built")
    v = visit("chapters/05_cost_math.html", 390)
    cut = v.page.evaluate(
        """() => [...document.querySelectorAll('.bd-content div.highlight-text pre')]
             .filter(p => p.scrollWidth > p.clientWidth + 1).map(p => p.textContent.slice(0, 40))"""
    )
    assert cut == [], f"formulas cut off at 390 px: {cut}"


def test_stacked_table_captions_span_the_cards_on_a_phone(visit):
    if not PAGES:
        skip_or_fail("site not built")
    v = visit("chapters/where_to_fine_tune.html", 390)
    widths = v.page.evaluate(
        """() => [...document.querySelectorAll('.bd-content table.ft-stack')]
             .filter(t => t.caption)
             .map(t => [t.caption.getBoundingClientRect().width, t.getBoundingClientRect().width])"""
    )
    assert widths, "the routes page shows no captioned table"
    assert all(c >= 0.8 * t for c, t in widths), f"captions squeezed: {widths}"
