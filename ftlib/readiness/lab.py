"""The readiness-gate lab: answer the checklist, see what blocks training and the route it sits on."""

from __future__ import annotations

import html
import itertools

import ipywidgets as W

from ..core import clock as _clock
from ..decision.flow import FLOW_LEAVES, Situation, recommend
from ..decision.lab import _WIDE, _dates, _items, _js_str, _rerouted, _route_html
from ..decision.review import design_review
from ..labkit import page as _page
from ..labkit.base import Lab, View
from .gate import READINESS_TEST_SOURCES, ReadinessAnswers, check_readiness
from .plots import plot_readiness_checklist

__all__ = ["READINESS_CHOICES", "readiness_gate", "readiness_gate_page"]


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

    return Lab(controls, render, static=static)


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
    return _page.lab_page("readiness_gate", controls, data, package=__package__, intro=intro)


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
