"""The article's decision flow as data, and ``recommend``: which approach, by which path, as of when.

The flow is a small binary tree of yes/no questions whose leaves name an
approach (``rag``, ``prompt-engineering``, ``distillation``, ``sft-api``,
``lora``). ``recommend`` walks it for a :class:`Situation`, then checks whether
the route it reached is still open on the given date; a closed route is never
recommended silently: the result says so and names the open alternative. The
figure of the flow (``ft.plots.plot_decision_flow``) is drawn from the same
``FLOW_QUESTIONS`` and ``FLOW_LEAVES``, so the two cannot drift apart.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from . import catalog as _catalog
from .errors import FtlibError, check_choice, check_date, check_number
from .rules import VOLUME_FLOOR, VOLUME_RARELY_WORTH

__all__ = [
    "FLOW_APPROACHES",
    "DECISION_PROVIDERS",
    "FLOW_START",
    "FLOW_QUESTIONS",
    "FLOW_LEAVES",
    "FlowQuestion",
    "FlowLeaf",
    "Situation",
    "FlowStep",
    "Recommendation",
    "recommend",
]

FLOW_APPROACHES: tuple[str, ...] = ("rag", "prompt-engineering", "distillation", "sft-api", "lora")
DECISION_PROVIDERS: tuple[str, ...] = ("any", "openai", "anthropic", "self-hosted")


@dataclass(frozen=True)
class FlowQuestion:
    """One yes/no question of the flow; ``yes`` and ``no`` name the next node (a question or a leaf)."""

    id: str
    text: str
    yes: str
    no: str


@dataclass(frozen=True)
class FlowLeaf:
    """An end of the flow: the approach it names, a short title and what it means in practice."""

    id: str
    title: str
    detail: str


FLOW_START = "missing-facts"

# The article's flow (April 2026). It draws SFT and LoRA side by side under the
# distillation question; the "self-host" question makes that choice explicit.
# The article writes "> 100K"; exactly 100,000 counts as enough here, matching
# ft.volume_band, where "rarely worth it" ends at VOLUME_RARELY_WORTH.
FLOW_QUESTIONS: dict[str, FlowQuestion] = {
    q.id: q
    for q in (
        FlowQuestion(
            "missing-facts",
            "Is the gap missing facts\nthe model cannot know?",
            yes="rag",
            no="volume",
        ),
        FlowQuestion(
            "volume",
            f"Over {VOLUME_RARELY_WORTH // 1000}K requests a month,\nand recurring?",
            yes="frontier-cheaper",
            no="prompt-engineering",
        ),
        FlowQuestion(
            "frontier-cheaper",
            "GPT-5.4 quality at a lower\nprice per call, on OpenAI?",
            yes="distillation",
            no="self-host",
        ),
        FlowQuestion(
            "self-host", "Must you control weights\nand data (self-host)?", yes="lora", no="sft-api"
        ),
    )
}

FLOW_LEAVES: dict[str, FlowLeaf] = {
    leaf.id: leaf
    for leaf in (
        FlowLeaf("rag", "RAG", "retrieve the facts at query time"),
        FlowLeaf("prompt-engineering", "Prompt engineering", "instructions plus few-shot examples"),
        FlowLeaf("distillation", "Distillation", "GPT-5.4 outputs train 5.4 mini / nano"),
        FlowLeaf("sft-api", "SFT through an API", "gpt-4.1 family, or Claude 3 Haiku (Bedrock)"),
        FlowLeaf("lora", "LoRA / QLoRA", "open weights (Gemma 4, Qwen 3.5, Mistral Small 4)"),
    )
}


@dataclass(frozen=True)
class Situation:
    """What a team knows about its problem; the flow's questions are answered from these fields.

    Parameters
    ----------
    missing_facts
        The model fails because it lacks knowledge (product facts, recent events), not behaviour.
    requests_per_month
        Expected production volume (>= 0).
    one_off
        The task runs rarely or as an experiment rather than as a recurring workload.
    provider
        Where the team can train: ``any``, ``openai``, ``anthropic`` or ``self-hosted``.
    frontier_quality_cheaper
        The goal is GPT-5.4-class quality on this task at a lower price per call.
    self_host_required
        Weights and data must stay under the team's control (residency, regulation).
    openai_fine_tuning_access
        The team already had self-serve fine-tuning access on OpenAI before it closed
        to new users (an existing fine-tuning customer). Such a team may keep training
        while OpenAI winds the service down; the dates come from the catalog.
    """

    missing_facts: bool = False
    requests_per_month: float = 0.0
    one_off: bool = False
    provider: str = "any"
    frontier_quality_cheaper: bool = False
    self_host_required: bool = False
    openai_fine_tuning_access: bool = False

    def __post_init__(self) -> None:
        for name in (
            "missing_facts",
            "one_off",
            "frontier_quality_cheaper",
            "self_host_required",
            "openai_fine_tuning_access",
        ):
            if not isinstance(getattr(self, name), bool):
                raise FtlibError(name, getattr(self, name), "True or False")
        check_number("requests_per_month", self.requests_per_month, minimum=0)
        check_choice("provider", self.provider, DECISION_PROVIDERS)


@dataclass(frozen=True)
class FlowStep:
    """One question on the path taken: its id, its text, the answer and why."""

    question_id: str
    question: str
    answer: bool
    because: str

    def __str__(self) -> str:
        return f"{self.question_id}: {'yes' if self.answer else 'no'}"


@dataclass(frozen=True)
class Recommendation:
    """The outcome of :func:`recommend`.

    ``flow_approach`` is the leaf the article's flow reaches; ``approach`` is what
    the course recommends on ``as_of`` (the same, unless that route is closed).
    """

    approach: str
    flow_approach: str
    path: tuple[FlowStep, ...]
    reasons: tuple[str, ...]
    warnings: tuple[str, ...]
    as_of: _dt.date
    situation: Situation = field(repr=False)

    @property
    def rerouted(self) -> bool:
        """True when the flow's leaf was closed on ``as_of`` and another approach was offered."""
        return self.approach != self.flow_approach

    @property
    def node_ids(self) -> tuple[str, ...]:
        """The flow nodes visited, questions then the leaf (what the figure highlights)."""
        return tuple(s.question_id for s in self.path) + (self.flow_approach,)

    def as_dict(self) -> dict:
        """A JSON-ready dict (the CLI's ``decide --json``)."""
        return {
            "approach": self.approach,
            "flow_approach": self.flow_approach,
            "path": [
                {
                    "question": s.question_id,
                    "answer": "yes" if s.answer else "no",
                    "because": s.because,
                }
                for s in self.path
            ],
            "reasons": list(self.reasons),
            "warnings": list(self.warnings),
            "as_of": self.as_of.isoformat(),
            "situation": asdict(self.situation),
        }


