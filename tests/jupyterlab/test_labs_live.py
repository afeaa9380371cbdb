"""Every lab, as a learner meets it in JupyterLab: open, run all cells, move one control.

For each lab: the notebook opens without being marked modified; "Run All Cells" finishes with no
error output (except in cells tagged raises-exception, which show an error on purpose); the first
range, number, select or text control inside the widget outputs is changed the way a user would
(keyboard or a new value), and the lab's output changes. Written against plain DOM and ARIA (an
input, a select, role=slider), not a widget library's classes, so it holds whether a lab's controls
are ipywidgets or anywidgets. Screenshots go to tests/artifacts/jupyterlab/.
"""

from __future__ import annotations

import json
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LABS = sorted((ROOT / "labs").glob("*.ipynb"))
RUN_TIMEOUT_S = 120
# The slowest labs retrain toy models on a change: give them time on a busy 2-core machine.
CHANGE_TIMEOUT_S = 60

# Controls a user changes, in the order the brief names them; [role=slider] covers sliders drawn
# without a native range input.
CONTROLS = (
    'input[type="range"], [role="slider"], input[type="number"], select, '
    'input[type="text"]:not([readonly])'
)
# Widget views (ipywidgets or anywidget) are outputs holding controls.
WIDGET_OUTPUT = ".jp-OutputArea-output:has(input, select, [role='slider'])"

# What the lab shows outside the changed control: text, images and figures of every widget
# output, minus the text of the small box around the control (its label and readout).
FINGERPRINT_JS = """
([selector, control]) => {
  const areas = [...document.querySelectorAll(selector)];
  let skip = null;
  if (control) {
    let box = control;
    while (box.parentElement && !box.parentElement.matches(selector)) {
      const parent = box.parentElement;
      const controls = parent.querySelectorAll('input, select, [role="slider"], button');
      const shows = parent.querySelector('img, svg, canvas, table, pre, p');
      if (controls.length > 1 || shows || parent.innerText.length > 80) break;
      box = parent;
    }
    skip = box;
  }
  const parts = [];
  for (const area of areas) {
    const clone = area.cloneNode(true);
    if (skip && area.contains(skip)) {
      const path = [];
      for (let n = skip; n !== area; n = n.parentElement) {
        path.unshift([...n.parentElement.children].indexOf(n));
      }
      let target = clone;
      for (const i of path) target = target.children[i];
      target.remove();
    }
    parts.push(clone.innerText);
    for (const img of clone.querySelectorAll('img')) {
      parts.push(img.src.length + ':' + img.src.slice(-200));
    }
    for (const svg of clone.querySelectorAll('svg')) {
      parts.push(svg.innerHTML.length + ':' + svg.innerHTML.slice(-400));
    }
  }
  return parts.join('\\n');
}
"""

# Per cell: is it still running, its prompt, and any error shown under it.
CELLS_JS = """
() => [...document.querySelectorAll('.jp-Notebook .jp-Cell')].map((cell) => ({
  code: cell.classList.contains('jp-CodeCell'),
  prompt: (cell.querySelector('.jp-InputPrompt') || {}).innerText || '',
  errors: [...cell.querySelectorAll(
      '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
    .map((o) => o.innerText)
    .filter((t) => /Traceback|Error|Exception/.test(t)),
  broken: [...cell.querySelectorAll('.jp-OutputArea-output')]
    .map((o) => o.innerText)
    .filter((t) => /Error displaying widget|Error rendering|Failed to load model/.test(t)),
}))
"""


def _raises_exception_cells(path: Path) -> set[int]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return {
        i
        for i, c in enumerate(cells)
        if "raises-exception" in c.get("metadata", {}).get("tags", [])
    }


def _sessions(base: str, token: str) -> list[dict]:
    with urllib.request.urlopen(f"{base}/api/sessions?token={token}", timeout=10) as response:
        return json.loads(response.read())


def _wait_kernel_ready(page, base: str, token: str, rel: str, timeout_s: float) -> None:
    """Until the notebook's kernel is started and idle, on the server and in the page."""
    deadline = time.monotonic() + timeout_s
    while not any(
        s["path"] == rel and s["kernel"]["execution_state"] == "idle"
        for s in _sessions(base, token)
    ):
        if time.monotonic() > deadline:
            raise AssertionError(f"no idle kernel for {rel} after {timeout_s} s")
        time.sleep(0.25)
    _wait_kernel_idle(page, timeout_s)


def _wait_kernel_idle(page, timeout_s: float) -> None:
    page.wait_for_function(
        """() => {
          const s = document.querySelector('.jp-Notebook-ExecutionIndicator');
          return s && s.getAttribute('data-status') === 'idle';
        }""",
        timeout=timeout_s * 1000,
    )


def _run_all(page) -> None:
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()


