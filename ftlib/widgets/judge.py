"""The judge lab: how far a simulated LLM judge agrees with human labels, and on what it fails."""

from __future__ import annotations

import html

import ipywidgets as W

from ..judge import JudgeProfile, judge_agreement, judge_disagreements, simulate_judged_answers
from ..plots.judge import plot_judge_by_kind
from ._base import Lab, View

__all__ = ["judge_lab"]

_STYLE = {"description_width": "initial"}


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
            value=n_labels, min=20, max=1000, step=10, description="human labels", style=_STYLE
        ),
        "terse_pass": W.FloatSlider(
            value=defaults["correct but terse"],
            min=0,
            max=1,
            step=0.05,
            description="judge passes correct but terse",
            style=_STYLE,
        ),
        "wrong_pass": W.FloatSlider(
            value=defaults["fluent but wrong"],
            min=0,
            max=1,
            step=0.05,
            description="judge passes fluent but wrong",
            style=_STYLE,
        ),
        "seed": W.IntSlider(value=seed, min=0, max=9, description="seed", style=_STYLE),
    }

    def render(n_labels: int, terse_pass: float, wrong_pass: float, seed: int) -> View:
        rates = dict(defaults, **{"correct but terse": terse_pass, "fluent but wrong": wrong_pass})
        answers = simulate_judged_answers(
            n_labels, profile=JudgeProfile(pass_rate=rates), seed=seed
        )
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
        return View(plot_judge_by_kind(answers), alt, summary)

    return Lab(controls, render)
