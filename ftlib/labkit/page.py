"""Labs on the static website: ordinary HTML controls over results ftlib computed at build time.

A lab's static page is a ``<div class="ftlab">`` with form controls, an ``aria-live`` headline,
a figure area and a summary, plus a JSON block of data written here by ftlib. One shared script
(``labkit/core.js``) and one script per lab (its area's ``lab.js``) turn control changes into page
updates in the browser. The scripts only *look up* what ftlib computed, or evaluate the
closed-form cost formulas, which ``tests/browser`` proves equal to ftlib's. Nothing loads from
the network, and no widget manager is needed.
"""

from __future__ import annotations

import html
import itertools
import json
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from typing import Any

__all__ = [
    "LIVE_URL",
    "checkbox",
    "disabled",
    "lab_page",
    "number",
    "select",
    "slider",
]

_IDS = itertools.count(1)
# Where a reader runs a lab live: the course's Binder launch of the labs folder.
LIVE_URL = (
    "https://mybinder.org/v2/gh/ftcourse/when-to-fine-tune/main?urlpath=lab/tree/labs/{lab}.ipynb"
)


@cache
def _asset(package: str, name: str) -> str:
    """A file shipped beside a package's modules (``ftlib/costs/lab.js``, ``ftlib/labkit/core.js``)."""
    return resources.files(package).joinpath(name).read_text(encoding="utf-8")


def _id(name: str) -> str:
    return f"ftlab-{name}-{next(_IDS)}"


def _attr(value: Any) -> str:
    return html.escape(value if isinstance(value, str) else json.dumps(value), quote=True)


def select(name: str, label: str, options: Sequence[tuple[str, Any]], value: Any) -> str:
    """A labelled drop-down; ``options`` are ``(text shown, value passed to the lab)``.

    Examples
    --------
    >>> "<select" in select("unit", "Unit", [("characters", "char")], "char")
    True
    """
    ident = _id(name)
    values = [v for _, v in options]
    items = "".join(
        f"<option{' selected' if v == value else ''}>{html.escape(str(t))}</option>"
        for t, v in options
    )
    return (
        f'<div class="ftlab-control"><label for="{ident}">{html.escape(label)}</label>'
        f'<select id="{ident}" data-name="{name}" data-values="{_attr(values)}">'
        f"{items}</select></div>"
    )


def slider(
    name: str, label: str, values: Sequence[Any], value: Any, labels: Iterable[str] | None = None
) -> str:
    """A range input over a finite list of values; it shows and announces the value, not its index.

    Examples
    --------
    >>> 'aria-valuetext="20%"' in slider("mix", "Mix", [0.1, 0.2], 0.2, ["10%", "20%"])
    True
    """
    ident = _id(name)
    texts = list(labels) if labels is not None else [str(v) for v in values]
    index = list(values).index(value)
    return (
        f'<div class="ftlab-control"><label for="{ident}">{html.escape(label)}'
        f'<output for="{ident}">{html.escape(texts[index])}</output></label>'
        f'<input type="range" id="{ident}" data-name="{name}" min="0" max="{len(texts) - 1}" '
        f'step="1" value="{index}" data-values="{_attr(list(values))}" '
        f'data-labels="{_attr(texts)}" aria-valuetext="{html.escape(texts[index])}"></div>'
    )


def number(
    name: str, label: str, value: float, *, minimum: float | None = None, step: str = "any"
) -> str:
    """A labelled number box (any value may be typed: the lab says what is wrong with it).

    Examples
    --------
    >>> 'type="number"' in number("usd", "Training $", 200)
    True
    """
    ident = _id(name)
    low = "" if minimum is None else f' min="{minimum:g}"'
    return (
        f'<div class="ftlab-control"><label for="{ident}">{html.escape(label)}</label>'
        f'<input type="number" id="{ident}" data-name="{name}" value="{value:g}"{low} '
        f'step="{step}" inputmode="decimal"></div>'
    )


def checkbox(name: str, label: str, value: bool) -> str:
    """A labelled checkbox.

    Examples
    --------
    >>> "checked" in checkbox("done", "Done", True)
    True
    """
    ident = _id(name)
    return (
        f'<div class="ftlab-control ftlab-check"><input type="checkbox" id="{ident}" '
        f'data-name="{name}"{" checked" if value else ""}>'
        f'<label for="{ident}">{html.escape(label)}</label></div>'
    )


def disabled(label: str, why: str, lab: str, *, kind: str = "text", value: str = "") -> str:
    """A control that needs a kernel: visibly disabled, with one line saying why and a live link.

    Examples
    --------
    >>> "Run it live" in disabled("Upload", "Reading a file needs Python.", "check_your_data")
    True
    """
    ident = _id("off")
    described = f'id="{ident}" disabled aria-describedby="{ident}-why"'
    if kind == "button":
        control = f'<button type="button" {described}>{html.escape(label)}</button>'
        head = f'<span class="ftlab-label">{html.escape(label)}</span>'
    else:
        control = f'<input type="{kind}" {described} value="{html.escape(value, quote=True)}">'
        head = f'<label for="{ident}">{html.escape(label)}</label>'
    return (
        f'<div class="ftlab-control ftlab-disabled">{head}{control}'
        f'<p class="ftlab-why" id="{ident}-why">{html.escape(why)} '
        f'<a href="{html.escape(LIVE_URL.format(lab=lab))}">Run it live</a>.</p></div>'
    )


def _json(data: Any) -> str:
    text = json.dumps(data, separators=(",", ":"), allow_nan=False)
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def lab_page(
    name: str,
    controls: Sequence[str],
    data: Any,
    *,
    package: str,
    intro: str = "",
    script: str = "lab.js",
) -> str:
    """The whole static lab: controls, the live headline, figure and summary, data and scripts.

    ``script`` names the lab's JavaScript file in its area ``package`` (``ftlib/costs/lab.js``).

    Examples
    --------
    >>> page = lab_page("volume_band", [], {"x": 1}, package="ftlib.rules")
    >>> 'aria-live="polite"' in page and 'class="ftlab-data"' in page
    True
    """
    ident = _id(name)
    return (
        f"<style>{_asset(__package__, 'lab.css')}</style>"
        f'<div class="ftlab" id="{ident}" data-ftlab="{name}">'
        + (f'<div class="ftlab-intro">{intro}</div>' if intro else "")
        + '<form class="ftlab-controls" aria-label="Lab controls">'
        + "".join(controls)
        + "</form>"
        '<div class="ftlab-message"></div>'
        '<p class="ftlab-headline" aria-live="polite" aria-atomic="true"></p>'
        '<div class="ftlab-figure"></div>'
        # Focusable, so a reader on a keyboard can scroll a wide table sideways.
        '<div class="ftlab-summary ftlab-scroll" tabindex="0" role="region" '
        'aria-label="Lab results"></div>'
        f'<script type="application/json" class="ftlab-data">{_json(data)}</script>'
        "</div>"
        f"<script>{_asset(__package__, 'core.js')}\n{_asset(package, script)}</script>"
    )
