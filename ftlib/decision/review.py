"""A one-page Markdown summary of a decision, ready to paste into a design review.

:func:`design_review` puts the situation, the recommendation with its path and
reasons, any warnings, the "when not" findings, the readiness gate and the
break-even (where known) on one page, dated.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import pandas as pd

from ..core.errors import FtlibError, check_number
from ..costs.bills import BreakEven
from ..readiness.gate import Readiness
from .flow import FLOW_LEAVES, Recommendation
from .whennot import WhenNotFinding

__all__ = ["design_review", "review_outline"]


def _situation_lines(rec: Recommendation) -> list[str]:
    s = rec.situation
    yes_no = {True: "yes", False: "no"}
    return [
        f"- Missing facts the model cannot know: {yes_no[s.missing_facts]}",
        f"- Volume: {s.requests_per_month:,.0f} requests a month "
        f"({'one-off' if s.one_off else 'recurring'})",
        f"- Provider: {s.provider}",
        "- Goal is GPT-5.4 quality at a lower price per call: "
        f"{yes_no[s.frontier_quality_cheaper]}",
        f"- Weights and data must stay in-house: {yes_no[s.self_host_required]}",
        f"- Already fine-tunes on: {s.existing_platform or 'nowhere yet'}",
    ]


def design_review(
    recommendation: Recommendation,
    *,
    readiness: Readiness | None = None,
    findings: Sequence[WhenNotFinding] = (),
    break_even: BreakEven | None = None,
    payback_days: float | None = None,
    payback_note: str = "",
    title: str = "Fine-tuning decision",
) -> str:
    """A one-page Markdown summary of ``recommendation`` (with readiness, findings, payback).

    Parameters
    ----------
    recommendation
        The result of :func:`ftlib.recommend`.
    readiness
        The result of :func:`ftlib.check_readiness`, if the gate was run.
    findings
        Stop signs from :func:`ftlib.check_when_not`, if checked.
    break_even
        The result of :func:`ftlib.compare_costs` or :func:`ftlib.break_even`; when given, its
        payback days are used (a candidate that saves nothing never pays back).
    payback_days
        Days for the savings to repay training (``math.inf`` if never), when no ``break_even``
        is given; ``None`` if not computed.
    payback_note
        Where the payback figure comes from (prices and their as-of date).
    title
        The page's heading.

    Examples
    --------
    >>> from ftlib.decision import Situation, recommend
    >>> page = design_review(recommend(Situation(missing_facts=True), as_of="2026-04-15"))
    >>> page.splitlines()[0]
    '# Fine-tuning decision (as of 2026-04-15)'
    >>> "**Recommendation: RAG**" in page
    True
    """
    if not isinstance(recommendation, Recommendation):
        raise FtlibError("recommendation", recommendation, "the result of ft.recommend")
    if break_even is not None:
        if not isinstance(break_even, BreakEven):
            raise FtlibError(
                "break_even", break_even, "the result of ft.compare_costs or ft.break_even"
            )
        payback_days = break_even.break_even_days if break_even.breaks_even else math.inf
    rec = recommendation
    lines = [
        f"# {title} (as of {rec.as_of.isoformat()})",
        "",
        "## Situation",
        *_situation_lines(rec),
        "",
    ]
    lines += [
        "## Recommendation",
        "",
        f"**Recommendation: {FLOW_LEAVES[rec.approach].title}**: "
        f"{FLOW_LEAVES[rec.approach].detail}.",
    ]
    if rec.rerouted:
        lines += [
            "",
            f"The decision flow reaches {FLOW_LEAVES[rec.flow_approach].title}, but that route is "
            f"closed as of {rec.as_of.isoformat()}.",
        ]
    lines += ["", "Path through the flow:"]
    lines += [
        f"{n}. {step.question} **{'Yes' if step.answer else 'No'}**: {step.because}"
        for n, step in enumerate(rec.path, 1)
    ]
    extra = rec.reasons[len(rec.path) :]
    if extra:
        lines += ["", *[f"- {r}" for r in extra]]
    if rec.warnings:
        lines += ["", "## Warnings", *[f"- {w}" for w in rec.warnings]]
    if findings:
        lines += [
            "",
            "## Reasons not to fine-tune",
            *[f"- **{f.row.goal}.** {f.detail} Instead: {f.row.instead}" for f in findings],
        ]
    if readiness is not None:
        verdict = (
            "ready to train"
            if readiness.ready
            else f"not ready ({len(readiness.failed)} of {len(readiness.items)} items open)"
        )
        lines += [
            "",
            f"## Readiness: {verdict}",
            "",
            "| item | status | reason | next step |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| {i.name} | {'pass' if i.passed else 'FAIL'} | {_cell(i.reason)} | "
            f"{_cell(i.next_step)} |"
            for i in readiness.items
        ]
    lines += ["", "## Break-even"]
    if payback_days is None:
        lines.append(
            "Not computed yet: run the break-even numbers at the real volume before committing to "
            "training."
        )
    else:
        days = (
            math.inf
            if payback_days == math.inf
            else check_number("payback_days", payback_days, minimum=0)
        )
        lines.append(
            "Training never pays back at these prices and this volume."
            if math.isinf(days)
            else f"Training pays back in about {days:,.1f} days."
        )
        if payback_note:
            lines.append(f"Source: {payback_note}")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def review_outline(page: str) -> pd.DataFrame:
    """A :func:`design_review` page at a glance: one row per section, its size and first line.

    The page itself is meant to be pasted into a document; in a notebook or on the site this
    outline shows what it holds without printing thirty-odd lines.

    Parameters
    ----------
    page
        The Markdown that :func:`design_review` returned.

    Returns
    -------
    pandas.DataFrame
        Columns ``section`` (the heading), ``lines`` (non-empty lines under it) and
        ``opens with`` (its first line as plain text; "a table" for a table); the page's
        title, with its date, is in ``attrs["title"]`` (a caption for :func:`ftlib.table`).

    Examples
    --------
    >>> from ftlib.decision import Situation, recommend
    >>> outline = review_outline(design_review(recommend(Situation(), as_of="2026-04-15")))
    >>> outline["section"].tolist()
    ['Situation', 'Recommendation', 'Break-even']
    >>> outline.attrs["title"]
    'Fine-tuning decision (as of 2026-04-15)'
    >>> outline.loc[1, "opens with"]
    'Recommendation: Prompt engineering: instructions plus few-shot examples.'
    """
    if not isinstance(page, str) or not page.startswith("# "):
        raise FtlibError("page", page, "the Markdown page that ft.design_review returned")
    sections: list[tuple[str, list[str]]] = []
    for line in page.splitlines():
        if line.startswith("## "):
            sections.append((line[3:].strip(), []))
        elif sections and line.strip():
            sections[-1][1].append(line)
    rows = [
        {"section": name, "lines": len(body), "opens with": _plain(body[0]) if body else ""}
        for name, body in sections
    ]
    outline = pd.DataFrame(rows, columns=["section", "lines", "opens with"])
    outline.attrs["title"] = page.splitlines()[0][2:].strip()
    return outline


def _plain(line: str) -> str:
    """One Markdown line as plain text: no list marker, no bold; a table row is "a table"."""
    text = line.strip()
    if text.startswith("|"):
        return "a table"
    text = re.sub(r"^(?:[-*]|\d+\.)\s+", "", text)
    return text.replace("**", "")
