"""The article's claims as experiments on the tiny language model, each returning a table.

1. :func:`knowledge_trap`: tuning teaches the format and tone, not the facts.
2. :func:`format_experiment`: tuning makes outputs parse; few-shot prompting of the base
   gets part of the way.
3. :func:`examples_experiment`: 20, 200 or 2,000 examples, an easy and a harder task.
4. :func:`forgetting_experiment`: what pretraining leaves after tuning, against one knob.
5. :func:`methods_experiment`: LoRA, full, head-only and QLoRA side by side.

Every run is cached by its arguments (same arguments, same table, computed once per
process), and tuned models are cached by their data and settings, so experiments that
share a run share its cost.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache, wraps
from typing import Any, TypeVar

import pandas as pd

from ..core.errors import FtlibError, check_choice, check_int
from .base import Model, load_base
from .evaluate import retained, support_scores, ticket_scores
from .lora import TARGETS
from .tasks import catalogue, few_shot_prompt, product_question, support_answer, ticket_examples
from .tune import TuneResult, TuneSettings, tune

__all__ = [
    "knowledge_trap",
    "format_experiment",
    "examples_experiment",
    "forgetting_experiment",
    "methods_experiment",
    "FORGETTING_KNOBS",
    "tuned_on_tickets",
]

F = TypeVar("F", bound=Callable[..., pd.DataFrame])
N_TEST = 60  # test prompts per measured rate


def _cached_table(func: F) -> F:
    """Cache a table function by its arguments and hand out copies (callers may edit them)."""
    cached = lru_cache(maxsize=32)(func)

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> pd.DataFrame:
        return cached(*args, **kwargs).copy()

    wrapper.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]


# --- cached training runs ----------------------------------------------------------------


@lru_cache(maxsize=48)
def tuned_on_tickets(n: int, hard: bool, settings: TuneSettings) -> TuneResult:
    """A run tuned on ``n`` short tickets (seeded by ``settings.seed``), cached."""
    data = ticket_examples(n, seed=1000 + settings.seed, hard=hard)
    return tune(load_base(), [(p, a) for p, a, _ in data], settings)


def _ticket_test(seed: int, hard: bool) -> list[tuple[str, str, dict[str, object]]]:
    return ticket_examples(N_TEST, seed=5000 + seed, hard=hard)


@lru_cache(maxsize=64)
def _ticket_row(n: int, hard: bool, settings: TuneSettings) -> dict[str, float]:
    run = tuned_on_tickets(n, hard, settings)
    scores, _ = ticket_scores(run.model, _ticket_test(settings.seed, hard), hard)
    return scores


@lru_cache(maxsize=64)
def _retained(n: int, hard: bool, settings: TuneSettings | None) -> dict[str, float]:
    model = load_base() if settings is None else tuned_on_tickets(n, hard, settings).model
    return retained(model)


def _seeds(seeds: tuple[int, ...] | int) -> tuple[int, ...]:
    seeds = (seeds,) if isinstance(seeds, int) else tuple(seeds)
    if not seeds:
        raise FtlibError("seeds", seeds, "one or more whole numbers")
    return tuple(check_int("seeds", s, minimum=0) for s in seeds)


# --- 1. the knowledge trap ---------------------------------------------------------------


@_cached_table
def knowledge_trap(
    seeds: tuple[int, ...] = (0,),
    n_products: int = 16,
    mentions: int = 3,
    n_context: int = 64,
    steps: int = 120,
    lr: float = 1e-2,
) -> pd.DataFrame:
    """Tune on support answers about some products; ask about those and about unseen ones.

    The catalogue has three groups: ``n_products`` *seen* products, whose two facts the
    support answers state ``mentions`` times each; ``n_products`` *unseen* products, never
    mentioned; and ``n_context`` products answered with their catalogue line in the prompt
    (as a retrieval system would put it there), which teach the model to read that line.
    Rows: one per seed, model (base or tuned) and condition (``seen``, ``unseen``,
    ``unseen + retrieved``): the share of answers in the house format, with the right
    fact, and in format but wrong (``hallucinated``). Chance is 1 in 6 for a colour and 1
    in 5 for a warranty.

    What it shows at this size: the format arrives for every question; unseen products get
    fluent, confident, wrong facts at about the rate of a guess; seen facts come back more
    often but far from always. The retrieved condition does **not** come back right here:
    this 0.8M-parameter base never learned to copy from its prompt, so the fact line in
    front of the question is ignored. A model that can read its prompt (any real LLM)
    is what retrieval needs; the course says so where it shows this table.

    Examples
    --------
    >>> table = knowledge_trap(seeds=(0,), n_products=4, mentions=1, n_context=4, steps=2)
    >>> sorted(table["condition"].unique())
    ['seen', 'unseen', 'unseen + retrieved']
    """
    rows = []
    for seed in _seeds(seeds):
        cat = catalogue(2 * n_products + n_context, seed=seed)
        seen, unseen, context = (
            cat[:n_products],
            cat[n_products : 2 * n_products],
            cat[2 * n_products :],
        )
        train = []
        for k in range(mentions):
            for j, p in enumerate(seen):
                for fact in ("colour", "warranty"):
                    train.append(
                        (product_question(p, fact, phrasing=j + k + 1), support_answer(p, fact))
                    )
        for j, p in enumerate(context):
            for fact in ("colour", "warranty"):
                prompt = product_question(p, fact, phrasing=j + 1, retrieved=True)
                train.append((prompt, support_answer(p, fact)))
        run = tune(load_base(), train, TuneSettings(steps=steps, lr=lr, seed=seed))
        for label, model in (("base", load_base()), ("tuned", run.model)):
            for condition, group, retrieved in (
                ("seen", seen, False),
                ("unseen", unseen, False),
                ("unseen + retrieved", unseen, True),
            ):
                scores, _ = support_scores(model, group, retrieved=retrieved)
                rows.append({"seed": seed, "model": label, "condition": condition, **scores})
    return pd.DataFrame(rows)


# --- 2. format enforcement ---------------------------------------------------------------


@_cached_table
def format_experiment(
    seeds: tuple[int, ...] = (0,),
    n_train: int = 200,
    steps: int = 40,
    hard: bool = False,
    lr: float = 1e-2,
) -> pd.DataFrame:
    """Share of answers that parse as the required JSON: base, base with shots, tuned.

    The few-shot prompt puts worked tickets in front of the question; the context keeps
    the last of them that fit (one or two at this size).

    Examples
    --------
    >>> table = format_experiment(seeds=(0,), n_train=20, steps=2)
    >>> list(table["model"])
    ['base, zero-shot', 'base, few-shot', 'tuned (LoRA)']
    """
    rows = []
    base = load_base()
    for seed in _seeds(seeds):
        test = _ticket_test(seed, hard)
        shots = ticket_examples(3, seed=7000 + seed, hard=hard)
        few = [few_shot_prompt(p, shots) for p, _, _ in test]
        zero_scores, _ = ticket_scores(base, test, hard)
        few_scores, _ = ticket_scores(base, test, hard, prompts=few)
        tuned = _ticket_row(n_train, hard, TuneSettings(steps=steps, lr=lr, seed=seed))
        for label, scores in (
            ("base, zero-shot", zero_scores),
            ("base, few-shot", few_scores),
            ("tuned (LoRA)", tuned),
        ):
            rows.append({"seed": seed, "model": label, **scores})
    return pd.DataFrame(rows)


# --- 3. how many examples ------------------------------------------------------------------


@_cached_table
def examples_experiment(
    seeds: tuple[int, ...] = (0,),
    sizes: tuple[int, ...] = (20, 200, 2000),
    steps: int = 60,
    lr: float = 1e-2,
) -> pd.DataFrame:
    """Format compliance and label accuracy against the number of distinct examples.

    The step budget is the same for every size, so 20 examples are seen many times and
    2,000 about once: what changes is how much of the task the examples cover.

    Examples
    --------
    >>> table = examples_experiment(seeds=(0,), sizes=(20,), steps=2)
    >>> sorted(table["task"].unique())
    ['easy', 'harder']
    """
    rows = []
    for seed in _seeds(seeds):
        for hard in (False, True):
            for n in sizes:
                n = check_int("sizes", n, minimum=1, maximum=20000)
                scores = _ticket_row(n, hard, TuneSettings(steps=steps, lr=lr, seed=seed))
                rows.append(
                    {"seed": seed, "task": "harder" if hard else "easy", "examples": n, **scores}
                )
    return pd.DataFrame(rows)


# --- 4. forgetting -------------------------------------------------------------------------

FORGETTING_KNOBS: dict[str, tuple[Any, ...]] = {
    "lr": (1e-3, 3e-3, 1e-2),
    "rank": (1, 4, 16),
    "steps": (20, 60, 180),
    "method": ("head", "lora", "full"),
    "replay": (0.0, 0.25, 0.5),
}


@_cached_table
def forgetting_experiment(
    knob: str = "lr",
    values: tuple[Any, ...] | None = None,
    seeds: tuple[int, ...] = (0,),
    steps: int = 60,
    n_train: int = 200,
) -> pd.DataFrame:
    """Turn one knob of a tuning run; measure the task and what pretraining left.

    Columns: the knob's value, task ``accuracy`` and ``compliance``, ``held_out_loss`` on the
    pretraining text, its rise over the base (``forgetting``), and two probes learned in
    pretraining: naming the next or previous weekday or month (``calendar``) and the
    general tasks (``general``). The base model is the row with value ``"base"``.

    Examples
    --------
    >>> table = forgetting_experiment("rank", values=(1,), steps=2, n_train=20)
    >>> list(table["value"])
    ['base', 1]
    """
    knob = check_choice("knob", knob, FORGETTING_KNOBS)
    values = FORGETTING_KNOBS[knob] if values is None else tuple(values)
    base = _retained(0, False, None)
    rows = []
    for seed in _seeds(seeds):
        rows.append(
            {
                "seed": seed,
                "value": "base",
                "accuracy": float("nan"),
                "compliance": float("nan"),
                **base,
                "forgetting": 0.0,
            }
        )
        for value in values:
            s = TuneSettings(steps=steps, seed=seed)
            s = replace(s, **{knob: value}).checked()
            kept = _retained(n_train, False, s)
            scores = _ticket_row(n_train, False, s)
            rows.append(
                {
                    "seed": seed,
                    "value": value,
                    **scores,
                    **kept,
                    "forgetting": kept["held_out_loss"] - base["held_out_loss"],
                }
            )
    return pd.DataFrame(rows)


# --- 5. LoRA, full, head only, QLoRA -------------------------------------------------------

METHOD_SETTINGS: dict[str, dict[str, Any]] = {
    "LoRA": {"method": "lora"},
    "full": {"method": "full", "lr": 1e-3},
    "head only": {"method": "head", "lr": 1e-2},
    "QLoRA int8": {"method": "lora", "precision": "int8"},
    "QLoRA 4-bit": {"method": "lora", "precision": "int4"},
}


@_cached_table
def methods_experiment(
    seeds: tuple[int, ...] = (0,), steps: int = 60, n_train: int = 200, hard: bool = False
) -> pd.DataFrame:
    """Trainable parameters, memory, step time, quality and forgetting for each method.

    ``optimizer_MB`` is Adam's two moment arrays; ``base_MB`` the frozen linear weights as
    stored (float32, int8 or 4-bit with float16 scales). Learning rates: 3e-3 for LoRA,
    1e-3 for full tuning, 1e-2 for the head, each a sensible choice for its method.

    Examples
    --------
    >>> table = methods_experiment(seeds=(0,), steps=2, n_train=20)
    >>> list(table["method"])
    ['LoRA', 'full', 'head only', 'QLoRA int8', 'QLoRA 4-bit']
    """
    base = _retained(0, False, None)
    rows = []
    for seed in _seeds(seeds):
        for name, knobs in METHOD_SETTINGS.items():
            s = TuneSettings(steps=steps, seed=seed, targets=TARGETS, **knobs).checked()
            run = tuned_on_tickets(n_train, hard, s)
            scores = _ticket_row(n_train, hard, s)
            kept = _retained(n_train, hard, s)
            rows.append(
                {
                    "seed": seed,
                    "method": name,
                    "trainable": run.trainable,
                    "optimizer_MB": run.optimizer_bytes / 1e6,
                    "base_MB": run.base_bytes / 1e6,
                    "step_s": run.step_seconds,
                    **scores,
                    "forgetting": kept["held_out_loss"] - base["held_out_loss"],
                }
            )
    return pd.DataFrame(rows)


def _model(run: TuneResult | None) -> Model:
    return load_base() if run is None else run.model
