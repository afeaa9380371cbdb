"""A Sphinx extension with one repair for the pinned toolchain (Jupyter Book 1.0.4, Sphinx 7.4).

Sphinx 7.4 registers an inline script added during the read phase twice: once with the file name
``None`` (when the extension adds it) and once with ``''`` (when the builder copies its registry
before writing), and the two compare unequal. sphinx-thebe 0.3.1 adds
``const THEBE_JS_URL = ...`` that way, so every page declared the constant twice and logged
"Identifier 'THEBE_JS_URL' has already been declared". Dropping the second copy of each inline
script removes the cause; nothing else on the page changes.
"""

from __future__ import annotations

from typing import Any


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
        if key not in seen:
            seen.add(key)
            unique.append(script)
    scripts[:] = unique


def setup(app) -> dict[str, Any]:
    app.connect("html-page-context", drop_duplicate_scripts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
