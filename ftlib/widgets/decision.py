"""Labs for the decision: the flow explorer, the readiness gate and the 'when not' scenarios."""

from __future__ import annotations

import html
import itertools
from typing import Any

import ipywidgets as W

from .. import clock as _clock
from ..decision import DECISION_PROVIDERS, FLOW_LEAVES, FLOW_QUESTIONS, Situation, recommend
from ..plots.decision import (
    decision_flow_alt,
    flow_figure_key,
    plot_decision_flow,
    plot_readiness_checklist,
    plot_when_not_scenarios,
)
from ..readiness import READINESS_TEST_SOURCES, ReadinessAnswers, check_readiness
from ..review import design_review
from ..selfcheck.decision import WHEN_NOT_ANSWERS, when_not_answer
from ..whennot import WHEN_NOT_SCENARIOS, when_not_scenario
from . import _page
from ._base import Lab, View

__all__ = [
    "EXPLORER_DATES",
    "EXPLORER_VOLUMES",
    "decision_explorer",
    "decision_explorer_page",
    "readiness_gate",
    "when_not_quiz",
]

# What the static explorer offers: one volume in each band of the flow and around its thresholds,
# and dates either side of each lifecycle change the course teaches, plus the build date.
EXPLORER_VOLUMES: tuple[int, ...] = (20_000, 70_000, 100_000, 250_000, 1_000_000, 5_000_000)
EXPLORER_DATES: tuple[str, ...] = (
    "2026-04-15",
    "2026-05-08",
    "2026-06-01",
    "2026-09-10",
    "2027-02-01",
)
_FLAGS = (
    ("missing_facts", "the gap is missing facts"),
    ("one_off", "one-off task"),
    ("frontier_quality_cheaper", "want GPT-5.4 quality, cheaper"),
    ("self_host_required", "must self-host"),
    ("openai_fine_tuning_access", "already has OpenAI fine-tuning access"),
)

_WIDE = {"description_width": "initial"}


def _items(lines, cls: str = "") -> str:
    items = "".join(f"<li>{html.escape(x)}</li>" for x in lines)
    return (f'<ul class="{cls}">' if cls else "<ul>") + f"{items}</ul>"


def _alternatives_html(alternatives) -> str:
    """The other routes to weigh beside the answer, each with its date and confidence."""
    if not alternatives:
        return ""
    return "<h4>Also weigh</h4>" + _items(alternatives, "ftlab-alternatives")


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
            lambda: plot_decision_flow(rec),
            decision_flow_alt(rec),
            head
            + "</p>"
            + _items(rec.reasons, "ftlab-reasons")
            + _alternatives_html(rec.alternatives),
            rec.warnings,
            figure_key=flow_figure_key(rec),
        )

    return Lab(
        controls,
        render,
        static=lambda: decision_explorer_page(
            Situation(**{k: w.value for k, w in controls.items() if k != "as_of"}),
            as_of=controls["as_of"].value,
        ),
    )


def _dates(as_of: str | None, extra: tuple[str, ...] = ()) -> list[str]:
    today = _clock.today().isoformat()
    return sorted({*EXPLORER_DATES, today, *extra, *([str(as_of)] if as_of else [])})


def decision_explorer_page(situation: Situation, *, as_of: str | None = None) -> str:
    """The explorer for the static site: ``ft.recommend`` for every combination the page offers.

    The page offers the five yes/no answers, the provider, the volumes in
    :data:`EXPLORER_VOLUMES` and the dates in :data:`EXPLORER_DATES` plus the build date.

    Examples
    --------
    >>> page = decision_explorer_page(Situation(requests_per_month=1_000_000, provider="openai"))
    >>> 'data-ftlab="decision_explorer"' in page
    True
    """
    volumes = sorted({*EXPLORER_VOLUMES, int(situation.requests_per_month)})
    dates = _dates(as_of)
    strings: list[str] = []
    index: dict[str, int] = {}

    def ref(text: str) -> int:
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return index[text]

    # One entry per distinct answer, and a flat table of indices in the order of the loops below
    # (flags as bits, then provider, volume, date), so the page holds each answer once.
    recs: list[dict] = []
    seen: dict[str, int] = {}
    table: list[int] = []
    flags = [name for name, _ in _FLAGS]
    for bits in itertools.product((False, True), repeat=len(flags)):
        for provider in DECISION_PROVIDERS:
            for volume in volumes:
                answers: dict[str, Any] = dict(zip(flags, bits, strict=True))
                situation_here = Situation(**answers, provider=provider, requests_per_month=volume)
                for day in dates:
                    rec = recommend(situation_here, as_of=day).as_dict()
                    entry = {
                        "approach": rec["approach"],
                        "flow_approach": rec["flow_approach"],
                        "path": [
                            [p["question"], p["answer"] == "yes", ref(p["because"])]
                            for p in rec["path"]
                        ],
                        "reasons": [ref(r) for r in rec["reasons"]],
                        "warnings": [ref(w) for w in rec["warnings"]],
                        "alternatives": [ref(a) for a in rec["alternatives"]],
                    }
                    key = _page._json(entry)
                    if key not in seen:
                        seen[key] = len(recs)
                        recs.append(entry)
                    table.append(seen[key])
    data = {
        "flags": flags,
        "providers": list(DECISION_PROVIDERS),
        "volumes": volumes,
        "dates": dates,
        "table": table,
        "recs": recs,
        "strings": strings,
        "leaves": {k: {"title": v.title, "detail": v.detail} for k, v in FLOW_LEAVES.items()},
        "questions": {k: " ".join(q.text.split()) for k, q in FLOW_QUESTIONS.items()},
    }
    start = str(as_of) if as_of else _clock.today().isoformat()
    controls = [_page.checkbox(name, label, getattr(situation, name)) for name, label in _FLAGS] + [
        _page.select(
            "requests_per_month",
            "requests/month",
            [(f"{v:,}", v) for v in volumes],
            int(situation.requests_per_month),
        ),
        _page.select(
            "provider", "provider", [(p, p) for p in DECISION_PROVIDERS], situation.provider
        ),
        _page.select(
            "as_of",
            "as of",
            [(d + (" (today)" if d == _clock.today().isoformat() else ""), d) for d in dates],
            start,
        ),
    ]
    intro = (
        "<p>On this page the volumes and dates are the ones listed; "
        "run the lab live for any other volume or date.</p>"
    )
    return _page.lab_page("decision_explorer", controls, data, intro=intro)


