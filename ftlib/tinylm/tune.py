"""Three ways to tune the base, and a quantised base under LoRA (the QLoRA idea).

- ``full``: every weight trains.
- ``head``: only the output layer trains; the rest is frozen.
- ``lora``: the base is frozen; small adapters ``A``, ``B`` train on the layers in
  ``targets`` (:mod:`ftlib.tinylm.lora`).
- ``precision`` ``"int8"`` or ``"int4"`` rounds the frozen base first
  (:mod:`ftlib.tinylm.quant`); with ``lora`` that is QLoRA.

Training data are ``(prompt, answer)`` pairs; the loss counts only the answer's
characters and the newline that ends it. ``replay`` mixes that share of each batch
with windows of the pretraining text, the usual guard against forgetting.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from ..core.errors import FtlibError, check_choice, check_int, check_number
from ._threads import single_threaded
from .adam import Adam
from .base import Model
from .lora import TARGETS, add_lora
from .model import backward, cross_entropy, forward
from .quant import PRECISIONS, quantize_base
from .text import encode

__all__ = ["METHODS", "TuneSettings", "TuneResult", "tune", "example_batch"]

METHODS = ("lora", "full", "head")
Example = tuple[str, str]


@dataclass(frozen=True)
class TuneSettings:
    """A tuning run's knobs. ``alpha`` defaults to ``rank`` (LoRA scale 1)."""

    method: str = "lora"
    rank: int = 4
    targets: tuple[str, ...] = TARGETS
    lr: float = 3e-3
    steps: int = 40
    batch: int = 16
    replay: float = 0.0
    precision: str = "fp32"
    seed: int = 0
    alpha: float | None = None

    def checked(self) -> TuneSettings:
        """These settings, or an :class:`FtlibError` naming the first bad one."""
        check_choice("method", self.method, METHODS)
        check_choice("precision", self.precision, PRECISIONS)
        check_int("rank", self.rank, minimum=1, maximum=64)
        check_int("steps", self.steps, minimum=0, maximum=5000)
        check_int("batch", self.batch, minimum=1, maximum=256)
        check_number("lr", self.lr, minimum=1e-6, maximum=1.0)
        check_number("replay", self.replay, minimum=0.0, maximum=0.9)
        targets = tuple(self.targets)
        bad = [t for t in targets if t not in TARGETS]
        if self.method == "lora" and (bad or not targets):
            raise FtlibError("targets", targets, "one or more of " + ", ".join(TARGETS))
        if self.method != "lora" and self.precision != "fp32":
            raise FtlibError(
                "precision",
                self.precision,
                f"'fp32' with method={self.method!r}",
                "a quantised base stays frozen, so it goes with method='lora': that is QLoRA",
            )
        return replace(self, targets=targets)


@dataclass
class TuneResult:
    """The tuned model and what the run cost."""

    model: Model
    settings: TuneSettings
    losses: list[float] = field(default_factory=list)
    trainable: int = 0
    optimizer_bytes: int = 0
    base_bytes: int = 0
    step_seconds: float = 0.0
    stopped: bool = False


def example_batch(
    examples: Sequence[Example], context: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Inputs, targets and loss mask for ``prompt + answer + newline`` rows, right-padded.

    Examples
    --------
    >>> x, y, m = example_batch([("Q:", " ok")], context=16)
    >>> m.tolist()  # the loss sees " ok" and the newline, not the prompt
    [[0.0, 1.0, 1.0, 1.0, 1.0]]
    """
    rows = []
    for prompt, answer in examples:
        p, a = encode(prompt), encode(answer + "\n")
        ids = np.concatenate([p, a])[-(context + 1) :]
        n_answer = min(len(a), len(ids) - 1)
        rows.append((ids, n_answer))
    t = max(len(ids) for ids, _ in rows) - 1
    x = np.zeros((len(rows), t), dtype=np.int32)
    y = np.zeros((len(rows), t), dtype=np.int32)
    m = np.zeros((len(rows), t), dtype=np.float32)
    for r, (ids, n_answer) in enumerate(rows):
        n = len(ids) - 1
        x[r, :n], y[r, :n] = ids[:-1], ids[1:]
        m[r, n - n_answer : n] = 1.0
    return x, y, m


def _trainable(model: Model, s: TuneSettings) -> tuple[Model, list[str], int]:
    w, cfg = model.weights, model.cfg
    base_w, base_bytes = quantize_base(w, cfg, s.precision)
    if s.method == "full":
        return (
            replace(model, weights={k: v.copy() for k, v in base_w.items()}),
            list(base_w),
            base_bytes,
        )
    if s.method == "head":
        w2 = dict(base_w)
        w2["head.W"], w2["head.b"] = w["head.W"].copy(), w["head.b"].copy()
        return replace(model, weights=w2), ["head.W", "head.b"], base_bytes
    w2, names = add_lora(base_w, cfg, s.rank, s.targets, seed=s.seed)
    alpha = s.rank if s.alpha is None else s.alpha
    return replace(model, weights=w2, scale=alpha / s.rank), names, base_bytes


@single_threaded
def tune(
    base: Model,
    examples: Sequence[Example],
    settings: TuneSettings | None = None,
    *,
    replay_text: np.ndarray | None = None,
    on_step: Callable[[int, float], bool | None] | None = None,
) -> TuneResult:
    """Tune a copy of ``base`` on ``examples``; the base itself is left as it was.

    ``on_step(step, loss)`` is called after every step; returning ``False`` stops the run
    early (a live lab's stop button). ``replay_text`` (token ids) is what ``replay`` draws
    from; it defaults to the pretraining corpus's training split.

    Examples
    --------
    >>> from ftlib.tinylm.base import load_base
    >>> run = tune(load_base(), [("Q: hi\\nA:", " hello")] * 4, TuneSettings(steps=2, batch=2))
    >>> len(run.losses), run.trainable > 0
    (2, True)
    """
    s = (settings or TuneSettings()).checked()
    if not examples:
        raise FtlibError("examples", examples, "one or more (prompt, answer) pairs")
    model, names, base_bytes = _trainable(base, s)
    w, cfg = model.weights, model.cfg
    opt = Adam(names, w, lr=s.lr)
    rng = np.random.default_rng(s.seed)
    n_replay = int(round(s.replay * s.batch))
    if n_replay and replay_text is None:
        from .base import replay_ids

        replay_text = replay_ids()
    result = TuneResult(
        model,
        s,
        trainable=int(sum(w[n].size for n in names)),
        optimizer_bytes=opt.nbytes,
        base_bytes=base_bytes,
    )
    need = set(names)
    t0 = time.perf_counter()
    for step in range(s.steps):
        picks = rng.integers(len(examples), size=s.batch - n_replay)
        x, y, m = example_batch([examples[i] for i in picks], cfg.context)
        if n_replay and replay_text is not None:
            t = x.shape[1]
            starts = rng.integers(0, len(replay_text) - t - 1, size=n_replay)
            rx = np.stack([replay_text[i : i + t + 1] for i in starts])
            x, y = np.concatenate([x, rx[:, :-1]]), np.concatenate([y, rx[:, 1:]])
            m = np.concatenate([m, np.full((n_replay, t), m.sum() / max(m.size, 1), np.float32)])
        logits, cache = forward(w, cfg, x, model.scale)
        loss, dlogits = cross_entropy(logits, y, m)
        opt.step(w, backward(w, cfg, dlogits, cache, need))
        result.losses.append(loss)
        if on_step is not None and on_step(step, loss) is False:
            result.stopped = True
            break
    result.step_seconds = (time.perf_counter() - t0) / max(len(result.losses), 1)
    return result
