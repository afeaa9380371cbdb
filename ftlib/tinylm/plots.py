"""Figures of the tiny-LM lab and experiments (the only tinylm module that imports matplotlib)."""

from __future__ import annotations

from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from ..labkit.style import PALETTE, house_figure, style_axes

__all__ = ["plot_lab_run", "plot_knowledge_trap", "plot_losses"]


def plot_losses(losses: list[float], title: str = "Tuning loss") -> Figure:
    """The loss curve of a run so far (drawn while a live run trains)."""
    fig = house_figure(figsize=(7.0, 3.0))
    ax = fig.add_subplot()
    style_axes(ax, title, "step", "loss on the answer (nats/char)")
    ax.plot(range(1, len(losses) + 1), losses, color=PALETTE["blue"])
    ax.set_xlim(0, max(len(losses), 10))
    ax.set_ylim(bottom=0)
    return fig


def plot_lab_run(run: dict[str, Any]) -> Figure:
    """A lab run: its loss curve, the task before and after, and what pretraining kept.

    Examples
    --------
    >>> run = {"losses": [2.0, 1.0], "before": {"compliance": 0.0, "accuracy": 0.0,
    ...        "calendar": 0.6, "general": 0.9}, "after": {"compliance": 1.0,
    ...        "accuracy": 0.5, "calendar": 0.5, "general": 0.8}, "forgetting": 0.05}
    >>> len(plot_lab_run(run).axes)
    3
    """
    fig = house_figure(figsize=(8.5, 3.4))
    a, b, c = fig.subplots(1, 3, gridspec_kw={"width_ratios": [1.3, 1, 1]})
    style_axes(a, "Loss while tuning", "step", "nats per character")
    a.plot(range(1, len(run["losses"]) + 1), run["losses"], color=PALETTE["blue"])
    a.set_ylim(bottom=0)
    for ax, title, keys in (
        (b, "The task", ("compliance", "accuracy")),
        (
            c,
            f"Kept from pretraining\n(held-out loss +{run['forgetting']:.3f})",
            ("calendar", "general"),
        ),
    ):
        style_axes(ax, title, "", "share of answers")
        xs = range(len(keys))
        ax.bar(
            [x - 0.2 for x in xs],
            [run["before"][k] for k in keys],
            0.4,
            label="before",
            color=PALETTE["grey"],
        )
        ax.bar(
            [x + 0.2 for x in xs],
            [run["after"][k] for k in keys],
            0.4,
            label="after",
            color=PALETTE["orange"],
        )
        ax.set_xticks(list(xs), list(keys))
        ax.set_ylim(0, 1.05)
        ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    b.legend(loc="upper left", frameon=False)
    return fig


def plot_knowledge_trap(table: pd.DataFrame) -> Figure:
    """The tuned model's answers by condition: right, fluent but wrong, or off-format."""
    tuned = (
        table[table["model"] == "tuned"]
        .groupby("condition", sort=False)[["correct", "hallucinated", "format"]]
        .mean()
    )
    fig = house_figure(figsize=(7.0, 3.6))
    ax = fig.add_subplot()
    style_axes(ax, "Tuned on support answers: does it know the facts?", "", "share of answers")
    xs = range(len(tuned))
    ax.bar(xs, tuned["correct"], color=PALETTE["green"], label="right fact")
    ax.bar(
        xs,
        tuned["hallucinated"],
        bottom=tuned["correct"],
        color=PALETTE["vermillion"],
        label="fluent, wrong fact",
    )
    ax.bar(
        xs, 1 - tuned["format"], bottom=tuned["format"], color=PALETTE["grey"], label="off format"
    )
    ax.set_xticks(list(xs), list(tuned.index))
    ax.set_ylim(0, 1.05)
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    return fig
