"""Shared fixtures for the browser tests: one headless Chromium and one axe scanner per session.

Without Chromium or Playwright the tests skip, so `pytest tests` works on a laptop; `make browser`
sets FTLIB_BROWSER_REQUIRED=1 and then a missing browser or an unbuilt site is a failure.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from browser_checks import (
    ARTIFACTS,
    METRICS_DIR,
    find_chromium,
    launch,
    skip_or_fail,
)


@pytest.fixture(scope="session")
def browser():
    if find_chromium() is None:
        skip_or_fail("no Chromium at /usr/bin/chromium (apt-get install chromium, or set CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("playwright is not installed (pip install -r binder/requirements.txt)")
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def pytest_sessionstart(session) -> None:
    """Start each run without metrics or screenshots of an earlier build (once, not per xdist worker)."""
    if not hasattr(session.config, "workerinput"):
        shutil.rmtree(METRICS_DIR, ignore_errors=True)
        shutil.rmtree(ARTIFACTS / "screens", ignore_errors=True)


def pytest_terminal_summary(terminalreporter) -> None:
    """Print and save the page weight and first-paint table gathered by the site tests."""
    rows = (
        [json.loads(p.read_text(encoding="utf-8")) for p in METRICS_DIR.glob("*.json")]
        if METRICS_DIR.exists()
        else []
    )
    if not rows:
        return
    rows.sort(key=lambda m: -m["kib"])
    lines = ["page,kib,first_paint_ms,labs_started"] + [
        f"{m['page']},{m['kib']},{m['first_paint_ms']},{m['labs']}" for m in rows
    ]
    (ARTIFACTS / "page_metrics.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    terminalreporter.section(
        "page weight (KiB transferred, cold cache) and first contentful paint (ms)"
    )
    for m in rows:
        paint = "-" if m["first_paint_ms"] is None else f"{m['first_paint_ms']:.0f}"
        terminalreporter.write_line(
            f"{m['page']:<48} {m['kib']:>7} KiB {paint:>6} ms  labs {m['labs']}"
        )
    terminalreporter.write_line(
        f"saved to {ARTIFACTS / 'page_metrics.csv'}; screenshots in {ARTIFACTS / 'screens'}"
    )
