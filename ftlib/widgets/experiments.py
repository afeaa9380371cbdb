"""The failure-mode labs: turn one knob, rerun one experiment; press a button for the full sweep.

Each factory returns an :class:`ExperimentLab`: a :class:`Lab` that reruns the
experiment whenever a control moves, and under it a button that runs the lab's
full sweep (``ft.run_sweep``) with a progress bar.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as W
import pandas as pd
from matplotlib.figure import Figure

from .. import experiments as E
from ..plots import experiments as P
from ..rules import MIN_TRAIN_EXAMPLES, PRODUCTION_SHARE
from ._base import Lab, View, figure_html, message_html

__all__ = [
    "ExperimentLab",
    "forgetting_lab",
    "contamination_lab",
    "shift_lab",
    "noisy_labels_lab",
    "data_size_lab",
    "sunk_cost_lab",
]

_STYLE = {"description_width": "initial"}
_SEED = dict(min=0, max=9, description="seed", style=_STYLE)


class ExperimentLab(W.VBox):
    """A :class:`Lab` for one experiment plus a button that runs its full sweep with a progress bar."""

    def __init__(
        self,
        name: str,
        controls: dict,
        experiment: Callable[..., pd.DataFrame],
        plot: Callable[[pd.DataFrame], Figure],
        describe: Callable[[pd.DataFrame], tuple[str, str]],
    ):
        self.name, self.plot, self.describe = name, plot, describe
        _, self.knob, values = E.EXPERIMENT_SWEEPS[name]

        def render(**values: object) -> View:
            df = experiment(**values)
            alt, summary = describe(df)
            return View(plot(df), alt, summary)

        self.lab = Lab(controls, render)
        self.button = W.Button(
            description="Run the full sweep",
            icon="play",
            button_style="primary",
            layout=W.Layout(width="auto"),
            tooltip=f"{self.knob} = {', '.join(f'{v:g}' for v in values)}",
        )
        self.progress = W.IntProgress(
            value=0, min=0, max=len(values), description="sweep", style=_STYLE
        )
        self.sweep_figure = W.HTML()
        self.button.on_click(lambda _button: self.run_sweep())
        label = W.HTML(
            f"<p>Full sweep: {html.escape(self.knob)} = {', '.join(f'{v:g}' for v in values)}, "
            "other controls as set above.</p>"
        )
        super().__init__([self.lab, label, W.HBox([self.button, self.progress]), self.sweep_figure])

    def run_sweep(self) -> pd.DataFrame:
        """Run the lab's full sweep with the other controls held at their current values."""
        fixed = {k: v for k, v in self.lab.values().items() if k != self.knob}
        self.button.disabled, self.progress.value = True, 0
        try:
            df = E.run_sweep(
                self.name,
                progress=lambda done, _total: setattr(self.progress, "value", done),
                **fixed,
            )
            alt, _ = self.describe(df)
            self.sweep_figure.value = figure_html(self.plot(df), alt)
        except ValueError as exc:  # FtlibError is a ValueError: show it, never a traceback
            self.sweep_figure.value = message_html(str(exc), "error")
            df = pd.DataFrame()
        finally:
            self.button.disabled = False
        return df


def _table(df: pd.DataFrame, columns: list[str]) -> str:
    shown = df[columns].copy()
    for col in shown.columns:
        if col == "accuracy" or col.endswith("_share") or col in ("baseline", "target"):
            shown[col] = shown[col].map(lambda v: f"{v:.0%}")
    return shown.to_html(index=False, border=0)


def _cite(text: str) -> str:
    return f"<p><small>{html.escape(text)}</small></p>"


