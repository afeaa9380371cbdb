"""Tiny timing helpers shared by every ``bench_*.py`` (``make bench`` runs them all)."""

from __future__ import annotations

import os
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    """One benchmark: its median wall time against a target, and optional peak memory."""

    name: str
    median_ms: float
    target_ms: float
    peak_mib: float | None = None

    @property
    def ok(self) -> bool:
        return self.median_ms <= self.target_ms


def measure(
    name: str,
    fn: Callable[[], object],
    *,
    target_ms: float,
    repeat: int = 7,
    warmup: int = 1,
    memory: bool = False,
) -> Result:
    """Median wall time of ``fn()`` over ``repeat`` runs; peak traced memory of one run if asked.

    With ``FTLIB_BENCH_SMOKE=1`` each benchmark runs once, unwarmed and untraced: the unit suite
    uses it to prove every benchmark still runs (its figures then mean nothing).
    """
    if os.environ.get("FTLIB_BENCH_SMOKE") == "1":
        repeat, warmup, memory = 1, 0, False
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    peak = None
    if memory:
        tracemalloc.start()
        fn()
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    return Result(name, statistics.median(times), target_ms, peak)


def report(results: list[Result]) -> int:
    """Print a table; return 1 if any benchmark missed its target."""
    print(f"{'benchmark':<52} {'median ms':>10} {'target ms':>10} {'peak MiB':>9}  ok")
    for r in results:
        peak = f"{r.peak_mib:9.1f}" if r.peak_mib is not None else f"{'-':>9}"
        print(
            f"{r.name:<52} {r.median_ms:10.2f} {r.target_ms:10.0f} {peak}  "
            f"{'yes' if r.ok else 'NO'}"
        )
    return 0 if all(r.ok for r in results) else 1
