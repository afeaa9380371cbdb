"""Interactive labs. The only part of ftlib that imports ipywidgets.

Each lab is a small factory (``ft.widgets.break_even_calculator()``) whose
callback calls one pure ftlib function and one plotting function. Modules here
cover one lab area each and are re-exported through their ``__all__``.
"""

from __future__ import annotations

from .._reexport import reexport
from ._base import Lab, View, figure_html, message_html

__all__: list[str] = ["Lab", "View", "figure_html", "message_html"]
__all__ += reexport(__name__, __path__, globals())
