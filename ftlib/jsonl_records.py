"""Moved to :mod:`ftlib.datacheck.records`; this name stays so that older imports keep working."""

from __future__ import annotations

from .datacheck.records import CHAT_ROLES, DATA_FORMATS, ERROR_KINDS, RecordCheck, check_record

__all__: list[str] = []  # re-exported from ftlib.datacheck, not from here
_MOVED = (CHAT_ROLES, DATA_FORMATS, ERROR_KINDS, RecordCheck, check_record)
