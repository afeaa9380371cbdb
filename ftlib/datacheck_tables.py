"""Moved to :mod:`ftlib.datacheck.tables`; this name stays so that older imports keep working."""

from __future__ import annotations

from .datacheck.tables import data_report_tables

__all__: list[str] = []  # re-exported from ftlib.datacheck, not from here
_MOVED = (data_report_tables,)
