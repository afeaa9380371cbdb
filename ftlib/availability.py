"""Which hosted training routes are open on a date, to whom, and until when: read from the catalog.

The decision flow (:mod:`ftlib.decision`) ends on an approach; some approaches run
on a vendor's training service, which opens, closes to new users, stops training
and shuts down on dated, confirmed or reported days. This module maps each such
route to the catalog ids that stand for it (:data:`ROUTES`) and turns their
lifecycle into a verdict (:func:`check_route`) with dated sentences: every date
with its confidence, and every date still ahead worded as ahead. What a team must
know about one offering (a region, a preview) is the ``route_note`` of its catalog
row, not text kept here.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from . import catalog as _catalog
from . import costs as _costs
from .errors import FtlibError, check_date, check_number

__all__ = [
    "ENDING_SOON_DAYS",
    "ARTICLE_TOKENS_PER_REQUEST",
    "TrainingRoute",
    "ROUTES",
    "RouteCheck",
    "CheaperModel",
    "check_route",
    "routes_for",
    "cheaper_current_models",
    "check_decision_date",
    "route_events",
    "inferred_note",
]

ENDING_SOON_DAYS = 90  # a recommended route that ends within this many days gets a warning
# The article's token mix per request (500 in, 200 out), used to rank untuned models.
ARTICLE_TOKENS_PER_REQUEST = (500, 200)

_STATUS_ORDER = ("available", "closed_to_new_users", "training_closed", "retired")
_TRAINING_STOPPED = ("training_closed", "retired")


@dataclass(frozen=True)
class TrainingRoute:
    """A hosted training route: an approach through one provider, and the catalog rows behind it.

    ``inferred_from`` is set when no row describes the route itself and its status is
    read from the rows of the service it runs on (then only that service's opening and
    closing count: the shutdown of those particular models says nothing about this route).
    """

    approach: str
    provider: str
    label: str
    row_ids: tuple[str, ...]
    inferred_from: str = ""
    existing_access: bool = False  # the Situation's openai_fine_tuning_access applies


ROUTES: tuple[TrainingRoute, ...] = (
    TrainingRoute(
        "distillation",
        "openai",
        "OpenAI distillation into GPT-5.4 mini or nano",
        ("gpt-4.1-ft", "gpt-4.1-mini-ft"),
        inferred_from="OpenAI's self-serve fine-tuning service",
        existing_access=True,
    ),
    TrainingRoute(
        "sft-api",
        "openai",
        "OpenAI SFT on the gpt-4.1 family",
        ("gpt-4.1-ft", "gpt-4.1-mini-ft", "gpt-4.1-nano-ft"),
        existing_access=True,
    ),
    TrainingRoute(
        "sft-api",
        "anthropic",
        "Claude 3 Haiku fine-tuning on Amazon Bedrock",
        ("claude-3-haiku-bedrock-ft",),
    ),
    TrainingRoute(
        "sft-api",
        "google",
        "Gemini supervised tuning on Vertex AI",
        (
            "gemini-3.5-flash-vertex-ft",
            "gemini-3.5-flash-lite-vertex-ft",
            "gemini-3.1-flash-lite-vertex-ft",
        ),
    ),
)

# Which catalog providers an untuned model may come from, per decision provider.
_MODEL_PROVIDERS = {
    "openai": ("OpenAI",),
    "anthropic": ("Anthropic",),
    "google": ("Google",),
    "any": ("OpenAI", "Anthropic", "Google"),
}


@dataclass(frozen=True)
class RouteCheck:
    """The verdict on one route for one team on one day.

    ``open`` says whether this team may train on it that day; ``via_access`` that it is
    open only because the team already had access; ``ends`` is the first event after
    the day from which it is closed to this team (``None``: none known).
    """

    route: TrainingRoute
    on: _dt.date
    open: bool
    via_access: bool
    status: str
    since: _dt.date | None
    confidence: str
    source: str
    ends: _catalog.LifecycleEvent | None
    notes: tuple[str, ...]


@dataclass(frozen=True)
class CheaperModel:
    """An untuned current model and what the team's volume would cost on it that day."""

    model_id: str
    name: str
    monthly_cost_usd: float
    prices: _catalog.PricesInForce

    def __str__(self) -> str:
        p = self.prices
        return (
            f"{self.name} ({self.model_id}): about ${self.monthly_cost_usd:,.0f} a month untuned, "
            f"at {p.input_usd_per_1m_tokens:g} in / {p.output_usd_per_1m_tokens:g} out per 1M "
            f"tokens ({p.confidence or 'unrated'}; {_catalog._short_source(p.source)}; "
            f"as of {p.on})"
        )


