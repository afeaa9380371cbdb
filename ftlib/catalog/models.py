"""The dated catalog of models, prices, customisation options and lifecycle status.

Each vintage is one JSON file in ``ftlib/data/catalog/`` (validated against
``schema.json`` on load). The article's April 2026 assumptions are one vintage,
the checked figures a newer one; a correction is a new file, never an edit, so
the course can show how the landscape moved. Every row says ``as_of`` and
``source``; every lifecycle date says whether it is confirmed or only reported.
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import fastjsonschema

from ..core import clock as _clock
from ..core.errors import FtlibError, check_choice, check_date, check_int, did_you_mean

__all__ = [
    "STALE_AFTER_MONTHS",
    "LIFECYCLE_STATUSES",
    "change_phrase",
    "CUSTOMISATIONS",
    "LifecycleEvent",
    "PriceChange",
    "PricesInForce",
    "PRICE_FIELDS",
    "ModelStatus",
    "ModelRow",
    "GpuRow",
    "Catalog",
    "list_vintages",
    "load_catalog",
    "landscape_checked",
    "landscape_note",
    "earliest_catalog_date",
    "catalog_from_dict",
    "status_table",
    "price_table",
]

STALE_AFTER_MONTHS = 3  # prices older than this get "verify before budgeting"
LIFECYCLE_STATUSES = ("available", "closed_to_new_users", "training_closed", "retired")
CUSTOMISATIONS = ("sft", "rft", "distillation-teacher", "distillation-student", "lora", "qlora")
_DATA = "data/catalog"
# The per-token prices a row (and a dated price change) can carry, in USD per 1M tokens.
PRICE_FIELDS = (
    "input_usd_per_1m_tokens",
    "cached_input_usd_per_1m_tokens",
    "output_usd_per_1m_tokens",
    "batch_input_usd_per_1m_tokens",
    "batch_output_usd_per_1m_tokens",
)


@dataclass(frozen=True)
class LifecycleEvent:
    """From ``date`` on, the offering has ``status`` (confidence: confirmed or reported)."""

    status: str
    date: _dt.date
    confidence: str
    source: str
    note: str = ""
    replacement: str | None = None  # the catalog id the provider names as replacement
    bound: str = ""  # "no_earlier_than" (the earliest the provider commits to) or "no_later_than"

    @property
    def date_text(self) -> str:
        """The date as a reader should see it: "no earlier than 2027-04-14" when it is a bound.

        Examples
        --------
        >>> e = LifecycleEvent("retired", _dt.date(2027, 5, 7), "confirmed", "x", bound="no_earlier_than")
        >>> e.date_text
        'no earlier than 2027-05-07'
        """
        prefix = {"no_earlier_than": "no earlier than ", "no_later_than": "by "}.get(self.bound, "")
        return f"{prefix}{self.date.isoformat()}"


_CHANGE_PHRASES = {
    "available": "becomes available",
    "closed_to_new_users": "closes to new users",
    "training_closed": "training closes",
    "retired": "shuts down",
}


def change_phrase(status: str) -> str:
    """A lifecycle change as a present-tense phrase, true whether its date is past or ahead.

    Status names read as past ("training closed on 2027-01-06"), which misleads for a
    date still ahead; sentences about a coming change use these phrases instead.

    Examples
    --------
    >>> change_phrase("training_closed")
    'training closes'
    """
    return _CHANGE_PHRASES[check_choice("status", status, LIFECYCLE_STATUSES)]


@dataclass(frozen=True)
class PriceChange:
    """From ``date`` on, the prices named in ``prices`` apply (the others stay as they were).

    A row's top-level prices are those in force on the row's ``as_of``; its changes
    (past and announced) are replayed over them in date order, so a change dated
    at or before ``as_of`` must leave them as they are (checked on load).

    ``prices`` holds ``(field, value)`` pairs, each field one of :data:`PRICE_FIELDS`;
    a value of ``None`` means the price is no longer known from that date (for example
    when a promotion ends and no new price was published).
    """

    date: _dt.date
    prices: tuple[tuple[str, float | None], ...]
    confidence: str
    source: str
    note: str = ""


@dataclass(frozen=True)
class PricesInForce:
    """The per-token prices of one row in force on day ``on``.

    USD per 1M tokens; ``None`` means unknown.

    ``since`` is the date of the last price change applied (``None``: the row's list
    prices, as of ``as_of``), with that change's ``confidence`` and ``source``.
    """

    model_id: str
    on: _dt.date
    input_usd_per_1m_tokens: float | None
    cached_input_usd_per_1m_tokens: float | None
    output_usd_per_1m_tokens: float | None
    batch_input_usd_per_1m_tokens: float | None
    batch_output_usd_per_1m_tokens: float | None
    since: _dt.date | None
    confidence: str
    source: str
    note: str = ""
    next_change: PriceChange | None = None


@dataclass(frozen=True)
class ModelStatus:
    """An offering's status on a given day, and the next change already announced or reported.

    ``status`` is ``"not_yet_available"`` before the first known date.
    """

    model_id: str
    on: _dt.date
    status: str
    since: _dt.date | None
    confidence: str
    source: str
    note: str = ""
    next_event: LifecycleEvent | None = None

    @property
    def usable(self) -> bool:
        """True when the offering can still be called (available or closed only to newcomers)."""
        return self.status not in ("retired", "not_yet_available")

    def __str__(self) -> str:
        text = f"{self.model_id} on {self.on}: {self.status.replace('_', ' ')}"
        if self.since:
            text += f" since {self.since} ({self.confidence})"
        if self.next_event:
            e = self.next_event
            text += f"; next: {change_phrase(e.status)} on {e.date} ({e.confidence})"
        return text


@dataclass(frozen=True)
class ModelRow:
    """One model or offering. Prices are USD per 1M tokens; ``None`` means no published figure."""

    id: str
    name: str
    provider: str
    kind: str  # api, fine-tuned, open-weights, self-hosted
    input_usd_per_1m_tokens: float | None
    output_usd_per_1m_tokens: float | None
    customisations: tuple[str, ...]
    lifecycle: tuple[LifecycleEvent, ...]
    as_of: _dt.date
    source: str
    base_id: str | None = None
    training_usd_per_1m_tokens: float | None = None
    training_usd_per_hour: float | None = None  # RFT is billed per wall-clock hour
    hosting_usd_per_month: float | None = None  # fixed cost of a self-hosted deployment
    context_tokens: int | None = None
    max_training_example_tokens: int | None = None
    limits_confidence: str | None = None
    params_billion: float | None = None
    active_params_billion: float | None = None  # mixture-of-experts models
    sizes: tuple[str, ...] = ()
    license: str | None = None
    qlora_memory_gb: float | None = None
    lora_16bit_memory_gb: float | None = None
    notes: str = ""
    cached_input_usd_per_1m_tokens: float | None = None
    batch_input_usd_per_1m_tokens: float | None = None
    batch_output_usd_per_1m_tokens: float | None = None
    price_changes: tuple[PriceChange, ...] = ()
    released: _dt.date | None = None
    release_confidence: str | None = None
    confidence: str | None = None  # of the list prices: confirmed or reported
    genai_prices_id: str | None = None  # the id genai-prices knows the model by
    genai_prices_note: str = ""  # why the row's prices differ from genai-prices, if they do
    route_note: str = ""  # what a team must know when this offering is its training route
    litellm_id: str | None = None  # the key LiteLLM's price file knows the model by
    litellm_note: str = ""  # why the row differs from LiteLLM's price file, if it does
    prices_source: str = ""  # where the untuned prices were read (genai-prices and its version)
    long_prompt: dict[str, Any] | None = None  # prices above a prompt length (a long-context tier)
    peak_prices: dict[str, Any] | None = None  # prices in peak hours (UTC), when they differ

    def __repr__(self) -> str:
        return (
            f"ModelRow({self.id!r}, in={self.input_usd_per_1m_tokens}, "
            f"out={self.output_usd_per_1m_tokens}, as_of={self.as_of})"
        )

    @property
    def has_prices(self) -> bool:
        """True when both the input and the output price are known."""
        return (
            self.input_usd_per_1m_tokens is not None and self.output_usd_per_1m_tokens is not None
        )

    def prices_on(self, on: _dt.date | str) -> PricesInForce:
        """The prices in force on day ``on``: every dated change up to ``on`` over the row's prices.

        The top-level prices hold on the row's ``as_of``; a change dated before it records
        an earlier price (say, the list price before a cut), one dated after it an
        announced change (a promotion ending, a price doubling).

        Examples
        --------
        >>> row = load_catalog("checked-2026-11").get("gpt-5.4")
        >>> row.prices_on("2026-12-02").input_usd_per_1m_tokens
        2.5
        """
        day = check_date("on", on)
        values = {name: getattr(self, name) for name in PRICE_FIELDS}
        since, confidence, source, note = None, self.confidence or "", self.source, ""
        nxt = None
        for change in self.price_changes:
            if change.date > day:
                nxt = change
                break
            values.update(dict(change.prices))
            since, confidence, source, note = (
                change.date,
                change.confidence,
                change.source,
                change.note,
            )
        return PricesInForce(
            self.id,
            day,
            **values,
            since=since,
            confidence=confidence,
            source=source,
            note=note,
            next_change=nxt,
        )

    def supports(self, customisation: str) -> bool:
        """Whether the row lists ``customisation`` (one of :data:`CUSTOMISATIONS`)."""
        return check_choice("customisation", customisation, CUSTOMISATIONS) in self.customisations

    def status_on(self, on: _dt.date | str) -> ModelStatus:
        """The lifecycle status on day ``on`` (a date or ``YYYY-MM-DD``).

        Examples
        --------
        >>> row = load_catalog("checked-2026-11").get("gpt-4.1-mini-ft")
        >>> row.status_on("2026-06-01").status
        'closed_to_new_users'
        """
        day = check_date("on", on)
        past = [e for e in self.lifecycle if e.date <= day]
        current = past[-1].status if past else "not_yet_available"
        # a later event with the same status (a further step of a closure) is not a change
        future = [e for e in self.lifecycle if e.date > day and e.status != current]
        nxt = future[0] if future else None
        if not past:
            return ModelStatus(self.id, day, "not_yet_available", None, "", "", "", nxt)
        first = len(past) - 1  # the status holds since the first event of its run
        while first > 0 and past[first - 1].status == current:
            first -= 1
        e = past[first]
        return ModelStatus(self.id, day, e.status, e.date, e.confidence, e.source, e.note, nxt)


@dataclass(frozen=True)
class GpuRow:
    """A rentable GPU for self-hosting, with its hourly on-demand rate."""

    id: str
    name: str
    provider: str
    memory_gb: float
    usd_per_hour: float
    as_of: _dt.date
    source: str
    notes: str = ""


@dataclass(frozen=True)
class Catalog:
    """One vintage of the catalog: rows of models and GPUs, all of one date."""

    vintage: str
    as_of: _dt.date
    label: str
    source: str
    description: str
    rows: tuple[ModelRow, ...]
    gpus: tuple[GpuRow, ...] = ()
    _by_id: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update({r.id: r for r in self.rows})

    def __repr__(self) -> str:
        return (
            f"Catalog({self.vintage!r}, as_of={self.as_of}, {len(self.rows)} models, "
            f"{len(self.gpus)} GPUs)"
        )

    @property
    def ids(self) -> tuple[str, ...]:
        """Every model id, in file order."""
        return tuple(r.id for r in self.rows)

    def get(self, model_id: str) -> ModelRow:
        """The row for ``model_id``; an unknown id raises an error naming the closest ones.

        Examples
        --------
        >>> load_catalog("article-2026-04").get("gpt-5.4").input_usd_per_1m_tokens
        2.5
        """
        if isinstance(model_id, str) and model_id in self._by_id:
            return self._by_id[model_id]
        hint = did_you_mean(model_id, self.ids) or f"known ids: {', '.join(self.ids)}"
        raise FtlibError("model_id", model_id, f"a model id of catalog {self.vintage}", hint)

    def gpu(self, gpu_id: str) -> GpuRow:
        """The GPU row for ``gpu_id``; unknown ids raise an error naming the closest ones."""
        for g in self.gpus:
            if g.id == gpu_id:
                return g
        known = [g.id for g in self.gpus]
        raise FtlibError(
            "gpu_id",
            gpu_id,
            f"a GPU id of catalog {self.vintage}: {', '.join(known) or 'none listed'}",
            did_you_mean(gpu_id, known),
        )

    def status_on(self, model_id: str, on: _dt.date | str | None = None) -> ModelStatus:
        """Status of ``model_id`` on day ``on`` (default: the catalog's own date).

        Examples
        --------
        >>> cat = load_catalog("checked-2026-11")
        >>> cat.status_on("gpt-4.1-mini-ft", "2026-05-07").status
        'closed_to_new_users'
        >>> cat.status_on("gpt-4.1-mini-ft", "2027-02-01").confidence
        'reported'
        """
        return self.get(model_id).status_on(self.as_of if on is None else on)

    def age_months(self, today: _dt.date | str | None = None) -> int:
        """Whole calendar months between the catalog's date and ``today``."""
        day = _clock.today() if today is None else check_date("today", today)
        months = (day.year - self.as_of.year) * 12 + (day.month - self.as_of.month)
        return months - (1 if day.day < self.as_of.day else 0)

    def stale_warning(
        self, today: _dt.date | str | None = None, max_age_months: int = STALE_AFTER_MONTHS
    ) -> str | None:
        """A "verify before budgeting" sentence when the catalog is too old, else ``None``.

        Examples
        --------
        >>> print(load_catalog("article-2026-04").stale_warning(today="2026-11-28"))
        Prices in this catalog are as of 2026-04-01, 7 months before 2026-11-28: verify before ...
        >>> load_catalog("article-2026-04").stale_warning(today="2026-05-01") is None
        True
        """
        limit = check_int("max_age_months", max_age_months, minimum=0)
        day = _clock.today() if today is None else check_date("today", today)
        months = self.age_months(day)
        if months < limit or (months == limit and day.day == self.as_of.day):
            return None  # not older than the limit
        return (
            f"Prices in this catalog are as of {self.as_of}, {months} months before {day}: "
            "verify before budgeting."
        )

    def price_note(
        self, today: _dt.date | str | None = None, max_age_months: int = STALE_AFTER_MONTHS
    ) -> str:
        """One line for figures and tables: the catalog's date and source, and any stale warning.

        Examples
        --------
        >>> print(load_catalog("checked-2026-11").price_note(today="2026-12-01"))
        Prices as of 2026-11-28 (Checked figures (late November 2026); source: course facts ...
        >>> note = load_catalog("article-2026-04").price_note(today="2026-12-01")
        >>> note.endswith("verify before budgeting.")
        True
        """
        text = f"Prices as of {self.as_of} ({self.label}; source: {self.source})."
        warning = self.stale_warning(today=today, max_age_months=max_age_months)
        return f"{text} {warning}" if warning else text

    def to_frame(self, on: _dt.date | str | None = None):
        """A pandas DataFrame with one row per model, its prices and status on ``on``.

        ``on`` defaults to the catalog's ``as_of``; prices are those in force that day.

        Examples
        --------
        >>> df = load_catalog("checked-2026-11").to_frame()
        >>> float(df.loc["gpt-5.4-nano", "input_usd_per_1m_tokens"])
        0.2
        """
        import pandas as pd

        day = self.as_of if on is None else check_date("on", on)
        records = []
        for r in self.rows:
            st = r.status_on(day)
            pr = r.prices_on(day)
            records.append(
                {
                    "id": r.id,
                    "name": r.name,
                    "provider": r.provider,
                    "kind": r.kind,
                    "input_usd_per_1m_tokens": pr.input_usd_per_1m_tokens,
                    "cached_input_usd_per_1m_tokens": pr.cached_input_usd_per_1m_tokens,
                    "output_usd_per_1m_tokens": pr.output_usd_per_1m_tokens,
                    "batch_input_usd_per_1m_tokens": pr.batch_input_usd_per_1m_tokens,
                    "batch_output_usd_per_1m_tokens": pr.batch_output_usd_per_1m_tokens,
                    "prices_since": pr.since,
                    "training_usd_per_1m_tokens": r.training_usd_per_1m_tokens,
                    "training_usd_per_hour": r.training_usd_per_hour,
                    "hosting_usd_per_month": r.hosting_usd_per_month,
                    "context_tokens": r.context_tokens,
                    "max_training_example_tokens": r.max_training_example_tokens,
                    "customisations": ", ".join(r.customisations),
                    "status": st.status,
                    "status_since": st.since,
                    "confidence": st.confidence,
                    "as_of": r.as_of,
                    "source": r.source,
                }
            )
        return pd.DataFrame.from_records(records).set_index("id")


def _money(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"


def _short_source(source: str) -> str:
    """A row's source without the facts-sheet trail, for a table column."""
    first = source.split(";")[0]
    return first.split(", via the course facts sheet")[0]


def price_table(catalog: Catalog, on: _dt.date | str | None = None, ids: list[str] | None = None):
    """Prices in force on ``on`` as a table of text, ready to show (no NaN, no raw floats).

    One row per model (default: every row but self-hosted ones); USD per 1M tokens,
    ``-`` where no figure is known; the price's confidence and short source per row.

    Examples
    --------
    >>> t = price_table(load_catalog("checked-2026-12"), "2026-12-02", ["gpt-6-luna"])
    >>> t.loc["gpt-6-luna", ["in", "cached in", "out", "batch in / out"]].tolist()
    ['0.1', '0.01', '0.5', '0.05 / 0.25']
    """
    import pandas as pd

    day = catalog.as_of if on is None else check_date("on", on)
    chosen = [r.id for r in catalog.rows if r.kind != "self-hosted"] if ids is None else ids
    records = {}
    for model_id in chosen:
        r = catalog.get(model_id)
        p = r.prices_on(day)
        batch = (p.batch_input_usd_per_1m_tokens, p.batch_output_usd_per_1m_tokens)
        training = (
            f"{_money(r.training_usd_per_1m_tokens)} per 1M"
            if r.training_usd_per_1m_tokens is not None
            else f"{_money(r.training_usd_per_hour)} per hour"
            if r.training_usd_per_hour is not None
            else "-"
        )
        records[model_id] = {
            "provider": r.provider,
            "released": str(r.released) if r.released else "-",
            "in": _money(p.input_usd_per_1m_tokens),
            "cached in": _money(p.cached_input_usd_per_1m_tokens),
            "out": _money(p.output_usd_per_1m_tokens),
            "batch in / out": "-" if batch == (None, None) else " / ".join(map(_money, batch)),
            "training": training,
            "routes": ", ".join(r.customisations) or "none",
            "confidence": p.confidence or r.confidence or "-",
            "source": _short_source(p.source if p.since else r.source),
        }
    return pd.DataFrame.from_dict(records, orient="index")


def status_table(
    catalog: Catalog, on: _dt.date | str | None = None, *, then: Catalog | None = None
):
    """Each offering's status on ``on`` beside its status in an older vintage ``then``.

    Columns: the status in ``then`` (``not listed`` when absent), the status on ``on``,
    since when, its confidence, and the next change worded so that a date still ahead
    reads as ahead ("training closes on 2027-01-06 (confirmed)").

    Examples
    --------
    >>> t = status_table(load_catalog("checked-2026-12"), "2026-12-02")
    >>> t.loc["gpt-4.1-mini-ft", "next change"]
    'training closes on 2027-01-06 (confirmed)'
    """
    import pandas as pd

    day = catalog.as_of if on is None else check_date("on", on)
    records = {}
    for row in catalog.rows:
        if row.kind == "self-hosted":
            continue
        now = row.status_on(day)
        nxt = now.next_event
        record = {}
        if then is not None:
            record[f"in {then.vintage}"] = (
                then.status_on(row.id).status.replace("_", " ")
                if row.id in then.ids
                else "not listed"
            )
        record |= {
            f"on {day}": now.status.replace("_", " "),
            "since": str(now.since) if now.since else "-",
            "confidence": now.confidence or "-",
            "next change": (
                f"{change_phrase(nxt.status)} on {nxt.date} ({nxt.confidence})" if nxt else "-"
            ),
        }
        records[row.id] = record
    return pd.DataFrame.from_dict(records, orient="index")


@dataclass(frozen=True)
class _VintageInfo:
    vintage: str
    as_of: _dt.date
    label: str
    filename: str


def list_vintages() -> tuple[_VintageInfo, ...]:
    """Every catalog vintage shipped with ftlib, oldest first.

    Examples
    --------
    >>> [v.vintage for v in list_vintages()][:3]
    ['article-2026-04', 'checked-2026-11', 'checked-2026-12']
    """
    return _vintages()


def landscape_checked() -> _dt.date:
    """The date the course's landscape was last checked: the newest vintage's ``as_of``.

    The one place that date lives; the staleness warning counts from it, and pages
    show it through :func:`landscape_note`.

    Examples
    --------
    >>> str(landscape_checked())
    '2026-12-07'
    """
    return _vintages()[-1].as_of


def earliest_catalog_date() -> _dt.date:
    """The ``as_of`` date of the oldest vintage: the catalog says nothing about earlier days.

    Examples
    --------
    >>> str(earliest_catalog_date())
    '2026-04-01'
    """
    return _vintages()[0].as_of


def landscape_note(
    today: _dt.date | str | None = None, max_age_months: int = STALE_AFTER_MONTHS
) -> str:
    """One sentence for pages: when the landscape was last checked, plus the stale warning when due.

    Examples
    --------
    >>> landscape_note(today="2026-12-07")
    'Models, prices and statuses last checked on 2026-12-07.'
    >>> landscape_note(today="2027-03-08").endswith("verify before budgeting.")
    True
    """
    cat = load_catalog()
    text = f"Models, prices and statuses last checked on {landscape_checked()}."
    warning = cat.stale_warning(today=today, max_age_months=max_age_months)
    return f"{text} {warning}" if warning else text


def load_catalog(vintage: str | None = None) -> Catalog:
    """Load a catalog vintage (default: the newest), validated against the schema.

    Parameters
    ----------
    vintage
        A vintage id such as ``"article-2026-04"``, its ``as_of`` date (``"2026-04-01"``),
        or ``None`` for the newest.

    Examples
    --------
    >>> cat = load_catalog()
    >>> cat.vintage, str(cat.as_of)
    ('checked-2026-12-07', '2026-12-07')
    >>> load_catalog("2026-04-01").get("gpt-4.1-mini-ft").output_usd_per_1m_tokens
    1.6
    """
    known = _vintages()
    if vintage is None:
        return _load(known[-1].filename)
    for v in known:
        if vintage in (v.vintage, str(v.as_of)):
            return _load(v.filename)
    check_choice("vintage", vintage, [v.vintage for v in known])
    raise AssertionError("unreachable")  # pragma: no cover


@functools.cache
def _vintages() -> tuple[_VintageInfo, ...]:
    folder = resources.files("ftlib").joinpath(_DATA)
    infos = []
    for entry in folder.iterdir():
        if (
            entry.name.endswith(".json") and entry.name[:4].isdigit()
        ):  # vintages are named YYYY-MM-DD_*.json
            data = json.loads(entry.read_text(encoding="utf-8"))
            infos.append(
                _VintageInfo(
                    data["vintage"],
                    _dt.date.fromisoformat(data["as_of"]),
                    data["label"],
                    entry.name,
                )
            )
    return tuple(sorted(infos, key=lambda v: v.as_of))


@functools.cache
def _schema() -> dict[str, Any]:
    return json.loads(
        resources.files("ftlib").joinpath(_DATA, "schema.json").read_text(encoding="utf-8")
    )


@functools.cache
def _validate() -> Any:
    # fastjsonschema compiles the schema once and imports in milliseconds;
    # jsonschema costs about a second of CPU per kernel, paid by every notebook.
    return fastjsonschema.compile(_schema())


@functools.cache
def _load(filename: str) -> Catalog:
    data = json.loads(
        resources.files("ftlib").joinpath(_DATA, filename).read_text(encoding="utf-8")
    )
    return catalog_from_dict(data, filename)


def catalog_from_dict(data: dict[str, Any], name: str = "catalog") -> Catalog:
    """Validate ``data`` (schema plus cross-row checks) and build a :class:`Catalog`."""
    try:
        _validate()(data)
    except fastjsonschema.JsonSchemaValueException as exc:
        where = "/".join(str(p) for p in exc.path[1:]) or "(top level)"
        raise FtlibError(
            f"{name}:{where}",
            exc.value,
            "a value allowed by ftlib/data/catalog/schema.json",
            exc.message,
        ) from None
    rows = tuple(_model(m) for m in data["models"])
    ids = [r.id for r in rows]
    for r in rows:
        if ids.count(r.id) > 1:
            raise FtlibError(f"{name}:models", r.id, "unique model ids")
        if r.base_id is not None and r.base_id not in ids:
            raise FtlibError(
                f"{name}:{r.id}.base_id", r.base_id, "the id of another row of the same file"
            )
        dates = [e.date for e in r.lifecycle]
        if dates != sorted(dates):
            raise FtlibError(
                f"{name}:{r.id}.lifecycle", [str(d) for d in dates], "events in date order"
            )
        if r.price_changes and r.prices_on(r.as_of).since is not None:
            now = r.prices_on(r.as_of)
            drift = [k for k in PRICE_FIELDS if getattr(now, k) != getattr(r, k)]
            if drift:
                raise FtlibError(
                    f"{name}:{r.id}.price_changes",
                    drift,
                    f"changes up to the row's as_of ({r.as_of}) that end on its own prices",
                )
        changes = [c.date for c in r.price_changes]
        if changes != sorted(set(changes)):
            raise FtlibError(
                f"{name}:{r.id}.price_changes",
                [str(d) for d in changes],
                "changes in date order, one per date",
            )
    gpus = tuple(GpuRow(**{**g, "as_of": _dt.date.fromisoformat(g["as_of"])}) for g in data["gpus"])
    return Catalog(
        data["vintage"],
        _dt.date.fromisoformat(data["as_of"]),
        data["label"],
        data["source"],
        data["description"],
        rows,
        gpus,
    )


def _model(m: dict[str, Any]) -> ModelRow:
    events = tuple(
        LifecycleEvent(
            e["status"],
            _dt.date.fromisoformat(e["date"]),
            e["confidence"],
            e["source"],
            e.get("note", ""),
            e.get("replacement"),
            e.get("bound", ""),
        )
        for e in m["lifecycle"]
    )
    changes = tuple(
        PriceChange(
            _dt.date.fromisoformat(c["date"]),
            tuple((k, c["prices"][k]) for k in PRICE_FIELDS if k in c["prices"]),
            c["confidence"],
            c["source"],
            c.get("note", ""),
        )
        for c in m.get("price_changes", ())
    )
    values = {
        **m,
        "lifecycle": events,
        "price_changes": changes,
        "as_of": _dt.date.fromisoformat(m["as_of"]),
        "customisations": tuple(m["customisations"]),
        "sizes": tuple(m.get("sizes", ())),
    }
    if m.get("released") is not None:
        values["released"] = _dt.date.fromisoformat(m["released"])
    return ModelRow(**values)
