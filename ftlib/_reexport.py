"""How ftlib and its subpackages re-export their modules' public names (one place, four users)."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable
from typing import Any


def reexport(
    package: str, path: Iterable[str], namespace: dict[str, Any], skip: Iterable[str] = ()
) -> list[str]:
    """Import every public module of ``package`` and copy its ``__all__`` into ``namespace``.

    Returns the names copied, in module order, so the caller can extend its own ``__all__``.
    """
    skip = set(skip)
    names: list[str] = []
    for info in sorted(pkgutil.iter_modules(path), key=lambda m: m.name):
        if info.name.startswith("_") or info.name in skip:
            continue
        module = importlib.import_module(f"{package}.{info.name}")
        for name in module.__all__:
            namespace[name] = getattr(module, name)
        names += list(module.__all__)
    return names