def check_decision_date(as_of: _dt.date | str | None) -> _dt.date:
    """The decision date as a ``date``, refused when the catalog cannot speak for it.

    Examples
    --------
    >>> str(check_decision_date("2026-12-02"))
    '2026-12-02'
    """
    day = _clock.today() if as_of is None else check_date("as_of", as_of)
    earliest = _catalog.earliest_catalog_date()
    if day < earliest:
        raise FtlibError(
            "as_of",
            as_of,
            f"a date on or after {earliest.isoformat()}, the date of the earliest catalog vintage",
            "the catalog holds no prices or statuses before it",
        )
    return day


def routes_for(approach: str, provider: str) -> tuple[TrainingRoute, ...]:
    """The hosted routes that serve ``approach`` for a team training at ``provider``.

    Examples
    --------
    >>> [r.provider for r in routes_for("sft-api", "any")]
    ['openai', 'anthropic', 'google']
    >>> routes_for("lora", "any")
    ()
    """
    return tuple(r for r in ROUTES if r.approach == approach and provider in ("any", r.provider))


def _lifecycle(route: TrainingRoute, row: _catalog.ModelRow) -> tuple[_catalog.LifecycleEvent, ...]:
    if route.inferred_from:  # only the service's opening and closing speak for this route
        return tuple(e for e in row.lifecycle if e.status != "retired")
    return row.lifecycle


def _status(route: TrainingRoute, row: _catalog.ModelRow, day: _dt.date):
    """The event that opened the row's current status (the first of a run of equal statuses)."""
    events = [e for e in _lifecycle(route, row) if e.date <= day]
    if not events:
        return None
    first = len(events) - 1
    while first > 0 and events[first - 1].status == events[-1].status:
        first -= 1
    return events[first]


def _open_to(status: str | None, access: bool) -> bool:
    return status == "available" or (access and status == "closed_to_new_users")


def _rows(route: TrainingRoute, cat: _catalog.Catalog) -> list[_catalog.ModelRow]:
    return [cat.get(i) for i in route.row_ids if i in cat.ids]


def _ends(
    route: TrainingRoute, rows: list[_catalog.ModelRow], day: _dt.date, access: bool
) -> _catalog.LifecycleEvent | None:
    """The first event after ``day`` from which no row of the route is open to this team."""
    dates = sorted({e.date for r in rows for e in _lifecycle(route, r) if e.date > day})
    for date in dates:
        if not any(
            _open_to(getattr(_status(route, r, date), "status", None), access) for r in rows
        ):
            return next(
                e
                for r in rows
                for e in _lifecycle(route, r)
                if e.date == date and not _open_to(e.status, access)
            )
    return None


def check_route(
    route: TrainingRoute,
    on: _dt.date | str,
    *,
    existing_access: bool = False,
    catalog: _catalog.Catalog | None = None,
) -> RouteCheck:
    """Is ``route`` open on day ``on`` to a team (new, or with existing access)?

    Parameters
    ----------
    route
        One of :data:`ROUTES`.
    on
        The day of the decision.
    existing_access
        The team already had access before the provider closed the route to new users
        (it counts only for routes whose provider lets existing users keep training).
    catalog
        The catalog to read; default the newest vintage.

    Examples
    --------
    >>> bedrock = routes_for("sft-api", "anthropic")[0]
    >>> check = check_route(bedrock, "2026-09-01")
    >>> check.open, str(check.ends.date), check.ends.confidence
    (True, '2026-09-10', 'confirmed')
    """
    day = check_date("on", on)
    cat = _catalog.load_catalog() if catalog is None else catalog
    access = existing_access and route.existing_access
    rows = _rows(route, cat)
    states = [(r, _status(route, r, day)) for r in rows]
    known = [(r, e) for r, e in states if e is not None]
    if known:
        best = min((e for _, e in known), key=lambda e: _STATUS_ORDER.index(e.status))
        status, since, conf, source = best.status, best.date, best.confidence, best.source
    else:
        status, since, conf, source = "not_yet_available", None, "", ""
    is_open = _open_to(status, access)
    via_access = is_open and status != "available"
    ends = _ends(route, rows, day, access) if is_open else None
    notes: list[str] = []
    if not is_open:
        text = f"{route.label}: " + (
            f"{status.replace('_', ' ')} since {since.isoformat()} ({conf}; {source})."
            if since
            else "not yet available."
        )
        if status == "closed_to_new_users":
            text += " Teams that already had access may keep training for now."
        nxt = _ends(route, rows, day, True) if status == "closed_to_new_users" else None
        if nxt is not None:
            phrase = _catalog.change_phrase(nxt.status)
            text += f" For them, {phrase} on {nxt.date.isoformat()} ({nxt.confidence})."
        notes.append(text)
    else:
        note = "; ".join(dict.fromkeys(r.route_note for r in rows if r.route_note))
        if note and status == "available":
            notes.append(f"{route.label}: {note}")
    if via_access:
        steps = [
            e
            for r in rows
            for e in _lifecycle(route, r)
            if e.status == "closed_to_new_users" and e.date <= day and e.note
        ]
        for e in list(dict.fromkeys(steps))[1:]:  # the steps after the first closure
            notes.append(f"Since {e.date.isoformat()} ({e.confidence}): {e.note}")
    if ends is not None and (ends.date - day).days <= ENDING_SOON_DAYS:
        days = (ends.date - day).days
        notes.append(
            f"Ending soon: for this team {route.label} {_catalog.change_phrase(ends.status)} "
            f"on {ends.date.isoformat()} ({ends.confidence}; {ends.source}), {days} days after "
            f"{day.isoformat()}. Plan the replacement before then."
        )
    return RouteCheck(
        route, day, is_open, via_access, status, since, conf, source, ends, tuple(notes)
    )


