"""The static site's grid of lab runs: ``make tinylm-grid`` (``python -m ftlib.tinylm.grid``).

The page cannot train (the browser has no fast numpy), so this runs the lab once at
its defaults and once for every other position of each control, the rest held at the
defaults, and writes every run (curve, scores, samples) to
``ftlib/data/tinylm/grid.json`` with its sha256 in ``grid.sha256``. About 17 runs,
five to ten minutes on one core; CI does not run it, a test re-runs one cell.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from pathlib import Path
from typing import Any

from .base import DATA, manifest
from .labrun import LAB_CONTROLS, LAB_DEFAULTS, lab_run

__all__ = ["GRID", "GRID_HASH", "grid_cells", "cell_key", "build_grid", "load_grid", "main"]

GRID = DATA / "grid.json"
GRID_HASH = DATA / "grid.sha256"


def grid_cells() -> list[dict[str, Any]]:
    """The defaults, then each control's other positions one at a time.

    Examples
    --------
    >>> cells = grid_cells()
    >>> cells[0] == LAB_DEFAULTS, len(cells)
    (True, 17)
    """
    cells = [dict(LAB_DEFAULTS)]
    for name, values in LAB_CONTROLS.items():
        for value in values:
            if value != LAB_DEFAULTS[name]:
                cells.append({**LAB_DEFAULTS, name: value})
    return cells


def cell_key(controls: dict[str, Any]) -> str:
    """The page's lookup key for a control position: ``name=value`` pairs joined by ``|``.

    Examples
    --------
    >>> cell_key(LAB_DEFAULTS)
    'method=lora|rank=4|targets=all|examples=200|lr=0.003|steps=60|replay=0.0|precision=fp32'
    """
    return "|".join(f"{name}={controls[name]}" for name in LAB_CONTROLS)


def build_grid(log: bool = False) -> dict[str, Any]:
    """Run every cell and return the grid as a JSON-ready dict."""
    t0 = time.perf_counter()
    runs = {}
    for controls in grid_cells():
        run = lab_run(**controls)
        runs[cell_key(controls)] = run
        if log:
            print(f"{cell_key(controls)}: {run['seconds']} s", file=sys.stderr, flush=True)
    return {
        "about": "Lab runs for the static page, written by make tinylm-grid.",
        "base_sha256": manifest()["weights"]["sha256"],
        "defaults": LAB_DEFAULTS,
        "controls": {k: list(v) for k, v in LAB_CONTROLS.items()},
        "build_seconds": round(time.perf_counter() - t0, 1),
        "runs": runs,
    }


def load_grid() -> dict[str, Any]:
    """The committed grid, checked against its hash."""
    data = GRID.read_bytes()
    if hashlib.sha256(data).hexdigest() != GRID_HASH.read_text().split()[0]:
        from ..errors import FtlibError

        raise FtlibError(
            GRID.name, "a changed file", "the sha256 in grid.sha256", "run make tinylm-grid"
        )
    return json.loads(data)


def main(argv: list[str] | None = None) -> int:
    """Build the grid and write it with its hash."""
    grid = build_grid(log=True)
    text = json.dumps(grid, indent=1, sort_keys=False) + "\n"
    Path(GRID).write_text(text)
    GRID_HASH.write_text(f"{hashlib.sha256(text.encode()).hexdigest()}  {GRID.name}\n")
    print(f"wrote {GRID} in {grid['build_seconds']} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
