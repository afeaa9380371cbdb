"""Dated wording computed at build time, and the data behind the "changed since" banner.

Two things, both from ftlib's newest catalog and the course clock (``ft.core.today()``, which
honours ``FTLIB_TODAY``):

- **Substitutions for the MyST pages** (``intro.md``, ``chapters/instructor_guide.md``): a
  sentence such as "new training jobs stop on 2027-01-06" is true only until that day, so the
  pages write ``{{ openai_training_closes }}`` and this extension fills it with the wording
  true on the build day ("... on 2027-01-06, in 29 days (confirmed)", later "... since
  2027-01-06 (confirmed)"). Notebooks cannot use substitutions (their Markdown stays portable);
  they compute such sentences in hidden-input cells instead.
- **The events after the build** (every lifecycle and price change the catalog dates later than
  the build day), written into each page as ``<script type="application/json"
  id="ftlib-dated-events">``. ``_static/changes.js`` compares the reader's date with the build
  date and shows a banner listing the events that fell between them, or says the page may be
  stale past :data:`STALE_AFTER_DAYS`. Nothing is fetched: the events are in the page.
"""

from __future__ import annotations

import datetime as _dt
import json
from typing import Any

import ftlib as ft

STALE_AFTER_DAYS = 60
# Where the banner sends a reader to re-check (relative to the site root).
RECHECK_PAGE = "chapters/04_landscape_2026.html"
# Each lifecycle change as a noun, true on any day ("shutdown", not "shuts down").
_NOUNS = {
    "available": "release",
    "closed_to_new_users": "closed to new users",
    "training_closed": "end of new training jobs",
    "retired": "shutdown",
}
_HEADLINE = ("input_usd_per_1m_tokens", "output_usd_per_1m_tokens")
_FIELD_WORDS = {
    "input_usd_per_1m_tokens": "input",
    "cached_input_usd_per_1m_tokens": "cached input",
    "output_usd_per_1m_tokens": "output",
    "batch_input_usd_per_1m_tokens": "Batch input",
    "batch_output_usd_per_1m_tokens": "Batch output",
}


def substitutions(day: _dt.date) -> dict[str, str]:
    """The ``{{ name }}`` values for the MyST pages, worded as true on ``day``."""
    closes = ft.core.lifecycle_event("gpt-4.1-mini-ft", "training_closed")
    retires = ft.core.lifecycle_event("gpt-4.1-mini-ft", "retired")
    return {
        "built_on": str(day),
        "landscape_checked": str(ft.catalog.landscape_checked()),
        "openai_training_closes": closes.sentence("OpenAI's fine-tuning", day),
        "gpt41_shutdown": retires.sentence(
            "gpt-4.1 and gpt-4.1-mini, with their fine-tunes,", day, plural=True
        ),
        "gpt41_mini_shutdown": retires.sentence("the article's tuned gpt-4.1-mini", day),
    }


def _price_text(row: Any, change: Any) -> str:
    before = row.prices_on(change.date - _dt.timedelta(days=1))
    parts = []
    shown = dict(change.prices)
    if any(n in shown for n in _HEADLINE):  # the list prices say it; Batch and cache follow
        shown = {n: v for n, v in shown.items() if n in _HEADLINE}
    for name, value in shown.items():
        if name not in _FIELD_WORDS:
            continue
        old = getattr(before, name)
        word = _FIELD_WORDS[name]
        if value is None:
            parts.append(f"{word} price no longer published")
        elif old is None:
            parts.append(f"{word} {value:g}")
        elif old != value:
            parts.append(f"{word} {old:g} \u2192 {value:g}")
    unit = " USD per 1M tokens" if any(p[-1].isdigit() for p in parts) else ""
    return f"{row.name}: price change ({', '.join(parts) or 'see the catalog'}{unit})"


def events_after(day: _dt.date) -> list[dict[str, Any]]:
    """Every route, model or price event the data dates later than ``day``, oldest first.

    Each is a dict with at least ``date``, ``kind``, ``text``, ``confidence`` and ``source``.
    With the routes registry (``ftlib.routes.dated_events``, branch h-truth) the events are
    its list, which covers the routes and the catalog; without it, the catalog's own events
    (:func:`catalog_events_after`).
    """
    try:
        from ftlib.routes import dated_events  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return catalog_events_after(day)
    events = [e.to_dict() for e in dated_events(after=day)]
    return sorted(events, key=lambda e: (str(e["date"]), e["kind"], e["text"]))


def catalog_events_after(day: _dt.date) -> list[dict[str, str]]:
    """Every lifecycle and price change of the newest catalog later than ``day``, oldest first.

    Each is ``{"date", "kind", "text", "confidence", "source"}``; one line per event, worded
    without tense ("GPT-5: shutdown").
    """
    out = []
    for row in ft.load_catalog().rows:
        for e in row.lifecycle:
            if e.date > day:
                out.append(
                    {
                        "date": str(e.date),
                        "kind": "status",
                        "text": f"{row.name}: {_NOUNS[e.status]}",
                        "confidence": e.confidence,
                        "source": e.source,
                    }
                )
        for p in row.price_changes:
            if p.date > day:
                out.append(
                    {
                        "date": str(p.date),
                        "kind": "price",
                        "text": _price_text(row, p),
                        "confidence": p.confidence,
                        "source": p.source,
                    }
                )
    return sorted(out, key=lambda e: (e["date"], e["kind"], e["text"]))


def banner_data(day: _dt.date) -> dict[str, Any]:
    """What ``_static/changes.js`` reads: the build day, the age limit and the later events."""
    return {
        "built_on": str(day),
        "landscape_checked": str(ft.catalog.landscape_checked()),
        "stale_after_days": STALE_AFTER_DAYS,
        "recheck_page": RECHECK_PAGE,
        "events": events_after(day),
    }


def banner_script(day: _dt.date) -> str:
    """The JSON for the page, safe inside ``<script>`` (no ``</`` can close it early)."""
    return json.dumps(banner_data(day), ensure_ascii=True).replace("</", "<\\/")


def _on_config(app, config) -> None:
    values = dict(getattr(config, "myst_substitutions", {}) or {})
    values.update(substitutions(ft.core.today()))
    config.myst_substitutions = values


def _on_builder(app) -> None:
    app.add_js_file(
        None, body=banner_script(ft.core.today()), type="application/json", id="ftlib-dated-events"
    )


def setup(app) -> dict[str, Any]:
    app.connect("config-inited", _on_config)
    app.connect("builder-inited", _on_builder)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
