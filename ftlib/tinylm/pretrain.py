"""Pretrain the tiny base model once: ``python -m ftlib.tinylm.pretrain``.

A maintainer runs this once; CI never does. It builds the corpus
(:mod:`ftlib.tinylm.corpus`), trains from the seed below, and writes
``ftlib/data/tinylm/base.npz`` (float16, compressed) and ``manifest.json`` (the settings,
every source with its licence and sha256, the held-out losses, the weights' sha256).
``--steps`` and ``--out`` let a quick trial write elsewhere.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import platform
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ._threads import single_threaded
from .adam import Adam
from .corpus import ROOT, Source, build_corpus
from .model import Config, Weights, backward, cross_entropy, forward, held_out_loss, init_weights

__all__ = ["Settings", "pretrain", "main"]

DATA = ROOT / "ftlib" / "data" / "tinylm"


@dataclass(frozen=True)
class Settings:
    """Everything that decides the shipped weights besides the corpus."""

    seed: int = 0
    steps: int = 2400
    batch: int = 16
    lr: float = 2e-3
    warmup: int = 100
    min_lr_share: float = 0.1
    eval_every: int = 250


def sample_batch(
    parts: list[np.ndarray], weights: np.ndarray, rng: np.random.Generator, batch: int, t: int
) -> np.ndarray:
    """``batch`` random windows of ``t + 1`` ids, each from a source drawn by ``weights``."""
    rows = []
    for k in rng.choice(len(parts), size=batch, p=weights):
        start = rng.integers(0, len(parts[k]) - t - 1)
        rows.append(parts[k][start : start + t + 1])
    return np.stack(rows)


def lr_at(step: int, s: Settings) -> float:
    """Linear warm-up, then cosine down to ``min_lr_share`` of the peak."""
    if step < s.warmup:
        return s.lr * (step + 1) / s.warmup
    frac = (step - s.warmup) / max(1, s.steps - s.warmup)
    return s.lr * (s.min_lr_share + (1 - s.min_lr_share) * 0.5 * (1 + math.cos(math.pi * frac)))


@single_threaded
def pretrain(
    cfg: Config,
    settings: Settings,
    sources: list[Source],
    log: bool = False,
    start: Weights | None = None,
    mix: dict[str, float] | None = None,
) -> tuple[Weights, list[dict[str, float]]]:
    """Train from scratch (or from ``start``); returns the weights and a row per evaluation.

    ``mix`` overrides the sources' shares of the batches (a name missing keeps its own).
    """
    rng = np.random.default_rng(settings.seed)
    w = (
        init_weights(cfg, seed=settings.seed)
        if start is None
        else {k: v.copy() for k, v in start.items()}
    )
    splits = [s.split() for s in sources]
    train = [a for a, _ in splits]
    shares = {s.name: s.weight for s in sources} | (mix or {})
    mix_ = np.array([shares[s.name] for s in sources])
    mix_ = mix_ / mix_.sum()
    opt = Adam(list(w), w, lr=settings.lr)
    need = set(w)
    history: list[dict[str, float]] = []
    t0 = time.perf_counter()
    for step in range(settings.steps + 1):
        if step % settings.eval_every == 0 or step == settings.steps:
            row = {"step": float(step), "seconds": time.perf_counter() - t0}
            for src, (_, held) in zip(sources, splits, strict=True):
                row[src.name] = held_out_loss(w, cfg, held)
            row["held_out"] = float(np.mean([row[s.name] for s in sources]))
            history.append(row)
            if log:
                print(json.dumps({k: round(v, 3) for k, v in row.items()}), flush=True)
        if step == settings.steps:
            break
        x = sample_batch(train, mix_, rng, settings.batch, cfg.context)
        logits, cache = forward(w, cfg, x[:, :-1])
        _, dlogits = cross_entropy(logits, x[:, 1:])
        opt.step(w, backward(w, cfg, dlogits, cache, need), lr=lr_at(step, settings))
    return w, history


def _git_commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        return out.stdout.strip() or "unknown"
    except OSError:
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    """Run the pretraining and write the weights and manifest."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=Settings.steps)
    parser.add_argument("--out", type=Path, default=DATA)
    args = parser.parse_args(argv)
    cfg, settings = Config(), Settings(steps=args.steps)
    sources = build_corpus()
    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    t0 = time.perf_counter()
    w, history = pretrain(cfg, settings, sources, log=True)
    wall = time.perf_counter() - t0
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "base.npz"
    half: dict[str, Any] = {k: v.astype(np.float16) for k, v in w.items()}
    np.savez_compressed(path, **half)
    manifest = {
        "about": "The tiny LM's pretrained base: written by python -m ftlib.tinylm.pretrain.",
        "weights": {
            "file": path.name,
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            "bytes": path.stat().st_size,
            "dtype": "float16",
            "parameters": int(sum(v.size for v in w.values())),
        },
        "config": cfg.as_dict(),
        "settings": asdict(settings),
        "corpus": [
            {
                "name": s.name,
                "origin": s.origin,
                "licence": s.licence,
                "weight": s.weight,
                "characters": len(s.text),
                "sha256": s.sha256,
            }
            for s in sources
        ],
        "held_out_share": 0.05,
        "history": [{k: round(v, 4) for k, v in row.items()} for row in history],
        "run": {
            "started_utc": started,
            "wall_seconds": round(wall, 1),
            "course_commit": _git_commit(),
            "python": platform.python_version(),
            "numpy": np.__version__,
            "machine": f"{platform.machine()}, one BLAS thread",
        },
    }
    (args.out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    print(f"wrote {path} ({path.stat().st_size} bytes) in {wall:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