def _wait_all_ran(page, n_code: int, timeout_s: float) -> list[dict]:
    deadline = time.monotonic() + timeout_s
    while True:
        cells = page.evaluate(CELLS_JS)
        code = [c for c in cells if c["code"]]
        running = [c for c in code if "[*]" in c["prompt"]]
        done = [c for c in code if c["prompt"].strip() not in ("", "[ ]:")]
        if not running and len(done) == n_code:
            return cells
        if any(c["errors"] for c in cells) and not running:
            return cells  # JupyterLab stopped at an error
        if time.monotonic() > deadline:
            raise AssertionError(f"cells still running after {timeout_s} s: {len(done)}/{n_code}")
        time.sleep(0.25)


def _change(page, control) -> str:
    """Change ``control`` as a user would; returns what was done."""
    kind = control.evaluate(
        "(e) => e.tagName === 'SELECT' ? 'select'"
        " : (e.getAttribute('type') || e.getAttribute('role'))"
    )
    if kind == "select":
        options = control.evaluate("(e) => [...e.options].map((o) => [o.value, o.selected])")
        target = next(v for v, selected in options if not selected)
        control.select_option(target)
        return f"select -> {target}"
    if kind in {"range", "slider"}:
        control.focus()
        for key in ("ArrowRight", "ArrowRight", "ArrowRight"):
            page.keyboard.press(key)
        return "slider: 3 x ArrowRight"
    value = control.input_value()
    if kind == "number":
        new = str(float(value or 0) * 2 + 1).removesuffix(".0")
    else:
        new = value + "x"
    control.fill(new)
    control.press("Enter")
    control.evaluate("(e) => e.blur()")
    return f"{kind}: {value!r} -> {new!r}"


@pytest.mark.parametrize("path", LABS, ids=lambda p: p.stem)
def test_lab_runs_and_responds_in_jupyterlab(path, lab_server, browser, artifacts):
    base, token = lab_server
    rel = path.relative_to(ROOT).as_posix()
    before = path.read_bytes()
    n_code = sum(c["cell_type"] == "code" for c in json.loads(before)["cells"])
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page_errors: list[str] = []
    page.on("pageerror", lambda e: page_errors.append(str(e)))
    passed = False
    try:
        page.goto(f"{base}/lab/tree/{rel}?reset&token={token}", wait_until="domcontentloaded")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        _wait_kernel_ready(page, base, token, rel, 60)
        page.wait_for_timeout(500)
        tab = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.jp-mod-current")
        assert "jp-mod-dirty" not in (tab.get_attribute("class") or ""), (
            "opening the notebook marked it modified"
        )

        _run_all(page)
        cells = _wait_all_ran(page, n_code, RUN_TIMEOUT_S)
        allowed = _raises_exception_cells(path)
        errors = {i: c["errors"] for i, c in enumerate(cells) if c["errors"] and i not in allowed}
        broken = {i: c["broken"] for i, c in enumerate(cells) if c["broken"]}
        assert errors == {}, f"error output in cells {sorted(errors)}: {errors}"
        assert broken == {}, f"widgets that did not render: {broken}"

        controls = page.locator(f"{WIDGET_OUTPUT} :is({CONTROLS})")
        visible = [
            controls.nth(i)
            for i in range(controls.count())
            if controls.nth(i).is_visible() and controls.nth(i).is_enabled()
        ]
        assert visible, "no range, number, select or text control in the widget outputs"
        control = visible[0]
        control.scroll_into_view_if_needed()
        handle = control.element_handle()
        fingerprint = page.evaluate(FINGERPRINT_JS, [WIDGET_OUTPUT, handle])
        done = _change(page, control)
        try:
            page.wait_for_function(
                f"(args) => ({FINGERPRINT_JS})(args) !== {json.dumps(fingerprint)}",
                arg=[WIDGET_OUTPUT, handle],
                timeout=CHANGE_TIMEOUT_S * 1000,
            )
        except Exception as exc:  # playwright's TimeoutError
            raise AssertionError(f"the output did not change after {done}") from exc
        _wait_kernel_idle(page, RUN_TIMEOUT_S)
        cells = page.evaluate(CELLS_JS)
        errors = {i: c["errors"] for i, c in enumerate(cells) if c["errors"] and i not in allowed}
        assert errors == {}, f"error output after {done}: {errors}"
        assert page_errors == [], f"uncaught errors in the page: {page_errors}"
        page.screenshot(path=str(artifacts / f"{path.stem}.png"), full_page=True)
        passed = True
    finally:
        if not passed:
            page.screenshot(path=str(artifacts / f"{path.stem}-failed.png"), full_page=True)

        for session in json.load(urllib.request.urlopen(f"{base}/api/sessions?token={token}")):
            if session["path"] == rel:
                req = urllib.request.Request(
                    f"{base}/api/sessions/{session['id']}?token={token}", method="DELETE"
                )
                urllib.request.urlopen(req)
        context.close()
    assert path.read_bytes() == before, "running the lab in JupyterLab wrote to the notebook"
