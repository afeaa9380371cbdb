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

    def render(source: str, upload: tuple, path: str, test: str, model: str, epochs: int) -> View:
        train = _training_source(source, upload, path)
        report = check_training_data(
            train,
            test=data_sample_path("test") if test == "test" else None,
            model=model or None,
            epochs=epochs,
            name=upload[0]["name"] if source == "upload" else None,
        )
        tables = data_report_tables(report)
        parts = [_table("Summary", tables["summary"], header=False)]
        if len(tables["errors"]):
            listed = len(tables["errors"])
            parts.append(
                _table(f"Errors ({listed} listed of {report.errors_total:,})", tables["errors"])
            )
        parts.append(
            _table(
                f"Tokens per message by role ({html.escape(report.token_method)})", tables["roles"]
            )
        )
        if len(tables["overlap"]):
            parts.append(_table("Test examples that match training", tables["overlap"]))
        alt = (
            f"Histogram of tokens per example for {report.examples:,} valid examples on a log axis; median about "
            f"{report.example_tokens.percentile(50):,} tokens, longest {report.example_tokens.maximum:,}"
            + (
                f"; the model's limit of {report.max_example_tokens:,} tokens is marked."
                if report.max_example_tokens
                else "."
            )
        )
        return View(
            example_length_histogram(report),
            alt,
            "".join(parts),
            tuple(w.message for w in report.warnings),
        )

    return Lab(controls, render, columns=2)


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
