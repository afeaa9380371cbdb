"""Which hosted training routes the decision flow can use on a date, to whom, and until when.

The decision flow (:mod:`ftlib.decision`) ends on an approach; some approaches run
on a vendor's training service. The routes and their dated events live in the
routes registry (:mod:`ftlib.catalog.routes`, ``ftlib/data/routes/``); this module picks the
ones behind each approach (:data:`ROUTES`) and turns a route's events into a verdict
for one team on one day (:func:`check_route`) with dated sentences: every date with
its confidence, every date still ahead worded as ahead. An existing customer counts
as one only on the platform where it already fine-tunes.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from ..core import clock as _clock
from ..core.errors import FtlibError, check_date, check_number
from ..costs import bills as _costs
from . import models as _catalog
from . import routes as _routes

__all__ = [
    "ENDING_SOON_DAYS",
    "ARTICLE_TOKENS_PER_REQUEST",
    "PLATFORM_NAMES",
    "TrainingRoute",
    "ROUTES",
    "RouteCheck",
    "CheaperModel",
    "check_route",
    "routes_for",
    "cheaper_current_models",
    "check_decision_date",
    "route_events",
]

ENDING_SOON_DAYS = 90  # a recommended route that ends within this many days gets a warning
# The article's token mix per request (500 in, 200 out), used to rank untuned models.
ARTICLE_TOKENS_PER_REQUEST = (500, 200)
# How sentences name the platforms a team may already fine-tune on.
PLATFORM_NAMES = {
    "openai": "OpenAI",
    "azure": "Azure OpenAI",
    "vertex": "Vertex AI",
    "bedrock": "Amazon Bedrock",
}

_STATUS_ORDER = ("available", "closed_to_new_users", "training_closed", "retired")
_TRAINING_STOPPED = ("training_closed", "retired")
_FLOW_APPROACHES = ("sft-api", "distillation")
# Route providers the decision flow weighs (Mistral's and Cohere's ended APIs are history only).
_DECISION_ROUTE_PROVIDERS = ("openai", "google", "anthropic", "amazon", "meta")


@dataclass(frozen=True)
class TrainingRoute:
    """A hosted training route behind one approach of the flow: a route of the registry."""

    approach: str
    provider: str
    label: str
    route: _routes.Route

    @property
    def row_ids(self) -> tuple[str, ...]:
        """The catalog rows that price the route's tuned models (may be empty)."""
        return self.route.catalog_rows

    @property
    def platform(self) -> str:
        """Where the route trains (``openai``, ``azure``, ``vertex``, ``bedrock``, ...)."""
        return self.route.platform

    @property
    def existing_access(self) -> bool:
        """True when customers already on the platform may keep (or only they may) train."""
        return self.route.existing_customers


def _flow_routes() -> tuple[TrainingRoute, ...]:
    return tuple(
        TrainingRoute(approach, r.provider, r.label, r)
        for r in _routes.load_routes().routes
        if r.provider in _DECISION_ROUTE_PROVIDERS
        for approach in r.approaches
        if approach in _FLOW_APPROACHES
    )


