"""Speed of the break-even calculator: one widget update, and the vectorised volume sweep."""

from __future__ import annotations

import itertools

import numpy as np
from _timing import Result, measure

import ftlib as ft
import ftlib.costs.lab
from ftlib.costs.bills import volume_sweep


def results() -> list[Result]:
    lab = ft.costs.lab.break_even_calculator(today="2026-11-28")
    slider = lab.controls["requests_per_month"]

    # Moves go to the slider's own positions (a SelectionSlider refuses any other value).
    steps = [value for _, value in slider.options]

    def nearest(volume: float) -> float:
        return min(steps, key=lambda s: abs(s - volume))

    here = steps.index(nearest(1_000_000))
    # A small slider move (one step): the axes keep their limits, so only the data are redrawn.
    small = itertools.cycle([steps[here], steps[here + 1]])
    # Back and forth across scales: new limits each time, but the chart's cache still holds them.
    revisit = itertools.cycle([nearest(100_000), nearest(2_000_000)])
    # Twelve volumes, twelve different axes (more than the cache holds): every update redraws text.
    fresh = itertools.cycle(sorted({nearest(v) for v in np.geomspace(2_000, 9_000_000, 12)}))

    base, cand = ft.model_prices("gpt-5.4"), ft.model_prices("gpt-4.1-mini-ft")
    volumes = np.geomspace(1e3, 1e7, 1_000)
    gpus = ft.model_prices("self-hosted-lora", tokens_per_second_per_gpu=400)
    cached = ft.Usage(cached_share=0.8, reasoning_tokens_per_request=100)

    def move(values):
        return lambda: setattr(slider, "value", next(values))

    return [
        measure("costs: calculator update, small move", move(small), target_ms=50, repeat=21),
        measure(
            "costs: calculator update, rescaled axes seen before",
            move(revisit),
            target_ms=50,
            repeat=21,
        ),
        measure(
            "costs: calculator update, new axes (full redraw)", move(fresh), target_ms=50, repeat=24
        ),
        measure(
            "costs: 1,000-point volume sweep",
            lambda: volume_sweep(volumes, 500, 200, base, cand, 200),
            target_ms=5,
            repeat=51,
        ),
        measure(
            "costs: 1,000-point sweep, cached baseline vs GPUs in steps",
            lambda: volume_sweep(volumes, 500, 200, base, gpus, 200, baseline_usage=cached),
            target_ms=5,
            repeat=51,
        ),
    ]
