"""The readiness gate: the article's six prerequisites plus an abort criterion, before training.

:func:`check_readiness` takes a :class:`ReadinessAnswers` and returns a
:class:`Readiness`: one :class:`ReadinessItem` per prerequisite, each passing or
failing with its reason and the next step. The team is ready only when every
item passes. (Whether a run should be *stopped* given checkpoint scores is a
separate, numeric question; this gate only asks that the rule is written down.)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from ..core.errors import FtlibError, check_choice, check_int
from ..rules.thresholds import (
    MAX_TEST_EXAMPLES,
    MAX_TRAIN_EXAMPLES,
    MIN_TEST_EXAMPLES,
    MIN_TRAIN_EXAMPLES,
    TRAINING_RUNS_BUDGET,
)

__all__ = [
    "READINESS_TEST_SOURCES",
    "READINESS_ITEMS",
    "ReadinessAnswers",
    "ReadinessItem",
    "Readiness",
    "check_readiness",
    "parse_hypothesis",
    "metric_lower_is_better",
    "readiness_grid",
]

READINESS_TEST_SOURCES: tuple[str, ...] = ("separate", "same")
READINESS_ITEMS: tuple[str, ...] = (
    "metric",
    "test-set",
    "baseline",
    "train-examples",
    "hypothesis",
    "iterations-budget",
    "abort-criterion",
)
# One value as teams write it: "82%", ".82", "0,82" (decimal comma), "1,000", "$100", "300ms",
# "2 s", "1.5k". Group names let the parser read the number and its unit; a value must stand
# alone (not part of a date such as 2026-05-01 or a version such as 4.1-mini).
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+,\d{1,2}(?!\d)|\d*\.\d+|\d+"
_UNIT = r"%|ms|msec|milliseconds?|s|sec|secs|seconds?|min|minutes?|k\b|usd\b"


def _value(tag: str) -> str:
    return (
        rf"(?P<{tag}_sign>-)?(?P<{tag}_cur>\$|US\$|€|£)?\s?"
        rf"(?P<{tag}_num>{_NUMBER})\s?(?P<{tag}_unit>{_UNIT})?"
    )


_START, _TARGET = _value("a"), _value("b")
_EDGE_BEFORE = r"(?<![\w.,-])"
_EDGE_AFTER = r"(?![\w-]|[.,]\d)"
# "from 82% to 95%" is read first; then "82% to 95%", "82% -> 95%" and "82% → 95%".
_FROM_TO = re.compile(rf"\bfrom\s+{_START}\s+to\s+{_TARGET}{_EDGE_AFTER}", re.IGNORECASE)
_X_TO_Y = re.compile(
    rf"{_EDGE_BEFORE}{_START}\s*(?:->|→|\bto\b)\s*{_TARGET}{_EDGE_AFTER}", re.IGNORECASE
)
# Seconds per unit, so "2s to 300ms" compares 2,000 ms with 300 ms.
_TIME_UNITS = {"ms": 0.001, "msec": 0.001, "millisecond": 0.001, "milliseconds": 0.001,
               "s": 1.0, "sec": 1.0, "secs": 1.0, "second": 1.0, "seconds": 1.0,
               "min": 60.0, "minute": 60.0, "minutes": 60.0}  # fmt: skip
# Metrics where a smaller number is the better one; anything else is taken as higher-is-better.
_LOWER_IS_BETTER = re.compile(
    r"\b(error|errors|loss|latency|perplexity|wer|cer|hallucinations?|cost|costs|time|"
    r"escalations?|spend|bill|p50|p95|p99|ttft|tokens per answer|refusals?)\b",
    re.IGNORECASE,
)
# Words that turn one of those into a quantity to raise: "cost savings", "time saved",
# "up-time", "error reduction", "hours saved per week".
_HIGHER_DESPITE = re.compile(
    r"\b(savings?|saved|saving|up-?time|reduction|reduced|avoided|deflection|throughput|"
    r"availability)\b",
    re.IGNORECASE,
)


def _number(match: re.Match[str], tag: str) -> float:
    """One matched value as a float, in seconds for a time unit, thousands expanded for "k"."""
    text = match.group(f"{tag}_num")
    if re.fullmatch(r"\d+,\d{1,2}", text):  # a decimal comma: "0,82"
        text = text.replace(",", ".")
    value = float(text.replace(",", ""))
    unit = (match.group(f"{tag}_unit") or "").lower()
    if unit == "k":
        value *= 1000
    value *= _TIME_UNITS.get(unit, 1.0)
    return -value if match.group(f"{tag}_sign") else value


@dataclass(frozen=True)
class ReadinessAnswers:
    """What the team has in hand before training.

    Parameters
    ----------
    metric
        The one primary metric (accuracy, F1, format compliance, ...); empty if none yet.
    test_examples
        Labelled test examples.
    test_source
        ``separate`` if the test set comes from another source than the training data,
        else ``same``.
    baseline_measured
        A prompt-engineered baseline has been scored on that test set.
    train_examples
        Good-quality training examples.
    hypothesis
        "Training moves METRIC from X to Y by teaching BEHAVIOUR", written down.
    iterations_budget
        Training runs the budget covers.
    abort_criterion
        The rule, set now, for stopping and shipping the prompted baseline.
    higher_is_better
        The metric's direction, which the hypothesis's target must follow; ``None``
        (the default) reads it from the metric's name with
        :func:`metric_lower_is_better`: error, loss, latency, perplexity, cost, time and
        hallucinations count as lower-is-better, unless the name says savings, saved,
        up-time or reduction.
    """

    metric: str = ""
    test_examples: int = 0
    test_source: str = "separate"
    baseline_measured: bool = False
    train_examples: int = 0
    hypothesis: str = ""
    iterations_budget: int = 0
    abort_criterion: str = ""
    higher_is_better: bool | None = None

    def __post_init__(self) -> None:
        if self.higher_is_better is not None and not isinstance(self.higher_is_better, bool):
            raise FtlibError(
                "higher_is_better", self.higher_is_better, "True, False or None (from the metric)"
            )
        for name in ("metric", "hypothesis", "abort_criterion"):
            if not isinstance(getattr(self, name), str):
                raise FtlibError(name, getattr(self, name), "text (empty if not written yet)")
        check_int("test_examples", self.test_examples, minimum=0)
        check_choice("test_source", self.test_source, READINESS_TEST_SOURCES)
        if not isinstance(self.baseline_measured, bool):
            raise FtlibError("baseline_measured", self.baseline_measured, "True or False")
        check_int("train_examples", self.train_examples, minimum=0)
        check_int("iterations_budget", self.iterations_budget, minimum=0)


@dataclass(frozen=True)
class ReadinessItem:
    """One prerequisite: whether it passed, why, and what to do next."""

    name: str
    passed: bool
    reason: str
    next_step: str = ""


@dataclass(frozen=True)
class Readiness:
    """The gate's verdict: ``ready`` only when every item passed."""

    items: tuple[ReadinessItem, ...]

    @property
    def ready(self) -> bool:
        """True when every prerequisite passed."""
        return all(item.passed for item in self.items)

    @property
    def failed(self) -> tuple[ReadinessItem, ...]:
        """The items still to fix, in checklist order."""
        return tuple(item for item in self.items if not item.passed)

    def table(self) -> pd.DataFrame:
        """One row per item: ``status`` (pass or FAIL), ``reason`` and ``next step``.

        Examples
        --------
        >>> check_readiness(ReadinessAnswers()).table().loc["metric", "status"]
        'FAIL'
        """
        return pd.DataFrame(
            [(i.name, "pass" if i.passed else "FAIL", i.reason, i.next_step) for i in self.items],
            columns=["item", "status", "reason", "next step"],
        ).set_index("item")

    def to_dict(self) -> dict:
        """A JSON-ready dict (the CLI's ``ready --json``)."""
        return {
            "ready": self.ready,
            "items": [
                {"name": i.name, "passed": i.passed, "reason": i.reason, "next_step": i.next_step}
                for i in self.items
            ],
        }