def _answer_missing_facts(s: Situation) -> tuple[bool, str]:
    if s.missing_facts:
        return (
            True,
            "The model lacks facts; training shapes behaviour, retrieval supplies knowledge.",
        )
    return False, "The gap is behaviour (format, style, consistency), not missing knowledge."


def _answer_volume(s: Situation) -> tuple[bool, str]:
    volume = f"{s.requests_per_month:,.0f} requests a month"
    if s.one_off:
        return (
            False,
            f"A one-off or occasional task never repays training, whatever its volume ({volume}).",
        )
    if s.requests_per_month < VOLUME_RARELY_WORTH:
        return (
            False,
            f"{volume} is under {VOLUME_RARELY_WORTH:,}, where training is rarely worth it.",
        )
    return True, f"{volume}, recurring: enough traffic for training to be worth evaluating."


def _answer_frontier(s: Situation) -> tuple[bool, str]:
    if not s.frontier_quality_cheaper:
        return False, "The goal is not to copy GPT-5.4's quality into a cheaper model."
    if s.provider not in ("any", "openai"):
        return (
            False,
            f"Distilling GPT-5.4 into mini or nano is an OpenAI route; the provider is {s.provider}.",
        )
    return (
        True,
        "GPT-5.4-class output at a lower price per call: distil it into GPT-5.4 mini or nano.",
    )


def _answer_self_host(s: Situation) -> tuple[bool, str]:
    if s.self_host_required or s.provider == "self-hosted":
        return (
            True,
            "Weights and data must stay in-house, so train an adapter on an open-weight model.",
        )
    return False, "No need to hold the weights, so a hosted fine-tuning API is the shortest path."


