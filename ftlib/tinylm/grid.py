"""The static site's grid of lab runs: ``make tinylm-grid`` (``python -m ftlib.tinylm.grid``).

The page cannot train (the browser has no fast numpy), so this runs the lab once at
its defaults and once for every other position of each control, the rest held at the
defaults, and writes every run (curve, scores, samples) to
``ftlib/data/tinylm/grid.json`` with its sha256 in ``grid.sha256``, and the chapters'
knowledge-trap table to ``knowledge_trap.csv``. About 17 runs,
five to ten minutes on one core; CI does not run it, a test re-runs one cell.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from pathlib import Path
from typing import Any

import pandas as pd

from .base import DATA, manifest
from .labrun import LAB_CONTROLS, LAB_DEFAULTS, lab_run

__all__ = [
    "GRID",
    "GRID_HASH",
    "grid_cells",
    "cell_key",
    "build_grid",
    "load_grid",
    "grid_table",
    "main",
]

GRID = DATA / "grid.json"
GRID_HASH = DATA / "grid.sha256"
TRAP = DATA / "knowledge_trap.csv"
# The knowledge-trap run the chapters show (the unit test runs the same settings).
TRAP_SETTINGS: dict[str, Any] = {
    "seeds": (0, 1),
    "n_products": 24,
    "mentions": 3,
    "n_context": 16,
    "steps": 150,
}


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
        from ..core.errors import FtlibError

        raise FtlibError(
            GRID.name, "a changed file", "the sha256 in grid.sha256", "run make tinylm-grid"
        )
    return json.loads(data)


def grid_table(grid: dict[str, Any] | None = None) -> pd.DataFrame:
    """One row per grid run: which control moved from the defaults, and the run's results."""
    grid = load_grid() if grid is None else grid
    rows = []
    for run in grid["runs"].values():
        moved = [k for k in LAB_CONTROLS if run["controls"][k] != LAB_DEFAULTS[k]]
        name = moved[0] if moved else "defaults"
        rows.append(
            {
                "control": name,
                "value": run["controls"][name] if moved else "",
                "JSON parses": run["after"]["compliance"],
                "queue right": run["after"]["accuracy"],
                "held-out loss rise": run["forgetting"],
                "calendar kept": run["after"]["calendar"],
                "general kept": run["after"]["general"],
                "trainable": run["trainable"],
            }
        )
    return pd.DataFrame(rows)


def shipped_knowledge_trap() -> pd.DataFrame:
    """The knowledge-trap table written by ``make tinylm-grid`` (:data:`TRAP_SETTINGS`).

    Examples
    --------
    >>> sorted(shipped_knowledge_trap()["condition"].unique())
    ['seen', 'unseen', 'unseen + retrieved']
    """
    return pd.read_csv(TRAP)


def write_knowledge_trap() -> None:
    """Run the knowledge trap at :data:`TRAP_SETTINGS` and write its table."""
    from .experiments import knowledge_trap

    knowledge_trap(**TRAP_SETTINGS).round(4).to_csv(TRAP, index=False)


def main(argv: list[str] | None = None) -> int:
    """Build the grid and write it with its hash; write the chapters' knowledge-trap table."""
    write_knowledge_trap()
    grid = build_grid(log=True)
    text = json.dumps(grid, indent=1, sort_keys=False) + "\n"
    Path(GRID).write_text(text)
    GRID_HASH.write_text(f"{hashlib.sha256(text.encode()).hexdigest()}  {GRID.name}\n")
    print(f"wrote {GRID} in {grid['build_seconds']} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
