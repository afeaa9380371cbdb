"""Moved to :mod:`ftlib.datacheck.scan`; this name stays so that older imports keep working."""

from __future__ import annotations

from .datacheck.scan import (
    MAX_LINE_BYTES,
    MAX_QUOTED_LINES,
    Fingerprints,
    LineError,
    Scan,
    Source,
    iter_jsonl_lines,
    open_jsonl,
    starts_with_bom,
)

__all__: list[str] = []  # re-exported from ftlib.datacheck, not from here
_MOVED = (
    MAX_LINE_BYTES,
    MAX_QUOTED_LINES,
    Fingerprints,
    LineError,
    Scan,
    Source,
    iter_jsonl_lines,
    open_jsonl,
    starts_with_bom,
)