def _metric(a: ReadinessAnswers) -> ReadinessItem:
    if a.metric.strip():
        return ReadinessItem("metric", True, f"One primary metric is chosen: {a.metric.strip()}.")
    return ReadinessItem(
        "metric",
        False,
        "No primary metric: nobody can say whether training helped.",
        "Pick one metric that reflects the task (accuracy, F1, format compliance or a preference "
        "rating).",
    )


def _test_set(a: ReadinessAnswers) -> ReadinessItem:
    if a.test_examples < MIN_TEST_EXAMPLES:
        return ReadinessItem(
            "test-set",
            False,
            f"{a.test_examples} test examples is under {MIN_TEST_EXAMPLES}; scores on so few "
            "swing by chance.",
            f"Label {MIN_TEST_EXAMPLES}-{MAX_TEST_EXAMPLES} examples before writing any training "
            "data.",
        )
    if a.test_source != "separate":
        return ReadinessItem(
            "test-set",
            False,
            "The test set comes from the same process as the training data, so a high score may "
            "only show memorisation.",
            "Draw the test set from another source (for example real traffic, labelled by other "
            "people).",
        )
    return ReadinessItem(
        "test-set", True, f"{a.test_examples} labelled test examples from a separate source."
    )


def _baseline(a: ReadinessAnswers) -> ReadinessItem:
    if a.baseline_measured:
        return ReadinessItem(
            "baseline",
            True,
            "A prompt-engineered baseline is scored on the test set: that is the number to beat.",
        )
    return ReadinessItem(
        "baseline",
        False,
        "No measured baseline: a tuned model cannot be shown to beat anything.",
        "Score your best prompt (with few-shot examples) on the test set first.",
    )


