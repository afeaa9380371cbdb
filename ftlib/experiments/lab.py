"""The failure-mode labs: turn one knob, rerun one experiment; press a button for the full sweep.

Each factory returns an :class:`ExperimentLab`: a :class:`Lab` that reruns the
experiment whenever a control moves, and under it a button that runs the lab's
full sweep (``ft.run_sweep``) with a progress bar.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Callable, Sequence

import ipywidgets as W
import pandas as pd
from matplotlib.figure import Figure

from ..labkit import page as _page
from ..labkit.base import Lab, View, figure_html, message_html, with_static
from ..rules.thresholds import MIN_TRAIN_EXAMPLES, PRODUCTION_SHARE
from . import plots as P
from . import runs as E

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
# Sliders of slow experiments update on release, not on every step of a drag.
_SEED = dict(min=0, max=9, description="seed", style=_STYLE, continuous_update=False)
# Seeds the static site offers (each is a full run at every position, made when the page is built).
STATIC_SEEDS: tuple[int, ...] = (0, 1, 2)


def _pct(values: Sequence[float]) -> list[str]:
    return [f"{v:.0%}" for v in values]


class StaticGrid:
    """What the static page of an experiment lab offers: the positions of each control.

    ``positions`` maps a control name to ``(label, values, texts)``; the experiment is run by
    ftlib at every combination when the page is built. ``bars`` turns one run's table into the
    ``(label, accuracy, colour)`` rows the page draws.
    """

    def __init__(
        self,
        title: str,
        positions: dict[str, tuple[str, Sequence, Sequence[str]]],
        bars: Callable[[pd.DataFrame], list[tuple[str, float, int]]],
    ):
        self.title, self.positions, self.bars = title, positions, bars


class ExperimentLab(W.VBox):
    """A :class:`Lab` for one experiment plus a button that runs its full sweep with a progress bar."""

    def __init__(
        self,
        name: str,
        controls: dict,
        experiment: Callable[..., pd.DataFrame],
        plot: Callable[[pd.DataFrame], Figure],
        describe: Callable[[pd.DataFrame], tuple[str, str]],
        grid: StaticGrid | None = None,
    ):
        self.name, self.plot, self.describe = name, plot, describe
        self.experiment, self.grid = experiment, grid
        _, self.knob, values = E.EXPERIMENT_SWEEPS[name]
        self._runs: dict[tuple, pd.DataFrame] = {}
        for widget in controls.values():
            if hasattr(widget, "continuous_update"):
                widget.continuous_update = False  # a run takes 0.2-3 s: update on release

        def render(**values: object) -> View:
            df = self.run(**values)
            alt, summary = describe(df)
            # The experiment is deterministic in the controls, so they determine the figure.
            return View(lambda: plot(df), alt, summary, figure_key=tuple(sorted(values.items())))

        self.lab = Lab(controls, render, static=self.static_html if grid else None)
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

    def run(self, **values: object) -> pd.DataFrame:
        """One run of the experiment; a position seen before is shown again without rerunning."""
        key = tuple(sorted(values.items()))
        if key not in self._runs:
            self._runs[key] = self.experiment(**values)
        return self._runs[key]

    def static_html(self) -> str:
        """The lab for the static site: one ftlib run per position offered, looked up there."""
        assert self.grid is not None
        names = list(self.grid.positions)
        points = {}
        for combo in itertools.product(*(p[1] for p in self.grid.positions.values())):
            values = dict(zip(names, combo, strict=True))
            df = self.run(**values)
            alt, summary = self.describe(df)
            key = "|".join(_js_key(v) for v in combo)
            points[key] = {
                "alt": alt,
                "summary": summary,
                "bars": [[a, float(b), c] for a, b, c in self.grid.bars(df)],
            }
        start = self.lab.values()
        controls = []
        for name, (label, options, texts) in self.grid.positions.items():
            value = start[name] if start[name] in options else options[0]
            if len(options) == 1 and name == "seed":
                controls.append(
                    _page.disabled(
                        "seed",
                        f"This page shows seed {options[0]}; other seeds need a kernel.",
                        _LAB_NOTEBOOKS.get(self.name, self.name),
                        value=str(options[0]),
                    )
                    + f'<input type="hidden" data-name="seed" value="{options[0]}">'
                )
            elif name == "seed" or len(options) > 6 or all(isinstance(v, float) for v in options):
                controls.append(_page.slider(name, label, list(options), value, texts))
            else:
                controls.append(
                    _page.select(name, label, list(zip(texts, options, strict=True)), value)
                )
        data = {"keys": names, "points": points, "title": self.grid.title}
        sweep = _page.disabled(
            "Run the full sweep",
            "The full sweep reruns the experiment several times, which needs Python; "
            "the sweep run when this page was built is under 'Without a kernel'.",
            _LAB_NOTEBOOKS.get(self.name, self.name),
            kind="button",
        )
        return _page.lab_page("experiment", [*controls, sweep], data, package=__package__)

    def _repr_mimebundle_(self, **kwargs: object) -> dict | None:
        make = self.static_html if self.grid is not None else None
        return with_static(super()._repr_mimebundle_(**kwargs), make)

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


_LAB_NOTEBOOKS = {
    "forgetting": "failure_forgetting",
    "contamination": "failure_contamination",
    "shift": "failure_shift",
    "noisy_labels": "failure_noisy_labels",
    "data_size": "failure_data_size",
    "sunk_cost": "failure_sunk_cost",
}


def _js_key(value: object) -> str:
    """A value as JavaScript's JSON.stringify writes it (0.0 as 0), to key the page's lookups."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _page._json(value)


