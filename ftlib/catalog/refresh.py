"""Write a new dated catalog vintage: the course's own rows plus untuned prices from genai-prices.

The course keeps by hand only what no maintained price database has: tuned and
training prices, lifecycle dates, self-hosting, and which id genai-prices and
LiteLLM know a model by (``ftlib/data/catalog/course_rows.json``). ``python -m
ftlib catalog refresh`` (``make refresh``) reads that file with the installed
genai-prices (a development dependency, imported only here), fills every untuned
model's list, cached and Batch prices, long-prompt tier, peak rate and dated price
changes, writes ``ftlib/data/catalog/<date>_checked.json`` with its manifest line,
and says what moved against the newest vintage: prices, statuses, and the pages
whose numbers depend on the models that moved. Old vintages are never edited.

A row whose ``genai_prices_note`` explains a disagreement keeps its own prices.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from ..core.errors import FtlibError, check_date
from . import models as _catalog

__all__ = [
    "COURSE_ROWS",
    "GenaiPrices",
    "genai_prices_version",
    "read_genai_prices",
    "refreshed_vintage",
    "CatalogChange",
    "catalog_changes",
    "pages_naming",
    "write_vintage",
    "LITELLM_FIELDS",
    "Disagreement",
    "litellm_extract",
    "price_disagreements",
]

COURSE_ROWS = "course_rows.json"
_FIELDS = _catalog.PRICE_FIELDS
_NOON = _dt.time(12, tzinfo=_dt.UTC)  # off-peak everywhere genai-prices knows peak hours


def _genai() -> Any:
    try:
        import genai_prices
    except ImportError:  # pragma: no cover - a development dependency
        raise FtlibError(
            "genai_prices",
            "not installed",
            "the development set (make install installs genai-prices)",
        ) from None
    return genai_prices


def genai_prices_version() -> str:
    """The installed genai-prices version, named in every price it supplies."""
    from importlib.metadata import version

    _genai()
    return version("genai-prices")


def _num(value: Any) -> float | None:
    if value is None:
        return None
    base = getattr(value, "base", value)
    return float(Decimal(str(base)))


@dataclass(frozen=True)
class GenaiPrices:
    """What genai-prices says of one model on one day (USD per 1M tokens; ``None``: no figure).

    ``dates`` are every day on which genai-prices changes the model's prices (list or Batch);
    ``long_prompt`` the first long-context tier; ``peak`` the prices in peak hours, if any.
    """

    ref: str
    on: _dt.date
    prices: dict[str, float | None]
    dates: tuple[_dt.date, ...]
    long_prompt: dict[str, Any] | None
    peak: dict[str, Any] | None


def _model(ref: str) -> Any:
    provider_id, model_id = ref.split(":", 1)
    snap = _genai().data_snapshot.get_snapshot()
    provider = next((p for p in snap.providers if p.id == provider_id), None)
    model = provider.find_model(model_id) if provider is not None else None
    if model is None:
        raise FtlibError("genai_prices_id", ref, "a provider:model that genai-prices knows")
    return model


def _calc(ref: str, day: _dt.date, context: dict[str, str] | None, hour: _dt.time = _NOON) -> Any:
    g = _genai()
    provider_id, model_id = ref.split(":", 1)
    when = _dt.datetime.combine(day, hour)
    return g.calc_price(
        g.Usage(input_tokens=1000),
        model_id,
        provider_id=provider_id,
        genai_request_timestamp=when,
        price_context=context,
    ).model_price


def read_genai_prices(ref: str, on: _dt.date | str) -> GenaiPrices:
    """The five per-token prices genai-prices gives ``ref`` (``provider:model``) on day ``on``.

    Read at noon UTC (off-peak). Batch prices are those of the ``processing: batch``
    variant; a model with no such variant has none.

    Examples
    --------
    >>> p = read_genai_prices("openai:gpt-4.1-mini", "2026-12-07")
    >>> p.prices["batch_input_usd_per_1m_tokens"]
    0.2
    """
    day = check_date("on", on)
    list_price = _calc(ref, day, None)
    batch = _calc(ref, day, {"processing": "batch"})
    has_batch = _num(batch.input_mtok) != _num(list_price.input_mtok) or (
        _num(batch.output_mtok) != _num(list_price.output_mtok)
    )
    prices = {
        "input_usd_per_1m_tokens": _num(list_price.input_mtok),
        "cached_input_usd_per_1m_tokens": _num(list_price.cache_read_mtok),
        "output_usd_per_1m_tokens": _num(list_price.output_mtok),
        "batch_input_usd_per_1m_tokens": _num(batch.input_mtok) if has_batch else None,
        "batch_output_usd_per_1m_tokens": _num(batch.output_mtok) if has_batch else None,
    }
    model = _model(ref)
    dates: set[_dt.date] = set()
    peak = None
    conditional = model.prices if isinstance(model.prices, list) else []
    for c in conditional:
        start = getattr(c.constraint, "start_date", None)
        if start is not None:
            dates.add(start)
        if hasattr(c.constraint, "start_time") and peak is None:
            hours = [
                f"{x.constraint.start_time:%H:%M}-{x.constraint.end_time:%H:%M}"
                for x in conditional
                if hasattr(x.constraint, "start_time")
            ]
            peak = {
                "hours_utc": ", ".join(hours),
                "input_usd_per_1m_tokens": _num(c.prices.input_mtok),
                "cached_input_usd_per_1m_tokens": _num(c.prices.cache_read_mtok),
                "output_usd_per_1m_tokens": _num(c.prices.output_mtok),
            }
    for v in model.price_variants or []:
        start = getattr(v.constraint, "start_date", None)
        if v.when.get("processing") == "batch" and start is not None:
            dates.add(start)
    long_prompt = None
    tiers = getattr(list_price.input_mtok, "tiers", None)
    if tiers:
        start = tiers[0].start

        def tier(value: Any) -> float | None:
            for t in getattr(value, "tiers", None) or []:
                if t.start == start:
                    return _num(t.price)
            return None

        long_prompt = {
            "above_input_tokens": int(start),
            "input_usd_per_1m_tokens": tier(list_price.input_mtok),
            "cached_input_usd_per_1m_tokens": tier(list_price.cache_read_mtok),
            "output_usd_per_1m_tokens": tier(list_price.output_mtok),
        }
    return GenaiPrices(ref, day, prices, tuple(sorted(dates)), long_prompt, peak)


def _course_rows() -> dict[str, Any]:
    path = resources.files("ftlib").joinpath("data/catalog", COURSE_ROWS)
    return json.loads(path.read_text(encoding="utf-8"))


def _filled(row: dict[str, Any], as_of: _dt.date, tag: str) -> dict[str, Any]:
    """``row`` with genai-prices' prices, changes, tier and peak (what it lacks stays)."""
    ref = row.get("genai_prices_id")
    if not ref or row.get("genai_prices_note"):
        return row
    now = read_genai_prices(ref, as_of)
    out = dict(row)
    seen = [now] + [read_genai_prices(ref, d) for d in now.dates]
    taken = [k for k in _FIELDS if any(p.prices[k] is not None for p in seen)]
    for k in taken:
        out[k] = now.prices[k]
    released = min((e["date"] for e in row["lifecycle"]), default=None)
    changes = []
    if now.dates:
        start = _dt.date.fromisoformat(released) if released else min(now.dates)
        state: dict[str, float | None] = {}
        for day in sorted({start, *now.dates}):
            if day < start:
                continue
            values = {k: v for k, v in read_genai_prices(ref, day).prices.items() if k in taken}
            moved = {k: v for k, v in values.items() if state.get(k, object()) != v}
            state.update(values)
            if moved:
                changes.append(
                    {
                        "date": day.isoformat(),
                        "prices": moved,
                        "confidence": row.get("confidence") or "reported",
                        "source": tag,
                    }
                )
        if len(changes) == 1 and str(changes[0]["date"]) <= as_of.isoformat():
            changes = []  # one price all along: nothing to replay
    if changes or now.dates:
        out["price_changes"] = changes
    if now.long_prompt:
        out["long_prompt"] = now.long_prompt
    if now.peak:
        out["peak_prices"] = now.peak
    out["prices_source"] = f"{tag}: {', '.join(k.replace('_usd_per_1m_tokens', '') for k in taken)}"
    out["as_of"] = as_of.isoformat()  # the day these figures were read
    if row.get("confidence") is None:
        out["confidence"] = "reported"
    return out


