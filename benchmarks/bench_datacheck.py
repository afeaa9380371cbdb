"""check-data speed and memory: 100,000 lines under 10 s; peak memory flat as the file doubles."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from _timing import Result, measure

import ftlib as ft

_WORDS = "the supplier shall notify the customer within thirty days of any change to the agreed delivery terms".split()


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


def results() -> list[Result]:
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for n_lines, repeat in ((100_000, 3), (200_000, 1)):
            path = Path(tmp) / f"train_{n_lines}.jsonl"
            size_mb = _write(path, n_lines) / 1e6
            out.append(
                measure(
                    f"check-data {n_lines:,} lines ({size_mb:.0f} MB)",
                    lambda p=path: ft.check_training_data(p, exact_tokens=False),
                    target_ms=10_000 * n_lines / 100_000,
                    repeat=repeat,
                    warmup=0,
                    memory=True,
                )
            )
        test = ft.data_sample_path("test")
        path = Path(tmp) / "train_100000.jsonl"
        # --test adds find_duplicates (MinHash over every training input, about 0.1 ms each): our own target.
        out.append(
            measure(
                "check-data 100,000 lines + 60-example --test overlap",
                lambda: ft.check_training_data(path, test=test, exact_tokens=False),
                target_ms=30_000,
                repeat=1,
                warmup=0,
            )
        )
    return out