_ANSWERS: dict[str, Callable[[Situation], tuple[bool, str]]] = {
    "missing-facts": _answer_missing_facts,
    "volume": _answer_volume,
    "frontier-cheaper": _answer_frontier,
    "self-host": _answer_self_host,
}


def recommend(situation: Situation, as_of: _dt.date | str | None = None) -> Recommendation:
    """Walk the decision flow for ``situation`` and check the route is open on ``as_of``.

    Parameters
    ----------
    situation
        The team's answers (see :class:`Situation`).
    as_of
        The date of the decision (a ``date`` or ``YYYY-MM-DD``); defaults to today.
        Routes that closed before this date are reported and replaced.

    Returns
    -------
    Recommendation
        The approach, the path of questions and answers, reasons and warnings.

    Examples
    --------
    >>> r = recommend(Situation(requests_per_month=1_000_000, provider="openai"), as_of="2026-04-15")
    >>> r.approach, [str(s) for s in r.path]
    ('sft-api', ['missing-facts: no', 'volume: yes', 'frontier-cheaper: no', 'self-host: no'])
    >>> recommend(Situation(requests_per_month=1_000_000, provider="openai"), as_of="2026-06-01").approach
    'lora'
    >>> recommend(Situation(missing_facts=True), as_of="2026-04-15").approach
    'rag'

    A team that already had OpenAI fine-tuning access keeps it while the service
    winds down, until training itself stops (a reported date, read from the catalog):

    >>> existing = Situation(requests_per_month=1_000_000, provider="openai", openai_fine_tuning_access=True)
    >>> recommend(existing, as_of="2026-06-01").approach, recommend(existing, as_of="2027-02-01").approach
    ('sft-api', 'lora')
    """
    if not isinstance(situation, Situation):
        raise FtlibError("situation", situation, "an ft.Situation")
    day = _dt.date.today() if as_of is None else check_date("as_of", as_of)
    node, path = FLOW_START, []
    while node in FLOW_QUESTIONS:
        question = FLOW_QUESTIONS[node]
        answer, because = _ANSWERS[node](situation)
        path.append(FlowStep(node, question.text.replace("\n", " "), answer, because))
        node = question.yes if answer else question.no
    reasons = [step.because for step in path]
    warnings: list[str] = []
    if (
        node == "prompt-engineering"
        and VOLUME_FLOOR <= situation.requests_per_month < VOLUME_RARELY_WORTH
        and not situation.one_off
    ):
        warnings.append(
            f"Volume sits between {VOLUME_FLOOR:,} and {VOLUME_RARELY_WORTH:,} a month: run the break-even numbers before ruling training out, and revisit as traffic grows."
        )
    approach = node
    route = _route_status(node, situation, day)
    if route.notes:
        warnings.extend(route.notes)
    if route.reason:
        reasons.append(route.reason)
    if not route.open:
        approach = route.alternative
        who = (
            ", even for a team with existing OpenAI fine-tuning access"
            if route.access_checked
            else ""
        )
        reasons.append(
            f"On {day.isoformat()} the {FLOW_LEAVES[node].title} route is closed for provider '{situation.provider}'{who}; the open alternative is {FLOW_LEAVES[approach].title}."
        )
    return Recommendation(
        approach, node, tuple(path), tuple(reasons), tuple(warnings), day, situation
    )


# --- availability of the training routes, read from the dated catalog (ftlib.catalog) ---

# Which catalog rows stand for each hosted training route. OpenAI distillation
# trains the student on OpenAI's fine-tuning service, so it shares the status
# the catalog records for the fine-tuned gpt-4.1 rows.
_ROUTE_ROWS: dict[tuple[str, str], tuple[str, tuple[str, ...]]] = {
    ("distillation", "openai"): (
        "OpenAI distillation into GPT-5.4 mini or nano (it runs on OpenAI's fine-tuning service)",
        ("gpt-4.1-mini-ft",),
    ),
    ("sft-api", "openai"): (
        "OpenAI SFT on the gpt-4.1 family",
        ("gpt-4.1-ft", "gpt-4.1-mini-ft", "gpt-4.1-nano-ft"),
    ),
    ("sft-api", "anthropic"): (
        "Claude 3 Haiku fine-tuning on Amazon Bedrock",
        ("claude-3-haiku-bedrock-ft",),
    ),
}
_STATUS_ORDER = (
    "available",
    "closed_to_new_users",
    "training_closed",
    "retired",
    "not_yet_available",
)


