"""Evaluation toolkit speed: near-duplicate search at scale, the lab's comparisons, `compare`."""

from __future__ import annotations

import contextlib
import io
import shutil
import tempfile
from pathlib import Path

import numpy as np
from _timing import Result, measure

import ftlib as ft
import ftlib.core.cli

N_TRAIN, N_TEST = 100_000, 10_000
N_COMPARE = 1_000_000  # issue 18: `ftlib compare` on a million rows in under 20 s


def _short_texts(rng: np.random.Generator, n: int) -> list[str]:
    """Ticket-like short texts: 5 to 13 words from a Zipf-shaped list of 3,000 made-up words."""
    letters = np.array(list("etaoinshrdlcumwfgypbvkjxqz"))
    vocab = ["".join(rng.choice(letters, size=int(k))) for k in rng.integers(2, 9, size=3000)]
    weights = 1 / np.arange(1, 3001)
    words = rng.choice(3000, size=n * 13, p=weights / weights.sum())
    lengths = rng.integers(5, 14, size=n)
    return [" ".join(vocab[w] for w in words[i * 13 : i * 13 + k]) for i, k in enumerate(lengths)]


def _predictions_file(rng: np.random.Generator, n: int) -> Path:
    """A CSV of ``n`` rows over five queues: baseline right 80% of the time, candidate 85%."""
    queues = np.array(["billing", "delivery", "refund", "account", "other"])
    y = rng.integers(0, 5, n)
    base = np.where(rng.random(n) < 0.8, y, rng.integers(0, 5, n))
    cand = np.where(rng.random(n) < 0.85, y, rng.integers(0, 5, n))
    path = Path(tempfile.mkdtemp()) / "predictions.csv"
    with path.open("w") as f:
        f.write("label,baseline,candidate\n")
        f.writelines(
            f"{queues[i]},{queues[j]},{queues[k]}\n" for i, j, k in zip(y, base, cand, strict=False)
        )
    return path


def _cli(*argv: str) -> None:
    with contextlib.redirect_stdout(io.StringIO()):
        assert ft.core.cli.main(list(argv)) == 0


def results() -> list[Result]:
    rng = np.random.default_rng(0)
    train = _short_texts(rng, N_TRAIN)
    test = _short_texts(rng, N_TEST)
    for i in range(0, 200, 2):  # plant 100 exact and 100 near duplicates
        test[i] = train[i * 37].upper()
        test[i + 1] = train[i * 41] + " x"
    data = ft.load_ticket_eval()
    t = data.test
    big = str(_predictions_file(rng, N_COMPARE))
    timed = [
        measure(
            f"ftlib compare {N_COMPARE:,} rows, accuracy",
            lambda: _cli("compare", big),
            target_ms=20_000,
            repeat=1,
            memory=True,
        ),
        measure(
            f"ftlib compare {N_COMPARE:,} rows, macro-F1",
            lambda: _cli("compare", big, "--metric", "macro_f1"),
            target_ms=20_000,
            repeat=1,
        ),
        measure(
            f"find_duplicates {N_TEST:,} test vs {N_TRAIN:,} train",
            lambda: ft.datacheck.find_duplicates(train, test),
            target_ms=10_000,
            repeat=3,
            memory=True,
        ),
        measure(
            "compare_models 500 items, 2,000 resamples",
            lambda: ft.compare_models(t["queue"], t["baseline_queue"], t["candidate_queue"]),
            target_ms=500,
        ),
        measure(
            "compare_by_test_size 7 sizes (lab sweep)",
            lambda: ft.evaluation.compare_by_test_size(
                t["queue"],
                t["baseline_queue"],
                t["candidate_queue"],
                sizes=(25, 50, 100, 200, 300, 400, 500),
            ),
            target_ms=2_000,
        ),
        measure(
            "detect_shift 1,500 train vs 500 production",
            lambda: ft.evaluation.detect_shift(data.train_texts, data.production_texts),
            target_ms=3_000,
            repeat=3,
        ),
    ]
    shutil.rmtree(Path(big).parent)  # the million-row CSV is only for this run
    return timed
