"""Open one static lab in Chromium and drive its controls as a reader would.

A lab is looked for on the built site (``_build/html/labs/<notebook>.html``, or ``FTLIB_SITE``);
without a build, the test serves the same ``text/html`` that the build embeds, rendered by ftlib
here, so the lab tests also run on a machine that has not built the book.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from browser_checks import REPO, serve

SITE = Path(os.environ.get("FTLIB_SITE", REPO / "_build" / "html"))


@contextlib.contextmanager
def lab_url(notebook: str, render_html) -> Iterator[str]:
    """URL of the lab page: the built one when it holds a static lab, else one rendered now."""
    built = SITE / "labs" / f"{notebook}.html"
    if built.exists() and 'class="ftlab"' in built.read_text(encoding="utf-8"):
        with serve(SITE) as url:
            yield url + f"labs/{notebook}.html"
        return
    with tempfile.TemporaryDirectory() as tmp:
        page = (
            "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>{notebook}</title></head><body><main>{render_html()}</main></body></html>"
        )
        (Path(tmp) / "lab.html").write_text(page, encoding="utf-8")
        with serve(Path(tmp)) as url:
            yield url + "lab.html"


class LabDriver:
    """One lab on a page: set controls by their ``data-name``, read what the page shows."""

    def __init__(self, page, index: int = 0, name: str | None = None):
        self.page = page
        selector = f'.ftlab[data-ftlab="{name}"]' if name else ".ftlab"
        self.root = page.locator(selector).nth(index)
        self.root.wait_for()
        page.wait_for_function(
            "el => el.hasAttribute('data-renders')", arg=self.root.element_handle()
        )

    def control(self, name: str):
        return self.root.locator(f'[data-name="{name}"]')

    def value(self, name: str):
        """The value the lab reads from a control (what ftlab.values passes to the lab)."""
        return self.control(name).evaluate(
            """e => {
              const raw = e.getAttribute('data-values');
              const list = raw === null ? null : JSON.parse(raw);
              if (e.type === 'checkbox') return e.checked;
              if (e.type === 'range') return list[Number(e.value)];
              if (e.tagName === 'SELECT' && list) return list[e.selectedIndex];
              return e.value;
            }"""
        )

    def set(self, name: str, value) -> None:
        """Set a control as a reader does (choose, tick, type, slide); wait for the update."""
        el = self.control(name)
        kind = el.evaluate("e => e.tagName === 'SELECT' ? 'select' : e.type")
        if kind in ("select", "checkbox", "range") and self.value(name) == value:
            return
        before = int(self.root.get_attribute("data-renders"))
        if kind in ("select", "range"):
            values = el.evaluate("e => JSON.parse(e.getAttribute('data-values'))")
            target = values.index(value)
        if kind == "select":
            el.select_option(index=target)
        elif kind == "checkbox":
            el.click()
        elif kind == "range":
            el.focus()
            current = int(el.input_value())
            key = "ArrowRight" if target > current else "ArrowLeft"
            for _ in range(abs(target - current)):
                self.page.keyboard.press(key)
        else:
            el.fill(str(value))
        self.page.wait_for_function(
            f"el => Number(el.getAttribute('data-renders')) > {before}",
            arg=self.root.element_handle(),
        )

    def headline(self) -> str:
        return self.root.locator(".ftlab-headline").inner_text().strip()

    def message(self) -> str:
        return self.root.locator(".ftlab-message").inner_text().strip()

    def summary_rows(self) -> list[list[str]]:
        return self.root.locator(".ftlab-summary tr").evaluate_all(
            "rows => rows.map(r => Array.from(r.children).map(c => c.innerText.trim()))"
        )

    def items(self, selector: str) -> list[str]:
        return self.root.locator(selector).evaluate_all("els => els.map(e => e.innerText.trim())")

    def render_ms(self) -> float:
        return float(self.root.get_attribute("data-render-ms"))
