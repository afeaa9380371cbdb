"""The tiny transformer: its weights, forward pass and hand-written backward pass.

A character-level, decoder-only transformer (pre-LayerNorm, learned positions, GELU
MLP, untied output head). Weights live in one flat ``dict`` of numpy arrays named like
``"h0.qkv.W"``; a LoRA adapter adds ``"h0.qkv.A"`` and ``"h0.qkv.B"`` beside the weight
it adapts (see :mod:`ftlib.tinylm.lora`). Every step of the forward pass keeps what
its backward step needs, and :func:`backward` walks the same steps in reverse.

Examples
--------
>>> import numpy as np
>>> from ftlib.tinylm.model import Config, forward, init_weights
>>> cfg = Config(d=16, layers=1, heads=2, context=8)
>>> logits, _ = forward(init_weights(cfg), cfg, np.zeros((2, 5), dtype=np.int32))
>>> logits.shape
(2, 5, 96)
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from .text import VOCAB_SIZE

__all__ = [
    "Config",
    "Weights",
    "LINEARS",
    "init_weights",
    "forward",
    "backward",
    "cross_entropy",
    "held_out_loss",
]

Weights = dict[str, np.ndarray]
LINEARS = ("qkv", "out", "up", "down")  # the four linear layers of every block
_GELU_C = math.sqrt(2.0 / math.pi)


@dataclass(frozen=True)
class Config:
    """The model's shape: width ``d``, ``layers`` blocks of ``heads`` heads, ``context`` chars."""

    vocab: int = VOCAB_SIZE
    d: int = 128
    layers: int = 4
    heads: int = 4
    context: int = 128

    def as_dict(self) -> dict[str, int]:
        """The settings as a plain dict (stored beside the weights)."""
        return asdict(self)


def linear_names(cfg: Config) -> list[str]:
    """Every linear layer's name, block by block, then ``"head"``."""
    return [f"h{i}.{n}" for i in range(cfg.layers) for n in LINEARS] + ["head"]


def init_weights(cfg: Config, seed: int = 0, dtype: type = np.float32) -> Weights:
    """Random starting weights (GPT-2 style scales), reproducible from ``seed``."""
    rng = np.random.default_rng(seed)
    d = cfg.d
    w: dict[str, np.ndarray] = {
        "wte": rng.normal(0, 0.02, (cfg.vocab, d)),
        "wpe": rng.normal(0, 0.01, (cfg.context, d)),
    }
    shapes = {"qkv": (d, 3 * d), "out": (d, d), "up": (d, 4 * d), "down": (4 * d, d)}
    resid = 0.02 / math.sqrt(2 * cfg.layers)  # layers that write into the residual stream
    for i in range(cfg.layers):
        for ln in ("ln1", "ln2"):
            w[f"h{i}.{ln}.g"], w[f"h{i}.{ln}.b"] = np.ones(d), np.zeros(d)
        for name, shape in shapes.items():
            w[f"h{i}.{name}.W"] = rng.normal(0, resid if name in ("out", "down") else 0.02, shape)
            w[f"h{i}.{name}.b"] = np.zeros(shape[1])
    w["lnf.g"], w["lnf.b"] = np.ones(d), np.zeros(d)
    w["head.W"], w["head.b"] = rng.normal(0, 0.02, (d, cfg.vocab)), np.zeros(cfg.vocab)
    return {k: v.astype(dtype) for k, v in w.items()}


# --- the pieces, each a forward returning (output, cache) and a backward ---------------


def _layer_norm(x: np.ndarray, g: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, Any]:
    xc = x - x.mean(-1, keepdims=True)
    rstd = 1.0 / np.sqrt((xc * xc).mean(-1, keepdims=True) + 1e-5)
    xh = xc * rstd
    return xh * g + b, (xh, rstd, g)


