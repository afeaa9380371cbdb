"""The data-check lab: run the check on a shipped sample, an uploaded file or a typed path."""

from __future__ import annotations

import html
import os
from collections import OrderedDict
from dataclasses import replace
from pathlib import Path

import ipywidgets as W
import pandas as pd

from ..catalog.models import load_catalog
from ..core.errors import FtlibError
from ..costs.bills import training_cost_usd
from ..labkit import page as _page
from ..labkit.base import Lab, View
from .plots import example_length_histogram
from .report import DEFAULT_EPOCHS, DataReport, check_training_data, data_sample_path
from .tables import data_report_tables

__all__ = ["data_check_lab", "UPLOAD_LIMIT_BYTES"]

# Largest upload the lab checks. A file travels from the browser to the kernel as one message:
# Jupyter's server drops messages above 10 MiB and Colab above about 1 MB, silently in both, so
# the stated limit stays under both. Larger files are read from a path, without a size limit.
UPLOAD_LIMIT_BYTES = 900_000
_LARGER = (
    "for a larger file, type its path on the machine running the kernel in the path box, "
    "or run python -m ftlib check-data FILE"
)
# Reports kept for going back to an earlier choice without checking again (a few KB each).
_KEPT_REPORTS = 16

_SOURCES = [
    ("shipped sample with defects", "defects"),
    ("shipped clean sample", "clean"),
    ("a file I upload", "upload"),
    ("a path I type", "path"),
]
_TESTS = [("no test file", "none"), ("shipped test sample", "test")]
_STYLE = {"description_width": "initial"}