# The choices the static readiness gate offers for each answer (the live lab takes any value).
READINESS_CHOICES: dict[str, tuple] = {
    "metric": ("", "clause F1"),
    "test_examples": (0, 30, 50, 80, 150),
    "test_source": READINESS_TEST_SOURCES,
    "baseline_measured": (False, True),
    "train_examples": (100, 200, 1_500, 3_000),
    "hypothesis": ("", "make it better", "F1 from 0.82 to 0.92 by teaching the clause format"),
    "iterations_budget": (0, 1, 2, 3, 5),
    "abort_criterion": ("", "if checkpoint 2 is below 0.88 F1, ship the prompt"),
}


def _route_html(rec) -> str:
    leaf = FLOW_LEAVES[rec.approach]
    text = (
        f"<p>Route the decision flow recommends for this team as of {rec.as_of}: "
        f"<strong>{html.escape(leaf.title)}</strong> ({html.escape(leaf.detail)})."
    )
    if rec.rerouted:
        text += " " + html.escape(_rerouted(rec))
    return text + "</p>"


def _rerouted(rec) -> str:
    return (
        f"The flow itself ends at {FLOW_LEAVES[rec.flow_approach].title}, "
        "which is closed as of that date."
    )


def readiness_gate(situation: Situation | None = None, as_of: str | None = None) -> Lab:
    """The readiness checklist: a verdict, each item's reason and next step, and a paste-ready review page.

    ``situation`` and the date control (``as_of``, default today) feed the recommendation
    at the top of the review page.

    Examples
    --------
    >>> lab = readiness_gate()
    >>> "not ready" in lab.summary.value
    True
    >>> lab.controls["baseline_measured"].value = True
    >>> lab.controls["hypothesis"].value = "F1 from 0.82 to 0.92 by teaching the clause format"
    >>> "ready to train" in lab.summary.value
    True
    >>> lab.controls["as_of"].value = "2026-04-15"
    >>> "as of 2026-04-15: <strong>SFT through an API" in lab.summary.value
    True
    """
    s = situation or Situation(requests_per_month=1_000_000, provider="openai")
    start = str(as_of) if as_of else _clock.today().isoformat()
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
        "as_of": W.Text(value=start, description="as of (YYYY-MM-DD)", style=_WIDE),
    }

    def render(as_of: str, **answers) -> View:
        rec = recommend(s, as_of=as_of)
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
            + _route_html(rec)
            + "<details><summary>Design-review page (Markdown, copy and paste)</summary>"
            + f"<pre style='white-space:pre-wrap'>{html.escape(page)}</pre></details>"
        )
        alt = (
            f"Checklist of {len(result.items)} readiness items; failing: "
            + (", ".join(i.name for i in result.failed) or "none")
            + "."
        )
        rows = tuple((i.name, i.passed, i.reason, i.next_step) for i in result.items)
        return View(lambda: plot_readiness_checklist(result), alt, summary, figure_key=rows)

    def static() -> str:
        values = {k: w.value for k, w in controls.items()}
        return readiness_gate_page(s, values)

    return Lab(controls, render, columns=2, static=static)


