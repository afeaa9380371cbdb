"""Figures for checking an LLM judge against human labels."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..labkit.style import PALETTE, new_figure, note
from .agreement import ANSWER_KINDS

__all__ = ["plot_judge_by_kind", "plot_agreement_by_labels"]


def plot_judge_by_kind(answers: pd.DataFrame) -> Figure:
    """Share of each kind of answer the judge passes, beside what humans decided.

    ``answers`` comes from :func:`ftlib.simulate_judged_answers` (or has its columns).

    Examples
    --------
    >>> import ftlib as ft
    >>> fig = plot_judge_by_kind(ft.judge.simulate_judged_answers(200, seed=0))
    >>> fig.axes[0].get_xlabel()
    'share the judge passes (%)'
    """
    kinds = [k for k in ANSWER_KINDS if k in set(answers["kind"])]
    rates = answers.groupby("kind")["judge_pass"].mean().reindex(kinds) * 100
    counts = answers.groupby("kind").size().reindex(kinds)
    fig, ax = new_figure(
        "Where the judge and the humans part ways",
        "share the judge passes (%)",
        "",
        figsize=(7.0, 3.6),
    )
    y = np.arange(len(kinds))[::-1]
    colours = [PALETTE["green"] if ANSWER_KINDS[k] else PALETTE["vermillion"] for k in kinds]
    ax.barh(y, rates.to_numpy(), color=colours)
    for yi, kind, rate, n in zip(y, kinds, rates, counts, strict=True):
        human = "humans pass" if ANSWER_KINDS[kind] else "humans fail"
        ax.text(rate + 2, yi, f"{rate:.0f}% of {n} ({human})", va="center", fontsize=8)
    ax.set_yticks(y, kinds)
    ax.set_xlim(0, 140)
    ax.set_xticks([0, 20, 40, 60, 80, 100])
    note(
        fig,
        "Green: answers humans pass (the judge should pass all). "
        "Vermillion: answers humans fail (it should pass none).",
    )
    return fig


def plot_agreement_by_labels(table: pd.DataFrame) -> Figure:
    """The range of kappa and of both rates that many labels still leave open.

    ``table`` comes from :func:`ftlib.agreement_by_labels`.

    Examples
    --------
    >>> import ftlib as ft
    >>> fig = plot_agreement_by_labels(ft.judge.agreement_by_labels([25, 100], n_repeats=50))
    >>> fig.axes[0].get_xscale()
    'log'
    """
    fig, ax = new_figure(
        "How many human labels it takes to know the judge",
        "human-labelled answers (log scale)",
        "measured value",
    )
    styles = {
        "tpr": ("true-positive rate", PALETTE["green"]),
        "tnr": ("true-negative rate", PALETTE["vermillion"]),
        "kappa": ("Cohen's kappa", PALETTE["blue"]),
    }
    for name, (label, colour) in styles.items():
        ax.fill_between(
            table["n_labels"], table[f"{name}_low"], table[f"{name}_high"], color=colour, alpha=0.25
        )
        ax.plot(table["n_labels"], table[f"{name}_low"], color=colour, lw=1.5, label=label)
        ax.plot(table["n_labels"], table[f"{name}_high"], color=colour, lw=1.5)
    ax.set_xscale("log")
    ax.set_xticks(table["n_labels"], [f"{n:,}" for n in table["n_labels"]])
    ax.minorticks_off()
    ax.set_ylim(0, 1)
    ax.legend(loc="lower right", fontsize=8)
    note(fig, "Bands: the middle 95% of values measured on repeated samples of that many labels.")
    return fig
