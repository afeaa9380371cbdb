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

from ..core.errors import FtlibError, did_you_mean
from ..datacheck.contamination import normalize_for_matching

__all__ = [
    "accuracy",
    "macro_f1",
    "exact_match",
    "FormatCompliance",
    "format_compliance",
    "macro_f1_weighted",
    "check_predictions",
    "encode_labels",
]


def accuracy(y_true: Sequence[Any], y_pred: Sequence[Any]) -> float:
    """Share of predictions equal to the label (a ``None`` prediction, no answer, counts as wrong).

    Examples
    --------
    >>> accuracy(["a", "b", "b", "c"], ["a", "b", "c", "c"])
    0.75
    """
    true, pred = check_predictions(y_true, y_pred)
    return float(np.mean([t == p for t, p in zip(true, pred, strict=False)]))


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
    true, pred = check_predictions(y_true, y_pred)
    codes_true, codes_pred, k = encode_labels(true, pred, labels)
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
    refs, preds = check_predictions(references, predictions, names=("references", "predictions"))
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
    return float(np.mean([r == p for r, p in zip(refs, preds, strict=False)]))


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
    >>> queue = {"enum": ["billing", "delivery"]}
    >>> schema = {"type": "object", "required": ["queue"], "properties": {"queue": queue}}
    >>> outputs = ['{"queue": "billing"}', 'Sure! {"queue": "billing"}', '{"queue": "sales"}']
    >>> report = format_compliance(outputs, schema)
    >>> round(report.share, 3), report.n_invalid_json, report.n_schema_violations
    (0.333, 1, 1)
    """
    if not isinstance(schema, dict):
        raise FtlibError("schema", type(schema).__name__, "a JSON Schema as a dict")
    import jsonschema  # imported here: it costs about a second, and only this check needs it
    import referencing
    import referencing.exceptions

    try:
        validator_cls = jsonschema.validators.validator_for(schema)
        validator_cls.check_schema(schema)
    except jsonschema.SchemaError as exc:
        raise FtlibError("schema", _brief(schema), "a valid JSON Schema", exc.message) from None
    except RecursionError:
        raise FtlibError("schema", _brief(schema), "a JSON Schema nested less deeply") from None
    # An empty registry: "$ref"s resolve inside the schema only; nothing is ever fetched.
    registry: referencing.Registry = referencing.Registry()
    validator = validator_cls(schema, registry=registry)
    items = _check_list("outputs", outputs)
    failures = []
    invalid_json = violations = 0
    for i, text in enumerate(items):
        if not isinstance(text, str):
            raise FtlibError(f"outputs[{i}]", _brief(text), "the model's raw output as a string")
        try:
            value = json.loads(text)
        except RecursionError:
            invalid_json += 1
            failures.append((i, "not JSON (nested too deeply to read)"))
            continue
        except ValueError as exc:  # JSONDecodeError has .msg; an over-long integer does not
            invalid_json += 1
            failures.append((i, f"not JSON ({getattr(exc, 'msg', None) or _brief(str(exc))})"))
            continue
        try:
            error = jsonschema.exceptions.best_match(validator.iter_errors(value))
        except referencing.exceptions.Unresolvable as exc:
            raise FtlibError(
                "schema",
                _brief(getattr(exc, "ref", str(exc))),
                "a schema whose $refs point inside it",
                "remote references are never fetched",
            ) from None
        except RecursionError:
            if _depth(value) < 200:  # a shallow value: the schema's $ref refers to itself
                raise FtlibError(
                    "schema",
                    _brief(schema),
                    "a schema whose $refs end",
                    "a $ref that refers to itself never finishes",
                ) from None
            violations += 1
            failures.append((i, "schema: nested too deeply to check"))
            continue
        if error is not None:
            violations += 1
            where = "/".join(str(p) for p in error.absolute_path) or "(root)"
            failures.append((i, f"schema: {where}: {_brief(error.message)}"))
    return FormatCompliance(len(items), invalid_json, violations, tuple(failures))


def macro_f1_weighted(
    codes_true: np.ndarray, codes_pred: np.ndarray, n_labels: int, weights: np.ndarray
) -> np.ndarray:
    """Macro-F1 for each row of item ``weights`` (one row per bootstrap resample).

    ``codes_true`` and ``codes_pred`` hold label codes ``0 .. n_labels - 1`` (``-1``
    for no answer); a row of ``weights`` says how often each item counts. Memory
    grows with the number of labels, never with its square.

    Examples
    --------
    >>> w = np.ones((1, 4))
    >>> macro_f1_weighted(np.array([0, 0, 1, 1]), np.array([0, 1, 1, 1]), 2, w).round(4)
    array([0.7333])
    """
    codes_true = np.asarray(codes_true)
    codes_pred = np.asarray(codes_pred)
    weights = np.atleast_2d(np.asarray(weights, dtype=float))
    hit = (codes_true == codes_pred) & (codes_true >= 0)
    answered = codes_pred >= 0
    rows = weights.shape[0]
    offsets = (np.arange(rows) * n_labels)[:, None]

    def counts(codes: np.ndarray, mask: np.ndarray | None = None) -> np.ndarray:
        """Weighted count of each label in every row at once (row r's labels at r * n_labels)."""
        w = weights if mask is None else weights[:, mask]
        c = codes if mask is None else codes[mask]
        flat = (offsets + c[None, :]).ravel()
        total = np.bincount(flat, weights=w.ravel(), minlength=rows * n_labels)
        return total.reshape(rows, n_labels)

    tp = counts(codes_true, hit)
    both = counts(codes_true) + counts(codes_pred, answered)
    seen = both > 0
    f1 = np.where(seen, 2 * tp / np.where(seen, both, 1.0), 0.0)
    return f1.sum(axis=1) / np.maximum(seen.sum(axis=1), 1)


def _brief(value: Any, limit: int = 80) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text):,} characters)"


