"""The decision flow figure, drawn from ``ftlib.decision``'s flow data (never a separate drawing)."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from matplotlib.figure import Figure

from ..labkit.style import MIN_FONT_PT, PALETTE, house_figure, new_figure, note
from ..rules.thresholds import MIN_TRAIN_EXAMPLES, VOLUME_FLOOR
from .flow import FLOW_LEAVES, FLOW_QUESTIONS, FLOW_START, Recommendation
from .whennot import WHEN_NOT_SCENARIOS, WhenNotScenario, check_when_not

__all__ = [
    "plot_decision_flow",
    "flow_figure_key",
    "decision_flow_alt",
    "plot_when_not_scenarios",
]


def _layout() -> dict[str, tuple[float, float]]:
    """A tidy tree: leaves spread left to right in walk order (yes first), parents centred above."""
    pos: dict[str, tuple[float, float]] = {}
    next_x = [0.0]

    def place(node: str, depth: int) -> float:
        if node in FLOW_LEAVES:
            x = next_x[0]
            next_x[0] += 1.0
        else:
            q = FLOW_QUESTIONS[node]
            x = (place(q.yes, depth + 1) + place(q.no, depth + 1)) / 2
        pos[node] = (x, -float(depth))
        return x

    place(FLOW_START, 0)
    return pos


def plot_decision_flow(
    recommendation: Recommendation | None = None, *, title: str | None = None
) -> Figure:
    """The decision flow as a tree; with a recommendation, its path is highlighted.

    Parameters
    ----------
    recommendation
        The result of :func:`ftlib.recommend`; its questions, answers and leaf are
        drawn in colour. When the leaf was closed on the decision date, it is
        hatched and the open alternative is outlined.
    title
        The figure title (default: "Decision flow", with the date when given).

    Examples
    --------
    >>> import ftlib as ft
    >>> fig = plot_decision_flow(ft.recommend(ft.Situation(missing_facts=True), as_of="2026-04-15"))
    >>> fig.axes[0].get_title()
    'Decision flow as of 2026-04-15'
    """
    pos = _layout()
    on_path = set(recommendation.node_ids) if recommendation is not None else set()
    answers = (
        {s.question_id: s.answer for s in recommendation.path} if recommendation is not None else {}
    )
    # 8 in wide, so the desktop column shows it at 95 % or more and no label (each at the
    # house minimum) falls below 9 pt there.
    fig = house_figure(figsize=(8.0, 7.2))
    ax = fig.add_subplot()
    ax.set_axis_off()
    if title is None:
        title = "Decision flow" + (
            f" as of {recommendation.as_of.isoformat()}" if recommendation is not None else ""
        )
    ax.set_title(title)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    ax.set_xlim(min(xs) - 0.45, max(xs) + 0.45)
    ax.set_ylim(min(ys) - 0.75, max(ys) + 0.45)

    for qid, q in FLOW_QUESTIONS.items():
        for label, child in (("yes", q.yes), ("no", q.no)):
            taken = qid in answers and (answers[qid] == (label == "yes"))
            colour, width = (PALETTE["blue"], 3.0) if taken else (PALETTE["grey"], 1.0)
            (x0, y0), (x1, y1) = pos[qid], pos[child]
            ax.annotate(
                "",
                xy=(x1, y1 + 0.2),
                xytext=(x0, y0 - 0.2),
                arrowprops=dict(arrowstyle="-|>", color=colour, lw=width, shrinkA=0, shrinkB=0),
            )
            ax.text(
                # nearer the question than the answer, clear of the tall leaf boxes
                x0 + 0.42 * (x1 - x0),
                y0 + 0.42 * (y1 - y0),
                label,
                ha="center",
                va="center",
                fontsize=MIN_FONT_PT,
                color=colour,
                fontweight="bold" if taken else "normal",
                bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none"),
            )

    for qid, q in FLOW_QUESTIONS.items():
        visited = qid in on_path
        ax.text(
            *pos[qid],
            q.text,
            ha="center",
            va="center",
            fontsize=MIN_FONT_PT,
            bbox=dict(
                boxstyle="round,pad=0.35",
                fc="#e8f4fb" if visited else "white",
                ec=PALETTE["blue"] if visited else PALETTE["grey"],
                lw=2.0 if visited else 1.0,
            ),
        )

    closed = (
        recommendation.flow_approach
        if recommendation is not None and recommendation.rerouted
        else None
    )
    chosen = recommendation.approach if recommendation is not None else None
    for lid, leaf in FLOW_LEAVES.items():
        text = leaf.title + "\n" + textwrap.fill(leaf.detail, 14)
        face, edge, lw, hatch = "white", PALETTE["black"], 1.0, None
        if lid == closed and recommendation is not None:
            face, edge, lw = "#eeeeee", PALETTE["vermillion"], 2.0
            text += f"\nclosed as of\n{recommendation.as_of.isoformat()}"
        elif lid == chosen:
            face, edge, lw = "#fff1cc", PALETTE["orange"], 2.5
            if closed:
                text += "\noffered instead"
        t = ax.text(
            *pos[lid],
            text,
            ha="center",
            va="center",
            fontsize=MIN_FONT_PT,
            # the chosen leaf is marked by its fill and thick frame; bold text would not fit
            bbox=dict(boxstyle="square,pad=0.3", fc=face, ec=edge, lw=lw, hatch=hatch),
        )
        patch = t.get_bbox_patch()
        if lid == closed and patch is not None:
            patch.set_linestyle("--")
    note(fig, "Flow after the article (April 2026); availability from ftlib's dated catalog.")
    return fig


def flow_figure_key(recommendation: Recommendation) -> tuple:
    """Everything :func:`plot_decision_flow` reads from a recommendation (equal keys, equal figures).

    A live lab keeps drawn figures by this key, so an answer that leaves the path, the leaf and
    the date unchanged is not drawn again. Keep it next to the plot: what one reads, the other keys.

    Examples
    --------
    >>> import ftlib as ft
    >>> a = ft.recommend(ft.Situation(requests_per_month=70_000), as_of="2026-04-15")
    >>> b = ft.recommend(ft.Situation(requests_per_month=80_000), as_of="2026-04-15")
    >>> flow_figure_key(a) == flow_figure_key(b)
    True
    """
    r = recommendation
    path = tuple((s.question_id, bool(s.answer)) for s in r.path)
    return (r.as_of.isoformat(), tuple(r.node_ids), path, r.approach, r.flow_approach, r.rerouted)


def decision_flow_alt(recommendation: Recommendation | None = None) -> str:
    """Alt text for :func:`plot_decision_flow`: the questions in order and, if given, the path taken.

    Examples
    --------
    >>> import ftlib as ft
    >>> decision_flow_alt(ft.recommend(ft.Situation(missing_facts=True), as_of="2026-04-15")).split(". ")[-1]
    'Highlighted path: missing-facts yes, ending at RAG.'
    """
    text = (
        f"Decision flow tree with {len(FLOW_QUESTIONS)} yes/no questions and {len(FLOW_LEAVES)} approaches: "
        + ", ".join(FLOW_LEAVES[x].title for x in FLOW_LEAVES)
        + "."
    )
    if recommendation is None:
        return text
    path = ", ".join(f"{s.question_id} {'yes' if s.answer else 'no'}" for s in recommendation.path)
    text += (
        f" Highlighted path: {path}, ending at {FLOW_LEAVES[recommendation.flow_approach].title}."
    )
    if recommendation.rerouted:
        text += f" That route is closed as of {recommendation.as_of.isoformat()}, so {FLOW_LEAVES[recommendation.approach].title} is offered instead."
    return text


def plot_when_not_scenarios(
    scenarios: Sequence[WhenNotScenario] = WHEN_NOT_SCENARIOS, *, highlight: str | None = None
) -> Figure:
    """Scenarios placed by volume and training examples, against the article's two floors.

    Points marked with a cross trip at least one "when not" row; circles trip none.
    ``highlight`` (a scenario id) is drawn larger and labelled in bold.

    Examples
    --------
    >>> fig = plot_when_not_scenarios(highlight="tone-few")
    >>> fig.axes[0].get_xscale()
    'log'
    """
    fig, ax = new_figure(
        "'When not' scenarios: volume, data and goal",
        "requests per month (log scale)",
        "training examples (log scale)",
        figsize=(8.0, 4.6),
    )
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.axvline(VOLUME_FLOOR, color=PALETTE["grey"], ls="--", lw=1)
    ax.axhline(MIN_TRAIN_EXAMPLES, color=PALETTE["grey"], ls="--", lw=1)
    ax.text(
        VOLUME_FLOOR,
        12_000,
        f" {VOLUME_FLOOR:,} requests/month",
        fontsize=7,
        color="#444444",
        va="top",
    )
    ax.text(
        1_200,
        MIN_TRAIN_EXAMPLES,
        f"{MIN_TRAIN_EXAMPLES} examples",
        fontsize=7,
        color="#444444",
        va="bottom",
    )
    for s in scenarios:
        fired = check_when_not(s.idea)
        big = s.id == highlight
        ax.scatter(
            [max(s.idea.requests_per_month, 1)],
            [max(s.idea.train_examples, 1)],
            s=140 if big else 50,
            marker="X" if fired else "o",
            color=PALETTE["vermillion"] if fired else PALETTE["green"],
            edgecolor="black" if big else "none",
            zorder=3,
        )
        ax.annotate(
            s.id,
            (max(s.idea.requests_per_month, 1), max(s.idea.train_examples, 1)),
            xytext=(6, 4),
            textcoords="offset points",
            fontsize=8,
            fontweight="bold" if big else "normal",
        )
    ax.set_xlim(1_000, 1e7)
    ax.set_ylim(10, 20_000)
    note(
        fig,
        "Crosses trip at least one row of the article's 'when not' table (April 2026); circles trip none.",
    )
    return fig
