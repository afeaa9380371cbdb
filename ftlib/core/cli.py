"""``python -m ftlib``: one argparse front door over ftlib's pure functions.

Each area's commands live in its ``cli.py`` (``ftlib/costs/cli.py``, ...), which exposes
``register(subparsers)``: it adds the parsers and sets ``handler`` to a function ``(args) -> int``.
Bad input never shows a traceback: it exits 2 with one line naming the field.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import importlib.util
import json
import math
import pkgutil
import re
import signal
import sys
from collections.abc import Callable, Sequence
from typing import Any

from .errors import FtlibError
from .tables import Table

__all__ = ["main", "build_parser", "command_modules", "emit", "safe_text", "UsageError"]

_PACKAGE = __name__.rsplit(".", 2)[0]  # "ftlib"


@functools.cache
def command_modules() -> tuple[str, ...]:
    """Every area package with a ``cli.py`` (``ftlib.costs.cli``, ...), in name order.

    Examples
    --------
    >>> "ftlib.costs.cli" in command_modules()
    True
    """
    root = importlib.import_module(_PACKAGE)
    return tuple(
        f"{_PACKAGE}.{m.name}.cli"
        for m in sorted(pkgutil.iter_modules(root.__path__), key=lambda m: m.name)
        if m.ispkg
        and f"{_PACKAGE}.{m.name}.cli" != __name__
        and importlib.util.find_spec(f"{_PACKAGE}.{m.name}.cli") is not None
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
    for name in command_modules():
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the process exit status."""
    for stream in (sys.stdout, sys.stderr):  # a non-UTF-8 terminal gets escapes, not a crash
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    args = None
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:  # see ftlib/__init__.py
        signal.signal(signal.SIGINT, signal.default_int_handler)
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
