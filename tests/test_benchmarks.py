"""Every benchmark behind ``make bench`` still runs: a benchmark that crashes prints no table.

Each ``benchmarks/bench_*.py`` runs once in smoke mode (``FTLIB_BENCH_SMOKE=1``: one unwarmed
run per measurement, so no figure is meaningful and none is checked) in a subprocess, as
``make bench`` would run it; long cases stay behind their own switches (``FTLIB_BENCH_LONG``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
MODULES = sorted(p.stem for p in BENCH.glob("bench_*.py"))


@pytest.mark.parametrize("module", MODULES)
def test_the_benchmark_runs_and_reports_every_row(module: str):
    env = {**os.environ, "FTLIB_BENCH_SMOKE": "1"}
    env.pop("FTLIB_BENCH_LONG", None)
    done = subprocess.run(
        [sys.executable, "run.py", module],
        cwd=BENCH,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    # run.py exits 1 when a target is missed (meaningless here); a crash exits otherwise.
    assert done.returncode in (0, 1), done.stderr[-2000:]
    rows = [line for line in done.stdout.splitlines()[1:] if line.strip()]
    assert rows, f"{module} printed no benchmark rows:\n{done.stdout}"
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
