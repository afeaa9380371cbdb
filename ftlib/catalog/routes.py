"""Where a team can fine-tune on a date: the dated registry of training routes.

Each route (``ftlib/data/routes/<date>_checked.json``, validated against its
``schema.json``) is a platform and its base models, the methods it trains, who may
use it (new teams, existing customers and on what condition), its prices where
known, and dated events: opening, closing to new teams, training closing, serving
ending. Each event has a confidence and a source; a date the provider gives only as
a bound is marked so ("no earlier than 2027-04-14"). :func:`route_state` says what
one route means for one team on one day; :func:`routes_on` lists them;
:func:`where_to_fine_tune` is the one-screen table; :func:`dated_events` lists every
dated event in the course's data, for a page to compare with its reader's date.
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

import fastjsonschema

from ..core import clock as _clock
from ..core.errors import FtlibError, check_choice, check_date, did_you_mean
from . import models as _catalog
from .models import LifecycleEvent

__all__ = [
    "PLATFORMS_TUNED_ON",
    "ROUTE_PROVIDERS",
    "RoutePrice",
    "Route",
    "RouteRegistry",
    "RouteState",
    "DatedEvent",
    "load_routes",
    "route_state",
    "routes_on",
    "where_to_fine_tune",
    "routes_table",
    "dated_events",
    "stale_note",
    "STALE_AFTER_DAYS",
    "routes_from_dict",
    "METHOD_NAMES",
]

_DATA = "data/routes"
# Where a team may already fine-tune (decide --tunes-on): the platforms with existing customers.
PLATFORMS_TUNED_ON = ("openai", "azure", "vertex", "bedrock")
ROUTE_PROVIDERS = (
    "openai",
    "google",
    "anthropic",
    "amazon",
    "meta",
    "open-weights",
    "mistral",
    "cohere",
)
_PHRASES = {
    "available": "opens",
    "closed_to_new_users": "closes to new teams",
    "training_closed": "training closes",
    "retired": "serving ends",
}
_PAST_PHRASES = {
    "available": "opened",
    "closed_to_new_users": "closed to new teams",
    "training_closed": "training closed",
    "retired": "serving ended",
}


@dataclass(frozen=True)
class RoutePrice:
    """A training or tuned-inference price of a route, as text with its numbers where known."""

    text: str
    confidence: str
    source: str
    usd_per_1m_tokens: float | None = None
    usd_per_hour: float | None = None
    input_usd_per_1m_tokens: float | None = None
    output_usd_per_1m_tokens: float | None = None


@dataclass(frozen=True)
class Route:
    """One fine-tuning route: a platform, base models, methods, who may use it, dated events."""

    id: str
    platform: str
    platform_name: str
    provider: str
    label: str
    approaches: tuple[str, ...]
    base_models: tuple[str, ...]
    methods: tuple[str, ...]
    new_teams: bool
    existing_customers: bool
    condition: str
    events: tuple[LifecycleEvent, ...]
    as_of: _dt.date
    source: str
    catalog_rows: tuple[str, ...] = ()
    training_price: RoutePrice | None = None
    tuned_inference_price: RoutePrice | None = None
    notes: str = ""

    def status_on(self, on: _dt.date | str) -> tuple[str, LifecycleEvent | None]:
        """The route's status on ``on`` and the event that opened it (the first of its run).

        Examples
        --------
        >>> r = load_routes().get("openai-api-gpt-4.1")
        >>> status, since = r.status_on("2026-12-07")
        >>> status, str(since.date)
        ('closed_to_new_users', '2026-05-07')
        """
        day = check_date("on", on)
        past = [e for e in self.events if e.date <= day]
        if not past:
            return "not_yet_available", None
        first = len(past) - 1
        while first > 0 and past[first - 1].status == past[-1].status:
            first -= 1
        return past[-1].status, past[first]

    def who_text(self) -> str:
        """Who may train on the route, in a few words."""
        if self.new_teams:
            return "new teams and existing customers"
        if self.existing_customers:
            return f"existing customers only ({self.condition})"
        return self.condition or "nobody"


@dataclass(frozen=True)
class RouteRegistry:
    """One vintage of the routes registry."""

    vintage: str
    as_of: _dt.date
    label: str
    source: str
    routes: tuple[Route, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        """Every route id, in file order."""
        return tuple(r.id for r in self.routes)

    def get(self, route_id: str) -> Route:
        """The route ``route_id``; an unknown id raises an error naming the closest ones."""
        for r in self.routes:
            if r.id == route_id:
                return r
        hint = did_you_mean(route_id, self.ids) or f"known ids: {', '.join(self.ids)}"
        raise FtlibError("route_id", route_id, f"a route id of {self.vintage}", hint)


@dataclass(frozen=True)
class RouteState:
    """What one route means for one team on one day.

    ``can_train``: this team may start a training job that day; ``serving``: tuned
    models are still served; ``ends``: the next event that takes training away from this
    team (``None``: none known); ``serving_ends``: the day tuned models stop, if known.
    """

    route: Route
    on: _dt.date
    existing_customer: bool
    status: str
    since: LifecycleEvent | None
    can_train: bool
    serving: bool
    ends: LifecycleEvent | None
    serving_ends: LifecycleEvent | None

    def phrase(self) -> str:
        """One sentence: open or not to this team that day, and until when, worded for that day.

        Examples
        --------
        >>> azure = load_routes().get("azure-gpt-4.1")
        >>> route_state(azure, "2027-02-01", existing_customer=True).phrase()
        'open to this team; training closes no earlier than 2027-04-14, in 72 days (confirmed)'
        """
        if self.can_train:
            text = "open to this team" if not self.route.new_teams else "open to new teams"
            if self.ends is not None:
                text += f"; {_event_text(self.ends, self.on)}"
            elif self.serving_ends is not None:
                text += f"; {_event_text(self.serving_ends, self.on)}"
            return text
        if self.status == "not_yet_available":
            first = self.route.events[0]
            return f"no record before {first.date.isoformat()}"
        if self.status == "retired":
            return _event_text(self.since, self.on) if self.since else "ended"
        text = {
            "training_closed": "training closed",
            "closed_to_new_users": "closed to new teams",
            "available": "not open to this team",
        }[self.status]
        if self.since is not None and self.since.bound == "no_earlier_than":
            # only the earliest day was promised: past it, the event may or may not have come
            text = text.replace("closed", "may have closed", 1)
            text += (
                f" ({self.since.date.isoformat()} was the earliest date given,"
                f" {self.since.confidence}; check with the provider)"
            )
        elif self.since is not None and self.status != "available":
            text += f" ({self.since.date_text}, {self.since.confidence})"
        if self.serving and self.serving_ends is not None:
            text += f"; tuned models serve until {self.serving_ends.date_text}"
            text += f" ({self.serving_ends.confidence})"
        return text

    @property
    def who_today(self) -> str:
        """Who may train on the route that day: new teams, existing customers only, or nobody.

        Examples
        --------
        >>> route_state(load_routes().get("openai-api-gpt-4.1"), "2026-12-07").who_today
        'existing customers only'
        """
        r = self.route
        if self.status == "available" and r.new_teams:
            return "new teams"
        if self.status in ("available", "closed_to_new_users") and r.existing_customers:
            return "existing customers only"
        if self.status == "available":
            return r.condition or "nobody"
        return "nobody"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (``routes --json``)."""

        def ev(e: LifecycleEvent | None) -> dict[str, Any] | None:
            if e is None:
                return None
            return {
                "status": e.status,
                "date": e.date.isoformat(),
                "bound": e.bound or None,
                "confidence": e.confidence,
                "source": e.source,
                "note": e.note,
            }

        r = self.route
        return {
            "id": r.id,
            "label": r.label,
            "platform": r.platform,
            "platform_name": r.platform_name,
            "provider": r.provider,
            "base_models": list(r.base_models),
            "methods": list(r.methods),
            "who": r.who_text(),
            "who_today": self.who_today,
            "on": self.on.isoformat(),
            "existing_customer": self.existing_customer,
            "status": self.status,
            "since": ev(self.since),
            "can_train": self.can_train,
            "serving": self.serving,
            "ends": ev(self.ends),
            "serving_ends": ev(self.serving_ends),
            "phrase": self.phrase(),
            "training_price": r.training_price.text if r.training_price else None,
            "tuned_inference_price": (
                r.tuned_inference_price.text if r.tuned_inference_price else None
            ),
            "as_of": r.as_of.isoformat(),
            "source": r.source,
        }


