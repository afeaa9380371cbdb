"""Open a page of the built site in headless Chromium and list what a reader would trip over.

One function does the looking (:func:`inspect_page`); it returns a :class:`PageReport` whose
``problems()`` are plain sentences. The site tests assert that list is empty; the fixture tests
assert it names the fault they planted, which proves each check can fail.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "tests" / "artifacts" / "browser"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# The flags TOOLING.md lists for a closed network (Playwright adds --headless and a fresh,
# empty profile directory itself).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# A matplotlib Figure that reached the page as its text repr instead of an image.
FIGURE_AS_TEXT = re.compile(r"<Figure size \d+x\d+ with \d+ Axes>")
BLOCKING_IMPACTS = ("serious", "critical")
# One JSON file per visited site page (KiB, first paint, widgets), written by the
# site tests and summed up by conftest at the end; files survive pytest-xdist's worker processes.
METRICS_DIR = ARTIFACTS / "metrics"


def skip_or_fail(reason: str) -> None:
    """Fail under `make browser` (FTLIB_BROWSER_REQUIRED=1), skip elsewhere."""
    import pytest

    if os.environ.get("FTLIB_BROWSER_REQUIRED") == "1":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


def find_chromium() -> str | None:
    """The system Chromium, or None when it is not installed."""
    found = shutil.which(CHROMIUM) or (CHROMIUM if Path(CHROMIUM).exists() else None)
    return found


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files without a log line per request."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib name)
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port) for the duration; yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def launch(playwright):
    """Headless system Chromium driven by Playwright."""
    return playwright.chromium.launch(
        executable_path=find_chromium(), headless=True, args=CHROMIUM_ARGS
    )


@dataclass
class PageReport:
    """What one visit saw. Lists are empty on a clean page."""

    url: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    widget_views: int = 0
    static_labs: int = 0
    labs_not_started: int = 0
    images_without_alt: list[str] = field(default_factory=list)
    figures_as_text: list[str] = field(default_factory=list)
    axe_violations: list[str] = field(default_factory=list)
    first_contentful_paint_ms: float | None = None
    bytes_transferred: int = 0

    def problems(self) -> list[str]:
        """Every fault as one sentence naming what was seen."""
        out = [f"console error: {m}" for m in self.console_errors]
        out += [f"uncaught script error: {m}" for m in self.page_errors]
        out += [
            f"request leaves the site (CDN or network dependency): {u}"
            for u in self.external_requests
        ]
        if self.widget_views:
            out.append(
                f"{self.widget_views} widget view(s) in the page: the site loads no widget "
                "manager, so they show nothing (a lab needs its text/html page)"
            )
        if self.labs_not_started:
            out.append(
                f"{self.labs_not_started} of {self.static_labs} static lab(s) did not start "
                "(their script is missing or failed)"
            )
        out += [f"image without alt text: {s}" for s in self.images_without_alt]
        out += [f"figure shown as text, not an image: {t}" for t in self.figures_as_text]
        out += [f"accessibility ({BLOCKING_IMPACTS[0]}+): {v}" for v in self.axe_violations]
        return out


# Images count as lacking alt text when alt is absent, blank, or just a file name (what docutils
# writes when a notebook figure has no alt metadata). role=presentation marks decoration.
_IMAGES_WITHOUT_ALT_JS = """
() => Array.from(document.images).filter(img => {
  if (img.getAttribute('role') === 'presentation' || img.getAttribute('aria-hidden') === 'true') return false;
  const alt = (img.getAttribute('alt') || '').trim();
  return alt === '' || /\\.(png|jpe?g|svg|gif|webp)$/i.test(alt);
}).map(img => (img.getAttribute('src') || '').slice(0, 80))
"""

# Static labs (ftlib.labkit.page): core.js marks each one it ran with data-renders.
_STATIC_LABS_JS = """
() => [document.querySelectorAll('.ftlab').length,
       document.querySelectorAll('.ftlab:not([data-renders])').length]
"""

_PERFORMANCE_JS = """
() => {
  const paint = performance.getEntriesByName('first-contentful-paint')[0];
  const nav = performance.getEntriesByType('navigation')[0];
  const bytes = performance.getEntriesByType('resource').reduce((s, r) => s + (r.encodedBodySize || 0), 0)
    + (nav ? nav.encodedBodySize : 0);
  return {fcp: paint ? paint.startTime : null, bytes: bytes};
}
"""


def _is_local(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("data", "blob", "about") or parsed.hostname in (
        "127.0.0.1",
        "localhost",
    )


def inspect_page(
    browser,
    url: str,
    *,
    axe=None,
    screenshot: Path | None = None,
    full_page: bool = False,
) -> PageReport:
    """Visit ``url`` in a fresh tab; report errors, widget views, labs that did not start, alt text,
    figures as text and axe violations.

    Requests that leave 127.0.0.1 are blocked and reported (the site must work offline).
    ``axe`` is an ``axe_playwright_python.sync_playwright.Axe`` or None to skip the scan.
    """
    report = PageReport(url=url)
    page = browser.new_page(viewport={"width": 1280, "height": 900})

    listening = [
        True
    ]  # off while axe runs: its CSSOM preload refetches @imports from the wrong folder

    def on_console(message) -> None:
        if not listening[0] or message.type != "error" or "ERR_BLOCKED_BY_CLIENT" in message.text:
            return  # blocked requests are reported as external_requests instead
        source = message.location.get("url", "")
        if source.endswith("/favicon.ico"):
            return  # the browser's own favicon probe, not something the page asked for
        text = (
            f"{message.text} ({source})"
            if message.text.startswith("Failed to load resource")
            else message.text
        )
        report.console_errors.append(text)

    def on_route(route) -> None:
        if _is_local(route.request.url):
            route.continue_()
        else:
            report.external_requests.append(route.request.url)
            route.abort("blockedbyclient")

    def on_page_error(error) -> None:
        report.page_errors.append(str(error))

    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    page.route("**/*", on_route)
    try:
        page.goto(url, wait_until="load")
        report.widget_views = page.locator(f'script[type="{WIDGET_VIEW}"]').count()
        page.wait_for_load_state("networkidle")
        report.static_labs, report.labs_not_started = page.evaluate(_STATIC_LABS_JS)
        body_text = page.inner_text("body")
        report.figures_as_text = FIGURE_AS_TEXT.findall(body_text)
        report.images_without_alt = page.evaluate(_IMAGES_WITHOUT_ALT_JS)
        perf = page.evaluate(_PERFORMANCE_JS)
        report.first_contentful_paint_ms = perf["fcp"]
        report.bytes_transferred = int(perf["bytes"])
        if axe is not None:
            listening[0] = False
            results = axe.run(page)
            report.axe_violations = [
                f"{v['id']} ({v['impact']}, {len(v['nodes'])} element(s), first {v['nodes'][0]['target']}): {v['help']}"
                for v in results.response["violations"]
                if v.get("impact") in BLOCKING_IMPACTS
            ]
        if screenshot is not None:
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(screenshot), full_page=full_page)
    finally:
        page.close()
    return report
