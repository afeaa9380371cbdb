"""The article's decision flow as data, and ``recommend``: which approach, by which path, when.

The flow is a small binary tree of yes/no questions whose leaves name an
approach (``rag``, ``prompt-engineering``, ``distillation``, ``sft-api``,
``lora``). ``recommend`` walks it for a :class:`Situation`, then checks whether
the route it reached is still open on the given date; a closed route is never
recommended silently: the result says so and names the open alternative. The
figure of the flow (``ft.decision.plots.plot_decision_flow``) is drawn from the same
``FLOW_QUESTIONS`` and ``FLOW_LEAVES``, so the two cannot drift apart.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from ..catalog import availability as _avail
from ..catalog import models as _catalog
from ..catalog import routes as _routes
from ..catalog.routes import PLATFORMS_TUNED_ON
from ..core.errors import FtlibError, check_choice, check_number
from ..rules.thresholds import VOLUME_FLOOR, VOLUME_RARELY_WORTH

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
DECISION_PROVIDERS: tuple[str, ...] = ("any", "openai", "anthropic", "google", "self-hosted")


@dataclass(frozen=True)
class FlowQuestion:
    """One yes/no question of the flow; ``yes`` and ``no`` name the next node (question or leaf)."""

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
        Where the team can train: ``any``, ``openai``, ``anthropic``, ``google`` (Vertex AI)
        or ``self-hosted``.
    frontier_quality_cheaper
        The goal is GPT-5.4-class quality on this task at a lower price per call.
    self_host_required
        Weights and data must stay under the team's control (residency, regulation).
    openai_fine_tuning_access
        The team already had self-serve fine-tuning access on OpenAI before it closed
        to new users (an existing fine-tuning customer). Such a team may keep training
        while OpenAI winds the service down; the dates come from the routes registry.
        The same as ``tunes_on="openai"``.
    tunes_on
        Where the team already fine-tunes: ``openai``, ``azure``, ``vertex`` or
        ``bedrock`` (``""``: nowhere yet). A team is an existing customer only there:
        an Azure OpenAI customer keeps Azure's route, not OpenAI's, and the reverse.
    """

    missing_facts: bool = False
    requests_per_month: float = 0.0
    one_off: bool = False
    provider: str = "any"
    frontier_quality_cheaper: bool = False
    self_host_required: bool = False
    openai_fine_tuning_access: bool = False
    tunes_on: str = ""

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
        check_choice("tunes_on", self.tunes_on, ("", *PLATFORMS_TUNED_ON))
        if self.openai_fine_tuning_access and self.tunes_on not in ("", "openai"):
            raise FtlibError(
                "openai_fine_tuning_access",
                True,
                f"False when tunes_on is {self.tunes_on!r}",
                "the team is an existing customer where it tunes today: set tunes_on alone",
            )

    @property
    def existing_platform(self) -> str:
        """The platform where the team is an existing fine-tuning customer (``""``: none)."""
        return self.tunes_on or ("openai" if self.openai_fine_tuning_access else "")


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
    ``alternatives`` are the dated options to weigh next to it: a cheaper current
    model prompted untuned, a hosted route still open, each with date and confidence.
    """

    approach: str
    flow_approach: str
    path: tuple[FlowStep, ...]
    reasons: tuple[str, ...]
    warnings: tuple[str, ...]
    as_of: _dt.date
    situation: Situation = field(repr=False)
    alternatives: tuple[str, ...] = ()

    @property
    def rerouted(self) -> bool:
        """True when the flow's leaf was closed on ``as_of`` and another approach was offered."""
        return self.approach != self.flow_approach

    @property
    def node_ids(self) -> tuple[str, ...]:
        """The flow nodes visited, questions then the leaf (what the figure highlights)."""
        return tuple(s.question_id for s in self.path) + (self.flow_approach,)

    def summary(self) -> str:
        """A few lines for a page: the answer, why it was rerouted, and what else to weigh.

        Examples
        --------
        >>> team = Situation(requests_per_month=20_000)
        >>> print(recommend(team, as_of="2026-12-02").summary())
        As of 2026-12-02: Prompt engineering.
        """
        lines = [f"As of {self.as_of.isoformat()}: {FLOW_LEAVES[self.approach].title}."]
        if self.rerouted:
            lines[0] = lines[0][:-1] + (
                f" (the flow reaches {FLOW_LEAVES[self.flow_approach].title}, "
                "closed to this team that day)."
            )
            lines.append(f"Why: {self.reasons[-1]}")
        lines += [f"Also weigh: {a}" for a in self.alternatives]
        if self.warnings:
            lines.append(f"({len(self.warnings)} dated warnings in .warnings)")
        return "\n".join(lines)

    def to_dict(self) -> dict:
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
            "alternatives": list(self.alternatives),
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
            "Distilling GPT-5.4 into mini or nano is an OpenAI route; "
            f"the provider is {s.provider}.",
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
    >>> team = Situation(requests_per_month=1_000_000, provider="openai")
    >>> r = recommend(team, as_of="2026-04-15")
    >>> r.approach, [str(s) for s in r.path]
    ('sft-api', ['missing-facts: no', 'volume: yes', 'frontier-cheaper: no', 'self-host: no'])
    >>> recommend(team, as_of="2026-06-01").approach
    'lora'
    >>> recommend(Situation(missing_facts=True), as_of="2026-04-15").approach
    'rag'

    A team that already had OpenAI fine-tuning access keeps it while the service
    winds down, until training itself stops (a dated event, read from the catalog):

    >>> existing = Situation(
    ...     requests_per_month=1_000_000, provider="openai", openai_fine_tuning_access=True
    ... )
    >>> [recommend(existing, as_of=d).approach for d in ("2026-06-01", "2027-02-01")]
    ['sft-api', 'lora']
    """
    if not isinstance(situation, Situation):
        raise FtlibError("situation", situation, "an ft.Situation")
    day = _avail.check_decision_date(as_of)
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
            f"Volume sits between {VOLUME_FLOOR:,} and {VOLUME_RARELY_WORTH:,} a month: run the "
            "break-even numbers before ruling training out, and revisit as traffic grows."
        )
    approach = node
    verdict = _route_verdict(node, situation, day)
    warnings.extend(verdict.notes)
    if verdict.reason:
        reasons.append(verdict.reason)
    if not verdict.open:
        approach = "lora"
        who = (
            f", even for a team with existing "
            f"{_avail.PLATFORM_NAMES.get(situation.existing_platform, '')} fine-tuning access"
            if verdict.access_checked
            else ""
        )
        reasons.append(
            f"On {day.isoformat()} the {FLOW_LEAVES[node].title} route is closed for provider "
            f"'{situation.provider}'{who}; the open alternative is {FLOW_LEAVES[approach].title}."
        )
    alternatives = _alternatives(node, approach, situation, day)
    return Recommendation(
        approach,
        node,
        tuple(path),
        tuple(reasons),
        tuple(warnings),
        day,
        situation,
        alternatives,
    )


# --- the dated check of the flow's leaf, read from ftlib.catalog.availability and the catalog ---


@dataclass(frozen=True)
class _Verdict:
    open: bool
    notes: tuple[str, ...]
    reason: str = ""  # why a route closed to new users is still open to this team
    access_checked: bool = False  # existing OpenAI access was weighed and did not help


def _platform(check: _avail.RouteCheck) -> str:
    return _avail.PLATFORM_NAMES.get(check.route.platform, check.route.route.platform_name)


def _existing_access_notes(check: _avail.RouteCheck, day: _dt.date) -> tuple[list[str], str]:
    """Warnings and the reason for a team that keeps a route new teams cannot start on."""
    route = check.route
    where = _platform(check)
    if check.status == "closed_to_new_users":
        since = (
            f" since {check.since.isoformat()} ({check.confidence}; {check.source})"
            if check.since
            else ""
        )
        first = (
            f"{route.label}: closed to new users{since}. This team already fine-tunes on "
            f"{where}, so the route stays open to it, but the provider is winding it down: "
            "existing users may keep training only for a limited time."
        )
    else:
        first = (
            f"{route.label}: open only to existing customers ({route.route.condition}). This "
            f"team already fine-tunes on {where}, so the route stays open to it, with the "
            "dates below."
        )
    notes = [first]
    gone = _avail.route_events(route, day, ahead=False)
    if gone:
        notes.append(f"Already past: {gone}.")
    ahead = _avail.route_events(route, day, ahead=True)
    if ahead:
        notes.append(f"Dates ahead: {ahead}. Dates marked reported are likely, not certain.")
    stop = check.ends
    until = f" before training stops ({stop.confidence}: {stop.date_text})" if stop else ""
    notes.append(
        f"Plan a migration{until}: {FLOW_LEAVES['lora'].title} on open weights "
        f"({_open_weight_names(day)}), or an untuned current model. Keep the inputs and "
        "approved outputs of your current "
        "fine-tune as training and test data, and score old and new on the same test set."
    )
    reason = (
        f"On {day.isoformat()} {route.label} is not open to new teams, but this team already "
        f"fine-tunes on {where}, so it stays open"
        + (f" until training stops ({stop.confidence}: {stop.date_text})." if stop else ".")
    )
    return notes, reason


def _access_ended_note(check: _avail.RouteCheck, day: _dt.date) -> str:
    """Why existing access no longer keeps the route open once training has stopped."""
    text = (
        f"Existing {_platform(check)} fine-tuning access does not keep this route open: "
        "no new training jobs can start."
    )
    retire = [e for e in check.route.route.events if e.status == "retired" and e.date > day]
    if check.status == "training_closed" and retire:
        last = max(retire, key=lambda e: e.date)
        text += (
            f" Fine-tunes you already trained can still be called until they are retired "
            f"({last.confidence}: {last.date_text}); move their traffic before then."
        )
    return text


def _open_weight_names(day: _dt.date, limit: int = 4) -> str:
    """The newest open-weight models with an adapter route on ``day``, from the catalog."""
    cat = _catalog.load_catalog()
    rows = [
        r
        for r in cat.rows
        if r.kind == "open-weights"
        and (r.supports("lora") or r.supports("qlora"))
        and r.status_on(day).status == "available"
    ]
    rows.sort(key=lambda r: r.status_on(day).since or day, reverse=True)
    return ", ".join(r.name for r in rows[:limit])


def _add_check_notes(
    check: _avail.RouteCheck,
    day: _dt.date,
    access: bool,
    notes: list[str],
    reasons: list[str],
) -> None:
    """The dated sentences one route contributes to the answer."""
    if check.via_access:
        more, reason = _existing_access_notes(check, day)
        notes.extend(more)
        reasons.append(reason)
    notes.extend(check.notes)
    if check.via_access:
        return
    stopped = check.status in ("training_closed", "retired")
    if not check.open and access and check.route.existing_access and stopped:
        notes.append(_access_ended_note(check, day))


def _route_verdict(approach: str, situation: Situation, day: _dt.date) -> _Verdict:
    """Is the leaf ``approach`` open to this team on ``day``? Notes say why, with dates."""
    routes = _avail.routes_for(approach, situation.provider)
    if not routes:  # retrieval, prompting and open-weight LoRA need no vendor's service
        return _Verdict(True, ())
    platform = situation.existing_platform
    checks = [_avail.check_route(r, day, existing_access=(platform == r.platform)) for r in routes]
    notes: list[str] = []
    reasons: list[str] = []
    access_checked = False
    for check in checks:
        access = platform == check.route.platform
        _add_check_notes(check, day, access, notes, reasons)
        if not check.open and access and check.route.existing_access:
            access_checked = access_checked or check.status in ("training_closed", "retired")
    open_now = [
        f"{c.route.label} (since {c.since.isoformat()}, {c.confidence})"
        for c in checks
        if c.open and not c.via_access and c.since
    ]
    if any(c.open for c in checks):
        known = [c for c in checks if c.status != "not_yet_available"]
        if open_now and len(known) > 1:
            notes.append(f"Open to new teams on {day.isoformat()}: " + "; ".join(open_now) + ".")
        return _Verdict(True, tuple(notes), " ".join(reasons))
    notes.append(
        f"Offered instead: {FLOW_LEAVES['lora'].title} on open weights "
        f"({_open_weight_names(day)}), which no vendor can close."
    )
    if approach == "distillation":
        notes.append(
            "The distillation idea survives: keep the large model as the teacher, collect the "
            "outputs you approve, and train an open-weight student on them with LoRA."
        )
    return _Verdict(False, tuple(notes), access_checked=access_checked)


def _alternatives(node: str, approach: str, situation: Situation, day: _dt.date) -> tuple[str, ...]:
    """Dated options to weigh beside a training answer: cheaper untuned models, open routes."""
    if node not in ("sft-api", "distillation", "lora") or situation.self_host_required:
        return ()
    out = []
    provider = "any" if situation.provider == "self-hosted" else situation.provider
    models = _avail.cheaper_current_models(provider, day, situation.requests_per_month)
    if models and situation.provider != "self-hosted":
        listed = "; ".join(str(m) for m in models)
        out.append(
            "Prompt a cheaper current model first, and measure it on your test set: "
            f"{listed}. Costs assume the article's 500 input and 200 output tokens a request; "
            "models that reason by default also bill reasoning tokens as output, so measure them."
        )
    if approach != "sft-api" and situation.provider != "google":
        vertex = [
            (route, check)
            for route in _avail.routes_for("sft-api", "google")
            if (check := _avail.check_route(route, day)).open and check.since
        ]
        if vertex:
            listed = "; ".join(
                f"{', '.join(r.route.base_models)} (since {c.since.isoformat()}, {c.confidence})"
                for r, c in vertex
                if c.since
            )
            out.append(
                f"If the team can move to Google Cloud: Vertex AI tunes {listed} for new teams."
            )
    if approach != "sft-api":
        bedrock = [
            s.route
            for s in _routes.routes_on(day, provider="bedrock", new_team=True)
            if "sft-api" in s.route.approaches and s.route.provider in ("amazon", "meta")
        ]
        if bedrock:
            bases = ", ".join(m for r in bedrock for m in r.base_models)
            out.append(
                f"If the team can move to AWS: Amazon Bedrock tunes {bases} for new teams on "
                f"{day.isoformat()} (routes checked {bedrock[0].as_of.isoformat()})."
            )
    hosted = [
        s.route
        for s in _routes.routes_on(day, provider="open-weights", new_team=True)
        if s.route.platform not in PLATFORMS_TUNED_ON
    ]
    if hosted and node in ("sft-api", "distillation", "lora"):
        out.append(
            "Tune open weights without GPUs of your own: "
            + ", ".join(r.platform_name for r in hosted)
            + f" train LoRA adapters for new teams on {day.isoformat()} (routes checked "
            f"{hosted[0].as_of.isoformat()}); the adapter can be served elsewhere."
        )
    return tuple(out)