def _event_text(e: LifecycleEvent, on: _dt.date) -> str:
    words = (_PHRASES if e.date > on else _PAST_PHRASES)[e.status]
    return f"{words} {_clock.dated_phrase(e.date, on, bound=e.bound)} ({e.confidence})"


def _can_train(route: Route, status: str, existing: bool) -> bool:
    if status == "available":
        return route.new_teams or (existing and route.existing_customers)
    if status == "closed_to_new_users":
        return existing and route.existing_customers
    return False


def route_state(
    route: Route, on: _dt.date | str | None = None, *, existing_customer: bool = False
) -> RouteState:
    """What ``route`` means on day ``on`` (default today) for a new team or an existing customer.

    ``existing_customer`` is true when the team already fine-tunes on the route's platform
    (an OpenAI customer is not an Azure one).

    Examples
    --------
    >>> azure = load_routes().get("azure-gpt-4.1")
    >>> route_state(azure, "2027-02-01").can_train
    False
    >>> s = route_state(azure, "2027-02-01", existing_customer=True)
    >>> s.can_train, str(s.ends.date), str(s.serving_ends.date)
    (True, '2027-04-14', '2027-10-14')
    """
    day = _clock.today() if on is None else check_date("on", on)
    if not isinstance(existing_customer, bool):
        raise FtlibError("existing_customer", existing_customer, "True or False")
    status, since = route.status_on(day)
    can = _can_train(route, status, existing_customer)
    ends = None
    if can:
        ends = next(
            (
                e
                for e in route.events
                if e.date > day and not _can_train(route, e.status, existing_customer)
            ),
            None,
        )
    serving_ends = next((e for e in route.events if e.status == "retired" and e.date > day), None)
    return RouteState(
        route,
        day,
        existing_customer,
        status,
        since,
        can,
        status not in ("retired", "not_yet_available"),
        ends,
        serving_ends,
    )


