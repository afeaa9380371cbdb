"""Labs for the decision: the flow explorer, the readiness gate and the 'when not' scenarios."""

from __future__ import annotations

import html

import ipywidgets as W

from ..decision import DECISION_PROVIDERS, FLOW_LEAVES, Situation, recommend
from ..plots.decision import (
    decision_flow_alt,
    plot_decision_flow,
    plot_readiness_checklist,
    plot_when_not_scenarios,
)
from ..readiness import READINESS_TEST_SOURCES, ReadinessAnswers, check_readiness
from ..review import design_review
from ..selfcheck.decision import WHEN_NOT_ANSWERS, when_not_answer
from ..whennot import WHEN_NOT_SCENARIOS, when_not_scenario
from ._base import Lab, View

__all__ = ["decision_explorer", "readiness_gate", "when_not_quiz"]

_WIDE = {"description_width": "initial"}


def _items(lines) -> str:
    return "<ul>" + "".join(f"<li>{html.escape(x)}</li>" for x in lines) + "</ul>"


def decision_explorer(situation: Situation | None = None, as_of: str = "2026-04-15") -> Lab:
    """Answer the flow's questions and see the path light up, the reasons, and the effect of the date.

    Examples
    --------
    >>> lab = decision_explorer(Situation(requests_per_month=1_000_000, provider="openai"), as_of="2026-04-15")
    >>> "SFT through an API" in lab.summary.value
    True
    >>> lab.controls["as_of"].value = "2026-06-01"
    >>> "LoRA" in lab.summary.value
    True
    >>> lab.controls["openai_fine_tuning_access"].value = True  # an existing customer keeps SFT while it winds down
    >>> "SFT through an API" in lab.summary.value
    True
    """
    s = situation or Situation(requests_per_month=1_000_000, provider="openai")
    controls = {
        "missing_facts": W.Checkbox(
            value=s.missing_facts, description="the gap is missing facts", style=_WIDE
        ),
        "requests_per_month": W.IntText(
            value=int(s.requests_per_month), description="requests/month", style=_WIDE
        ),
        "one_off": W.Checkbox(value=s.one_off, description="one-off task", style=_WIDE),
        "provider": W.Dropdown(
            options=DECISION_PROVIDERS, value=s.provider, description="provider", style=_WIDE
        ),
        "frontier_quality_cheaper": W.Checkbox(
            value=s.frontier_quality_cheaper,
            description="want GPT-5.4 quality, cheaper",
            style=_WIDE,
        ),
        "self_host_required": W.Checkbox(
            value=s.self_host_required, description="must self-host", style=_WIDE
        ),
        "openai_fine_tuning_access": W.Checkbox(
            value=s.openai_fine_tuning_access,
            description="already has OpenAI fine-tuning access",
            style=_WIDE,
        ),
        "as_of": W.Text(value=str(as_of), description="as of (YYYY-MM-DD)", style=_WIDE),
    }

    def render(as_of: str, **answers) -> View:
        rec = recommend(Situation(**answers), as_of=as_of)
        head = f"<p><strong>As of {rec.as_of}: {html.escape(FLOW_LEAVES[rec.approach].title)}</strong> ({html.escape(FLOW_LEAVES[rec.approach].detail)})."
        if rec.rerouted:
            head += f" The flow itself ends at {html.escape(FLOW_LEAVES[rec.flow_approach].title)}, which is closed as of that date."
        return View(
            plot_decision_flow(rec),
            decision_flow_alt(rec),
            head + "</p>" + _items(rec.reasons),
            rec.warnings,
        )

    return Lab(controls, render)


def readiness_gate(situation: Situation | None = None, as_of: str = "2026-04-15") -> Lab:
    """The readiness checklist: a verdict, each item's reason and next step, and a paste-ready review page.

    ``situation`` and ``as_of`` feed the recommendation at the top of the review page.

    Examples
    --------
    >>> lab = readiness_gate()
    >>> "not ready" in lab.summary.value
    True
    >>> lab.controls["baseline_measured"].value = True
    >>> lab.controls["hypothesis"].value = "F1 from 0.82 to 0.92 by teaching the clause format"
    >>> "ready to train" in lab.summary.value
    True
    """
    s = situation or Situation(requests_per_month=1_000_000, provider="openai")
    rec = recommend(s, as_of=as_of)
    controls = {
        "metric": W.Text(value="clause F1", description="primary metric", style=_WIDE),
        "test_examples": W.IntText(value=80, description="test examples", style=_WIDE),
        "test_source": W.Dropdown(
            options=READINESS_TEST_SOURCES,
            value="separate",
            description="test set source",
            style=_WIDE,
        ),
        "baseline_measured": W.Checkbox(
            value=False, description="prompted baseline measured", style=_WIDE
        ),
        "train_examples": W.IntText(value=1_500, description="training examples", style=_WIDE),
        "hypothesis": W.Text(
            value="",
            placeholder="METRIC from X to Y by teaching BEHAVIOUR",
            description="hypothesis",
            style=_WIDE,
        ),
        "iterations_budget": W.IntText(value=3, description="training runs budgeted", style=_WIDE),
        "abort_criterion": W.Text(
            value="if checkpoint 2 is below 0.88 F1, ship the prompt",
            description="abort criterion",
            style=_WIDE,
        ),
    }

    def render(**answers) -> View:
        result = check_readiness(ReadinessAnswers(**answers))
        page = design_review(rec, readiness=result)
        verdict = (
            "ready to train" if result.ready else f"not ready: {len(result.failed)} item(s) open"
        )
        summary = (
            f"<p><strong>Verdict: {verdict}.</strong></p>"
            + _items(
                f"{i.name}: {i.reason}" + (f" Next: {i.next_step}" if i.next_step else "")
                for i in result.items
            )
            + "<details><summary>Design-review page (Markdown, copy and paste)</summary>"
            + f"<pre style='white-space:pre-wrap'>{html.escape(page)}</pre></details>"
        )
        alt = (
            f"Checklist of {len(result.items)} readiness items; failing: "
            + (", ".join(i.name for i in result.failed) or "none")
            + "."
        )
        return View(plot_readiness_checklist(result), alt, summary)

    return Lab(controls, render, columns=2)


def when_not_quiz(scenario_id: str = "support-facts") -> Lab:
    """Pick a scenario and say what you would do; the feedback comes from the 'when not' checks.

    Examples
    --------
    >>> lab = when_not_quiz("support-facts")
    >>> lab.controls["answer"].value = "rag"
    >>> "Correct" in lab.summary.value
    True
    """
    when_not_scenario(scenario_id)
    controls = {
        "scenario_id": W.Dropdown(
            options=[s.id for s in WHEN_NOT_SCENARIOS],
            value=scenario_id,
            description="scenario",
            style=_WIDE,
        ),
        "answer": W.Dropdown(
            options=WHEN_NOT_ANSWERS, value="fine-tune", description="your call", style=_WIDE
        ),
    }

    def render(scenario_id: str, answer: str) -> View:
        scenario = when_not_scenario(scenario_id)
        feedback = when_not_answer(scenario_id, answer)
        summary = f"<p><em>{html.escape(scenario.story)}</em></p>" + feedback._repr_html_()
        alt = (
            f"Log-log scatter of {len(WHEN_NOT_SCENARIOS)} scenarios by monthly requests and training examples, "
            f"with dashed lines at 50,000 requests and 200 examples; {scenario_id} is highlighted."
        )
        return View(plot_when_not_scenarios(highlight=scenario_id), alt, summary)

    return Lab(controls, render)