def forgetting_lab(rank: int = 4, mix_share: float = 0.2) -> ExperimentLab:
    """Full fine-tuning, a low-rank adapter and mixing: what each does to the base's general skills.

    Examples
    --------
    >>> lab = forgetting_lab()
    >>> "general tasks" in lab.lab.summary.value
    True
    """
    controls = {
        "rank": W.Dropdown(
            options=[1, 2, 4, 8, 16], value=rank, description="adapter rank", style=_STYLE
        ),
        "mix_share": W.FloatSlider(
            value=mix_share,
            min=0,
            max=0.6,
            step=0.1,
            description="general examples mixed in",
            style=_STYLE,
            readout_format=".0%",
        ),
        "seed": W.IntSlider(value=0, **_SEED),
    }

    def describe(df: pd.DataFrame) -> tuple[str, str]:
        general = df[df.task != "tickets"].groupby("variant", sort=False).accuracy.mean()
        tickets = df[df.task == "tickets"].groupby("variant", sort=False).accuracy.mean()
        table = pd.DataFrame({"general tasks (mean)": general, "tickets": tickets}).reset_index()
        parts = ", ".join(f"{v}: {a:.0%}" for v, a in general.items())
        summary = table.to_html(
            index=False, border=0, float_format=lambda v: f"{v:.0%}", na_rep="-"
        ) + _cite(
            "The article (April 2026) warns that a narrow fine-tune can erode skills outside the task and "
            "advises testing general tasks alongside the target and mixing general examples back in."
        )
        return (
            f"Accuracy on held-out general tasks after each way of adapting the base: {parts}.",
            summary,
        )

    return ExperimentLab(
        "forgetting", controls, E.forgetting_experiment, P.plot_forgetting, describe
    )


def contamination_lab(overlap_share: float = 0.3) -> ExperimentLab:
    """Copy part of the training set into the test set and watch the score rise.

    Examples
    --------
    >>> lab = contamination_lab()
    >>> "contaminated" in lab.lab.summary.value
    True
    """
    controls = {
        "overlap_share": W.FloatSlider(
            value=overlap_share,
            min=0,
            max=1,
            step=0.05,
            description="test items leaked",
            style=_STYLE,
            readout_format=".0%",
        ),
        "seed": W.IntSlider(value=0, **_SEED),
    }

    def describe(df: pd.DataFrame) -> tuple[str, str]:
        acc = df.groupby("test_set").accuracy.mean()
        alt = (
            f"Accuracy on the clean test set {acc['clean']:.0%}, on the contaminated one {acc['contaminated']:.0%}, "
            f"and {acc['contaminated, flagged removed']:.0%} once the detector's hits are removed."
        )
        cols = ["test_set", "accuracy", "n_test", "leaked_share", "flagged_share"]
        return alt, _table(
            df.drop_duplicates("test_set", keep="last") if df.overlap_share.nunique() > 1 else df,
            cols,
        ) + _cite(
            "The article (April 2026): if training examples overlap the test set, the score measures memorisation. "
            "Build the test set first, from a different source."
        )

    return ExperimentLab(
        "contamination", controls, E.contamination_experiment, P.plot_contamination, describe
    )


def shift_lab(production_share: float = 0.0) -> ExperimentLab:
    """Train on synthetic tickets, test on production ones; then mix real traffic into training.

    Examples
    --------
    >>> lab = shift_lab()
    >>> "71%" in lab.lab.summary.value
    True
    """
    controls = {
        "production_share": W.FloatSlider(
            value=production_share,
            min=0,
            max=1,
            step=0.1,
            style=_STYLE,
            description="production tickets in training",
            readout_format=".0%",
        ),
        "seed": W.IntSlider(value=0, **_SEED),
    }

    def describe(df: pd.DataFrame) -> tuple[str, str]:
        acc = df.groupby("test_set").accuracy.mean()
        alt = (
            f"Measured accuracy: {acc['synthetic']:.0%} on synthetic tickets and {acc['production']:.0%} on production "
            f"tickets; the article reported 93% and 71%."
        )
        return alt, _table(df, ["production_share", "test_set", "accuracy"]) + _cite(
            f"The article (April 2026): 93% on the eval set, 71% in production; its remedy is to draw about "
            f"{PRODUCTION_SHARE:.0%} of training examples from real production traffic."
        )

    return ExperimentLab("shift", controls, E.shift_experiment, P.plot_shift, describe)