def data_check_lab(source: str = "defects", model: str = "gpt-4.1-mini-ft") -> Lab:
    """Pick a training file and a model; see errors, token lengths, cost and test overlap.

    An uploaded file is taken out of the upload button as soon as it arrives: the lab keeps
    its bytes in the kernel's memory only (to check it again for another model or test file),
    so the widget state that a saved notebook stores holds no file content. Uploads larger
    than :data:`UPLOAD_LIMIT_BYTES` are refused with a sentence before anything is parsed.

    Examples
    --------
    >>> lab = data_check_lab()
    >>> "malformed-json" in lab.summary.value
    True
    >>> lab.controls["source"].value = "clean"
    >>> "usable" in lab.summary.value and "malformed-json" not in lab.summary.value
    True
    """
    priced = [r.id for r in load_catalog().rows if r.training_usd_per_1m_tokens is not None]
    controls = {
        "source": W.Dropdown(
            options=_SOURCES, value=source, description="training file", style=_STYLE
        ),
        "upload": W.FileUpload(
            accept=".jsonl,.json,.txt",
            multiple=False,
            description=f"Upload .jsonl, up to {_size(UPLOAD_LIMIT_BYTES)}",
            tooltip=_LARGER,
        ),
        "path": W.Text(placeholder="path/to/train.jsonl", description="path", style=_STYLE),
        "test": W.Dropdown(options=_TESTS, value="none", description="test file", style=_STYLE),
        "model": W.Dropdown(
            options=[("no model", "")] + [(i, i) for i in priced],
            value=model,
            description="model",
            style=_STYLE,
        ),
        "epochs": W.IntSlider(
            value=DEFAULT_EPOCHS, min=1, max=10, description="epochs", style=_STYLE
        ),
    }
    held = _HeldUpload()
    reports: OrderedDict[tuple, DataReport] = OrderedDict()

    def report_for(source: str, path: str, test: str, model: str, epochs: int) -> DataReport:
        """The check of this file, test file and model; epochs only reprice a kept report."""
        train, file_key = _training_source(source, held, path)
        key = (file_key, test, model)
        if key in reports:
            reports.move_to_end(key)
            return _with_epochs(reports[key], epochs)
        try:
            report = check_training_data(
                train,
                test=data_sample_path("test") if test == "test" else None,
                model=model or None,
                epochs=epochs,
                name=held.name if source == "upload" else None,
            )
        except FtlibError as exc:
            if exc.field != "train":
                raise
            # Name the control the learner used, not the function's parameter.
            field = {"upload": "upload", "path": "path"}.get(source, "training file")
            raise FtlibError(field, exc.value, exc.accepted, exc.hint) from None
        if file_key is not None:
            reports[key] = report
            while len(reports) > _KEPT_REPORTS:
                reports.popitem(last=False)
        return report

    def render(source: str, upload: tuple, path: str, test: str, model: str, epochs: int) -> View:
        del upload  # emptied as soon as it arrives; ``held`` has the file
        report = report_for(source, path, test, model, epochs)
        parts, alt = _report_parts(report)
        # Drawing the histogram is most of an update: keyed by what it draws, it is drawn again
        # only when that changed (not for another test file or number of epochs).
        return View(
            lambda: example_length_histogram(report),
            alt,
            "".join(parts),
            tuple(w.message for w in report.warnings),
            figure_key=_figure_key(report),
        )

    def take_upload(change: dict) -> None:
        """Move an upload out of the widget (its state is saved with the notebook), then check it."""
        if not change["new"]:
            return
        held.take(change["new"])
        controls["upload"].value = ()
        controls["source"].value = "upload"

    def follow_path(change: dict) -> None:
        if change["new"]:
            controls["source"].value = "path"  # typing a path selects it

    # Registered before the lab's own observers: the source switches first, then one refresh.
    controls["path"].continuous_update = False
    controls["path"].observe(follow_path, names="value")
    controls["upload"].observe(take_upload, names="value")

    def static() -> str:
        models = [v for _, v in controls["model"].options]
        epoch_steps = [1, 2, 3, 4, 5, 10]
        parts: list[str] = []
        index: dict[str, int] = {}

        def ref(text: str) -> int:
            if text not in index:
                index[text] = len(parts)
                parts.append(text)
            return index[text]

        points = {}
        for src in ("defects", "clean"):
            for tst in ("none", "test"):
                for mdl in models:
                    for ep in epoch_steps:
                        report = report_for(src, "", tst, mdl, ep)
                        shown, _alt = _report_parts(report)
                        key = "|".join(_page._json(v) for v in (src, tst, mdl, ep))
                        points[key] = {
                            "headline": _headline(report),
                            "parts": [ref(x) for x in shown],
                            "warnings": [ref(w.message) for w in report.warnings],
                        }
        why = "Reading a file needs Python on the machine that has it; this page has no kernel."
        page_controls = [
            _page.select(
                "source",
                "training file",
                [(t, v) for t, v in _SOURCES if v in ("defects", "clean")],
                source if source in ("defects", "clean") else "defects",
            ),
            _page.disabled("Upload .jsonl", why, "check_your_data", kind="file"),
            _page.disabled("path", why, "check_your_data"),
            _page.select("test", "test file", _TESTS, "none"),
            _page.select(
                "model", "model", list(controls["model"].options), controls["model"].value
            ),
            _page.slider(
                "epochs",
                "epochs",
                epoch_steps,
                controls["epochs"].value if controls["epochs"].value in epoch_steps else 3,
                [str(e) for e in epoch_steps],
            ),
        ]
        data = {"points": points, "parts": parts}
        return _page.lab_page("data_check", page_controls, data, package=__package__)

    return Lab(controls, render, static=static)


def _headline(report) -> str:
    verdict = "usable" if report.usable else f"not usable: {report.errors_total:,} error(s)"
    return f"{report.examples:,} valid examples; the file is {verdict}."


def _report_parts(report) -> tuple[list[str], str]:
    tables = data_report_tables(report)
    parts = [_table("Summary", tables["summary"], header=False)]
    if len(tables["errors"]):
        listed = len(tables["errors"])
        parts.append(
            _table(f"Errors ({listed} listed of {report.errors_total:,})", tables["errors"])
        )
    parts.append(
        _table(f"Tokens per message by role ({html.escape(report.token_method)})", tables["roles"])
    )
    if len(tables["overlap"]):
        parts.append(_table("Test examples that match training", tables["overlap"]))
    alt = (
        f"Histogram of tokens per example for {report.examples:,} valid examples on a log axis; "
        f"median about {report.example_tokens.percentile(50):,} tokens, longest "
        f"{report.example_tokens.maximum:,}"
        + (
            f"; the model's limit of {report.max_example_tokens:,} tokens is marked."
            if report.max_example_tokens
            else "."
        )
    )
    return parts, alt


