"""A Sphinx extension with two repairs for the pinned toolchain (Jupyter Book 1.0.4, Sphinx 7.4).

Sphinx 7.4 registers an inline script added during the read phase twice: once with the file name
``None`` (when the extension adds it) and once with ``''`` (when the builder copies its registry
before writing), and the two compare unequal. sphinx-thebe 0.3.1 adds
``const THEBE_JS_URL = ...`` that way, so every page declared the constant twice and logged
"Identifier 'THEBE_JS_URL' has already been declared". Dropping the second copy of each inline
script removes the cause; nothing else on the page changes.

Second, myst-nb embeds each executed notebook's ipywidgets state (68-177 KB a lab page) for a
widget manager the site does not load: the labs' static pages carry their own data
(``nb_mime_priority_overrides`` prefers their ``text/html``), so nothing reads that state and it
is dropped.
"""

from __future__ import annotations

from typing import Any

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def _script_key(script: Any) -> tuple[str, tuple[tuple[str, str], ...]]:
    attributes = getattr(script, "attributes", {}) or {}
    return (getattr(script, "filename", None) or "", tuple(sorted(attributes.items())))


def drop_duplicate_scripts(app, pagename, templatename, context, doctree) -> None:
    """Keep the first copy of every script the page would load (same file, same attributes)."""
    scripts = context.get("script_files")
    if not scripts:
        return
    seen: set[tuple[str, tuple[tuple[str, str], ...]]] = set()
    unique = []
    for script in scripts:
        key = _script_key(script)
        if (getattr(script, "attributes", {}) or {}).get("type") == WIDGET_STATE:
            continue  # state for a widget manager the site does not load
        if key not in seen:
            seen.add(key)
            unique.append(script)
    scripts[:] = unique


def setup(app) -> dict[str, Any]:
    app.connect("html-page-context", drop_duplicate_scripts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