def _train_examples(a: ReadinessAnswers) -> ReadinessItem:
    if a.train_examples < MIN_TRAIN_EXAMPLES:
        return ReadinessItem(
            "train-examples",
            False,
            f"{a.train_examples:,} training examples is under {MIN_TRAIN_EXAMPLES}; few-shot "
            "prompting usually wins at this size.",
            f"Collect at least {MIN_TRAIN_EXAMPLES} reviewed examples, mostly from real "
            "production queries.",
        )
    if a.train_examples > MAX_TRAIN_EXAMPLES:
        return ReadinessItem(
            "train-examples",
            True,
            f"{a.train_examples:,} examples, above the usual "
            f"{MIN_TRAIN_EXAMPLES:,}-{MAX_TRAIN_EXAMPLES:,}; fine, if a sample has been reviewed "
            "for label noise.",
        )
    return ReadinessItem(
        "train-examples",
        True,
        f"{a.train_examples:,} examples, within the usual "
        f"{MIN_TRAIN_EXAMPLES:,}-{MAX_TRAIN_EXAMPLES:,}.",
    )


def parse_hypothesis(text: str) -> tuple[float, float] | None:
    """The start and target a hypothesis names, or None.

    Read as teams write them: "from X to Y", "X to Y", "X -> Y" or "X → Y", with values
    such as ``82%``, ``.82``, ``0,82`` (a decimal comma), ``1,000``, ``$100``, ``1.5k``,
    ``300ms`` or ``2s`` (times are compared in seconds, so "2s to 300ms" is 2.0 to 0.3).
    "from X to Y" wins when the text has several pairs. Both values must stand alone: a
    date such as 2026-05-01 is not a start and a target.

    Examples
    --------
    >>> parse_hypothesis("accuracy from 82% to 95% by teaching the routing labels")
    (82.0, 95.0)
    >>> parse_hypothesis("accuracy 78% to 90% by teaching the label set")
    (78.0, 90.0)
    >>> parse_hypothesis("p95 latency 2s -> 300ms")
    (2.0, 0.3)
    >>> parse_hypothesis("F1 0,82 to 0,9")
    (0.82, 0.9)
    >>> parse_hypothesis("written 2026-05-01, aiming for 95") is None
    True
    """
    if not isinstance(text, str):
        raise FtlibError("hypothesis", text, "text")
    match = _FROM_TO.search(text) or _X_TO_Y.search(text)
    if match is None:
        return None
    return _number(match, "a"), _number(match, "b")


def metric_lower_is_better(name: str) -> bool:
    """Whether a metric's name reads as one to bring down (error, latency, cost, time, ...).

    Words that make it a quantity to raise win: "cost savings", "time saved", "up-time",
    "error reduction" are higher-is-better.

    Examples
    --------
    >>> metric_lower_is_better("p95 latency"), metric_lower_is_better("cost savings")
    (True, False)
    >>> metric_lower_is_better("up-time"), metric_lower_is_better("accuracy")
    (False, False)
    """
    if _HIGHER_DESPITE.search(name):
        return False
    return bool(_LOWER_IS_BETTER.search(name))


