"""The shipped base model: load it (hash-checked) and hand it to tuning and sampling.

Examples
--------
>>> base = load_base()
>>> base.cfg.d, base.parameters > 800_000
(128, True)
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ..core.errors import FtlibError
from .model import Config, Weights

__all__ = ["Model", "load_base", "manifest", "replay_ids", "WEIGHTS", "MANIFEST"]

DATA = Path(__file__).resolve().parents[1] / "data" / "tinylm"
WEIGHTS = DATA / "base.npz"
MANIFEST = DATA / "manifest.json"


@dataclass(frozen=True)
class Model:
    """Weights, the shape they fit, and LoRA's ``alpha / r`` (1 when no adapter is attached)."""

    cfg: Config
    weights: Weights
    scale: float = 1.0

    @property
    def parameters(self) -> int:
        """How many numbers the model holds (adapters included)."""
        return int(sum(v.size for v in self.weights.values()))


def manifest() -> dict[str, Any]:
    """The pretraining record: settings, corpus sources with licences and hashes, losses."""
    return json.loads(MANIFEST.read_text())


@lru_cache(maxsize=1)
def _base_weights() -> tuple[Config, tuple[tuple[str, np.ndarray], ...]]:
    info = manifest()
    digest = hashlib.sha256(WEIGHTS.read_bytes()).hexdigest()
    if digest != info["weights"]["sha256"]:
        raise FtlibError(
            WEIGHTS.name,
            f"sha256 {digest[:12]}...",
            f"sha256 {info['weights']['sha256'][:12]}... as the manifest records",
            "restore the file from git",
        )
    with np.load(WEIGHTS) as data:
        arrays = tuple((k, data[k].astype(np.float32)) for k in data.files)
    for _, a in arrays:
        a.setflags(write=False)
    return Config(**info["config"]), arrays


def load_base() -> Model:
    """The pretrained base (float32). Its arrays are read-only; tuning works on copies."""
    cfg, arrays = _base_weights()
    return Model(cfg, dict(arrays))


@lru_cache(maxsize=1)
def replay_ids() -> np.ndarray:
    """Training-split token ids of the pretraining corpus, the text replay draws from."""
    from .corpus import build_corpus

    return np.concatenate([s.split()[0] for s in build_corpus()])
