"""A quantised base: int8 per output column, or 4-bit in groups, the idea behind QLoRA.

QLoRA keeps the frozen base in 4 bits and trains a full-precision LoRA adapter on
top. Here the weights are rounded to the chosen grid and stored as small integers with
their scales; the forward pass multiplies the dequantised copy (numpy has no 4-bit
matrix product), so the saving shown is the storage a real kernel would read.

Examples
--------
>>> import numpy as np
>>> W = np.array([[0.5, -1.0], [0.25, 1.0]], dtype=np.float32)
>>> q = quantize(W, bits=8)
>>> float(np.abs(dequantize(q) - W).max()) < 0.01
True
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .model import Config, Weights, linear_names

__all__ = ["PRECISIONS", "Quantized", "quantize", "dequantize", "quantize_base"]

PRECISIONS = ("fp32", "int8", "int4")
GROUP = 32  # rows of W sharing one 4-bit scale


@dataclass(frozen=True)
class Quantized:
    """Integers ``q`` and the float scales that map them back (``q * scale``)."""

    q: np.ndarray
    scale: np.ndarray
    bits: int
    shape: tuple[int, ...]

    @property
    def nbytes(self) -> int:
        """Bytes a packed store needs: ``bits`` per weight plus float16 scales."""
        return int(np.prod(self.shape)) * self.bits // 8 + self.scale.size * 2


def quantize(W: np.ndarray, bits: int) -> Quantized:
    """Symmetric rounding of ``W`` (``in x out``): int8 per column, int4 per group of rows."""
    levels = 2 ** (bits - 1) - 1  # 127 or 7
    n_in, n_out = W.shape
    group = n_in if bits == 8 else GROUP
    Wg = W.reshape(n_in // group, group, n_out)
    scale = np.abs(Wg).max(1, keepdims=True) / levels
    scale[scale == 0] = 1.0
    q = np.clip(np.rint(Wg / scale), -levels, levels).astype(np.int8)
    return Quantized(q=q, scale=scale.astype(np.float32), bits=bits, shape=(n_in, n_out))


def dequantize(qw: Quantized) -> np.ndarray:
    """The float32 weight the integers stand for."""
    return (qw.q.astype(np.float32) * qw.scale).reshape(qw.shape)


def quantize_base(w: Weights, cfg: Config, precision: str) -> tuple[Weights, int]:
    """``w`` with every linear weight rounded to ``precision``, and the bytes those weights take."""
    out = dict(w)
    nbytes = 0
    for layer in linear_names(cfg):
        W = w[layer + ".W"]
        if precision == "fp32":
            nbytes += W.size * 4
            continue
        qw = quantize(W, bits=8 if precision == "int8" else 4)
        out[layer + ".W"] = dequantize(qw).astype(W.dtype)
        nbytes += qw.nbytes
    return out, nbytes
