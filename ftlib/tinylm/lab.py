"""The live lab "Fine-tune a language model": pick the settings, press Train, watch it learn.

Training runs in a background thread, so the loss curve and progress bar move while it
trains and the Stop button is heard. A finished run is kept: moving the controls back to
it shows it again at once. Bad settings get one sentence instead of a run.
"""

from __future__ import annotations

import html
import io
import json
import threading
from pathlib import Path
from typing import Any

import ipywidgets as W
from matplotlib.figure import Figure

from ..core.errors import FtlibError
from . import labrun
from .labrun import LAB_CONTROLS, LAB_DEFAULTS, lab_run, lab_settings
from .plots import plot_lab_run, plot_losses

__all__ = ["TinyLMLab", "finetune_lab"]

_LABELS = {
    "method": "method",
    "rank": "LoRA rank",
    "targets": "LoRA on",
    "examples": "examples",
    "lr": "learning rate",
    "steps": "steps",
    "replay": "replay share",
    "precision": "base precision",
}
_STYLE = {"description_width": "initial"}


def _svg(fig: Figure) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg")
    return buf.getvalue()[buf.getvalue().find("<svg") :]


def _controls() -> dict[str, W.Dropdown]:
    out = {}
    for name, values in LAB_CONTROLS.items():
        options = [(str(v), v) for v in values]
        out[name] = W.Dropdown(
            options=options, value=LAB_DEFAULTS[name], description=_LABELS[name], style=_STYLE
        )
    return out


def _summary(run: dict[str, Any]) -> str:
    b, a = run["before"], run["after"]
    rows = "".join(
        f"<tr><td>{html.escape(p).replace(chr(10), ' / ')}</td>"
        f"<td><code>{html.escape(x)}</code></td><td><code>{html.escape(y)}</code></td></tr>"
        for p, x, y in ((s["prompt"], s["before"], s["after"]) for s in run["samples"])
    )
    return (
        f"<p>JSON that parses: {b['compliance']:.0%} before, <b>{a['compliance']:.0%}</b> after; "
        f"queue right: {b['accuracy']:.0%} before, <b>{a['accuracy']:.0%}</b> after. "
        f"Held-out loss on the pretraining text rose by {run['forgetting']:+.3f} nats per "
        f"character; weekdays and months named right: {b['calendar']:.0%} before, "
        f"{a['calendar']:.0%} after. {run['trainable']:,} weights trained; "
        f"{run['seconds']} s.</p>"
        f"<table><tr><th>prompt</th><th>before</th><th>after</th></tr>{rows}</table>"
    )


