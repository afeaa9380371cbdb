"""Labs for the decision: the flow explorer, the readiness gate and the 'when not' scenarios."""

from __future__ import annotations

import html
import itertools
from typing import Any

import ipywidgets as W

from ..core import clock as _clock
from ..labkit import page as _page
from ..labkit.base import Lab, View
from .flow import DECISION_PROVIDERS, FLOW_LEAVES, FLOW_QUESTIONS, Situation, recommend
from .plots import (
    decision_flow_alt,
    flow_figure_key,
    plot_decision_flow,
    plot_when_not_scenarios,
)
from .selfcheck import WHEN_NOT_ANSWERS, when_not_answer
from .whennot import WHEN_NOT_SCENARIOS, when_not_scenario

__all__ = [
    "EXPLORER_DATES",
    "EXPLORER_VOLUMES",
    "decision_explorer",
    "decision_explorer_page",
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
                    rec = recommend(situation_here, as_of=day).to_dict()
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
    return _page.lab_page(
        "decision_explorer",
        controls,
        data,
        package=__package__,
        intro=intro,
        script="lab_decision_explorer.js",
    )


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
        return _page.lab_page(
            "when_not", page_controls, data, package=__package__, script="lab_when_not.js"
        )

    return Lab(controls, render, static=static)
