"""Figures of the failure-mode experiments: each takes the tidy table its experiment returns.

Every function accepts one experiment's table or a sweep of them (``ft.run_sweep``)
and draws the knob on the x axis when it varies.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..labkit.style import PALETTE, TITLE_PT, color, new_figure, note
from ..rules.thresholds import MIN_TRAIN_EXAMPLES, PRODUCTION_SHARE
from .runs import ARTICLE_SHIFT_SCORES

__all__ = [
    "plot_forgetting",
    "plot_contamination",
    "plot_shift",
    "plot_noisy_labels",
    "plot_data_size",
    "plot_sunk_cost",
]

_MIN_LEFT = 30  # fewest test items worth a plotted accuracy
_TOY = "Tiny numpy models on ftlib's seeded ticket task; mean over seeds where several were run."


def _pct(ax) -> None:
    ax.set_ylim(0, 1.05)
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")


def _bars(
    title: str,
    subtitle: str,
    df: pd.DataFrame,
    column: str,
    categories: tuple[str, ...],
    ylabel: str = "accuracy on the test set",
) -> tuple[Figure, Axes]:
    """One experiment (a single knob value): one labelled bar per category instead of lone dots."""
    fig, ax = new_figure(title, subtitle, ylabel)
    values = [df[df[column] == c].accuracy.mean() for c in categories]
    bars = ax.bar(
        range(len(categories)), values, color=[color(i) for i in range(len(categories))], width=0.6
    )
    ax.bar_label(bars, labels=[f"{v:.0%}" for v in values], fontsize=8)
    ax.set_xticks(range(len(categories)), categories, fontsize=8)
    _pct(ax)
    return fig, ax


def plot_forgetting(df: pd.DataFrame) -> Figure:
    """Ticket accuracy and mean general-task accuracy for each way of adapting the base.

    With several ``mix_share`` values (a sweep), the mixed-in variant is drawn as a
    line over the share, against the full fine-tune and the adapter.

    Examples
    --------
    >>> from ftlib.experiments import forgetting_experiment
    >>> fig = plot_forgetting(forgetting_experiment(seed=0))
    >>> fig.axes[0].get_title()
    'What adapting to tickets does to the other skills'
    """
    df = df.assign(kind=df.task.where(df.task == "tickets", "general tasks (mean)"))
    shares = sorted(df.mix_share.unique()) if "mix_share" in df else []
    if len(shares) > 1:
        fig, ax = new_figure(
            "Mixing general examples back in",
            "share of general examples in training",
            "accuracy on held-out general tasks",
        )
        mixed = df[df.variant.str.startswith("full +") & (df.kind != "tickets")]
        line = mixed.groupby("mix_share").accuracy.mean()
        ax.plot(
            line.index, line.values, marker="o", color=color(2), label="full fine-tuning + mixing"
        )
        for i, (variant, label) in enumerate(
            (("full fine-tuning", "full fine-tuning, no mixing"), ("adapter", "adapter"))
        ):
            rows = df[df.variant.str.startswith(variant) & (df.kind != "tickets")]
            ax.axhline(rows.accuracy.mean(), color=color(i), linestyle="--", label=label)
        base = df[df.variant == "base"].accuracy.mean()
        ax.axhline(base, color=PALETTE["grey"], linestyle=":", label="base model before tuning")
        ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    else:
        fig, ax = new_figure(
            "What adapting to tickets does to the other skills",
            "",
            "accuracy on held-out test sets",
        )
        table = df.groupby(["variant", "kind"], sort=False).accuracy.mean().unstack("kind")
        order = [v for v in df.variant.unique()]
        table = table.reindex(order)
        x = range(len(table))
        for i, kind in enumerate(("general tasks (mean)", "tickets")):
            if kind in table:
                bars = ax.bar(
                    [p + (i - 0.5) * 0.38 for p in x],
                    table[kind].fillna(0),
                    width=0.36,
                    color=color(i),
                    label=kind,
                )
                ax.bar_label(
                    bars, labels=[f"{v:.0%}" if v == v else "" for v in table[kind]], fontsize=7
                )
        ax.set_xticks(
            list(x),
            [v.replace(" + ", "\n+ ").replace(" (", "\n(") for v in table.index],
            fontsize=8,
        )
    _pct(ax)
    if len(shares) > 1:
        ax.legend(loc="lower left", fontsize=8)
    else:  # between the title and the bars, which reach 100%: inside, the key would cover one
        ax.set_title(ax.get_title(), fontsize=TITLE_PT, pad=24)
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2, frameon=False, fontsize=8)
    note(fig, _TOY)
    return fig


def plot_contamination(df: pd.DataFrame) -> Figure:
    """Accuracy on a clean and a contaminated test set against the share that leaked.

    Once the detector's hits are removed, fewer than ``_MIN_LEFT`` items may remain
    (at large leaks); such points are drawn hollow, unconnected and labelled with the
    number of items left, so the reader sees the curve end and why.

    Examples
    --------
    >>> from ftlib.experiments import contamination_experiment
    >>> fig = plot_contamination(contamination_experiment(seed=0))
    >>> fig.axes[0].get_title()
    'A leaked test set flatters the model'
    """
    if df.overlap_share.nunique() == 1:
        share = df.overlap_share.iloc[0]
        fig, ax = _bars(
            "A leaked test set flatters the model",
            f"{share:.0%} of the test set copied from training",
            df,
            "test_set",
            ("clean", "contaminated", "contaminated, flagged removed"),
        )
        note(fig, _TOY)
        return fig
    fig, ax = new_figure(
        "A leaked test set flatters the model",
        "share of the test set copied from training",
        "accuracy on the test set",
    )
    for i, (name, label) in enumerate(
        (
            ("clean", "clean test set"),
            ("contaminated", "contaminated test set"),
            ("contaminated, flagged removed", "contaminated, detector's hits removed"),
        )
    ):
        rows = (
            df[df.test_set == name]
            .groupby("overlap_share")
            .agg(accuracy=("accuracy", "mean"), n=("n_test", "min"))
        )
        solid, thin = rows[rows.n >= _MIN_LEFT], rows[rows.n < _MIN_LEFT]
        ax.plot(
            solid.index,
            solid.accuracy,
            marker="o",
            color=color(i),
            label=label,
            linestyle="-" if i < 2 else "--",
        )
        if len(thin):
            ax.plot(
                thin.index,
                thin.accuracy,
                marker="o",
                linestyle="none",
                markersize=10,  # a ring, visible even around another line's point
                markerfacecolor="none",
                markeredgecolor=color(i),
                markeredgewidth=1.5,
            )
            for share, row in thin.iterrows():
                ax.annotate(
                    f"n={int(row.n)}",
                    (float(share), float(row.accuracy)),
                    xytext=(-8, -4),
                    textcoords="offset points",
                    ha="right",
                    va="top",
                    fontsize=7,
                    color=color(i),
                )
    _pct(ax)
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.set_ylim(0.5, 1.02)
    ax.legend(loc="lower right", fontsize=8)
    note(
        fig,
        f"Tiny numpy models on ftlib's ticket task. Hollow points are scored on fewer than "
        f"{_MIN_LEFT} items (n shown): too few to trust.",
    )
    return fig


def plot_shift(df: pd.DataFrame) -> Figure:
    """Accuracy on synthetic and production test sets against the production share in training.

    Examples
    --------
    >>> from ftlib.experiments import shift_experiment
    >>> fig = plot_shift(shift_experiment(seed=0))
    >>> fig.axes[0].get_title()
    'Trained on synthetic tickets, tested on real ones'
    """
    if df.production_share.nunique() == 1:
        share = df.production_share.iloc[0]
        fig, ax = _bars(
            "Trained on synthetic tickets, tested on real ones",
            f"{share:.0%} production tickets in training",
            df,
            "test_set",
            ("synthetic", "production"),
        )
        ax.scatter(
            [0.38, 1.38],
            [ARTICLE_SHIFT_SCORES["eval"], ARTICLE_SHIFT_SCORES["production"]],
            marker="*",
            s=140,
            color="white",
            edgecolor="black",
            zorder=3,
            label="the article's 93% / 71% (April 2026)",
        )
        ax.legend(loc="lower right", fontsize=8)
        note(fig, _TOY)
        return fig
    fig, ax = new_figure(
        "Trained on synthetic tickets, tested on real ones",
        "share of production tickets in training",
        "accuracy on the test set",
    )
    for i, style in enumerate(("synthetic", "production")):
        rows = df[df.test_set == style].groupby("production_share").accuracy.mean()
        ax.plot(
            rows.index,
            rows.values,
            marker="o",
            color=color(i),
            label=f"{style} test set (measured)",
        )
    ax.scatter(
        [0, 0],
        [ARTICLE_SHIFT_SCORES["eval"], ARTICLE_SHIFT_SCORES["production"]],
        marker="*",
        s=120,
        color=[color(0), color(1)],
        edgecolor="black",
        zorder=3,
        label="the article's 93% / 71% (April 2026)",
    )
    ax.axvline(
        PRODUCTION_SHARE,
        color=PALETTE["grey"],
        linestyle=":",
        label=f"article's remedy: {PRODUCTION_SHARE:.0%} production",
    )
    _pct(ax)
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.legend(loc="lower right", fontsize=8)
    note(fig, _TOY)
    return fig


def plot_noisy_labels(df: pd.DataFrame) -> Figure:
    """Training accuracy (on the labels given) and clean test accuracy against the label-noise rate.

    Examples
    --------
    >>> from ftlib.experiments import noisy_labels_experiment
    >>> fig = plot_noisy_labels(noisy_labels_experiment(seed=0))
    >>> fig.axes[0].get_title()
    'Noisy labels: training looks fine, the test set does not'
    """
    if df.noise_rate.nunique() == 1:
        fig, _ = _bars(
            "Noisy labels: training looks fine, the test set does not",
            f"{df.noise_rate.iloc[0]:.0%} of training labels flipped",
            df,
            "split",
            ("train (as labelled)", "test (clean)"),
            "accuracy",
        )
        note(fig, _TOY)
        return fig
    fig, ax = new_figure(
        "Noisy labels: training looks fine, the test set does not",
        "share of training labels flipped",
        "accuracy",
    )
    for i, split in enumerate(("train (as labelled)", "test (clean)")):
        rows = df[df.split == split].groupby("noise_rate").accuracy.mean()
        ax.plot(rows.index, rows.values, marker="o", color=color(i), label=split)
    _pct(ax)
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.legend(loc="lower left", fontsize=8)
    note(fig, _TOY)
    return fig


def plot_data_size(df: pd.DataFrame) -> Figure:
    """Learning curve of the tuned model against the few-shot stand-in, the article's 200 marked.

    Examples
    --------
    >>> from ftlib.experiments import data_size_experiment
    >>> fig = plot_data_size(data_size_experiment(seed=0))
    >>> fig.axes[0].get_title()
    'How many examples before fine-tuning wins?'
    """
    if df.n_train.nunique() == 1:
        n = int(df.n_train.iloc[0])
        fig, _ = _bars(
            "How many examples before fine-tuning wins?",
            f"{n:,} training examples (article: below {MIN_TRAIN_EXAMPLES}, few-shot usually wins)",
            df,
            "method",
            ("fine-tuned", "few-shot stand-in"),
        )
        note(fig, _TOY)
        return fig
    fig, ax = new_figure(
        "How many examples before fine-tuning wins?",
        "training examples (log scale)",
        "accuracy on the test set",
    )
    for i, method in enumerate(("fine-tuned", "few-shot stand-in")):
        rows = df[df.method == method].groupby("n_train").accuracy.mean()
        ax.plot(
            rows.index,
            rows.values,
            marker="o" if i == 0 else None,
            color=color(i),
            label=method,
            linestyle="-" if i == 0 else "--",
        )
    ax.axvline(
        MIN_TRAIN_EXAMPLES,
        color=PALETTE["grey"],
        linestyle=":",
        label=f"article: below {MIN_TRAIN_EXAMPLES}, few-shot usually wins",
    )
    ax.set_xscale("log")
    _pct(ax)
    ax.legend(loc="lower right", fontsize=8)
    note(fig, _TOY)
    return fig


def plot_sunk_cost(df: pd.DataFrame) -> Figure:
    """Checkpoint accuracy of each run against the baseline and target fixed before training.

    Examples
    --------
    >>> from ftlib.experiments import sunk_cost_experiment
    >>> fig = plot_sunk_cost(sunk_cost_experiment(seed=0))
    >>> fig.axes[0].get_title()
    'Judge each checkpoint against the rule written before training'
    """
    fig, ax = new_figure(
        "Judge each checkpoint against the rule written before training",
        "checkpoint",
        "accuracy on production test set",
    )
    seeds = df.seed.nunique() if "seed" in df else 1
    for i, (run, rows) in enumerate(df.groupby("run", sort=False)):
        curve = rows.groupby("checkpoint").accuracy.mean()
        ax.plot(curve.index, curve.values, marker="o", color=color(i), label=run)
        if seeds == 1:
            stop = rows[rows.action == "stop"]
            ax.scatter(
                stop.checkpoint,
                stop.accuracy,
                s=160,
                facecolor="none",
                edgecolor="black",
                zorder=3,
                label="the rule says stop" if i == 0 else None,
            )
    ax.axhline(df.baseline.mean(), color=PALETTE["grey"], linestyle=":", label="few-shot baseline")
    ax.axhline(
        df.target.mean(),
        color=PALETTE["vermillion"],
        linestyle="--",
        label="target set before training",
    )
    _pct(ax)
    ax.legend(loc="lower right", fontsize=8)
    note(fig, _TOY)
    return fig