class TinyLMLab(W.VBox):
    """Controls, Train and Stop, a progress bar, the live loss curve, then the results."""

    def __init__(self) -> None:
        self.controls = _controls()
        self.train = W.Button(description="Train", button_style="primary")
        self.stop = W.Button(description="Stop", disabled=True)
        self.progress = W.IntProgress(value=0, min=0, max=1, description="step")
        self.message = W.HTML()
        self.figure = W.HTML()
        self.summary = W.HTML()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        grid = W.GridBox(
            list(self.controls.values()),
            layout=W.Layout(grid_template_columns="repeat(auto-fit, minmax(14em, 1fr))"),
        )
        super().__init__(
            [
                grid,
                W.HBox([self.train, self.stop, self.progress]),
                self.message,
                self.figure,
                self.summary,
            ]
        )
        self.train.on_click(lambda _: self.start())
        self.stop.on_click(lambda _: self._stop.set())
        for widget in self.controls.values():
            widget.observe(lambda _: self.show_cached(), names="value")
        self.show_cached()

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any] | None:
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle is None:
            return None
        try:
            return {**bundle, "text/html": static_page()}
        except FileNotFoundError:  # no grid shipped: the live widget alone
            return bundle

    def values(self) -> dict[str, Any]:
        return {k: w.value for k, w in self.controls.items()}

    def show_cached(self) -> bool:
        """Show the run for the current controls if it has been trained; say so if not."""
        try:
            lab_settings(**self.values())
        except FtlibError as exc:
            self.message.value = f"<p role='alert'>{html.escape(str(exc))}</p>"
            return False
        run = labrun._RUNS.get(labrun._key({**LAB_DEFAULTS, **self.values()}))
        if run is None:
            # say which settings are not trained yet, and clear the results of other settings
            changed = [
                f"{name.replace('_', ' ')} {value}"
                for name, value in self.values().items()
                if LAB_DEFAULTS.get(name) != value
            ]
            which = ", ".join(changed) if changed else "the defaults"
            self.message.value = (
                f"<p>Not trained yet with {html.escape(which)}. "
                "Press <b>Train</b> to tune with these settings.</p>"
            )
            self.figure.value = ""
            self.summary.value = ""
            return False
        self._show(run)
        return True

    def _show(self, run: dict[str, Any]) -> None:
        self.message.value = (
            "<p>Stopped early: the results are for the steps run.</p>" if run["stopped"] else ""
        )
        self.figure.value = _svg(plot_lab_run(run))
        self.summary.value = _summary(run)

    def start(self, wait: bool = False) -> None:
        """Train with the current controls (in a thread; ``wait`` joins it, for tests)."""
        if self._thread is not None and self._thread.is_alive():
            return
        if self.show_cached():
            return
        try:
            settings = lab_settings(**self.values())
        except FtlibError:
            return
        self._stop.clear()
        self.progress.max, self.progress.value = settings.steps, 0
        self.train.disabled, self.stop.disabled = True, False
        losses: list[float] = []

        def on_step(step: int, loss: float) -> bool:
            losses.append(loss)
            self.progress.value = step + 1
            if step % 10 == 9 or step + 1 == settings.steps:
                self.figure.value = _svg(plot_losses(losses, "Loss while tuning (live)"))
            return not self._stop.is_set()

        def work() -> None:
            try:
                self.message.value = "<p role='status'>Training, then scoring the answers...</p>"
                self._show(lab_run(on_step=on_step, **self.values()))
            except FtlibError as exc:
                self.message.value = f"<p role='alert'>{html.escape(str(exc))}</p>"
            finally:
                self.train.disabled, self.stop.disabled = False, True

        self._thread = threading.Thread(target=work, daemon=True)
        self._thread.start()
        if wait:
            self._thread.join()


_PAGE_JS = Path(__file__).resolve().parent / "lab.js"


def _selected(yes: bool) -> str:
    return " selected" if yes else ""


def static_page(grid: dict[str, Any] | None = None) -> str:
    """The lab for the static site: the controls look runs up in the build-time grid."""
    from .grid import load_grid

    grid = load_grid() if grid is None else grid
    selects = []
    for name, values in LAB_CONTROLS.items():
        options = "".join(
            f'<option value="{html.escape(str(v))}"{_selected(v == LAB_DEFAULTS[name])}>'
            f"{html.escape(str(v))}</option>"
            for v in values
        )
        selects.append(f'<label>{_LABELS[name]} <select name="{name}">{options}</select></label>')
    data = {"order": list(LAB_CONTROLS), "runs": grid["runs"]}
    blob = json.dumps(data).replace("</", "<\\/")
    return (
        '<div class="tinylm-lab">'
        "<p>Runs computed when this page was built (<code>make tinylm-grid</code>); each changes "
        "one control from the defaults.</p>"
        f'<div style="display:flex;flex-wrap:wrap;gap:6px 16px">{"".join(selects)}</div>'
        '<div class="tinylm-out" aria-live="polite"></div>'
        f'<script type="application/json">{blob}</script>'
        f"<script>{_PAGE_JS.read_text()}</script></div>"
    )


def finetune_lab() -> TinyLMLab:
    """The live lab (JupyterLab, Colab). The static site shows :func:`ftlib.tinylm.grid` runs."""
    return TinyLMLab()
