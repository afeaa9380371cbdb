"""Live labs in a kernel: how long one update takes after a learner changes a control.

Each lab is built once, then its main controls are moved the way a learner moves them: a slider
released on a new position (one update: the slow labs' sliders update on release), a drop-down
changed, a number typed, a file uploaded. Experiments start cold at every position (their memo
of result tables is cleared), as a learner exploring new settings meets them; models a move does
not change (the full fine-tune when only the adapter's rank moves, the training runs when only
the abort rule moves) are reused, as in a learner's kernel (see ``_clear_memos``), and no figure
drawn earlier is reused except the one on screen. The figure is the median over the moves; the
target is 300 ms (issue 13). ``python benchmarks/bench_widgets.py [lab ...]`` prints one line per
lab with the median and the slowest move.
"""

from __future__ import annotations

import datetime
import statistics
import sys
import time
from collections.abc import Callable

from _timing import Result

import ftlib as ft
import ftlib.costs.lab
import ftlib.datacheck.lab
import ftlib.decision.lab
import ftlib.evaluation.lab
import ftlib.experiments.lab
import ftlib.readiness.lab
import ftlib.rules.lab
from ftlib.experiments import runs as E

TARGET_MS = 300.0


def _clear_memos(lab: object) -> None:
    """Forget every result table, so each move computes its experiment as at a new position.

    Cleared: each experiment's memo of whole tables and the lab's own table per position. Kept:
    the pre-trained bases, the datasets and tuned models cached by what they depend on
    (``experiments._data``, ``_tuned_cached``, ``_few_shot_score``) and each text's hashed row
    (``tinymodels._rows``). A learner's kernel holds those too: after moving ``rank``, the
    full fine-tune trained at the lab's first position is reused and only the adapter trains,
    exactly as here. Between labs everything is forgotten (:func:`_fresh_kernel`): a learner
    opens each lab in its own kernel.
    """
    for experiment, _knob, _values in E.EXPERIMENT_SWEEPS.values():
        if hasattr(experiment, "cache_clear"):
            experiment.cache_clear()
    runs = getattr(lab, "_runs", None)
    if isinstance(runs, dict):
        runs.clear()
    # Figures kept for going back are forgotten too; the one on screen stays (a move that leaves
    # the figure as it is does not redraw it, which is what a learner meets).
    figures = getattr(getattr(lab, "lab", lab), "_figures", None)
    while isinstance(figures, dict) and len(figures) > 1:
        figures.popitem(last=False)


def _fresh_kernel() -> None:
    """Forget every model, dataset and hashed text, as a new kernel starts with none."""
    from ftlib.experiments import tinymodels

    for cached in (E._base, E._data, E._tuned_cached, E._few_shot_score):
        cached.cache_clear()
    tinymodels._rows.clear()


def _controls(lab: object) -> dict:
    inner = getattr(lab, "lab", lab)
    return inner.controls


def _upload(name: str) -> tuple[dict, ...]:
    """A shipped sample as the upload button hands a file to the kernel (ipywidgets 8)."""
    content = ft.data_sample_path(name.removeprefix("train_").removesuffix(".jsonl")).read_bytes()
    when = datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)
    file = {"name": name, "type": "", "size": len(content), "content": memoryview(content)}
    return ({**file, "last_modified": when},)


