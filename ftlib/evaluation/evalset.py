"""The support-ticket evaluation set shipped with the course (``ftlib/data/eval/``).

A small, deterministic test set with a prompted baseline's and a tuned
candidate's raw outputs on it, plus training and production inputs for the
contamination and shift checks. Its provenance is in ``manifest.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources

import pandas as pd

__all__ = ["TicketEval", "load_ticket_eval"]


@dataclass(frozen=True, repr=False)
class TicketEval:
    """The shipped evaluation example: test items, both models' outputs, the schema, provenance."""

    test: pd.DataFrame
    train_texts: tuple[str, ...]
    production_texts: tuple[str, ...]
    schema: dict
    manifest: dict

    def __repr__(self) -> str:
        return (
            f"TicketEval(test={len(self.test)} items, train_texts={len(self.train_texts)}, "
            f"production_texts={len(self.production_texts)}, as_of={self.manifest.get('as_of')!r})"
        )


def load_ticket_eval() -> TicketEval:
    """The course's support-ticket test set (synthetic, deterministic).

    See ``ftlib/data/eval/README.md``.

    ``test`` has one row per item: ``text``, the labels ``queue`` and
    ``priority``, the raw JSON outputs ``baseline_output`` (a prompted large
    model) and ``candidate_output`` (a tuned small model), and the queue each
    output names (``baseline_queue``, ``candidate_queue``; ``None`` when the
    output does not parse).

    Examples
    --------
    >>> data = load_ticket_eval()
    >>> len(data.test), data.manifest["source"].startswith("synthetic")
    (500, True)
    """
    folder = resources.files("ftlib") / "data" / "eval"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    schema = json.loads((folder / "output_schema.json").read_text(encoding="utf-8"))
    test = pd.DataFrame(
        [
            json.loads(line)
            for line in (folder / "tickets_test.jsonl").read_text(encoding="utf-8").splitlines()
        ]
    )
    for side in ("baseline", "candidate"):
        test[f"{side}_queue"] = [_queue_of(text) for text in test[f"{side}_output"]]
    train = tuple(
        json.loads(line)["text"]
        for line in (folder / "tickets_train.jsonl").read_text(encoding="utf-8").splitlines()
    )
    production = tuple(
        json.loads(line)["text"]
        for line in (folder / "tickets_production.jsonl").read_text(encoding="utf-8").splitlines()
    )
    return TicketEval(test, train, production, schema, manifest)


def _queue_of(output: str) -> str | None:
    """The queue an output names, or None when it is not a JSON object with a string queue."""
    try:
        value = json.loads(output)
    except ValueError:
        return None
    queue = value.get("queue") if isinstance(value, dict) else None
    return queue if isinstance(queue, str) else None
