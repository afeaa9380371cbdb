"""Adam, with the global gradient norm clipped, over the parameters being trained.

Examples
--------
>>> import numpy as np
>>> w = {"x": np.array([1.0])}
>>> opt = Adam(["x"], w, lr=0.1)
>>> norm = opt.step(w, {"x": np.array([2.0])})
>>> round(float(w["x"][0]), 6)  # the first Adam step moves by lr whatever the gradient's size
0.9
"""

from __future__ import annotations

import numpy as np

from .model import Weights

__all__ = ["Adam"]


class Adam:
    """Adam (``beta1=0.9``, ``beta2=0.95``) with gradient-norm clipping at ``clip``."""

    def __init__(
        self, names: list[str], w: Weights, lr: float, clip: float = 1.0, eps: float = 1e-8
    ) -> None:
        self.names, self.lr, self.clip, self.eps, self.t = list(names), lr, clip, eps, 0
        self.m = {n: np.zeros_like(w[n]) for n in names}
        self.v = {n: np.zeros_like(w[n]) for n in names}

    @property
    def nbytes(self) -> int:
        """Memory the optimizer's two moment arrays take."""
        return sum(a.nbytes for a in self.m.values()) + sum(a.nbytes for a in self.v.values())

    def step(self, w: Weights, grads: Weights, lr: float | None = None) -> float:
        """Update ``w`` in place from ``grads``; returns the gradient norm before clipping."""
        lr = self.lr if lr is None else lr
        norm = float(np.sqrt(sum(float((grads[n] * grads[n]).sum()) for n in self.names)))
        shrink = min(1.0, self.clip / (norm + 1e-12))
        self.t += 1
        b1, b2 = 0.9, 0.95
        for n in self.names:
            g = grads[n] * shrink
            self.m[n] = b1 * self.m[n] + (1 - b1) * g
            self.v[n] = b2 * self.v[n] + (1 - b2) * (g * g)
            mhat = self.m[n] / (1 - b1**self.t)
            vhat = self.v[n] / (1 - b2**self.t)
            w[n] -= (lr * mhat / (np.sqrt(vhat) + self.eps)).astype(w[n].dtype)
        return norm