ROUTES: tuple[TrainingRoute, ...] = _flow_routes()

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
    checked: _dt.date | None = None  # the day the catalog row was checked

    def __str__(self) -> str:
        p = self.prices
        return (
            f"{self.name} ({self.model_id}): about ${self.monthly_cost_usd:,.0f} a month untuned, "
            f"at {p.input_usd_per_1m_tokens:g} in / {p.output_usd_per_1m_tokens:g} out per 1M "
            f"tokens ({p.confidence or 'unrated'}; {_catalog._short_source(p.source)}; "
            f"as of {self.checked or p.on})"
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
    >>> [r.route.id for r in routes_for("sft-api", "openai")]
    ['openai-api-gpt-4.1', 'azure-gpt-4.1', 'azure-gpt-4o']
    >>> routes_for("lora", "any")
    ()
    """
    return tuple(
        r for r in _flow_routes() if r.approach == approach and provider in ("any", r.provider)
    )


def _rows(route: TrainingRoute, cat: _catalog.Catalog) -> list[_catalog.ModelRow]:
    return [cat.get(i) for i in route.row_ids if i in cat.ids]


def check_route(
    route: TrainingRoute,
    on: _dt.date | str,
    *,
    existing_access: bool = False,
    catalog: _catalog.Catalog | None = None,
) -> RouteCheck:
    """Is ``route`` open on day ``on`` to a team (new, or already a customer of its platform)?

    Parameters
    ----------
    route
        One of :data:`ROUTES`.
    on
        The day of the decision.
    existing_access
        The team already fine-tunes on the route's platform (an OpenAI customer is not an
        Azure one: the caller decides, see :class:`ftlib.decision.Situation`).
    catalog
        The catalog whose rows give the route's notes; default the newest vintage.

    Examples
    --------
    >>> bedrock = routes_for("sft-api", "anthropic")[0]
    >>> check = check_route(bedrock, "2026-09-01")
    >>> check.open, str(check.ends.date), check.ends.confidence
    (True, '2026-09-10', 'confirmed')
    """
    day = check_date("on", on)
    if not isinstance(existing_access, bool):
        raise FtlibError("existing_access", existing_access, "True or False")
    cat = _catalog.load_catalog() if catalog is None else catalog
    r = route.route
    state = _routes.route_state(r, day, existing_customer=existing_access)
    new_state = _routes.route_state(r, day, existing_customer=False)
    since = state.since
    status = state.status
    conf, source = (since.confidence, since.source) if since else ("", "")
    via_access = state.can_train and not new_state.can_train
    notes: list[str] = []
    if not state.can_train:
        if status == "available":
            notes.append(
                f"{r.label}: open only to existing customers of {r.platform_name} "
                f"({r.condition}); a new team cannot start there."
            )
        elif since is None and r.events[0].bound == "no_later_than":
            pass  # no record of the route before the day it was checked: nothing to say
        elif since is None:
            notes.append(f"{r.label}: not yet available.")
        else:
            text = (
                f"{r.label}: {status.replace('_', ' ')} since {since.date_text} ({conf}; {source})."
            )
            if status == "closed_to_new_users" and r.existing_customers:
                text += " Teams that already fine-tune there may keep training for now."
                nxt = _routes.route_state(r, day, existing_customer=True).ends
                if nxt is not None:
                    text += (
                        f" For them, {_catalog.change_phrase(nxt.status)} "
                        f"{_clock.dated_phrase(nxt.date, day, bound=nxt.bound)} ({nxt.confidence})."
                    )
            notes.append(text)
    else:
        note = "; ".join(
            dict.fromkeys(row.route_note for row in _rows(route, cat) if row.route_note)
        )
        if note and not via_access:
            notes.append(f"{r.label}: {note}")
    if via_access:
        steps = [
            e for e in r.events if e.status == "closed_to_new_users" and e.date <= day and e.note
        ]
        for e in list(dict.fromkeys(steps))[1:]:  # the steps after the first closure
            notes.append(f"Since {e.date.isoformat()} ({e.confidence}): {e.note}")
    ends = state.ends
    if ends is not None and (ends.date - day).days <= ENDING_SOON_DAYS:
        notes.append(
            f"Ending soon: for this team {r.label} {_catalog.change_phrase(ends.status)} "
            f"{_clock.dated_phrase(ends.date, day, bound=ends.bound)} ({ends.confidence}; "
            f"{ends.source}). Plan the replacement before then."
        )
    return RouteCheck(
        route,
        day,
        state.can_train,
        via_access,
        status,
        since.date if since else None,
        conf,
        source,
        ends,
        tuple(notes),
    )


def route_events(
    route: TrainingRoute,
    on: _dt.date | str,
    *,
    ahead: bool,
    catalog: _catalog.Catalog | None = None,
) -> str:
    """The route's stops after ``on`` (``ahead``) or already past, as one clause.

    Dates ahead are worded as ahead ("new training jobs stop for ... on ..."), past ones
    as past; a date the provider gives only as a bound says so ("no earlier than").

    Examples
    --------
    >>> sft = routes_for("sft-api", "openai")[0]
    >>> route_events(sft, "2026-12-07", ahead=True).split("; ")[0]
    'new training jobs stop for gpt-4.1 and gpt-4.1-mini on 2027-01-06 (confirmed)'
    """
    day = check_date("on", on)
    names = _names(list(route.route.base_models))
    parts = []
    for e in route.route.events:
        if e.status not in _TRAINING_STOPPED or ((e.date > day) != ahead):
            continue
        when = e.date_text if e.bound else f"on {e.date.isoformat()}"
        if e.status == "training_closed":
            what = f"new training jobs {'stop' if ahead else 'stopped'} for {names}"
        else:
            what = f"fine-tunes of {names} {'shut down' if ahead else 'were shut down'}"
        parts.append(f"{what} {when} ({e.confidence})")
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
        found.append(CheaperModel(row.id, row.name, cost, p, row.as_of))
    found.sort(key=lambda m: m.monthly_cost_usd)
    return tuple(found[:limit])
