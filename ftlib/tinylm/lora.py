"""LoRA: a low-rank update ``W + (alpha / r) A B`` beside a frozen weight ``W``.

``A`` (``in x r``) starts random and ``B`` (``r x out``) starts at zero, so a freshly
attached adapter leaves the model exactly as it was; training moves only ``A`` and ``B``.
The forward pass (:func:`ftlib.tinylm.model._linear`) adds ``scale * (x @ A) @ B``.

Examples
--------
>>> from ftlib.tinylm.model import Config, init_weights
>>> cfg = Config(d=16, layers=1, heads=2, context=8)
>>> w, names = add_lora(init_weights(cfg), cfg, rank=2, targets=("qkv", "head"))
>>> sorted(names)
['h0.qkv.A', 'h0.qkv.B', 'head.A', 'head.B']
"""

from __future__ import annotations

import numpy as np

from .model import Config, Weights, linear_names

__all__ = ["TARGETS", "add_lora", "merge_lora"]

TARGETS = ("qkv", "out", "up", "down", "head")  # the linear layers an adapter can sit on


def add_lora(
    w: Weights, cfg: Config, rank: int, targets: tuple[str, ...], seed: int = 0
) -> tuple[Weights, list[str]]:
    """A copy of ``w`` with adapters on every linear layer whose kind is in ``targets``."""
    rng = np.random.default_rng(seed)
    w, names = dict(w), []
    for layer in linear_names(cfg):
        if layer.split(".")[-1] in targets:
            n_in, n_out = w[layer + ".W"].shape
            dtype = w[layer + ".W"].dtype
            w[layer + ".A"] = (rng.normal(0, 1, (n_in, rank)) / np.sqrt(n_in)).astype(dtype)
            w[layer + ".B"] = np.zeros((rank, n_out), dtype)  # B = 0: no change at the start
            names += [layer + ".A", layer + ".B"]
    return w, names


def merge_lora(w: Weights, scale: float) -> Weights:
    """Fold every adapter into its weight (``W += scale * A @ B``) and drop ``A`` and ``B``."""
    out = {k: v for k, v in w.items() if not k.endswith((".A", ".B"))}
    for k in w:
        if k.endswith(".A"):
            layer = k[:-2]
            out[layer + ".W"] = w[layer + ".W"] + scale * (w[k] @ w[layer + ".B"])
    return out
