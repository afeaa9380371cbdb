"""Scores for one model on one labelled test set.

Accuracy, macro-F1, exact match and format compliance (the share of outputs
that parse as JSON and satisfy a JSON Schema): the primary metrics the article
suggests picking one of before any training.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .contamination import normalize_for_matching
from .errors import FtlibError, closest

__all__ = [
    "accuracy",
    "macro_f1",
    "exact_match",
    "FormatCompliance",
    "format_compliance",
]


def accuracy(y_true: Sequence[Any], y_pred: Sequence[Any]) -> float:
    """Share of predictions equal to the label (a ``None`` prediction, no answer, counts as wrong).

    Examples
    --------
    >>> accuracy(["a", "b", "b", "c"], ["a", "b", "c", "c"])
    0.75
    """
    true, pred = _check_pair(y_true, y_pred)
    return float(np.mean([t == p for t, p in zip(true, pred)]))


def macro_f1(
    y_true: Sequence[Any], y_pred: Sequence[Any], *, labels: Sequence[Any] | None = None
) -> float:
    """Unweighted mean of per-label F1, so rare labels count as much as common ones.

    Averages over ``labels`` if given, else over every label seen in either
    list; a label never predicted and never true is left out rather than
    counted as 0. A ``None`` prediction (no answer) is a miss for the true label
    and adds no label of its own.

    Examples
    --------
    >>> round(macro_f1(["a", "a", "b", "b"], ["a", "b", "b", "b"]), 4)  # F1 a = 2/3, b = 4/5
    0.7333
    """
    true, pred = _check_pair(y_true, y_pred)
    codes_true, codes_pred, k = _encode(true, pred, labels)
    return float(macro_f1_weighted(codes_true, codes_pred, k, np.ones((1, len(true))))[0])


def exact_match(
    references: Sequence[str], predictions: Sequence[str], *, normalize: bool = True
) -> float:
    """Share of predictions that equal the reference text.

    With ``normalize`` (the default), case, punctuation and spacing are ignored;
    a ``None`` prediction (no answer) never matches.

    Examples
    --------
    >>> exact_match(["Clause 4.2", "Clause 7"], ["clause 4 2", "Clause 9"])
    0.5
    """
    refs, preds = _check_pair(references, predictions, names=("references", "predictions"))
    for field, items in (("references", refs), ("predictions", preds)):
        for i, item in enumerate(items):
            if not isinstance(item, str) and not (field == "predictions" and item is None):
                raise FtlibError(
                    f"{field}[{i}]",
                    item,
                    "a string" + (" or None (no answer)" if field == "predictions" else ""),
                )
    if normalize:
        refs = [normalize_for_matching(r) for r in refs]
        preds = [None if p is None else normalize_for_matching(p) for p in preds]
    return float(np.mean([r == p for r, p in zip(refs, preds)]))


@dataclass(frozen=True)
class FormatCompliance:
    """How many outputs parse as JSON and satisfy the schema, and why the others fail.

    ``failures`` lists ``(index, reason)`` for every non-compliant output.
    """

    n_outputs: int
    n_invalid_json: int
    n_schema_violations: int
    failures: tuple[tuple[int, str], ...]

    @property
    def share(self) -> float:
        """Share of outputs that are valid JSON and match the schema (0 to 1)."""
        return 1 - (self.n_invalid_json + self.n_schema_violations) / self.n_outputs

    @property
    def compliant(self) -> np.ndarray:
        """One boolean per output: True when it complies (for paired comparisons)."""
        ok = np.ones(self.n_outputs, dtype=bool)
        ok[[i for i, _ in self.failures]] = False
        return ok


def format_compliance(outputs: Iterable[str], schema: dict) -> FormatCompliance:
    """Check every raw output: does it parse as JSON, and does it validate against ``schema``?

    Examples
    --------
    >>> schema = {"type": "object", "required": ["queue"], "properties": {"queue": {"enum": ["billing", "delivery"]}}}
    >>> report = format_compliance(['{"queue": "billing"}', 'Sure! {"queue": "billing"}', '{"queue": "sales"}'], schema)
    >>> round(report.share, 3), report.n_invalid_json, report.n_schema_violations
    (0.333, 1, 1)
    """
    if not isinstance(schema, dict):
        raise FtlibError("schema", type(schema).__name__, "a JSON Schema as a dict")
    import jsonschema  # imported here: it costs about a second, and only this check needs it

    try:
        validator_cls = jsonschema.validators.validator_for(schema)
        validator_cls.check_schema(schema)
    except jsonschema.SchemaError as exc:
        raise FtlibError("schema", schema, "a valid JSON Schema", exc.message) from None
    validator = validator_cls(schema)
    items = _check_list("outputs", outputs)
    failures = []
    invalid_json = violations = 0
    for i, text in enumerate(items):
        if not isinstance(text, str):
            raise FtlibError(f"outputs[{i}]", text, "the model's raw output as a string")
        try:
            value = json.loads(text)
        except ValueError as exc:
            invalid_json += 1
            failures.append((i, f"not JSON ({exc.msg})"))
            continue
        error = jsonschema.exceptions.best_match(validator.iter_errors(value))
        if error is not None:
            violations += 1
            where = "/".join(str(p) for p in error.absolute_path) or "(root)"
            failures.append((i, f"schema: {where}: {error.message}"))
    return FormatCompliance(len(items), invalid_json, violations, tuple(failures))


def macro_f1_weighted(
    codes_true: np.ndarray, codes_pred: np.ndarray, n_labels: int, weights: np.ndarray
) -> np.ndarray:
    """Macro-F1 for each row of item ``weights`` (one row per bootstrap resample).

    Examples
    --------
    >>> macro_f1_weighted(np.array([0, 0, 1, 1]), np.array([0, 1, 1, 1]), 2, np.ones((1, 4))).round(4)
    array([0.7333])
    """
    eye = np.eye(n_labels + 1)[:, :n_labels]  # code -1 (no answer) picks the last row: all zeros
    true_onehot = eye[codes_true]
    pred_onehot = eye[codes_pred]
    tp = weights @ (true_onehot * pred_onehot)
    support_plus_predicted = weights @ (true_onehot + pred_onehot)
    seen = support_plus_predicted > 0
    f1 = np.divide(2 * tp, support_plus_predicted, out=np.zeros_like(tp), where=seen)
    return f1.sum(axis=1) / seen.sum(axis=1)


def _check_list(field: str, values: Any) -> list:
    if isinstance(values, (str, bytes, dict)) or not isinstance(values, Iterable):
        raise FtlibError(
            field,
            values if isinstance(values, str) else type(values).__name__,
            "a list with one item per test example",
        )
    items = list(values)
    if not items:
        raise FtlibError(field, items, "at least one item", "an empty test set has no score")
    return items


def _check_pair(
    y_true: Any, y_pred: Any, names: tuple[str, str] = ("y_true", "y_pred")
) -> tuple[list, list]:
    """Two equally long, non-empty lists; labels (the first) may not be missing, predictions may be None."""
    true, pred = _check_list(names[0], y_true), _check_list(names[1], y_pred)
    if len(true) != len(pred):
        raise FtlibError(
            names[1],
            f"{len(pred)} items",
            f"one per item of {names[0]} ({len(true)})",
            "both lists must describe the same test items, in the same order",
        )
    for i, item in enumerate(true):
        if _missing(item):
            raise FtlibError(
                f"{names[0]}[{i}]",
                item,
                "a label",
                "missing labels cannot be scored: fill or drop the item",
            )
    return true, [None if _missing(p) else p for p in pred]


def _missing(item: Any) -> bool:
    return item is None or (isinstance(item, float) and np.isnan(item))


def _encode(
    true: list, pred: list, labels: Sequence[Any] | None
) -> tuple[np.ndarray, np.ndarray, int]:
    """Integer codes for labels (-1 for no answer); with ``labels`` given, every label used must be in it."""
    if labels is None:
        known = list(dict.fromkeys(list(true) + [p for p in pred if p is not None]))
    else:
        known = _check_list("labels", labels)
        index = set(known)
        for field, items in (("y_true", true), ("y_pred", pred)):
            for i, item in enumerate(items):
                if item is not None and item not in index:
                    near = closest(str(item), [str(k) for k in known])
                    raise FtlibError(
                        f"{field}[{i}]",
                        item,
                        "one of the labels " + ", ".join(map(str, known)),
                        f"did you mean {', '.join(near)}?" if near else None,
                    )
    code = {label: i for i, label in enumerate(known)}
    code[None] = -1
    return (
        np.array([code[t] for t in true], dtype=np.int64),
        np.array([code[p] for p in pred], dtype=np.int64),
        len(known),
    )