def routes_on(
    on: _dt.date | str | None = None,
    *,
    provider: str | None = None,
    new_team: bool = False,
    tunes_on: str | None = None,
    registry: RouteRegistry | None = None,
) -> tuple[RouteState, ...]:
    """Every route's state on ``on`` (default today), for a new team or one tuning on a platform.

    Parameters
    ----------
    on
        The day.
    provider
        Keep only routes of this model provider (one of :data:`ROUTE_PROVIDERS`) or platform.
    new_team
        Keep only routes a new team can train on that day.
    tunes_on
        The platform the team already fine-tunes on (one of :data:`PLATFORMS_TUNED_ON`):
        it counts as an existing customer there, and only there.

    Examples
    --------
    >>> [s.route.id for s in routes_on("2027-02-01", provider="openai", tunes_on="azure")
    ...  if s.can_train]
    ['azure-gpt-4.1', 'azure-gpt-4o', 'azure-o4-mini-rft']
    """
    day = _clock.today() if on is None else check_date("on", on)
    reg = load_routes() if registry is None else registry
    if tunes_on is not None:
        check_choice("tunes_on", tunes_on, PLATFORMS_TUNED_ON)
    if provider is not None:
        known = sorted(set(ROUTE_PROVIDERS) | {r.platform for r in reg.routes})
        check_choice("provider", provider, known)
    out = []
    for r in reg.routes:
        if provider is not None and provider not in (r.provider, r.platform):
            continue
        state = route_state(r, day, existing_customer=(tunes_on == r.platform))
        if new_team and not (state.can_train and r.new_teams):
            continue
        out.append(state)
    return tuple(out)


def where_to_fine_tune(
    on: _dt.date | str | None = None, *, registry: RouteRegistry | None = None
) -> Any:
    """The one-screen table: the routes a team can train on that day, for whom, until when.

    One row per open route (new teams first), with its methods, who may use it and the
    next date that matters, worded for that day; routes closed or ended are left out.

    Examples
    --------
    >>> t = where_to_fine_tune("2026-12-07")
    >>> "Azure OpenAI SFT and DPO on the gpt-4.1 family" in t.text()
    True
    """
    from ..core.tables import table as _table

    day = _clock.today() if on is None else check_date("on", on)
    reg = load_routes() if registry is None else registry
    groups: dict[Any, list[tuple[Route, str, bool]]] = {}
    for r in reg.routes:
        # open to new teams: their next date; open only to existing customers: theirs
        state = route_state(r, day)
        new = state.can_train
        if not new:
            state = route_state(r, day, existing_customer=True)
            if not state.can_train:
                continue
        nxt = state.ends or state.serving_ends
        when = _event_text(nxt, day) if nxt else "no end date announced"
        hosted = "lora-hosted" in r.approaches and r.platform not in PLATFORMS_TUNED_ON
        key = ("hosted", new, when) if hosted else (r.platform, new, when, r.id)
        groups.setdefault(key, []).append((r, when, new))
    rows = []
    for members in groups.values():
        routes = [m[0] for m in members]
        if len(routes) == 1:
            label = routes[0].label
        else:
            label = "Hosted tuning of open weights: " + ", ".join(r.platform_name for r in routes)
        methods = list(dict.fromkeys(m for r in routes for m in r.methods))
        rows.append(
            (
                0 if members[0][2] else 1,
                label,
                ", ".join(METHOD_NAMES.get(m, m) for m in methods) or "-",
                "new teams" if members[0][2] else "existing customers only",
                members[0][1],
            )
        )
    rows.sort(key=lambda x: x[0])
    import pandas as pd

    frame = pd.DataFrame(
        [x[1:] for x in rows], columns=["route", "methods", "who may train", "next date"]
    ).set_index("route")
    return _table(
        frame, caption=f"Where you can fine-tune on {day.isoformat()}. {stale_note(day, reg)}"
    )


