"""check-data speed and memory, with exact tokens (o200k_base) where tiktoken is installed.

Targets (issues 16 and 18): 100,000 lines under 10 s with peak memory flat as the file
doubles; ``--test`` on 100,000 lines under 10 s. The long case, ``check-data --test``
with a 10,000-item test set on 1,000,000 training lines (under 60 s and 500 MB), runs
only with ``FTLIB_BENCH_LONG=1`` (about a minute, and 700 MB of files in /tmp). The
``--test`` rows name the load average before they ran: on a shared machine the matching
worker competes with other work for the second core.
"""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _timing import Result, measure

import ftlib as ft

_WORDS = (
    "the supplier shall notify the customer within thirty days of any change to the agreed"
    " delivery terms"
).split()


def _write(path: Path, n_lines: int) -> int:
    """A chat-layout file of ``n_lines`` distinct examples of about 700 bytes; returns its size."""
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n_lines):
            k = 40 + i % 80
            text = " ".join(_WORDS[(i + j) % len(_WORDS)] for j in range(k)) + f" (case {i})"
            record = {
                "messages": [
                    {"role": "system", "content": "Label the clause."},
                    {"role": "user", "content": text},
                    {
                        "role": "assistant",
                        "content": json.dumps({"clause": "notice", "days": 30 + i % 7}),
                    },
                ]
            }
            f.write(json.dumps(record) + "\n")
    return path.stat().st_size


def _leaks(n: int = 10) -> list[str]:
    """Questions planted in both files (in another vocabulary from the training lines)."""
    rng = random.Random(11)
    return [" ".join(f"leak{rng.randint(0, 10**6)}" for _ in range(12)) for _ in range(n)]


def _append_leaks(path: Path) -> None:
    """Add the planted questions to a training file as ordinary examples."""
    with open(path, "a", encoding="utf-8") as f:
        for text in _leaks():
            record = {
                "messages": [
                    {"role": "user", "content": text},
                    {"role": "assistant", "content": "ok"},
                ]
            }
            f.write(json.dumps(record) + "\n")


def _write_test(path: Path, n_items: int) -> None:
    """A test file of ``n_items`` questions in another vocabulary; 10 also sit in training."""
    rng = random.Random(7)
    vocab = [
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(6)) for _ in range(3000)
    ]
    leaks = _leaks()
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n_items):
            if i < len(leaks):
                text = leaks[i]
            else:
                text = " ".join(rng.choice(vocab) for _ in range(rng.randint(10, 40)))
            record = {
                "messages": [
                    {"role": "user", "content": text},
                    {"role": "assistant", "content": "ok"},
                ]
            }
            f.write(json.dumps(record) + "\n")


def results() -> list[Result]:
    out = []
    exact = ft.datacheck.token_counter().exact
    kind = "exact" if exact else "estimated"
    with tempfile.TemporaryDirectory() as tmp:
        for n_lines, repeat in ((100_000, 3), (200_000, 1)):
            path = Path(tmp) / f"train_{n_lines}.jsonl"
            size_mb = _write(path, n_lines) / 1e6
            out.append(
                measure(
                    f"check-data {n_lines:,} lines ({size_mb:.0f} MB), {kind} tokens",
                    lambda p=path: ft.check_training_data(p),
                    target_ms=10_000 * n_lines / 100_000,
                    repeat=repeat,
                    warmup=0,
                    memory=True,
                )
            )
        path = Path(tmp) / "train_100000.jsonl"
        _append_leaks(path)
        test_10k = Path(tmp) / "test_10000.jsonl"
        _write_test(test_10k, 10_000)
        for label, test in (
            ("60-example", ft.data_sample_path("test")),
            ("10,000-item", test_10k),
        ):
            out.append(
                measure(
                    f"check-data 100,000 lines + {label} --test, {kind} tokens{_load()}",
                    lambda test=test: ft.check_training_data(path, test=test),
                    target_ms=10_000,
                    repeat=1,
                    warmup=0,
                )
            )
    if os.environ.get("FTLIB_BENCH_LONG") == "1":
        out.append(long_run())
    return out


def _load() -> str:
    """The one-minute load average, to read a timing by."""
    return f" (load {os.getloadavg()[0]:.1f})"


def long_run(n_lines: int = 1_000_000, n_test: int = 10_000) -> Result:
    """The CLI on 1,000,000 training lines and a 10,000-item test set, in a fresh process.

    Peak memory is the largest sum, sampled every quarter second, of the proportional set
    sizes (PSS) of the CLI and its matching worker: pages they share since the fork count
    once. Without psutil it is the largest single process's maximum resident set size.
    The name carries the CPU time of both processes and the load average before the run.
    """
    with tempfile.TemporaryDirectory() as tmp:
        train, test = Path(tmp) / "train.jsonl", Path(tmp) / "test.jsonl"
        _write(train, n_lines)
        _append_leaks(train)
        _write_test(test, n_test)
        load = os.getloadavg()[0]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        command = [sys.executable, "-m", "ftlib", "check-data", str(train), "--test", str(test)]
        out = Path(tmp) / "report.json"  # a file, not a pipe: nothing blocks while we watch
        with open(out, "w") as sink, subprocess.Popen([*command, "--json"], stdout=sink) as child:
            peak = _watch_memory(child)
        elapsed = (time.perf_counter() - start) * 1000
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = sum(getattr(after, f) - getattr(before, f) for f in ("ru_utime", "ru_stime"))
        if peak is None:
            peak = after.ru_maxrss / 1024  # KiB -> MiB
        report = json.loads(out.read_text())
        assert report["overlap"]["exact_pairs"] >= 10, report["overlap"]
    return Result(
        f"check-data CLI {n_lines:,} lines + {n_test:,}-item --test"
        f" (CPU {cpu:.0f} s, load {load:.1f}, PSS)",
        elapsed,
        60_000,
        peak,
    )


def _watch_memory(child: subprocess.Popen[bytes]) -> float | None:
    """Largest PSS sum (MiB) of ``child`` and its children until it ends; None without psutil."""
    try:
        import psutil
    except ImportError:
        child.wait()
        return None
    peak = 0
    process = psutil.Process(child.pid)
    while child.poll() is None:
        try:
            tree = [process, *process.children(recursive=True)]
            peak = max(peak, sum(p.memory_full_info().pss for p in tree))
        except psutil.Error:  # a process ended between listing and reading
            pass
        time.sleep(0.25)
    return peak / 2**20
