"""Writing text: greedy or temperature sampling, many prompts at once, with a key-value cache.

The prompts run through the model once (right-padded to the longest); after that each
new character costs one position per prompt, attending to the keys and values kept
from earlier positions.

Examples
--------
>>> from ftlib.tinylm.model import Config, init_weights
>>> cfg = Config(d=16, layers=1, heads=2, context=16)
>>> out = generate(init_weights(cfg), cfg, ["ab", "c"], max_new=3, stop=None)
>>> [len(o) for o in out]
[3, 3]
"""

from __future__ import annotations

import math

import numpy as np

from ._threads import single_threaded
from .model import Config, Weights, _gelu, _layer_norm, _linear, forward
from .text import decode, encode

__all__ = ["generate"]


def _pick(logits: np.ndarray, temperature: float, rng: np.random.Generator) -> np.ndarray:
    if temperature <= 0:
        return logits.argmax(-1)
    z = logits.astype(np.float64) / temperature
    p = np.exp(z - z.max(-1, keepdims=True))
    cum = np.cumsum(p, -1)
    u = rng.random(len(p))[:, None] * cum[:, -1:]
    return (cum < u).sum(-1)  # inverse-CDF draw, one per row


def _step(
    w: Weights,
    cfg: Config,
    tok: np.ndarray,
    pos: np.ndarray,
    keys: list[np.ndarray],
    values: list[np.ndarray],
    scale: float,
) -> np.ndarray:
    """Logits for one new token per row at position ``pos``; fills the cache there."""
    bsz = len(tok)
    rows = np.arange(bsz)
    hd = cfg.d // cfg.heads
    x = w["wte"][tok] + w["wpe"][pos]
    visible = np.arange(keys[0].shape[2])[None, :] <= pos[:, None]  # (batch, time)
    for i in range(cfg.layers):
        p = f"h{i}."
        h, _ = _layer_norm(x[:, None], w[p + "ln1.g"], w[p + "ln1.b"])
        qkv, _ = _linear(w, p + "qkv", h[:, 0], scale)
        q, k, v = qkv.reshape(bsz, 3, cfg.heads, hd).transpose(1, 0, 2, 3)
        keys[i][rows, :, pos], values[i][rows, :, pos] = k, v
        s = np.einsum("bhd,bhtd->bht", q, keys[i]) / math.sqrt(hd)
        s = np.where(visible[:, None, :], s, -np.inf)
        a = np.exp(s - s.max(-1, keepdims=True))
        a /= a.sum(-1, keepdims=True)
        y = np.einsum("bht,bhtd->bhd", a, values[i]).reshape(bsz, cfg.d)
        o, _ = _linear(w, p + "out", y, scale)
        x = x + o
        h, _ = _layer_norm(x[:, None], w[p + "ln2.g"], w[p + "ln2.b"])
        u, _ = _linear(w, p + "up", h[:, 0], scale)
        m, _ = _linear(w, p + "down", _gelu(u)[0], scale)
        x = x + m
    h, _ = _layer_norm(x[:, None], w["lnf.g"], w["lnf.b"])
    return _linear(w, "head", h[:, 0], scale)[0]


@single_threaded
def generate(
    w: Weights,
    cfg: Config,
    prompts: list[str],
    max_new: int = 48,
    temperature: float = 0.0,
    seed: int = 0,
    stop: str | None = "\n",
    scale: float = 1.0,
) -> list[str]:
    """The text each prompt continues with: up to ``max_new`` characters, ending before ``stop``.

    ``temperature`` 0 picks the likeliest character (greedy); above 0 it samples, seeded by
    ``seed``. A prompt too long for the context keeps its last characters.
    """
    rng = np.random.default_rng(seed)
    max_new = min(max_new, cfg.context - 1)
    ids = [encode(p)[-(cfg.context - max_new) :] for p in prompts]
    ids = [i if len(i) else encode("\n") for i in ids]
    lengths = np.array([len(i) for i in ids])
    batch = np.zeros((len(ids), lengths.max()), dtype=np.int32)
    for r, i in enumerate(ids):
        batch[r, : len(i)] = i
    logits, cache = forward(w, cfg, batch, scale)
    hd = cfg.d // cfg.heads
    keys, values = [], []
    for block in cache["blocks"]:
        _, k, v, _ = block[2]
        pad = ((0, 0), (0, 0), (0, cfg.context - k.shape[2]), (0, 0))
        keys.append(np.pad(k, pad))
        values.append(np.pad(v, pad))
    del cache, hd
    rows = np.arange(len(ids))
    last = logits[rows, lengths - 1]
    out: list[list[int]] = [[] for _ in ids]
    done = np.zeros(len(ids), dtype=bool)
    stop_id = int(encode(stop)[0]) if stop else -1
    pos = lengths.copy()
    for _ in range(max_new):
        tok = _pick(last, temperature, rng)
        for r in rows[~done]:
            if tok[r] == stop_id:
                done[r] = True
            else:
                out[r].append(int(tok[r]))
        if done.all() or pos.max() >= cfg.context:
            break
        last = _step(w, cfg, tok, pos, keys, values, scale)
        pos = pos + 1
    return [decode(o) for o in out]