def _seeds(seeds: Sequence[int] = STATIC_SEEDS) -> tuple[str, Sequence, Sequence[str]]:
    return ("seed", list(seeds), [str(s) for s in seeds])


def _share(label: str, values: Sequence[float]) -> tuple[str, Sequence, Sequence[str]]:
    rounded = [round(v, 2) for v in values]
    return (label, rounded, _pct(rounded))


def _mean_bars(df: pd.DataFrame, by: str, highlight: str = "") -> list[tuple[str, float, int]]:
    means = df.groupby(by, sort=False).accuracy.mean()
    return [(str(k), float(v), 1 if k == highlight else 0) for k, v in means.items()]


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
        "forgetting",
        controls,
        E.forgetting_experiment,
        P.plot_forgetting,
        describe,
        StaticGrid(
            "Mean accuracy on general tasks, by way of adapting the base",
            {
                "rank": ("adapter rank", [1, 2, 4, 8, 16], ["1", "2", "4", "8", "16"]),
                "mix_share": _share("general examples mixed in", [0.0, 0.2, 0.4, 0.6]),
                "seed": _seeds((0,)),
            },
            lambda df: _mean_bars(df[df.task != "tickets"], "variant"),
        ),
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
        "contamination",
        controls,
        E.contamination_experiment,
        P.plot_contamination,
        describe,
        StaticGrid(
            "Accuracy by test set",
            {
                "overlap_share": _share("test items leaked", [i / 10 for i in range(11)]),
                "seed": _seeds(),
            },
            lambda df: _mean_bars(df, "test_set", "contaminated"),
        ),
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

    return ExperimentLab(
        "shift",
        controls,
        E.shift_experiment,
        P.plot_shift,
        describe,
        StaticGrid(
            "Accuracy by test set",
            {
                "production_share": _share(
                    "production tickets in training", [i / 10 for i in range(11)]
                ),
                "seed": _seeds(),
            },
            lambda df: _mean_bars(df, "test_set", "production"),
        ),
    )


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
        "noisy_labels",
        controls,
        E.noisy_labels_experiment,
        P.plot_noisy_labels,
        describe,
        StaticGrid(
            "Accuracy on the training labels and on a clean test set",
            {
                "noise_rate": _share("labels flipped", [i / 10 for i in range(7)]),
                "seed": _seeds(),
            },
            lambda df: _mean_bars(df, "split", "test (clean)"),
        ),
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

    sizes = [20, 50, 100, 200, 500, 1000, 2000]
    return ExperimentLab(
        "data_size",
        controls,
        E.data_size_experiment,
        P.plot_data_size,
        describe,
        StaticGrid(
            "Accuracy of the fine-tuned model and the few-shot stand-in",
            {
                "n_train": ("training examples", sizes, [f"{n:,}" for n in sizes]),
                "seed": _seeds(),
            },
            lambda df: _mean_bars(df, "method", "fine-tuned"),
        ),
    )


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

    return ExperimentLab(
        "sunk_cost",
        controls,
        E.sunk_cost_experiment,
        P.plot_sunk_cost,
        describe,
        StaticGrid(
            "Checkpoint accuracy of each run, up to where the rule acts",
            {
                "target_gain": _share("target above baseline", [0.05, 0.1, 0.15, 0.2, 0.3]),
                "max_checkpoints": (
                    "checkpoints allowed",
                    [1, 2, 3, 4, 5, 6],
                    ["1", "2", "3", "4", "5", "6"],
                ),
                "seed": _seeds((0,)),
            },
            _checkpoint_bars,
        ),
    )


def _checkpoint_bars(df: pd.DataFrame) -> list[tuple[str, float, int]]:
    acted = df[df.action != ""]
    return [
        (
            f"{r.run}, checkpoint {r.checkpoint} ({r.action})",
            float(r.accuracy),
            int(r.action == "stop"),
        )
        for r in acted.itertuples()
    ]
