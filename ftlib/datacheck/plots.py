"""Figures of a training-file check: how long the examples are, and what is broken."""

from __future__ import annotations

import math

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from ..labkit.style import PALETTE, new_figure, note
from .contamination import ContaminationReport
from .report import DataReport

__all__ = ["example_length_histogram", "data_error_bars", "contamination_similarity"]


def example_length_histogram(report: DataReport) -> Figure:
    """Tokens per valid example as a histogram on a log axis, with the model's limit if one was set.

    Examples
    --------
    >>> import ftlib as ft
    >>> fig = example_length_histogram(ft.check_training_data(ft.data_sample_path("clean"), exact_tokens=False))
    >>> fig.axes[0].get_xscale()
    'log'
    """
    kind = "exact" if report.tokens_exact else "estimated"
    fig, ax = new_figure(
        f"Length of the {report.examples:,} valid examples",
        f"tokens per example ({kind}, log scale)",
        "examples",
    )
    dist = report.example_tokens
    if dist.count:
        edges = np.maximum(np.asarray(dist.bin_edges, dtype=float), 1.0)
        ax.bar(
            edges[:-1],
            dist.bin_counts,
            width=np.diff(edges),
            align="edge",
            color=PALETTE["blue"],
            edgecolor="white",
            linewidth=0.5,
        )
        ax.axvline(
            max(dist.percentile(50), 1),
            color=PALETTE["orange"],
            lw=1.5,
            ls="--",
            label=f"median about {dist.percentile(50):,}",
        )
        right = edges[-1]
        if report.max_example_tokens:
            ax.axvline(
                report.max_example_tokens,
                color=PALETTE["vermillion"],
                lw=2,
                label=f"limit per example: {report.max_example_tokens:,} ({report.over_limit_examples:,} over)",
            )
            right = max(right, report.max_example_tokens * 1.3)
        ax.set_xscale("log")
        ax.set_xlim(edges[0] / 1.3, right)
        ax.xaxis.set_major_formatter(_ROUND_TICKS)
        ax.xaxis.set_minor_formatter(_ROUND_TICKS)
        ax.legend(loc="best", fontsize=8, framealpha=0.9)
    else:
        ax.text(
            0.5,
            0.5,
            "no valid example to measure",
            transform=ax.transAxes,
            ha="center",
            va="center",
        )
    note(
        fig,
        f"Tokens counted with {report.token_method.split(': ', 1)[-1]}."
        if report.tokens_exact
        else "Tokens estimated at about 4 characters each (no tokenizer available); expect roughly +/-25% for English.",
    )
    return fig


def _round_tick(value: float, _pos: object) -> str:
    """Label 1, 2 and 5 times a power of ten on a log axis; leave other ticks blank."""
    if value <= 0:
        return ""
    lead = value / 10 ** math.floor(math.log10(value) + 1e-9)
    return f"{value:,.0f}" if round(lead, 6) in (1.0, 2.0, 5.0) else ""


_ROUND_TICKS = FuncFormatter(_round_tick)


def data_error_bars(report: DataReport) -> Figure:
    """Errors by kind as horizontal bars (all errors counted, even those past the listing limit).

    Examples
    --------
    >>> import ftlib as ft
    >>> fig = data_error_bars(ft.check_training_data(ft.data_sample_path("defects"), exact_tokens=False))
    >>> len(fig.axes[0].patches)
    12
    """
    counts = list(report.error_counts)
    fig, ax = new_figure(
        f"Errors by kind: {report.errors_total:,} in {report.lines:,} lines",
        "errors (every one counted, listed or not)",
        "",
        figsize=(7.0, 1.2 + 0.3 * max(len(counts), 2)),
    )
    if counts:
        kinds = [k for k, _ in counts][::-1]
        values = [n for _, n in counts][::-1]
        ax.barh(kinds, values, color=PALETTE["vermillion"])
        ax.xaxis.get_major_locator().set_params(integer=True)
    else:
        ax.text(
            0.5,
            0.5,
            "no errors: the file is usable",
            transform=ax.transAxes,
            ha="center",
            va="center",
            color=PALETTE["green"],
        )
        ax.set_yticks([])
    return fig


def contamination_similarity(report: ContaminationReport, *, source: str = "") -> Figure:
    """Similarity of every test item that matches training, sorted, with the threshold.

    Examples
    --------
    >>> import ftlib as ft
    >>> report = ft.datacheck.find_duplicates(["where is my parcel"], ["Where is my parcel?", "hello"])
    >>> fig = contamination_similarity(report)
    >>> fig.axes[0].get_ylabel()
    'Jaccard similarity'
    """
    fig, ax = new_figure(
        f"{len(report.contaminated_test_indices)} of {report.n_test} test items also appear in "
        "training",
        "matching pairs, most similar first",
        "Jaccard similarity",
    )
    pairs = report.pairs.sort_values("similarity", ascending=False).reset_index(drop=True)
    for kind, colour in (("exact", PALETTE["vermillion"]), ("near", PALETTE["orange"])):
        rows = pairs[pairs["kind"] == kind]
        ax.bar(
            rows.index + 1,
            rows["similarity"],
            color=colour,
            label=f"{kind} ({len(rows)})",
            width=0.8,
        )
    ax.axhline(
        report.threshold,
        color=PALETTE["black"],
        ls="--",
        lw=1,
        label=f"threshold {report.threshold:g}",
    )
    ax.set_ylim(0, 1.05)
    if pairs.empty:
        ax.text(0.5, 0.5, "no match: the split looks clean", transform=ax.transAxes, ha="center")
    ax.legend(loc="lower left", fontsize=8)
    note(
        fig,
        source
        or f"{report.ngram}-{report.unit} shingles of normalised text; "
        "MinHash/LSH candidates checked exactly.",
    )
    return fig