@dataclass(frozen=True)
class _Route:
    open: bool
    alternative: str
    notes: tuple[str, ...]
    reason: str = ""  # why a route closed to new users is still open to this team
    access_checked: bool = False  # the team's existing OpenAI access was weighed (and did not help)


# The only provider whose closure to new users the Situation can answer for
# (``openai_fine_tuning_access``); from these statuses on, existing access no longer helps.
_ACCESS_PROVIDER = "openai"
_TRAINING_STOPPED = ("training_closed", "retired")


def _offering_note(label: str, status: _catalog.ModelStatus) -> str:
    """One dated sentence on a route that is not open to new users."""
    words = status.status.replace("_", " ")
    text = f"{label}: {words}" + (
        f" since {status.since.isoformat()} ({status.confidence}; {status.source})."
        if status.since
        else "."
    )
    if status.status == "closed_to_new_users":
        text += " Teams that already had access may keep training for now."
    if status.next_event is not None:
        e = status.next_event
        text += f" Next: {e.status.replace('_', ' ')} on {e.date.isoformat()} ({e.confidence})."
    return text


def _most_open(statuses: list[_catalog.ModelStatus]) -> _catalog.ModelStatus:
    """The most open of a route's rows (the route is as open as its best offering)."""
    return min(statuses, key=lambda st: _STATUS_ORDER.index(st.status))


def _route_stop(
    catalog: _catalog.Catalog, ids: tuple[str, ...], day: _dt.date
) -> _catalog.LifecycleEvent | None:
    """The first event after ``day`` from which no row of the route can train, even for existing users."""
    rows = [catalog.get(i) for i in ids]
    for date in sorted({e.date for r in rows for e in r.lifecycle if e.date > day}):
        if _most_open([r.status_on(date) for r in rows]).status in _TRAINING_STOPPED:
            return next(
                e
                for r in rows
                for e in r.lifecycle
                if e.date == date and e.status in _TRAINING_STOPPED
            )
    return None


def _model_names(ids: list[str]) -> str:
    names = list(dict.fromkeys(ids))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _events_text(
    catalog: _catalog.Catalog, ids: tuple[str, ...], day: _dt.date, *, ahead: bool
) -> str:
    """Lifecycle changes after ``day`` (``ahead``), or stops already past, grouped by date, each with its confidence."""
    groups: dict[tuple[str, _dt.date, str], list[str]] = {}
    for i in ids:
        row = catalog.get(i)
        for e in row.lifecycle:
            if e.status in _TRAINING_STOPPED and ((e.date > day) if ahead else (e.date <= day)):
                groups.setdefault((e.status, e.date, e.confidence), []).append(
                    row.base_id or row.id
                )
    parts = []
    for (status, date, confidence), names in sorted(groups.items(), key=lambda kv: kv[0][1]):
        models = _model_names(names)
        what = (
            f"new training jobs {'stop' if ahead else 'stopped'} for {models}"
            if status == "training_closed"
            else f"fine-tunes of {models} shut down"
        )
        parts.append(f"{what} on {date.isoformat()} ({confidence})")
    return "; ".join(parts)