def refreshed_vintage(as_of: _dt.date | str, course: dict[str, Any] | None = None) -> dict:
    """The new vintage as a dict: the course's rows with genai-prices' untuned prices on ``as_of``.

    Validated like any vintage before it is returned.
    """
    day = check_date("as_of", as_of)
    rows = _course_rows() if course is None else course
    tag = f"genai-prices {genai_prices_version()} (read {day.isoformat()})"
    doc = {
        **rows,
        "vintage": f"checked-{day.isoformat()}",
        "as_of": day.isoformat(),
        "label": f"Checked figures ({day:%B} {day.day}, {day.year})",
        "source": f"{rows['source']}; untuned prices from {tag}",
        "models": [_filled(m, day, tag) for m in rows["models"]],
    }
    _catalog.catalog_from_dict(doc, f"{doc['vintage']} (refreshed)")
    return doc


@dataclass(frozen=True)
class CatalogChange:
    """One figure that differs between two vintages, on one day."""

    model_id: str
    field: str
    old: Any
    new: Any

    def __str__(self) -> str:
        return f"{self.model_id}: {self.field} {self.old} -> {self.new}"


def catalog_changes(
    old: _catalog.Catalog, new: _catalog.Catalog, on: _dt.date | str
) -> tuple[CatalogChange, ...]:
    """Prices and statuses in force on ``on`` that differ from ``old`` to ``new`` (new rows too).

    Examples
    --------
    >>> a, b = _catalog.load_catalog("checked-2026-12"), _catalog.load_catalog("checked-2026-12-07")
    >>> [str(c) for c in catalog_changes(a, b, "2026-12-07") if c.model_id == "gpt-5.4-nano"][-1]
    'gpt-5.4-nano: status available -> available (next 2027-04-01)'
    """
    day = check_date("on", on)
    out = []
    for row in new.rows:
        if row.id not in old.ids:
            out.append(CatalogChange(row.id, "row", "absent", "added"))
            continue
        was, now = old.get(row.id).prices_on(day), row.prices_on(day)
        for name in _FIELDS:
            if getattr(was, name) != getattr(now, name):
                out.append(CatalogChange(row.id, name, getattr(was, name), getattr(now, name)))
        s_old, s_new = old.get(row.id).status_on(day), row.status_on(day)
        n_old = s_old.next_event.date if s_old.next_event else None
        n_new = s_new.next_event.date if s_new.next_event else None
        if s_old.status != s_new.status or n_old != n_new:
            out.append(
                CatalogChange(
                    row.id,
                    "status",
                    f"{s_old.status}" + (f" (next {n_old})" if n_old else ""),
                    f"{s_new.status}" + (f" (next {n_new})" if n_new else ""),
                )
            )
    return tuple(out)