def _layer_norm_back(dy: np.ndarray, cache: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    xh, rstd, g = cache
    dxh = dy * g
    dx = rstd * (dxh - dxh.mean(-1, keepdims=True) - xh * (dxh * xh).mean(-1, keepdims=True))
    return dx, (dy * xh).sum((0, 1)), dy.sum((0, 1))


def _gelu(x: np.ndarray) -> tuple[np.ndarray, Any]:
    t = np.tanh(_GELU_C * (x + 0.044715 * (x * x * x)))  # x*x*x: x**3 is slow on float32
    return 0.5 * x * (1.0 + t), (x, t)


def _gelu_back(dy: np.ndarray, cache: Any) -> np.ndarray:
    x, t = cache
    slope = 0.5 * (1.0 + t) + 0.5 * x * (1.0 - t * t) * _GELU_C * (1.0 + 3 * 0.044715 * x * x)
    return dy * slope


def _linear(w: Weights, name: str, x: np.ndarray, scale: float) -> tuple[np.ndarray, Any]:
    y = x @ w[name + ".W"] + w[name + ".b"]
    xa = None
    if name + ".A" in w:  # LoRA: y += (alpha / r) * x A B
        xa = x @ w[name + ".A"]
        y += scale * (xa @ w[name + ".B"])
    return y, (name, x, xa)


def _linear_back(
    w: Weights, dy: np.ndarray, cache: Any, grads: Weights, need: set[str], scale: float
) -> np.ndarray:
    name, x, xa = cache
    x2, dy2 = x.reshape(-1, x.shape[-1]), dy.reshape(-1, dy.shape[-1])
    if name + ".W" in need:
        grads[name + ".W"] = x2.T @ dy2
    if name + ".b" in need:
        grads[name + ".b"] = dy2.sum(0)
    dx = dy @ w[name + ".W"].T
    if xa is not None:
        dxa = scale * (dy @ w[name + ".B"].T)
        if name + ".B" in need:
            grads[name + ".B"] = scale * (xa.reshape(-1, xa.shape[-1]).T @ dy2)
        if name + ".A" in need:
            grads[name + ".A"] = x2.T @ dxa.reshape(-1, dxa.shape[-1])
        dx += dxa @ w[name + ".A"].T
    return dx


def _attention(qkv: np.ndarray, heads: int) -> tuple[np.ndarray, Any]:
    bsz, t, d3 = qkv.shape
    hd = d3 // 3 // heads
    q, k, v = qkv.reshape(bsz, t, 3, heads, hd).transpose(2, 0, 3, 1, 4)
    s = (q @ k.transpose(0, 1, 3, 2)) * (1.0 / math.sqrt(hd))
    s = np.where(np.tri(t, dtype=bool), s, -np.inf)  # a position sees itself and the past
    p = np.exp(s - s.max(-1, keepdims=True))
    p /= p.sum(-1, keepdims=True)
    y = (p @ v).transpose(0, 2, 1, 3).reshape(bsz, t, d3 // 3)
    return y, (q, k, v, p)


def _attention_back(dy: np.ndarray, cache: Any) -> np.ndarray:
    q, k, v, p = cache
    bsz, heads, t, hd = q.shape
    dy = dy.reshape(bsz, t, heads, hd).transpose(0, 2, 1, 3)
    dp = dy @ v.transpose(0, 1, 3, 2)
    dv = p.transpose(0, 1, 3, 2) @ dy
    ds = p * (dp - (dp * p).sum(-1, keepdims=True)) * (1.0 / math.sqrt(hd))
    dq, dk = ds @ k, ds.transpose(0, 1, 3, 2) @ q
    return np.stack([dq, dk, dv]).transpose(1, 3, 0, 2, 4).reshape(bsz, t, 3 * heads * hd)


# --- the whole model --------------------------------------------------------------------


def forward(
    w: Weights, cfg: Config, idx: np.ndarray, scale: float = 1.0
) -> tuple[np.ndarray, dict[str, Any]]:
    """Logits ``(batch, time, vocab)`` for token ids ``idx`` and the cache for :func:`backward`.

    ``scale`` is LoRA's ``alpha / r`` (unused when no adapter is attached).
    """
    t = idx.shape[1]
    x = w["wte"][idx] + w["wpe"][:t]
    blocks = []
    for i in range(cfg.layers):
        p = f"h{i}."
        h, c_ln1 = _layer_norm(x, w[p + "ln1.g"], w[p + "ln1.b"])
        qkv, c_qkv = _linear(w, p + "qkv", h, scale)
        a, c_att = _attention(qkv, cfg.heads)
        o, c_out = _linear(w, p + "out", a, scale)
        x = x + o
        h, c_ln2 = _layer_norm(x, w[p + "ln2.g"], w[p + "ln2.b"])
        u, c_up = _linear(w, p + "up", h, scale)
        g, c_gelu = _gelu(u)
        m, c_down = _linear(w, p + "down", g, scale)
        x = x + m
        blocks.append((c_ln1, c_qkv, c_att, c_out, c_ln2, c_up, c_gelu, c_down))
    h, c_lnf = _layer_norm(x, w["lnf.g"], w["lnf.b"])
    logits, c_head = _linear(w, "head", h, scale)
    return logits, {"idx": idx, "blocks": blocks, "lnf": c_lnf, "head": c_head, "scale": scale}


def _lowest_block(cfg: Config, need: set[str]) -> int:
    """The lowest block that holds a parameter to train (-1: the embeddings)."""
    if need & {"wte", "wpe"}:
        return -1
    blocks = [int(n[1:].split(".")[0]) for n in need if n[0] == "h" and n[1].isdigit()]
    return min(blocks) if blocks else cfg.layers


def backward(
    w: Weights, cfg: Config, dlogits: np.ndarray, cache: dict[str, Any], need: set[str]
) -> Weights:
    """Gradients of the loss for the parameters named in ``need``, from ``dlogits``.

    The walk stops below the lowest block that holds a parameter in ``need``, so tuning
    only the head costs one matrix product.
    """
    grads: Weights = {}
    scale = cache["scale"]
    dx = _linear_back(w, dlogits, cache["head"], grads, need, scale)
    dx, grads["lnf.g"], grads["lnf.b"] = _layer_norm_back(dx, cache["lnf"])
    stop = _lowest_block(cfg, need)
    for i in reversed(range(max(stop, 0), cfg.layers)):
        p = f"h{i}."
        c_ln1, c_qkv, c_att, c_out, c_ln2, c_up, c_gelu, c_down = cache["blocks"][i]
        dm = _linear_back(w, dx, c_down, grads, need, scale)
        dm = _linear_back(w, _gelu_back(dm, c_gelu), c_up, grads, need, scale)
        dh, grads[p + "ln2.g"], grads[p + "ln2.b"] = _layer_norm_back(dm, c_ln2)
        dx = dx + dh
        da = _linear_back(w, dx, c_out, grads, need, scale)
        da = _linear_back(w, _attention_back(da, c_att), c_qkv, grads, need, scale)
        dh, grads[p + "ln1.g"], grads[p + "ln1.b"] = _layer_norm_back(da, c_ln1)
        dx = dx + dh
    if stop < 0:
        idx = cache["idx"]
        grads["wpe"] = np.zeros_like(w["wpe"])
        grads["wpe"][: idx.shape[1]] = dx.sum(0)
        grads["wte"] = np.zeros_like(w["wte"])
        np.add.at(grads["wte"], idx.ravel(), dx.reshape(-1, dx.shape[-1]))
    return {k: v for k, v in grads.items() if k in need}


def cross_entropy(
    logits: np.ndarray, targets: np.ndarray, mask: np.ndarray | None = None
) -> tuple[float, np.ndarray]:
    """Mean negative log-likelihood (nats per character) over ``mask`` and its gradient.

    Examples
    --------
    >>> import numpy as np
    >>> loss, _ = cross_entropy(np.zeros((1, 2, 4)), np.array([[0, 3]]))
    >>> round(loss, 6) == round(float(np.log(4)), 6)
    True
    """
    if mask is None:
        mask = np.ones(targets.shape, dtype=logits.dtype)
    z = logits - logits.max(-1, keepdims=True)
    ez = np.exp(z)
    total = ez.sum(-1, keepdims=True)
    logp = np.take_along_axis(z, targets[..., None], -1)[..., 0] - np.log(total[..., 0])
    n = max(float(mask.sum()), 1.0)
    dlogits = ez / total
    np.put_along_axis(
        dlogits, targets[..., None], np.take_along_axis(dlogits, targets[..., None], -1) - 1.0, -1
    )
    dlogits *= (mask / n)[..., None].astype(logits.dtype)
    return float(-(logp * mask).sum() / n), dlogits


def held_out_loss(
    w: Weights, cfg: Config, ids: np.ndarray, windows: int = 24, scale: float = 1.0
) -> float:
    """Mean loss (nats per character) over evenly spaced windows of ``ids``."""
    t = cfg.context
    starts = np.linspace(0, len(ids) - t - 1, windows).astype(int)
    x = np.stack([ids[s : s + t + 1] for s in starts])
    logits, _ = forward(w, cfg, x[:, :-1], scale)
    return cross_entropy(logits, x[:, 1:])[0]