def _lower_is_better(a: ReadinessAnswers) -> bool:
    if a.higher_is_better is not None:
        return not a.higher_is_better
    return metric_lower_is_better(a.metric.strip() or a.hypothesis)


def _hypothesis(a: ReadinessAnswers) -> ReadinessItem:
    text = a.hypothesis.strip()
    if not text:
        return ReadinessItem(
            "hypothesis",
            False,
            "No written hypothesis, so success is undefined.",
            "Write: 'training moves METRIC from X to Y by teaching BEHAVIOUR'.",
        )
    values = parse_hypothesis(text)
    if values is None:
        return ReadinessItem(
            "hypothesis",
            False,
            "The hypothesis names no starting value and target, so it cannot be checked.",
            "Add where the metric is now and where training should take it, "
            "e.g. 'from 82% to 95%' or '300ms -> 200ms'.",
        )
    start, target = values
    lower = _lower_is_better(a)
    if (target >= start) if lower else (target <= start):
        way = "below" if lower else "above"
        return ReadinessItem(
            "hypothesis",
            False,
            f"The target {target:g} is not {way} the start {start:g}, though "
            f"{'lower' if lower else 'higher'} is better for this metric.",
            f"Put the target {way} where the metric is now, or state the metric's direction "
            "(--higher-is-better or --lower-is-better; higher_is_better= in Python).",
        )
    return ReadinessItem("hypothesis", True, f"Written and checkable: {text}")


def _iterations(a: ReadinessAnswers) -> ReadinessItem:
    low, high = TRAINING_RUNS_BUDGET
    if a.iterations_budget < low:
        return ReadinessItem(
            "iterations-budget",
            False,
            f"A budget for {a.iterations_budget} run(s); the first checkpoint is rarely the final "
            "model.",
            f"Budget for {low}-{high} training runs.",
        )
    return ReadinessItem(
        "iterations-budget",
        True,
        f"A budget for {a.iterations_budget} training runs (the article suggests {low}-{high}).",
    )


def _abort(a: ReadinessAnswers) -> ReadinessItem:
    if a.abort_criterion.strip():
        return ReadinessItem(
            "abort-criterion", True, f"Set before training: {a.abort_criterion.strip()}"
        )
    return ReadinessItem(
        "abort-criterion",
        False,
        "No abort criterion: after weeks of data work, sunk cost pushes teams on with flat "
        "results.",
        "Write it now: 'if checkpoint 2 does not reach TARGET, we ship the prompted baseline'.",
    )


def check_readiness(answers: ReadinessAnswers) -> Readiness:
    """Run the readiness gate: seven items, each passing or failing with its reason and next step.

    Examples
    --------
    >>> r = check_readiness(ReadinessAnswers(metric="F1", test_examples=80, baseline_measured=True,
    ...     train_examples=1_500, hypothesis="F1 from 0.82 to 0.92 by teaching the clause format",
    ...     iterations_budget=3, abort_criterion="stop if checkpoint 2 is under 0.88"))
    >>> r.ready
    True
    >>> [i.name for i in check_readiness(ReadinessAnswers()).failed][:3]
    ['metric', 'test-set', 'baseline']
    """
    if not isinstance(answers, ReadinessAnswers):
        raise FtlibError("answers", answers, "an ft.ReadinessAnswers")
    checks = (_metric, _test_set, _baseline, _train_examples, _hypothesis, _iterations, _abort)
    return Readiness(tuple(check(answers) for check in checks))


def readiness_grid(teams: Mapping[str, ReadinessAnswers]) -> pd.DataFrame:
    """Several teams side by side: one column per team, ``pass``/``FAIL`` per item, then a verdict.

    The last row, ``verdict``, reads ``ready`` or ``not ready``.

    Examples
    --------
    >>> grid = readiness_grid({"eager": ReadinessAnswers(train_examples=300)})
    >>> grid.loc["train-examples", "eager"], grid.loc["verdict", "eager"]
    ('pass', 'not ready')
    """
    if not isinstance(teams, Mapping) or not teams:
        raise FtlibError("teams", teams, "a dict of team name to ft.ReadinessAnswers")
    columns = {}
    for name, answers in teams.items():
        result = check_readiness(answers)
        column = {i.name: "pass" if i.passed else "FAIL" for i in result.items}
        column["verdict"] = "ready" if result.ready else "not ready"
        columns[name] = column
    return pd.DataFrame(columns).rename_axis("item")