def _depth(value: Any) -> int:
    """Nesting depth of a parsed JSON value, without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if isinstance(item, dict):
            stack.extend((v, level + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, level + 1) for v in item)
    return deepest


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


def check_predictions(
    y_true: Any, y_pred: Any, names: tuple[str, str] = ("y_true", "y_pred")
) -> tuple[list, list]:
    """Check labels and predictions; return them as lists, missing predictions as ``None``.

    Both must be equally long and non-empty; labels may not be missing;
    every value must be usable as a label (a string, number or bool, not a
    list). The checks every metric and comparison here shares.

    Examples
    --------
    >>> check_predictions(["a", "b"], ["a", float("nan")])
    (['a', 'b'], ['a', None])
    """
    true, pred = _check_list(names[0], y_true), _check_list(names[1], y_pred)
    if len(true) != len(pred):
        raise FtlibError(
            names[1],
            f"{len(pred)} items",
            f"one per item of {names[0]} ({len(true)})",
            "both lists must describe the same test items, in the same order",
        )
    # Strings, the usual labels, need no check; look closer only at the other items.
    for i in [i for i, item in enumerate(true) if item.__class__ is not str]:
        if _missing(true[i]):
            raise FtlibError(
                f"{names[0]}[{i}]",
                true[i],
                "a label",
                "missing labels cannot be scored: fill or drop the item",
            )
    odd = [i for i, item in enumerate(pred) if item.__class__ is not str]
    if odd:
        pred = list(pred)
        for i in odd:
            if _missing(pred[i]):
                pred[i] = None
    for field, items in ((names[0], true), (names[1], pred)):
        for i in [i for i, item in enumerate(items) if item.__class__ is not str]:
            item = items[i]
            if item is not None and not isinstance(item, _LABEL_TYPES):
                try:
                    hash(item)
                except TypeError:
                    raise FtlibError(
                        f"{field}[{i}]", item, "a label: a string, number or True/False"
                    ) from None
    return true, pred


_LABEL_TYPES = (str, int, float, bool, np.generic)


def _missing(item: Any) -> bool:
    return item is None or (isinstance(item, float) and np.isnan(item))


def encode_labels(
    true: list, pred: list, labels: Sequence[Any] | None
) -> tuple[np.ndarray, np.ndarray, int]:
    """Integer codes for labels (-1 for no answer), and how many labels there are.

    With ``labels`` given, every label used must be one of them.

    Examples
    --------
    >>> encode_labels(["b", "a"], ["a", None], None)
    (array([0, 1]), array([ 1, -1]), 2)
    """
    if labels is None:
        known = list(dict.fromkeys(list(true) + [p for p in pred if p is not None]))
    else:
        known = _check_list("labels", labels)
        index = set(known)
        for field, items in (("y_true", true), ("y_pred", pred)):
            for i, item in enumerate(items):
                if item is not None and item not in index:
                    raise FtlibError(
                        f"{field}[{i}]",
                        item,
                        "one of the labels " + ", ".join(map(str, known)),
                        did_you_mean(item, known),
                    )
    code = {label: i for i, label in enumerate(known)}
    code[None] = -1
    return (
        np.array([code[t] for t in true], dtype=np.int64),
        np.array([code[p] for p in pred], dtype=np.int64),
        len(known),
    )
