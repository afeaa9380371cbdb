"""Showing untrusted text: short, on one line, and safe to print to a terminal.

A training file is untrusted input. Its keys and values reach error messages and
the CLI's output, so anything that could move the cursor, clear the screen, set a
window title (escape sequences), reverse the reading order (bidirectional
overrides) or fail to encode (lone surrogates) is shown as an escape instead,
and long values are cut.
"""

from __future__ import annotations

import re
from typing import Any

__all__: list[str] = []  # helpers for the data check; reached as ftlib.datacheck.text

# C0 controls except tab and newline, DEL, C1 controls, bidirectional controls, lone surrogates.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """``text`` with control characters, bidirectional overrides and lone surrogates escaped.

    Newlines and tabs are kept (they only lay text out).

    Examples
    --------
    >>> terminal_safe("ok\\x1b]0;pwned\\x07")
    'ok\\\\x1b]0;pwned\\\\x07'
    >>> terminal_safe("caf\\u00e9 \\ud800")
    'café \\\\ud800'
    """
    return _UNSAFE.sub(_escape, text)


def shown(value: Any, limit: int = 40) -> str:
    """A value as it appears in a one-line message: quoted if a string, escaped, at most ``limit``.

    Examples
    --------
    >>> shown("customer")
    "'customer'"
    >>> shown("x" * 100, limit=12)
    "'xxxxxxx...'"
    >>> shown("a\\nb\\x1b")
    "'a\\\\nb\\\\x1b'"
    """
    if isinstance(value, str):
        body = value[: limit * 2]  # never escape more than is shown
        text = "'" + terminal_safe(body.replace("\\", "\\\\").replace("\n", "\\n")) + "'"
        text = text.replace("\t", "\\t").replace("\r", "\\r")
        if len(value) > len(body) or len(text) > limit:
            text = text[: max(limit - 4, 1)] + "...'"
        return text
    text = terminal_safe(repr(value))
    return text if len(text) <= limit else text[: max(limit - 3, 1)] + "..."
