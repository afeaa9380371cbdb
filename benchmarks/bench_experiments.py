"""Failure-mode experiments: each one under 2 s, each lab's full sweep under 10 s.

Timed cold, with the base model already pre-trained: before each run the remembered tables and
the cached datasets and tuned models (``experiments._clear_sub_results``) are cleared, so every
model trains. Within one sweep, models that do not depend on the knob are trained once and
reused, as they are when a learner presses the sweep button.
"""

from __future__ import annotations

from _timing import Result, measure

import ftlib as ft
from ftlib.experiments import runs as E


def _cold_sweep(name: str):
    experiment = E.EXPERIMENT_SWEEPS[name][0]

    def run() -> None:
        experiment.cache_clear()  # time the training, not the memo
        E._clear_sub_results()
        ft.run_sweep(name)

    return run


def _cold(fn):
    def run() -> None:
        E._clear_sub_results()
        fn()

    return run


def results() -> list[Result]:
    base_data = [
        ft.experiments.general_examples(t, 400, seed=i)
        for i, t in enumerate(ft.experiments.GENERAL_TASKS)
    ]
    out = [
        measure(
            "experiments: pre-train the base model",
            lambda: ft.experiments.PretrainedBase().fit(base_data),
            target_ms=1_000,
            repeat=3,
        )
    ]
    singles = {
        "forgetting": lambda: ft.experiments.forgetting_experiment.__wrapped__(seed=0),
        "contamination": lambda: ft.experiments.contamination_experiment.__wrapped__(seed=0),
        "shift": lambda: ft.experiments.shift_experiment.__wrapped__(seed=0),
        "noisy_labels": lambda: ft.experiments.noisy_labels_experiment.__wrapped__(seed=0),
        "data_size (200)": lambda: ft.experiments.data_size_experiment.__wrapped__(
            n_train=200, seed=0
        ),
        "sunk_cost": lambda: ft.experiments.sunk_cost_experiment.__wrapped__(seed=0),
    }
    out += [
        measure(f"experiments: one {name} experiment", _cold(fn), target_ms=2_000, repeat=3)
        for name, fn in singles.items()
    ]
    out += [
        measure(
            f"experiments: {name} lab full sweep", _cold_sweep(name), target_ms=10_000, repeat=1
        )
        for name in E.EXPERIMENT_SWEEPS
    ]
    return out