def routes_table(states: tuple[RouteState, ...] | list[RouteState]) -> Any:
    """Route states as a table: the route, who may train that day, and what the day means.

    Examples
    --------
    >>> t = routes_table(routes_on("2027-02-01", provider="azure", tunes_on="azure"))
    >>> t.headers
    ('route', 'who may train', 'that day')
    """
    import pandas as pd

    from ..core.tables import table as _table

    frame = pd.DataFrame(
        [(s.route.label, s.who_today, s.phrase()) for s in states],
        columns=["route", "who may train", "that day"],
    ).set_index("route")
    day = states[0].on.isoformat() if states else ""
    return _table(frame, caption=f"Routes on {day}." if day else "")


STALE_AFTER_DAYS = 60  # routes older than this on the day shown get "re-check before relying"


def stale_note(on: _dt.date | str | None = None, registry: RouteRegistry | None = None) -> str:
    """When the routes were checked, and past :data:`STALE_AFTER_DAYS` a request to re-check.

    Examples
    --------
    >>> stale_note("2026-12-08")
    'Routes checked on 2026-12-07 (Fine-tuning routes, checked 2026-12-07).'
    >>> "re-check each route" in stale_note("2027-06-01")
    True
    """
    day = _clock.today() if on is None else check_date("on", on)
    reg = load_routes() if registry is None else registry
    text = f"Routes checked on {reg.as_of.isoformat()} ({reg.label})."
    age = (day - reg.as_of).days
    if age > STALE_AFTER_DAYS:
        text += (
            f" That is {_clock.days_between_text(age)} before {day.isoformat()}: routes open and "
            "close within weeks, so re-check each route with its provider before relying on it."
        )
    return text


METHOD_NAMES = {"sft": "SFT", "dpo": "DPO", "rft": "RFT", "lora": "LoRA", "full": "full tuning"}


