"""The tiny language model: a LoRA step, the lab's default run, the quick demo, the kernel's memory.

Targets (issue 25): one LoRA step on a batch of 16 x 64 characters with the default model at
most 0.2 s on one core; the lab's default run at most 30 s; the quick format demo at most
10 s; a kernel that has run the lab under 400 MB (peak resident memory of a fresh process).
"""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
from _timing import Result, measure

from ftlib.tinylm import labrun
from ftlib.tinylm._threads import one_thread
from ftlib.tinylm.adam import Adam
from ftlib.tinylm.base import load_base
from ftlib.tinylm.lora import TARGETS, add_lora
from ftlib.tinylm.model import backward, cross_entropy, forward

# Smoke mode (the unit suite's check that this file runs): the shortest runs, numbers unread.
SMOKE = os.environ.get("FTLIB_BENCH_SMOKE") == "1"
_RUN = "lab_run(steps=20, examples=20, method='head')" if SMOKE else "lab_run()"
_KERNEL = f"""
import resource
from ftlib.tinylm.labrun import lab_run
{_RUN}
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _lora_step():
    base = load_base()
    w, names = add_lora(base.weights, base.cfg, rank=4, targets=TARGETS)
    opt = Adam(names, w, lr=3e-3)
    x = np.random.default_rng(0).integers(0, 96, (16, 65)).astype(np.int32)
    need = set(names)

    def step() -> None:
        with one_thread():
            logits, cache = forward(w, base.cfg, x[:, :-1])
            _, d = cross_entropy(logits, x[:, 1:])
            opt.step(w, backward(w, base.cfg, d, cache, need))

    return step


def _lab_default() -> None:
    labrun._RUNS.clear()
    labrun._base_scores.cache_clear()
    if SMOKE:
        labrun.lab_run(steps=20, examples=20, method="head")
    else:
        labrun.lab_run()


def _kernel_mib() -> float:
    out = subprocess.run(
        [sys.executable, "-c", _KERNEL], capture_output=True, text=True, check=True
    )
    kib = int(out.stdout.split()[-1])
    return kib / 1024 if sys.platform != "darwin" else kib / 2**20


def results() -> list[Result]:
    load_base()
    out = [
        measure(
            "tinylm: LoRA step, batch 16 x 64, rank 4, all layers",
            _lora_step(),
            target_ms=200,
            repeat=15,
        ),
        measure(
            "tinylm: quick format demo (40 LoRA steps + scoring)",
            (lambda: labrun.quick_format_demo(steps=2)) if SMOKE else labrun.quick_format_demo,
            target_ms=10_000,
            repeat=3,
        ),
        measure(
            "tinylm: the lab's default run (60 steps + scoring)",
            _lab_default,
            target_ms=30_000,
            repeat=2,
            warmup=0,
        ),
    ]
    peak = _kernel_mib()
    # memory, not time: the "ms" columns hold MiB here (target 400 MiB)
    out.append(Result("tinylm: kernel peak RSS, MiB (lab default run)", peak, 400.0, peak))
    return out
