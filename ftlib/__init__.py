"""ftlib: decide whether an LLM problem calls for prompting, retrieval, fine-tuning or distillation.

One front door: ``import ftlib as ft``. Each concept lives in its own module and
lists its public names in ``__all__``; this file re-exports them. Importing
ftlib configures nothing global and seeds no random generator.
"""
from __future__ import annotations

import importlib
import pkgutil

__version__ = "0.1.0"

# One module per concept; every public module (no leading underscore) is
# re-exported with its own __all__. plots, widgets and cli are subpackages
# reached as ft.plots, ft.widgets and ft.cli.
_SUBPACKAGES = ("plots", "widgets", "cli", "selfcheck")
_MODULES = sorted(
    m.name
    for m in pkgutil.iter_modules(__path__)
    if not m.name.startswith("_") and m.name not in _SUBPACKAGES
)

__all__: list[str] = ["__version__"]
for _name in _MODULES:
    _module = importlib.import_module(f"{__name__}.{_name}")
    for _public in _module.__all__:
        globals()[_public] = getattr(_module, _public)
    __all__ += list(_module.__all__)
del _name, _module, _public  # keep the namespace to the public API



def __getattr__(name: str):
    if name in _SUBPACKAGES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module 'ftlib' has no attribute {name!r}")
