"""The data-check lab: run the check on a shipped sample, an uploaded file or a typed path."""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as W
import pandas as pd

from ..catalog import load_catalog
from ..datacheck import DEFAULT_EPOCHS, check_training_data, data_sample_path
from ..datacheck_tables import data_report_tables
from ..errors import FtlibError
from ..plots.datacheck import example_length_histogram
from . import _page
from ._base import Lab, View

__all__ = ["data_check_lab"]

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
            accept=".jsonl,.json,.txt", multiple=False, description="Upload .jsonl"
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

    def report_for(source: str, upload: tuple, path: str, test: str, model: str, epochs: int):
        train = _training_source(source, upload, path)
        try:
            return check_training_data(
                train,
                test=data_sample_path("test") if test == "test" else None,
                model=model or None,
                epochs=epochs,
                name=upload[0]["name"] if source == "upload" else None,
            )
        except FtlibError as exc:
            if exc.field != "train":
                raise
            # Name the control the learner used, not the function's parameter.
            field = {"upload": "upload", "path": "path"}.get(source, "training file")
            raise FtlibError(field, exc.value, exc.accepted, exc.hint) from None

    def render(source: str, upload: tuple, path: str, test: str, model: str, epochs: int) -> View:
        report = report_for(source, upload, path, test, model, epochs)
        parts, alt = _report_parts(report)
        return View(
            example_length_histogram(report),
            alt,
            "".join(parts),
            tuple(w.message for w in report.warnings),
        )

    def follow(source: str):
        def switch(change: dict) -> None:
            if change["new"]:
                controls["source"].value = source  # typing a path or uploading a file selects it

        return switch

    # Registered before the lab's own observers: the source switches first, then one refresh.
    controls["path"].continuous_update = False
    controls["path"].observe(follow("path"), names="value")
    controls["upload"].observe(follow("upload"), names="value")

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
                        report = report_for(src, (), "", tst, mdl, ep)
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
        return _page.lab_page("data_check", page_controls, data)

    return Lab(controls, render, columns=2, static=static)


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


def _training_source(source: str, upload: tuple, path: str) -> str | Path | memoryview:
    """The bytes of the upload, a typed path, or a shipped sample's path."""
    if source == "upload":
        if not upload:
            raise FtlibError("upload", "no file", "a .jsonl file chosen with the Upload button")
        return upload[0]["content"]
    if source == "path":
        if not path.strip():
            raise FtlibError(
                "path", path, "the path of a JSONL file on the machine running the notebook"
            )
        return path.strip()
    return data_sample_path(source)


def _table(title: str, frame: pd.DataFrame, header: bool = True) -> str:
    """A titled HTML table (pandas escapes the cells)."""
    body = frame.to_html(index=False, header=header, border=0, escape=True)
    return f"<h4 style='margin:10px 0 4px'>{html.escape(title)}</h4>{body}"
