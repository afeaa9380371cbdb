"""Run every ``benchmarks/bench_*.py`` and print one table.

Each module exposes ``results() -> list[Result]``.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _timing import report  # noqa: E402


def main(names: list[str]) -> int:
    results = []
    for path in sorted(HERE.glob("bench_*.py")):
        if names and path.stem not in names and path.stem.removeprefix("bench_") not in names:
            continue
        results += importlib.import_module(path.stem).results()
    return report(results)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
