"""ftlib: decide whether an LLM problem calls for prompting, retrieval, fine-tuning or distillation.

One front door: ``import ftlib as ft``. Each concept lives in its own module and
lists its public names in ``__all__``; this file re-exports them. Importing
ftlib configures nothing global and seeds no random generator.
"""

from __future__ import annotations

import importlib

from ._reexport import reexport

__version__ = "0.1.0"

# One module per concept; every public module (no leading underscore) is
# re-exported with its own __all__. The subpackages are reached as ft.plots,
# ft.widgets (needs ipywidgets), ft.cli and ft.selfcheck, imported on first use.
_SUBPACKAGES = ("plots", "widgets", "cli", "selfcheck")
__all__: list[str] = ["__version__"] + reexport(__name__, __path__, globals(), skip=_SUBPACKAGES)


def __getattr__(name: str):
    if name in _SUBPACKAGES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module 'ftlib' has no attribute {name!r}")