def _training_source(
    source: str, held: _HeldUpload, path: str
) -> tuple[str | Path | bytes, tuple | None]:
    """What to check (the upload's bytes, a typed path, a shipped sample) and a key to keep
    its report under (``None``: do not keep it)."""
    if source == "upload":
        return held.content(), ("upload", held.serial)
    if source == "path":
        typed = path.strip()
        if not typed:
            raise FtlibError(
                "path", path, "the path of a JSONL file on the machine running the notebook"
            )
        try:  # a file edited since its last check is checked again
            info = os.stat(typed)
        except (OSError, ValueError):
            return typed, None  # the check says what is wrong with the path
        return typed, ("path", typed, info.st_mtime_ns, info.st_size)
    return data_sample_path(source), ("sample", source)


class _HeldUpload:
    """The last uploaded file, held in the kernel's memory only, or why it was refused."""

    def __init__(self) -> None:
        self.serial = 0
        self.name: str | None = None
        self.size = 0
        self._bytes: bytes | None = None
        self._refused: FtlibError | None = None

    def take(self, files: tuple) -> None:
        """Keep a copy of one uploaded file (the widget's value is emptied next)."""
        self.serial += 1
        self._bytes, self._refused = None, None
        names = [str(f.get("name", "")) for f in files]
        self.name = names[0]
        self.size = memoryview(files[0].get("content", b"")).nbytes
        if len(files) > 1:
            self._refused = FtlibError(
                "upload", f"{len(files)} files: {', '.join(names)}", "one file at a time"
            )
        elif self.size > UPLOAD_LIMIT_BYTES:
            self._refused = FtlibError(
                "upload",
                f"{self.name} ({self.size:,} bytes)",
                f"a file of at most {UPLOAD_LIMIT_BYTES:,} bytes ({_size(UPLOAD_LIMIT_BYTES)})",
                _LARGER,
            )
        else:
            self._bytes = bytes(files[0]["content"])

    def content(self) -> bytes:
        """The bytes to check; ``FtlibError`` when there are none or the file was refused."""
        if self._refused is not None:
            raise self._refused
        if self._bytes is None:
            raise FtlibError("upload", "no file", "a .jsonl file chosen with the Upload button")
        return self._bytes


def _with_epochs(report: DataReport, epochs: int) -> DataReport:
    """The same report priced for another number of epochs (nothing else depends on them)."""
    if report.epochs == epochs:
        return report
    cost = report.cost
    if cost is not None:
        cost = replace(
            cost,
            epochs=epochs,
            billed_tokens=cost.tokens_per_epoch * epochs,
            usd=training_cost_usd(cost.tokens_per_epoch, epochs, cost.usd_per_1m_training_tokens),
        )
    return replace(report, epochs=epochs, cost=cost)


def _figure_key(report: DataReport) -> tuple:
    """Everything :func:`example_length_histogram` draws from a report."""
    return (
        report.examples,
        report.example_tokens,
        report.tokens_exact,
        report.token_method,
        report.max_example_tokens,
        report.over_limit_examples,
    )


def _size(size: int) -> str:
    """A file size as people read it: ``900 kB``, ``2.4 MB``, ``12 bytes``."""
    if size < 1000:
        return f"{size:,} bytes"
    if size < 1_000_000:
        return f"{size / 1000:,.0f} kB"
    return f"{size / 1_000_000:,.1f} MB"


def _table(title: str, frame: pd.DataFrame, header: bool = True) -> str:
    """A titled HTML table (pandas escapes the cells)."""
    body = frame.to_html(index=False, header=header, border=0, escape=True)
    return f"<h4 style='margin:10px 0 4px'>{html.escape(title)}</h4>{body}"
