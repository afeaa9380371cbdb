"""One run of the lab "Fine-tune a language model": tune, then measure, as plain data.

The live lab (:mod:`ftlib.tinylm.lab`) calls :func:`lab_run` with the learner's
controls; the static site's grid (``make tinylm-grid``) calls it for each control
position and stores the results. A finished run is kept for the rest of the session,
so moving a control back shows its run again at once.

Examples
--------
>>> lab_settings(method="lora", rank=4, targets="attention").targets
('qkv', 'out')
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from ..core.errors import FtlibError, check_choice
from .base import Model, load_base
from .evaluate import retained, ticket_scores
from .lora import TARGETS
from .quant import PRECISIONS
from .tasks import ticket_examples
from .tune import METHODS, TuneSettings, tune

__all__ = [
    "LAB_CONTROLS",
    "LAB_DEFAULTS",
    "TARGET_SETS",
    "lab_settings",
    "lab_run",
    "quick_format_demo",
]

TARGET_SETS: dict[str, tuple[str, ...]] = {
    "attention": ("qkv", "out"),
    "mlp": ("up", "down"),
    "all": TARGETS,
}
LAB_CONTROLS: dict[str, tuple[Any, ...]] = {
    "method": METHODS,
    "rank": (1, 4, 16),
    "targets": tuple(TARGET_SETS),
    "examples": (20, 200, 2000),
    "lr": (1e-3, 3e-3, 1e-2),
    "steps": (20, 60, 120),
    "replay": (0.0, 0.25, 0.5),
    "precision": PRECISIONS,
}
LAB_DEFAULTS: dict[str, Any] = {
    "method": "lora",
    "rank": 4,
    "targets": "all",
    "examples": 200,
    "lr": 3e-3,
    "steps": 60,
    "replay": 0.0,
    "precision": "fp32",
}
HARD = False  # the lab's task: the queue as JSON (the easy ticket task)
N_TEST = 48
N_SAMPLES = 4
_RUNS: dict[tuple[Any, ...], dict[str, Any]] = {}


def _controls(controls: dict[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(controls) - set(LAB_CONTROLS))
    if unknown:
        raise FtlibError("control", unknown[0], "one of " + ", ".join(LAB_CONTROLS))
    return {**LAB_DEFAULTS, **controls}


def lab_settings(**controls: Any) -> TuneSettings:
    """The :class:`TuneSettings` for lab controls (unnamed ones at their defaults)."""
    c = _controls(controls)
    targets = TARGET_SETS[check_choice("targets", c["targets"], TARGET_SETS)]
    return TuneSettings(
        method=c["method"],
        rank=c["rank"],
        targets=targets,
        lr=c["lr"],
        steps=c["steps"],
        replay=c["replay"],
        precision=c["precision"],
        seed=0,
    ).checked()


def _key(controls: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(controls[k] for k in LAB_CONTROLS)


def lab_run(
    on_step: Callable[[int, float], bool | None] | None = None, **controls: Any
) -> dict[str, Any]:
    """Tune with the lab's controls; return the curve, scores before and after, and samples.

    Keys: ``controls``, ``losses`` (per step), ``before`` and ``after`` (``compliance``,
    ``accuracy``, ``held_out_loss``, ``calendar``, ``general``), ``forgetting`` (rise of the
    held-out loss), ``samples`` (prompt, before, after), ``trainable``, ``seconds`` and
    ``stopped``. A stopped run is returned but not kept.

    Examples
    --------
    >>> run = lab_run(steps=20, examples=20)
    >>> len(run["losses"]), sorted(run["after"])[:2]
    (20, ['accuracy', 'calendar'])
    """
    c = _controls(controls)
    settings = lab_settings(**c)
    key = _key(c)
    if key in _RUNS:
        return _RUNS[key]
    t0 = time.perf_counter()
    base = load_base()
    train = ticket_examples(c["examples"], seed=1000, hard=HARD)
    test = ticket_examples(N_TEST, seed=5000, hard=HARD)
    result = tune(base, [(p, a) for p, a, _ in train], settings, on_step=on_step)
    before, before_out = _base_scores()
    after, after_out = _scores(result.model, test)
    run = {
        "controls": c,
        "losses": [round(x, 4) for x in result.losses],
        "before": before,
        "after": after,
        "forgetting": round(after["held_out_loss"] - before["held_out_loss"], 4),
        "samples": [
            {"prompt": p, "before": b, "after": a}
            for (p, b), (_, a) in zip(before_out[:N_SAMPLES], after_out[:N_SAMPLES], strict=True)
        ],
        "trainable": result.trainable,
        "seconds": round(time.perf_counter() - t0, 1),
        "stopped": result.stopped,
    }
    if not result.stopped:
        _RUNS[key] = run
    return run


def _scores(model: Model, test: list[Any]) -> tuple[dict[str, float], list[tuple[str, str]]]:
    scores, out = ticket_scores(model, test, HARD)
    scores = {k: round(v, 4) for k, v in {**scores, **retained(model)}.items()}
    return scores, out


@lru_cache(maxsize=1)
def _base_scores() -> tuple[dict[str, float], list[tuple[str, str]]]:
    return _scores(load_base(), ticket_examples(N_TEST, seed=5000, hard=HARD))


def quick_format_demo(steps: int = 40) -> dict[str, float]:
    """The short demo: LoRA on 200 easy tickets; JSON compliance before and after.

    Examples
    --------
    >>> demo = quick_format_demo(steps=2)
    >>> sorted(demo)
    ['after', 'before', 'seconds']
    """
    t0 = time.perf_counter()
    base = load_base()
    train = ticket_examples(200, seed=1000)
    test = ticket_examples(N_TEST, seed=5000)
    result = tune(base, [(p, a) for p, a, _ in train], TuneSettings(steps=steps))
    before, _ = ticket_scores(base, test, hard=False)
    after, _ = ticket_scores(result.model, test, hard=False)
    return {
        "before": before["compliance"],
        "after": after["compliance"],
        "seconds": time.perf_counter() - t0,
    }
