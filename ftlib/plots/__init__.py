"""Figures for the course. Every function returns a ``matplotlib.figure.Figure``.

Figures are built with the object-oriented API (no pyplot state, no ``show``),
so they cost nothing to discard and never pop up on their own. Each module here
covers one concept and is re-exported through its ``__all__``.
"""

from __future__ import annotations

from .._reexport import reexport
from ._style import PALETTE, new_figure, note, style_axes

__all__: list[str] = ["PALETTE", "new_figure", "note", "style_axes"]
__all__ += reexport(__name__, __path__, globals())