# (lab name, factory, moves): each move is (control, value), applied in order.
LABS: list[tuple[str, Callable[[], object], list[tuple[str, object]]]] = [
    (
        "volume_band",
        lambda: ft.rules.lab.volume_band_explorer(20_000),
        [("requests_per_month", v) for v in (50_000, 100_000, 500_000, 1_000_000, 10_000)],
    ),
    (
        "break_even",
        lambda: ft.costs.lab.break_even_calculator(),
        [
            ("requests_per_month", 100_000),
            ("requests_per_month", 10_000),
            ("candidate", "gpt-5.4-mini"),
            ("training_usd", 1_700.0),
            ("input_tokens", 900),
            ("vintage", "article-2026-04"),
        ],
    ),
    (
        "decision_explorer",
        lambda: ft.decision.lab.decision_explorer(
            ft.Situation(requests_per_month=1_000_000, provider="openai"), as_of="2026-04-15"
        ),
        [
            ("as_of", "2026-06-01"),
            ("openai_fine_tuning_access", True),
            ("requests_per_month", 70_000),
            ("missing_facts", True),
            ("provider", "any"),
        ],
    ),
    (
        "readiness_gate",
        lambda: ft.readiness.lab.readiness_gate(
            ft.Situation(requests_per_month=1_000_000, provider="openai")
        ),
        [
            ("baseline_measured", True),
            ("hypothesis", "F1 from 0.82 to 0.92 by teaching the clause format"),
            ("test_examples", 30),
            ("train_examples", 100),
        ],
    ),
    (
        "when_not",
        lambda: ft.decision.lab.when_not_quiz("support-facts"),
        [("answer", "rag"), ("scenario_id", "tone-few"), ("answer", "fine-tune")],
    ),
    (
        "forgetting",
        lambda: ft.experiments.lab.forgetting_lab(),
        [("mix_share", 0.4), ("rank", 1), ("rank", 16), ("seed", 1), ("mix_share", 0.0)],
    ),
    (
        "contamination",
        lambda: ft.experiments.lab.contamination_lab(),
        [("overlap_share", v) for v in (0.5, 0.8, 1.0)] + [("seed", 1), ("seed", 2)],
    ),
    (
        "shift",
        lambda: ft.experiments.lab.shift_lab(),
        [("production_share", v) for v in (0.3, 0.6, 0.9)] + [("seed", 1), ("seed", 2)],
    ),
    (
        "noisy_labels",
        lambda: ft.experiments.lab.noisy_labels_lab(),
        [("noise_rate", v) for v in (0.0, 0.4, 0.6)] + [("seed", 1), ("seed", 2)],
    ),
    (
        "data_size",
        lambda: ft.experiments.lab.data_size_lab(),
        [("n_train", v) for v in (20, 500, 2000)] + [("seed", 1), ("seed", 2)],
    ),
    (
        "sunk_cost",
        lambda: ft.experiments.lab.sunk_cost_lab(),
        [("target_gain", 0.3), ("max_checkpoints", 4), ("target_gain", 0.05), ("seed", 1)],
    ),
    (
        "measure: paired comparison",
        lambda: ft.evaluation.lab.paired_comparison_explorer(test_size=100),
        [
            ("test_size", 300),
            ("test_size", 500),
            ("metric", "macro_f1"),
            ("drop_leaked", True),
            ("seed", 1),
        ],
    ),
    (
        "measure: leaked items",
        lambda: ft.evaluation.lab.leaked_items_explorer(),
        [("threshold", 0.9), ("threshold", 0.6), ("unit", "word")],
    ),
    (
        "check_your_data",
        lambda: ft.datacheck.lab.data_check_lab(),
        [
            ("source", "clean"),
            ("test", "test"),
            ("epochs", 5),
            ("model", ""),
            ("upload", _upload("train_clean.jsonl")),
        ],
    ),
]


def time_moves(factory, moves) -> list[float]:
    """Milliseconds of each move, from setting the control to the end of the update."""
    _fresh_kernel()
    lab = factory()
    controls = _controls(lab)
    out = []
    for name, value in moves:
        _clear_memos(lab)
        start = time.perf_counter()
        controls[name].value = value
        out.append((time.perf_counter() - start) * 1000)
    return out


def results() -> list[Result]:
    out = []
    for name, factory, moves in LABS:
        times = time_moves(factory, moves)
        out.append(Result(f"live lab update: {name}", statistics.median(times), TARGET_MS))
    return out


if __name__ == "__main__":
    print(f"{'lab':<30} {'median ms':>10} {'max ms':>9} {'moves':>6}")
    for name, factory, moves in LABS:
        if len(sys.argv) > 1 and not any(a in name for a in sys.argv[1:]):
            continue
        times = time_moves(factory, moves)
        print(f"{name:<30} {statistics.median(times):10.1f} {max(times):9.1f} {len(times):6d}")