def _existing_access_notes(
    label: str,
    status: _catalog.ModelStatus,
    catalog: _catalog.Catalog,
    ids: tuple[str, ...],
    day: _dt.date,
) -> tuple[list[str], str]:
    """Warnings and the reason for a team that keeps a route closed to new users."""
    since = (
        f" since {status.since.isoformat()} ({status.confidence}; {status.source})"
        if status.since
        else ""
    )
    notes = [
        f"{label}: closed to new users{since}. This team already has access, so the route stays open to it, "
        "but OpenAI is winding it down: existing users may keep training only 'for the coming months'."
    ]
    gone = _events_text(catalog, ids, day, ahead=False)
    if gone:
        notes.append(f"Already past: {gone}.")
    ahead = _events_text(catalog, ids, day, ahead=True)
    if ahead:
        sources = sorted(
            {
                e.source
                for i in ids
                for e in catalog.get(i).lifecycle
                if e.date > day and e.confidence == "reported"
            }
        )
        caveat = (
            f" Dates marked reported come from {'; '.join(sources)}; treat them as likely, not certain."
            if sources
            else ""
        )
        notes.append(f"Dates ahead: {ahead}.{caveat}")
    stop = _route_stop(catalog, ids, day)
    until = f" before training stops ({stop.confidence}: {stop.date.isoformat()})" if stop else ""
    notes.append(
        f"Plan a migration{until}: {FLOW_LEAVES['lora'].title} on {FLOW_LEAVES['lora'].detail}. Keep the inputs and the "
        "approved outputs of your current fine-tune as training data for the replacement, and score both on the same test set."
    )
    reason = (
        f"On {day.isoformat()} {label} is closed to new users, but this team already has access, so it stays open"
        + (f" until training stops ({stop.confidence}: {stop.date.isoformat()})." if stop else ".")
    )
    return notes, reason


def _access_ended_note(
    status: _catalog.ModelStatus, catalog: _catalog.Catalog, ids: tuple[str, ...], day: _dt.date
) -> str:
    """Why existing OpenAI access no longer keeps the route open once training has stopped."""
    text = "Existing OpenAI fine-tuning access does not keep this route open: no new training jobs can start."
    retire = [
        e for i in ids for e in catalog.get(i).lifecycle if e.status == "retired" and e.date > day
    ]
    if status.status == "training_closed" and retire:
        last = max(retire, key=lambda e: e.date)
        text += (
            f" Fine-tunes you already trained can still be called until they are retired ({last.confidence}: "
            f"{last.date.isoformat()}); move their traffic to the replacement before then."
        )
    return text


def _route_status(approach: str, situation: Situation, day: _dt.date) -> _Route:
    """Is the leaf ``approach`` open to this team on ``day``? If not, what is.

    A new team needs an offering that is ``available``; a team with existing OpenAI
    fine-tuning access may also use an OpenAI offering that is only closed to new users.
    """
    provider = situation.provider
    groups = [
        (prov, label, ids)
        for (route, prov), (label, ids) in _ROUTE_ROWS.items()
        if route == approach and provider in ("any", prov)
    ]
    if (
        not groups
    ):  # retrieval, prompting and open-weight LoRA do not depend on a vendor's training service
        return _Route(True, approach, ())
    catalog = _catalog.load_catalog()
    notes, still_open, kept_open, reasons = [], [], [], []
    access_checked = False
    for prov, label, ids in groups:
        best = _most_open([catalog.status_on(i, day) for i in ids])
        has_access = situation.openai_fine_tuning_access and prov == _ACCESS_PROVIDER
        if best.status == "available":
            still_open.append(label)
        elif has_access and best.status == "closed_to_new_users":
            kept_open.append(label)
            more, reason = _existing_access_notes(label, best, catalog, ids, day)
            notes.extend(more)
            reasons.append(reason)
        else:
            notes.append(_offering_note(label, best))
            if has_access and best.status in _TRAINING_STOPPED:
                access_checked = True
                notes.append(_access_ended_note(best, catalog, ids, day))
    if still_open or kept_open:
        if still_open and (notes or kept_open):
            notes.append("Still listed as available in the catalog: " + "; ".join(still_open) + ".")
        if still_open == ["Claude 3 Haiku fine-tuning on Amazon Bedrock"]:
            notes.append(
                "Claude 3 Haiku on Bedrock trains only in us-west-2 and serves custom models only through Provisioned Throughput; no public fine-tuning price was found."
            )
        return _Route(True, approach, tuple(notes), " ".join(reasons))
    notes.append(
        f"Offered instead: {FLOW_LEAVES['lora'].title} on {FLOW_LEAVES['lora'].detail}, which no vendor can close."
    )
    if approach == "distillation":
        notes.append(
            "The distillation idea survives: keep GPT-5.4 as the teacher, collect the outputs you approve, and train an open-weight student on them with LoRA."
        )
    return _Route(False, "lora", tuple(notes), access_checked=access_checked)
