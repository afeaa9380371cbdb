"""``python -m ftlib``: one argparse front door over ftlib's pure functions.

Each command lives in its own module here and exposes ``register(subparsers)``,
which adds its parser and sets ``handler`` to a function ``(args) -> int``.
Bad input never shows a traceback: it exits 2 with one line naming the field.
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import pkgutil
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any

from ..errors import FtlibError
from ..tables import Table

__all__ = ["main", "build_parser", "emit", "safe_text", "UsageError"]

# Every public module of this package is a command module.
COMMAND_MODULES: tuple[str, ...] = tuple(
    sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))
)


class UsageError(Exception):
    """A bad command line; reported in one line with exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, no usage dump
        raise UsageError(f"{self.prog}: {message}")


def build_parser() -> argparse.ArgumentParser:
    """The full parser, with every command module registered."""
    parser = _Parser(
        prog="ftlib",
        description="Decide whether fine-tuning an LLM is the right move, and whether it pays.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(f"{__name__}.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the process exit status."""
    for stream in (sys.stdout, sys.stderr):  # a non-UTF-8 terminal gets escapes, not a crash
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    args = None
    try:
        args = build_parser().parse_args(argv)
        return int(args.handler(args) or 0)
    except UsageError as exc:
        print(f"error: {safe_text(str(exc))}", file=sys.stderr)
        return 2
    except FtlibError as exc:
        # Name the flag the user typed, not the Python field behind it.
        flags = getattr(args, "field_flags", {}) or {}
        field = flags.get(exc.field, exc.field)
        # the message starts with "FIELD: "; the field itself may hold ": " ("line 2: label")
        detail = str(exc)[len(f"{exc.field}: ") :]
        print(f"error: {safe_text(f'{field}: {detail}')}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. piped into `head`
        return 0
    except KeyboardInterrupt:  # Ctrl-C, in any command: one sentence, the shell's usual status
        print(f"{getattr(args, 'command', None) or 'error'}: interrupted", file=sys.stderr)
        return 130


def emit(result: dict[str, Any], as_json: bool, render: Callable[[dict[str, Any]], str]) -> None:
    """Print ``result`` as JSON (NaN and infinity become null) or as ``render(result)``."""
    if as_json:
        print(json.dumps(_json_safe(result), indent=2, default=str))
    else:
        print(safe_text(render(result)))


def safe_text(text: str) -> str:
    """``text`` safe to print on a terminal and in any encoding.

    Control characters (escape sequences could clear the screen or retitle the window)
    and lone surrogates are shown as ``\\x1b``-style escapes; newlines and tabs stay.

    Examples
    --------
    >>> safe_text("ok\\n\\x1b[2J\\ud800")
    'ok\\n\\\\x1b[2J\\\\ud800'
    """
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


_UNSAFE = re.compile("[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\ud800-\\udfff]")


def table(rows: Sequence[Sequence[Any]], header: Sequence[str]) -> str:
    """A plain left-aligned text table, its long text wrapped to fit 88 columns (``ft.Table``)."""
    cells = tuple(tuple(str(c) for c in r) for r in rows)
    return Table(tuple(header), cells, (False,) * len(header)).text()


def _json_safe(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    return value
