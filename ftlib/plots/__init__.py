"""Figures for the course. Every function returns a ``matplotlib.figure.Figure``.

Figures are built with the object-oriented API (no pyplot state, no ``show``),
so they cost nothing to discard and never pop up on their own. Each module here
covers one concept and is re-exported through its ``__all__``.
"""
from __future__ import annotations

import importlib
import pkgutil

from ._style import PALETTE, new_figure, note, style_axes

__all__: list[str] = ["PALETTE", "new_figure", "note", "style_axes"]
for _info in pkgutil.iter_modules(__path__):
    if _info.name.startswith("_"):
        continue
    _module = importlib.import_module(f"{__name__}.{_info.name}")
    for _public in _module.__all__:
        globals()[_public] = getattr(_module, _public)
    __all__ += list(_module.__all__)