@dataclass(frozen=True)
class DatedEvent:
    """A dated fact of the course's data: a route event, a lifecycle step, a price change."""

    date: _dt.date
    kind: str  # "route", "model" or "price"
    subject: str
    text: str
    confidence: str
    source: str
    bound: str = ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (a page's build-time data)."""
        return {
            "date": self.date.isoformat(),
            "kind": self.kind,
            "subject": self.subject,
            "text": self.text,
            "confidence": self.confidence,
            "source": self.source,
            "bound": self.bound or None,
        }


def dated_events(
    after: _dt.date | str | None = None,
    until: _dt.date | str | None = None,
    *,
    registry: RouteRegistry | None = None,
    catalog: _catalog.Catalog | None = None,
) -> tuple[DatedEvent, ...]:
    """Every dated event of the routes registry and the catalog with ``after < date <= until``.

    Either bound may be ``None`` (open). Texts are tenseless ("OpenAI SFT on the gpt-4.1
    family: serving ends"), so a page can show them on any day next to their date.

    Examples
    --------
    >>> [e.subject for e in dated_events("2027-01-13", "2027-01-14") if e.kind == "route"]
    ['OpenAI SFT on the gpt-4.1 family', 'OpenAI distillation into a gpt-4.1 student']
    """
    lo = None if after is None else check_date("after", after)
    hi = None if until is None else check_date("until", until)
    reg = load_routes() if registry is None else registry
    cat = _catalog.load_catalog() if catalog is None else catalog

    def keep(d: _dt.date) -> bool:
        return (lo is None or d > lo) and (hi is None or d <= hi)

    out = []
    for r in reg.routes:
        for e in r.events:
            if keep(e.date):
                text = f"{r.label}: {_PHRASES[e.status]}"
                out.append(
                    DatedEvent(e.date, "route", r.label, text, e.confidence, e.source, e.bound)
                )
    for row in cat.rows:
        for e in row.lifecycle:
            if keep(e.date):
                text = f"{row.name}: {_catalog.change_phrase(e.status)}"
                if e.replacement:
                    text += f" (replacement: {e.replacement})"
                out.append(
                    DatedEvent(e.date, "model", row.id, text, e.confidence, e.source, e.bound)
                )
        for c in row.price_changes:
            if keep(c.date) and c.date > row.as_of:  # announced changes, not replayed history
                shown = ", ".join(
                    f"{k.replace('_usd_per_1m_tokens', '').replace('_', ' ')} "
                    f"{'unknown' if v is None else f'{v:g}'}"
                    for k, v in c.prices
                )
                text = f"{row.name}: prices change to {shown} (USD per 1M tokens)"
                out.append(DatedEvent(c.date, "price", row.id, text, c.confidence, c.source))
    out.sort(key=lambda e: (e.date, e.kind, e.subject))
    return tuple(out)


# --- loading ---------------------------------------------------------------------------------


@functools.cache
def _validator() -> Any:
    schema = json.loads(
        resources.files("ftlib").joinpath(_DATA, "schema.json").read_text(encoding="utf-8")
    )
    return fastjsonschema.compile(schema)


@functools.cache
def _files() -> tuple[str, ...]:
    folder = resources.files("ftlib").joinpath(_DATA)
    return tuple(
        sorted(
            e.name for e in folder.iterdir() if e.name.endswith(".json") and e.name[:4].isdigit()
        )
    )


def _price(p: dict[str, Any] | None) -> RoutePrice | None:
    return None if p is None else RoutePrice(**p)


def _event(e: dict[str, Any]) -> LifecycleEvent:
    return LifecycleEvent(
        e["status"],
        _dt.date.fromisoformat(e["date"]),
        e["confidence"],
        e["source"],
        e.get("note", ""),
        None,
        e.get("bound", ""),
    )


def routes_from_dict(data: dict[str, Any], name: str = "routes") -> RouteRegistry:
    """Validate ``data`` (schema, unique ids, events in date order) and build the registry."""
    try:
        _validator()(data)
    except fastjsonschema.JsonSchemaValueException as exc:
        where = "/".join(str(p) for p in exc.path[1:]) or "(top level)"
        raise FtlibError(
            f"{name}:{where}",
            exc.value,
            "a value allowed by ftlib/data/routes/schema.json",
            exc.message,
        ) from None
    routes = []
    for r in data["routes"]:
        events = tuple(_event(e) for e in r["events"])
        if [e.date for e in events] != sorted(e.date for e in events):
            raise FtlibError(f"{name}:{r['id']}.events", r["id"], "events in date order")
        who = r["who"]
        routes.append(
            Route(
                r["id"],
                r["platform"],
                r["platform_name"],
                r["provider"],
                r["label"],
                tuple(r["approaches"]),
                tuple(r["base_models"]),
                tuple(r["methods"]),
                who["new_teams"],
                who["existing_customers"],
                who["condition"],
                events,
                _dt.date.fromisoformat(r["as_of"]),
                r["source"],
                tuple(r.get("catalog_rows", ())),
                _price(r["training_price"]),
                _price(r["tuned_inference_price"]),
                r.get("notes", ""),
            )
        )
    ids = [r.id for r in routes]
    dup = next((i for i in ids if ids.count(i) > 1), None)
    if dup is not None:
        raise FtlibError(f"{name}:routes", dup, "unique route ids")
    return RouteRegistry(
        data["vintage"],
        _dt.date.fromisoformat(data["as_of"]),
        data["label"],
        data["source"],
        tuple(routes),
    )


@functools.cache
def _load(filename: str) -> RouteRegistry:
    text = resources.files("ftlib").joinpath(_DATA, filename).read_text(encoding="utf-8")
    return routes_from_dict(json.loads(text), filename)


def load_routes(vintage: str | None = None) -> RouteRegistry:
    """A routes vintage (default the newest), validated against ``ftlib/data/routes/schema.json``.

    Examples
    --------
    >>> reg = load_routes()
    >>> reg.vintage, str(reg.as_of)
    ('routes-2026-12-07', '2026-12-07')
    """
    files = _files()
    if vintage is None:
        return _load(files[-1])
    for f in files:
        reg = _load(f)
        if vintage in (reg.vintage, reg.as_of.isoformat()):
            return reg
    check_choice("vintage", vintage, [_load(f).vintage for f in files])
    raise AssertionError("unreachable")  # pragma: no cover
