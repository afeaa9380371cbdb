"""The judge lab: how far a simulated LLM judge agrees with human labels, and on what it fails.

Live, the sliders rerun the simulation. On the static site the page shows ftlib's result for
every position it offers (:data:`JUDGE_POSITIONS`, each seed in ``STATIC_SEEDS``), computed when
the page is built and looked up in the browser by the experiment labs' script.
"""

from __future__ import annotations

import html
import itertools

import ipywidgets as W
import pandas as pd

from ..experiments.lab import STATIC_SEEDS, _js_key
from ..labkit import page as _page
from ..labkit.base import Lab, View
from .agreement import (
    ANSWER_KINDS,
    JudgeProfile,
    judge_agreement,
    judge_disagreements,
    simulate_judged_answers,
)
from .plots import plot_judge_by_kind

__all__ = ["JUDGE_POSITIONS", "judge_lab", "judge_view"]

_STYLE = {"description_width": "initial"}
_LABELS = {
    "n_labels": "human labels",
    "terse_pass": "judge passes correct but terse",
    "wrong_pass": "judge passes fluent but wrong",
    "seed": "seed",
}
# The positions the static page offers (the live sliders' defaults are among them).
JUDGE_POSITIONS: dict[str, tuple] = {
    "n_labels": (20, 50, 100, 200, 500, 1000),
    "terse_pass": (0.2, 0.4, 0.6, 0.8, 1.0),
    "wrong_pass": (0.0, 0.25, 0.45, 0.7, 0.9),
    "seed": STATIC_SEEDS,
}


def judge_view(
    n_labels: int, terse_pass: float, wrong_pass: float, seed: int
) -> tuple[pd.DataFrame, str, str]:
    """The simulated answers, the one-line description (alt text) and the HTML summary.

    Examples
    --------
    >>> answers, alt, summary = judge_view(100, 0.6, 0.45, 0)
    >>> len(answers), "kappa" in alt, "Read first" in summary
    (100, True, True)
    """
    rates = dict(
        JudgeProfile().pass_rate,
        **{"correct but terse": terse_pass, "fluent but wrong": wrong_pass},
    )
    answers = simulate_judged_answers(n_labels, profile=JudgeProfile(pass_rate=rates), seed=seed)
    result = judge_agreement(answers.human_pass.tolist(), answers.judge_pass.tolist())
    worst = judge_disagreements(answers).iloc[0]
    summary = (
        f"<p>{html.escape(result.summary())}</p>"
        f"<p>Read first: <b>{html.escape(worst.kind)}</b> "
        f"answers, where the judge disagrees with humans {worst['disagreement rate']:.0%} "
        "of the time.</p>"
    )
    alt = (
        f"Bar chart of the share of each kind of answer the judge passes, {n_labels} answers; "
        f"kappa {result.kappa:.2f}."
    )
    return answers, alt, summary


def _bars(answers: pd.DataFrame) -> list[list]:
    """One bar per kind of answer: the share the judge passes (green: humans pass the kind)."""
    rates = answers.groupby("kind")["judge_pass"].mean()
    return [
        [
            f"{kind} ({'humans pass' if good else 'humans fail'})",
            float(rates[kind]),
            2 if good else 1,
        ]
        for kind, good in ANSWER_KINDS.items()
        if kind in rates.index
    ]


def _static_page(start: dict) -> str:
    names = list(JUDGE_POSITIONS)
    points = {}
    for combo in itertools.product(*JUDGE_POSITIONS.values()):
        answers, alt, summary = judge_view(*combo)
        key = "|".join(_js_key(v) for v in combo)
        points[key] = {"alt": alt, "summary": summary, "bars": _bars(answers)}
    controls = []
    for name, options in JUDGE_POSITIONS.items():
        value = start[name] if start[name] in options else options[0]
        if name in ("terse_pass", "wrong_pass"):
            texts = [f"{v:.0%}" for v in options]
        else:
            texts = [f"{v:,}" for v in options]
        controls.append(_page.slider(name, _LABELS[name], list(options), value, texts))
    data = {"keys": names, "points": points, "title": "Share of each kind the judge passes"}
    return _page.lab_page("experiment", controls, data, package="ftlib.experiments")


def judge_lab(*, n_labels: int = 100, seed: int = 0) -> Lab:
    """Move the number of human labels and the judge's two blind spots; read rates and kappa.

    Examples
    --------
    >>> lab = judge_lab()
    >>> "kappa" in lab.summary.value
    True
    """
    defaults = JudgeProfile().pass_rate
    controls = {
        "n_labels": W.IntSlider(
            value=n_labels, min=20, max=1000, step=10, description=_LABELS["n_labels"], style=_STYLE
        ),
        "terse_pass": W.FloatSlider(
            value=defaults["correct but terse"],
            min=0,
            max=1,
            step=0.05,
            description=_LABELS["terse_pass"],
            style=_STYLE,
        ),
        "wrong_pass": W.FloatSlider(
            value=defaults["fluent but wrong"],
            min=0,
            max=1,
            step=0.05,
            description=_LABELS["wrong_pass"],
            style=_STYLE,
        ),
        "seed": W.IntSlider(value=seed, min=0, max=9, description="seed", style=_STYLE),
    }

    def render(n_labels: int, terse_pass: float, wrong_pass: float, seed: int) -> View:
        answers, alt, summary = judge_view(n_labels, terse_pass, wrong_pass, seed)
        return View(
            lambda: plot_judge_by_kind(answers),
            alt,
            summary,
            figure_key=(n_labels, terse_pass, wrong_pass, seed),
        )

    lab: Lab

    def static() -> str:
        start = {k: round(v, 2) if isinstance(v, float) else v for k, v in lab.values().items()}
        return _static_page(start)

    lab = Lab(controls, render, static=static)
    return lab