def readiness_gate_page(situation: Situation, values: dict) -> str:
    """The gate for the static site: ``ft.check_readiness`` over every combination offered.

    The page offers the answers in :data:`READINESS_CHOICES` (plus ``values``, the live lab's
    starting answers) and the dates of the decision explorer plus the build date.

    Examples
    --------
    >>> lab = readiness_gate()
    >>> 'data-ftlab="readiness_gate"' in readiness_gate_page(Situation(), lab.values())
    True
    """
    choices = {
        name: tuple(dict.fromkeys([*options, values[name]]))
        for name, options in READINESS_CHOICES.items()
    }
    items: list[dict] = []
    index: dict[tuple, int] = {}
    results: dict[str, str] = {}
    fields = list(choices)
    for combo in itertools.product(*choices.values()):
        answers = dict(zip(fields, combo, strict=True))
        refs = []
        for item in check_readiness(ReadinessAnswers(**answers)).items:
            key = (item.name, item.passed, item.reason, item.next_step)
            if key not in index:
                index[key] = len(items)
                items.append(dict(zip(("name", "passed", "reason", "next_step"), key, strict=True)))
            refs.append(str(index[key]))
        results["|".join(_js_str(v) for v in combo)] = ",".join(refs)
    dates = _dates(values["as_of"])
    recs = {}
    for day in dates:
        rec = recommend(situation, as_of=day)
        leaf = FLOW_LEAVES[rec.approach]
        recs[day] = {
            "title": leaf.title,
            "detail": leaf.detail,
            "rerouted": _rerouted(rec) if rec.rerouted else "",
        }
    data = {
        "fields": fields,
        "results": results,
        "items": items,
        "recs": recs,
        "review_note": (
            "The paste-ready design-review page (ft.design_review) is written by the live lab; "
            "run it live to get yours."
        ),
    }

    def label(v: object) -> str:
        if v == "":
            return "(not written yet)"
        return f"{v:,}" if isinstance(v, int) and not isinstance(v, bool) else str(v)

    names = {
        "metric": "primary metric",
        "test_examples": "test examples",
        "test_source": "test set source",
        "train_examples": "training examples",
        "hypothesis": "hypothesis",
        "iterations_budget": "training runs budgeted",
        "abort_criterion": "abort criterion",
    }
    controls = [
        _page.checkbox(name, "prompted baseline measured", values[name])
        if name == "baseline_measured"
        else _page.select(name, names[name], [(label(v), v) for v in opts], values[name])
        for name, opts in choices.items()
    ]
    today = _clock.today().isoformat()
    controls.append(
        _page.select(
            "as_of",
            "as of",
            [(d + (" (today)" if d == today else ""), d) for d in dates],
            values["as_of"],
        )
    )
    intro = (
        "<p>On this page each answer offers a few typical values; "
        "run the lab live to type your own.</p>"
    )
    return _page.lab_page("readiness_gate", controls, data, intro=intro)


def _js_str(value: object) -> str:
    """A value as JavaScript's String() writes it (true/false for booleans)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


_PICK = "(pick your call)"


def when_not_quiz(scenario_id: str = "support-facts") -> Lab:
    """Pick a scenario and say what you would do; the feedback comes from the 'when not' checks.

    No call is picked at the start and changing the scenario clears the call, so nothing is
    graded before the learner answers.

    Examples
    --------
    >>> lab = when_not_quiz("support-facts")
    >>> "Correct" in lab.summary.value or "Not yet" in lab.summary.value
    False
    >>> lab.controls["answer"].value = "rag"
    >>> "Correct" in lab.summary.value
    True
    >>> lab.controls["scenario_id"].value = "tone-few"
    >>> lab.controls["answer"].value is None
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
            options=[(_PICK, None)] + [(a, a) for a in WHEN_NOT_ANSWERS],
            value=None,
            description="your call",
            style=_WIDE,
        ),
    }

    def clear_answer(_change: object) -> None:
        controls["answer"].value = None

    # Registered before the lab's own observer, so a new scenario is never graded on the old call.
    controls["scenario_id"].observe(clear_answer, names="value")

    shown: list[str] = []  # the scenario whose chart is on screen: a new call keeps it

    def render(scenario_id: str, answer: str | None) -> View:
        scenario = when_not_scenario(scenario_id)
        figure = None if shown == [scenario_id] else plot_when_not_scenarios(highlight=scenario_id)
        shown[:] = [scenario_id]
        summary = f"<p><em>{html.escape(scenario.story)}</em></p>"
        if answer is not None:
            summary += when_not_answer(scenario_id, answer)._repr_html_()
        else:
            summary += "<p>Pick your call to see the feedback.</p>"
        alt = (
            f"Log-log scatter of {len(WHEN_NOT_SCENARIOS)} scenarios by monthly requests and "
            "training examples, with dashed lines at 50,000 requests and 200 examples; "
            f"{scenario_id} is highlighted."
        )
        return View(figure, alt, summary)

    def static() -> str:
        data = {
            "scenarios": {
                s.id: {
                    "story": s.story,
                    "feedback": {
                        a: {
                            "correct": (f := when_not_answer(s.id, a)).correct,
                            "message": f.message,
                        }
                        for a in WHEN_NOT_ANSWERS
                    },
                }
                for s in WHEN_NOT_SCENARIOS
            }
        }
        page_controls = [
            _page.select(
                "scenario_id",
                "scenario",
                [(s.id, s.id) for s in WHEN_NOT_SCENARIOS],
                controls["scenario_id"].value,
            ),
            _page.select(
                "answer", "your call", [(_PICK, "")] + [(a, a) for a in WHEN_NOT_ANSWERS], ""
            ),
        ]
        return _page.lab_page("when_not", page_controls, data)

    return Lab(controls, render, static=static)