def pages_naming(model_ids: Iterable[str], root: Path | str) -> dict[str, tuple[str, ...]]:
    """Which chapters and labs (under ``root``) name each model id: the pages whose numbers move."""
    base = Path(root)
    pages = sorted(
        p
        for folder in ("chapters", "labs")
        for p in (base / folder).glob("*")
        if p.suffix in (".ipynb", ".md")
    ) + [p for p in (base / "intro.md",) if p.exists()]
    texts = {p: p.read_text(encoding="utf-8") for p in pages}
    out = {}
    for model_id in dict.fromkeys(model_ids):
        pattern = re.compile(rf"(?<![\w.-]){re.escape(model_id)}(?![\w-]|\.\d)")
        hits = tuple(str(p.relative_to(base)) for p, t in texts.items() if pattern.search(t))
        if hits:
            out[model_id] = hits
    return out


def write_vintage(doc: dict[str, Any], folder: Path | str) -> Path:
    """Write ``doc`` as ``<as_of>_checked.json`` in ``folder`` and add its line to the manifest.

    An existing vintage file is never overwritten.
    """
    target = Path(folder)
    path = target / f"{doc['as_of']}_checked.json"
    if path.exists():
        raise FtlibError(
            "as_of",
            doc["as_of"],
            "a date with no vintage yet",
            f"{path.name} exists and vintages are never edited",
        )
    text = json.dumps(doc, indent=1, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")
    manifest_path = target / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["files"].append(
        {
            "file": path.name,
            "vintage": doc["vintage"],
            "as_of": doc["as_of"],
            "source": doc["source"],
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        }
    )
    manifest_path.write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return path


# --- the cross-check against genai-prices and LiteLLM's price file ---------------------------

LITELLM_FIELDS = {  # LiteLLM's per-token field -> the catalog's per-1M field
    "input_cost_per_token": "input_usd_per_1m_tokens",
    "cache_read_input_token_cost": "cached_input_usd_per_1m_tokens",
    "output_cost_per_token": "output_usd_per_1m_tokens",
    "input_cost_per_token_batches": "batch_input_usd_per_1m_tokens",
    "output_cost_per_token_batches": "batch_output_usd_per_1m_tokens",
}


@dataclass(frozen=True)
class Disagreement:
    """One figure on which the catalog and a price database differ (``None``: no figure)."""

    model_id: str
    database: str  # "genai-prices" or "litellm"
    field: str  # a price field, or "shutdown"
    on: _dt.date
    ours: Any
    theirs: Any
    explained: bool

    def __str__(self) -> str:
        why = " (explained in the row)" if self.explained else ""
        return (
            f"{self.model_id} {self.field} on {self.on}: catalog {self.ours}, "
            f"{self.database} {self.theirs}{why}"
        )


def litellm_extract(price_file: dict[str, Any], keys: Iterable[str]) -> dict[str, Any]:
    """The entries of LiteLLM's price file named by ``keys``, with only the fields compared.

    Examples
    --------
    >>> litellm_extract({"m": {"input_cost_per_token": 1e-06, "mode": "chat"}}, ["m", "x"])
    {'m': {'input_cost_per_token': 1e-06}}
    """
    wanted = (*LITELLM_FIELDS, "deprecation_date")
    return {
        k: {f: price_file[k][f] for f in wanted if f in price_file[k]}
        for k in dict.fromkeys(keys)
        if k in price_file
    }


def _close(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) <= 1e-9 * max(1.0, abs(a))


def price_disagreements(
    cat: _catalog.Catalog,
    litellm: dict[str, Any] | None = None,
    *,
    genai: bool = True,
) -> tuple[Disagreement, ...]:
    """Every figure where ``cat`` and genai-prices or LiteLLM's file differ, explained or not.

    genai-prices is compared on the catalog's date and on each dated price change; a
    figure missing on our side but present on theirs counts. LiteLLM (undated) is compared
    on the catalog's date (a price LiteLLM lacks is no disagreement), and its
    ``deprecation_date`` against the row's first shutdown (a date missing on either side is).
    A row explains a disagreement with ``genai_prices_note`` or ``litellm_note``.

    Examples
    --------
    >>> cat = _catalog.load_catalog()
    >>> [d for d in price_disagreements(cat) if not d.explained]
    []
    """
    out: list[Disagreement] = []
    for row in cat.rows:
        if genai and row.genai_prices_id:
            days = {cat.as_of} | {c.date for c in row.price_changes}
            for day in sorted(days):
                theirs = read_genai_prices(row.genai_prices_id, day).prices
                ours = row.prices_on(day)
                for name in _FIELDS:
                    mine, their = getattr(ours, name), theirs[name]
                    if (mine is None and their is None) or _close(mine, their):
                        continue
                    explained = bool(row.genai_prices_note)
                    out.append(
                        Disagreement(row.id, "genai-prices", name, day, mine, their, explained)
                    )
        entry = (litellm or {}).get(row.litellm_id or "")
        if entry is None:
            continue
        ours = row.prices_on(cat.as_of)
        explained = bool(row.litellm_note)
        for theirs_name, name in LITELLM_FIELDS.items():
            raw = entry.get(theirs_name)
            their = None if raw is None else round(raw * 1_000_000, 9)
            mine = getattr(ours, name)
            if their is None or _close(mine, their):
                continue  # a figure LiteLLM lacks is no disagreement
            out.append(Disagreement(row.id, "litellm", name, cat.as_of, mine, their, explained))
        shutdown = next((e.date for e in row.lifecycle if e.status == "retired"), None)
        their_day = entry.get("deprecation_date")
        if (shutdown.isoformat() if shutdown else None) != their_day:  # absent on either side
            out.append(
                Disagreement(
                    row.id, "litellm", "shutdown", cat.as_of, shutdown, their_day, explained
                )
            )
    return tuple(out)