def inferred_note(route: TrainingRoute) -> str:
    """The sentence that says a route's status is read from another service's rows ("" if not).

    Examples
    --------
    >>> inferred_note(routes_for("sft-api", "anthropic")[0])
    ''
    """
    if not route.inferred_from:
        return ""
    return (
        f"{route.label}: the catalog has no row of its own; its status is inferred from "
        f"{route.inferred_from}, on which it trains."
    )


def route_events(
    route: TrainingRoute,
    on: _dt.date | str,
    *,
    ahead: bool,
    catalog: _catalog.Catalog | None = None,
) -> str:
    """The route's stops after ``on`` (``ahead``) or already past, grouped by date, as one clause.

    Dates ahead are worded as ahead ("new training jobs stop on ..."), past ones as past;
    an inferred route names the service, never the models its status is read from.

    Examples
    --------
    >>> sft = routes_for("sft-api", "openai")[0]
    >>> route_events(sft, "2026-12-02", ahead=True).split("; ")[0]
    'new training jobs stop for gpt-4.1 and gpt-4.1-mini on 2027-01-06 (confirmed)'
    """
    day = check_date("on", on)
    cat = _catalog.load_catalog() if catalog is None else catalog
    rows = _rows(route, cat)
    groups: dict[tuple[str, _dt.date, str], list[str]] = {}
    for row in rows:
        for e in _lifecycle(route, row):
            if e.status in _TRAINING_STOPPED and ((e.date > day) if ahead else (e.date <= day)):
                groups.setdefault((e.status, e.date, e.confidence), []).append(
                    row.base_id or row.id
                )
    parts = []
    for (status, date, confidence), names in sorted(groups.items(), key=lambda kv: kv[0][1]):
        if route.inferred_from:
            what = f"new training jobs on {route.inferred_from} {'stop' if ahead else 'stopped'}"
        elif status == "training_closed":
            what = f"new training jobs {'stop' if ahead else 'stopped'} for {_names(names)}"
        else:
            what = f"fine-tunes of {_names(names)} {'shut down' if ahead else 'were shut down'}"
        parts.append(f"{what} on {date.isoformat()} ({confidence})")
    return "; ".join(parts)


def _names(ids: list[str]) -> str:
    names = list(dict.fromkeys(ids))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def cheaper_current_models(
    provider: str,
    on: _dt.date | str,
    requests_per_month: float,
    *,
    catalog: _catalog.Catalog | None = None,
    limit: int = 2,
) -> tuple[CheaperModel, ...]:
    """The cheapest untuned models a team can call on ``on``, at its volume and the article's mix.

    A model counts when it is an API model of the provider, available that day, priced
    that day, and not shutting down within :data:`ENDING_SOON_DAYS`. Costs use the
    article's 500 input and 200 output tokens a request; reasoning tokens, billed as
    output by models that reason by default, come on top and must be measured.

    Examples
    --------
    >>> best = cheaper_current_models("openai", "2026-12-02", 1_000_000)[0]
    >>> best.model_id, round(best.monthly_cost_usd)
    ('gpt-6-luna', 150)
    """
    day = check_date("on", on)
    check_number("requests_per_month", requests_per_month, minimum=0)
    cat = _catalog.load_catalog() if catalog is None else catalog
    allowed = _MODEL_PROVIDERS.get(provider, ())
    workload = _costs.Workload(requests_per_month, *ARTICLE_TOKENS_PER_REQUEST)
    found = []
    for row in cat.rows:
        if row.kind != "api" or row.provider not in allowed:
            continue
        st = row.status_on(day)
        if st.status != "available":
            continue
        nxt = st.next_event
        if (
            nxt is not None
            and nxt.status == "retired"
            and (nxt.date - day).days <= ENDING_SOON_DAYS
        ):
            continue
        p = row.prices_on(day)
        if p.input_usd_per_1m_tokens is None or p.output_usd_per_1m_tokens is None:
            continue
        cost = _costs.monthly_cost(
            workload, _costs.Prices(p.input_usd_per_1m_tokens, p.output_usd_per_1m_tokens)
        ).monthly_cost_usd
        found.append(CheaperModel(row.id, row.name, cost, p))
    found.sort(key=lambda m: m.monthly_cost_usd)
    return tuple(found[:limit])
