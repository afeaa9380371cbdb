"""Scoring a model: what it writes for the tasks, and what it kept from pretraining.

Examples
--------
>>> from ftlib.tinylm.base import load_base
>>> kept = retained(load_base())
>>> sorted(kept)
['calendar', 'general', 'held_out_loss']
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from ..experiments.tasks import GENERAL_TASKS, general_examples
from .base import Model
from .corpus import build_corpus, calendar_facts, general_line
from .model import held_out_loss
from .sample import generate
from .tasks import Product, parse_support_answer, parse_ticket_json, product_question

__all__ = ["answers", "support_scores", "ticket_scores", "retained"]


def answers(model: Model, prompts: list[str], max_new: int = 48) -> list[str]:
    """Greedy answers, one per prompt, each ending at the first newline."""
    return generate(model.weights, model.cfg, prompts, max_new=max_new, scale=model.scale)


def support_scores(
    model: Model, products: list[Product], retrieved: bool = False
) -> tuple[dict[str, float], list[tuple[str, str]]]:
    """Format, fact accuracy and hallucination rate over both facts of every product.

    ``hallucinated`` counts answers that keep the support format and state a wrong fact:
    fluent and sure, and false. Also returns ``(prompt, answer)`` samples.
    """
    prompts, truths = [], []
    for k, p in enumerate(products):
        for fact in ("colour", "warranty"):
            prompts.append(product_question(p, fact, phrasing=k, retrieved=retrieved))
            truths.append(p.colour if fact == "colour" else str(p.warranty))
    outs = answers(model, prompts, max_new=64)
    stated = [parse_support_answer(o) for o in outs]
    n = len(outs)
    fluent = sum(s is not None for s in stated)
    right = sum(s == t for s, t in zip(stated, truths, strict=True))
    return (
        {"format": fluent / n, "correct": right / n, "hallucinated": (fluent - right) / n},
        list(zip(prompts, outs, strict=True)),
    )


def ticket_scores(
    model: Model,
    examples: list[tuple[str, str, dict[str, object]]],
    hard: bool,
    prompts: list[str] | None = None,
) -> tuple[dict[str, float], list[tuple[str, str]]]:
    """Share of answers that parse as the required JSON, and share with every field right."""
    prompts = prompts or [p for p, _, _ in examples]
    outs = answers(model, prompts, max_new=40 if hard else 28)
    parsed = [parse_ticket_json(o, hard) for o in outs]
    ok = sum(p is not None for p in parsed)
    right = sum(p == labels for p, (_, _, labels) in zip(parsed, examples, strict=True))
    return {"compliance": ok / len(outs), "accuracy": right / len(outs)}, list(
        zip(prompts, outs, strict=True)
    )


@lru_cache(maxsize=1)
def _held_out() -> tuple[np.ndarray, ...]:
    return tuple(s.split()[1] for s in build_corpus())


@lru_cache(maxsize=1)
def _general_probe() -> tuple[list[str], list[str]]:
    prompts, truths = [], []
    for k, task in enumerate(GENERAL_TASKS):
        data = general_examples(task, 20, seed=900 + k)  # seeds the corpus never used
        for text, y in zip(data.texts, data.labels, strict=True):
            line = general_line(task, text, data.label_names[y])
            cut = line.rindex("=>") + 2
            prompts.append(line[:cut])
            truths.append(line[cut:])
    return prompts, truths


def retained(model: Model) -> dict[str, float]:
    """What pretraining left: held-out loss (nats/char), calendar and general-task accuracy."""
    loss = float(
        np.mean(
            [
                held_out_loss(model.weights, model.cfg, ids, windows=8, scale=model.scale)
                for ids in _held_out()
            ]
        )
    )
    facts = calendar_facts()
    said = answers(model, [p for p, _ in facts], max_new=12)
    calendar = float(np.mean([s == a for s, (_, a) in zip(said, facts, strict=True)]))
    prompts, truths = _general_probe()
    said = answers(model, prompts, max_new=12)
    general = float(np.mean([s == t for s, t in zip(said, truths, strict=True)]))
    return {"held_out_loss": loss, "calendar": calendar, "general": general}
