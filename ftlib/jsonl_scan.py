"""Moved to :mod:`ftlib.datacheck.scan`; this name stays so that older imports keep working."""

from __future__ import annotations

from .datacheck import scan as _scan

__all__: list[str] = []  # re-exported from ftlib.datacheck, not from here


def __getattr__(name: str) -> object:
    """``from ftlib.jsonl_scan import X`` finds X where it lives now."""
    return getattr(_scan, name)