def noisy_labels_lab(noise_rate: float = 0.2) -> ExperimentLab:
    """Flip a share of training labels: training accuracy barely moves, test accuracy falls.

    Examples
    --------
    >>> lab = noisy_labels_lab()
    >>> "train (as labelled)" in lab.lab.summary.value
    True
    """
    controls = {
        "noise_rate": W.FloatSlider(
            value=noise_rate,
            min=0,
            max=0.6,
            step=0.05,
            description="labels flipped",
            style=_STYLE,
            readout_format=".0%",
        ),
        "seed": W.IntSlider(value=0, **_SEED),
    }

    def describe(df: pd.DataFrame) -> tuple[str, str]:
        acc = df.groupby("split").accuracy.mean()
        alt = (
            f"With labels flipped, accuracy on the training labels is {acc['train (as labelled)']:.0%} "
            f"and on the clean test set {acc['test (clean)']:.0%}."
        )
        return alt, _table(df, ["noise_rate", "split", "accuracy"]) + _cite(
            "The article (April 2026): high training accuracy with low test accuracy means the model learned the noise; "
            "read a random sample of training examples before training."
        )

    return ExperimentLab(
        "noisy_labels", controls, E.noisy_labels_experiment, P.plot_noisy_labels, describe
    )


def data_size_lab(n_train: int = MIN_TRAIN_EXAMPLES) -> ExperimentLab:
    """Fine-tune on 20 to 2,000 examples and compare with a few-shot stand-in.

    Examples
    --------
    >>> lab = data_size_lab()
    >>> "few-shot stand-in" in lab.lab.summary.value
    True
    """
    controls = {
        "n_train": W.SelectionSlider(
            options=[20, 50, 100, 200, 500, 1000, 2000],
            value=n_train,
            description="training examples",
            style=_STYLE,
        ),
        "seed": W.IntSlider(value=0, **_SEED),
    }

    def describe(df: pd.DataFrame) -> tuple[str, str]:
        alt = (
            "Accuracy of the fine-tuned model by training-set size against the flat few-shot stand-in: "
            + ", ".join(
                f"{r.n_train} examples {r.accuracy:.0%}"
                for r in df[df.method == "fine-tuned"].itertuples()
            )
            + "."
        )
        return alt, _table(df, ["n_train", "method", "accuracy"]) + _cite(
            f"The article (April 2026): below about {MIN_TRAIN_EXAMPLES} examples, few-shot prompting usually wins. "
            "The stand-in here is a nearest-centroid classifier over 5 examples per label, far weaker than a prompted LLM."
        )

    return ExperimentLab("data_size", controls, E.data_size_experiment, P.plot_data_size, describe)


def sunk_cost_lab(target_gain: float = 0.10, max_checkpoints: int = 2) -> ExperimentLab:
    """Fix the abort rule first, then watch two runs' checkpoints against it.

    Examples
    --------
    >>> lab = sunk_cost_lab()
    >>> "budget-spent" in lab.lab.summary.value
    True
    """
    controls = {
        "target_gain": W.FloatSlider(
            value=target_gain,
            min=0.05,
            max=0.45,
            step=0.05,
            description="target above baseline",
            style=_STYLE,
            readout_format=".0%",
        ),
        "max_checkpoints": W.IntSlider(
            value=max_checkpoints, min=1, max=6, description="checkpoints allowed", style=_STYLE
        ),
        "seed": W.IntSlider(value=0, **_SEED),
    }

    def describe(df: pd.DataFrame) -> tuple[str, str]:
        stops = df[df.action == "stop"]
        said = (
            "; ".join(
                f"{r.run}: stop at checkpoint {r.checkpoint} ({r.outcome})"
                for r in stops.itertuples()
            )
            or "no stop yet"
        )
        alt = f"Checkpoint accuracy of two runs against the baseline and the target fixed before training. {said}."
        return alt, _table(
            df[df.action != ""],
            ["run", "checkpoint", "accuracy", "action", "outcome", "baseline", "target"],
        ) + _cite(
            "The article (April 2026): set the abort criterion before training ('if checkpoint 2 misses the target, "
            "ship the prompt'); pushing on after flat results is the costliest mistake it lists."
        )

    return ExperimentLab("sunk_cost", controls, E.sunk_cost_experiment, P.plot_sunk_cost, describe)
