"""Interactive labs. The only part of ftlib that imports ipywidgets.

Each lab is a small factory (``ft.widgets.break_even_explorer()``) whose
callback calls one pure ftlib function and one plotting function. Modules here
cover one lab area each and are re-exported through their ``__all__``.
"""
from __future__ import annotations

import importlib
import pkgutil

from ._base import Lab, View, figure_html, message_html

__all__: list[str] = ["Lab", "View", "figure_html", "message_html"]
for _info in pkgutil.iter_modules(__path__):
    if _info.name.startswith("_"):
        continue
    _module = importlib.import_module(f"{__name__}.{_info.name}")
    for _public in _module.__all__:
        globals()[_public] = getattr(_module, _public)
    __all__ += list(_module.__all__)
