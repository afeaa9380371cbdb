"""Can you trust the judge? An LLM-as-judge scored against human labels.

A judge model that says "pass" or "fail" for each answer is itself a classifier,
and it is measured like one: against a sample of human verdicts. This module
scores that agreement (true-positive and true-negative rates, Cohen's kappa),
says how wide those numbers stay for a given number of human labels, and ships a
seeded simulation of a judge with realistic blind spots so that a lab can read
its failures. Pure functions; randomness only through an explicit seed.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from statistics import NormalDist

import numpy as np
import pandas as pd

from ..core.errors import FtlibError, check_int, check_number
from ..evaluation.metrics import check_predictions
from ..evaluation.predictions import iter_json_objects, read_text_file

__all__ = [
    "JudgeAgreement",
    "JudgeProfile",
    "ANSWER_KINDS",
    "cohens_kappa",
    "judge_agreement",
    "rate_interval",
    "simulate_judged_answers",
    "judge_disagreements",
    "agreement_by_labels",
    "read_judged_labels",
]

# The kinds of answer the simulation writes, with the human verdict each earns.
# True means a careful human reviewer passes it.
ANSWER_KINDS: dict[str, bool] = {
    "correct and complete": True,
    "correct but terse": True,
    "fluent but wrong": False,
    "wrong format": False,
    "off topic": False,
}


@dataclass(frozen=True)
class JudgeProfile:
    """How a simulated judge behaves: the chance it says "pass" for each kind of answer.

    The defaults give a judge with two familiar blind spots: it marks down short
    correct answers (a length bias) and passes confident, well-written wrong ones
    about half the time (it checks tone, not facts). ``mix`` is the share of
    each kind among the answers judged.
    """

    pass_rate: dict[str, float] = field(
        default_factory=lambda: {
            "correct and complete": 0.95,
            "correct but terse": 0.60,
            "fluent but wrong": 0.45,
            "wrong format": 0.15,
            "off topic": 0.05,
        }
    )
    mix: dict[str, float] = field(
        default_factory=lambda: {
            "correct and complete": 0.45,
            "correct but terse": 0.15,
            "fluent but wrong": 0.15,
            "wrong format": 0.15,
            "off topic": 0.10,
        }
    )

    def __post_init__(self) -> None:
        for name, table in (("pass_rate", self.pass_rate), ("mix", self.mix)):
            if set(table) != set(ANSWER_KINDS):
                raise FtlibError(name, sorted(table), f"one entry for each of {list(ANSWER_KINDS)}")
            for kind, value in table.items():
                check_number(f"{name}[{kind!r}]", value, minimum=0, maximum=1)
        if not math.isclose(sum(self.mix.values()), 1.0, abs_tol=1e-9):
            raise FtlibError("mix", self.mix, "shares that add up to 1")

    def expected_rates(self) -> tuple[float, float]:
        """The true-positive and true-negative rates this judge has in the long run."""
        pos = [k for k, human in ANSWER_KINDS.items() if human]
        neg = [k for k, human in ANSWER_KINDS.items() if not human]
        p_pos, p_neg = sum(self.mix[k] for k in pos), sum(self.mix[k] for k in neg)
        tpr = sum(self.mix[k] * self.pass_rate[k] for k in pos) / p_pos if p_pos else math.nan
        tnr = sum(self.mix[k] * (1 - self.pass_rate[k]) for k in neg) / p_neg if p_neg else math.nan
        return tpr, tnr


@dataclass(frozen=True)
class JudgeAgreement:
    """A judge's verdicts against human ones, as a 2x2 table and the rates read from it.

    "Positive" is a human "pass". ``tpr`` is the share of human passes the judge
    also passes, ``tnr`` the share of human fails it also fails; ``kappa`` is
    Cohen's kappa, the agreement left after removing what chance alone would give.
    """

    true_pass: int
    false_fail: int
    false_pass: int
    true_fail: int

    @property
    def n(self) -> int:
        return self.true_pass + self.false_fail + self.false_pass + self.true_fail

    @property
    def tpr(self) -> float:
        positives = self.true_pass + self.false_fail
        return self.true_pass / positives if positives else math.nan

    @property
    def tnr(self) -> float:
        negatives = self.false_pass + self.true_fail
        return self.true_fail / negatives if negatives else math.nan

    @property
    def agreement(self) -> float:
        return (self.true_pass + self.true_fail) / self.n if self.n else math.nan

    @property
    def kappa(self) -> float:
        return _kappa([[self.true_pass, self.false_fail], [self.false_pass, self.true_fail]])

    def rate_intervals(self, confidence: float = 0.95) -> dict[str, tuple[float, float]]:
        """Wilson intervals for ``tpr`` and ``tnr``, each from its own side of the table.

        A side with no answers (say, no human fails) gets ``(nan, nan)``.
        """
        sides = {"tpr": (self.true_pass, self.false_fail), "tnr": (self.true_fail, self.false_pass)}
        return {
            name: rate_interval(hit, hit + miss, confidence=confidence)
            if hit + miss
            else (math.nan, math.nan)
            for name, (hit, miss) in sides.items()
        }

    def summary(self) -> str:
        """One sentence a reviewer can read."""

        def pct(x: float) -> str:
            return "n/a" if math.isnan(x) else f"{x:.0%}"

        return (
            f"On {self.n} human-labelled answers the judge passes {pct(self.tpr)} of the good "
            f"ones and fails {pct(self.tnr)} of the bad ones; raw agreement "
            f"{pct(self.agreement)}, Cohen's kappa {self.kappa:.2f}."
        )

    def __repr__(self) -> str:
        return (
            f"JudgeAgreement(n={self.n}, tpr={self.tpr:.3f}, tnr={self.tnr:.3f}, "
            f"kappa={self.kappa:.3f})"
        )


def _kappa(table: Sequence[Sequence[int]] | np.ndarray) -> float:
    """Cohen's kappa of a square table of counts (rows: rater A, columns: rater B)."""
    counts = np.asarray(table, dtype=float)
    n = counts.sum()
    if n == 0:
        return math.nan
    observed = np.trace(counts) / n
    expected = float(counts.sum(axis=1) @ counts.sum(axis=0)) / n**2
    if math.isclose(expected, 1.0):
        # both raters used one and the same label throughout: kappa is undefined
        return math.nan
    return float((observed - expected) / (1 - expected))


def cohens_kappa(rater_a: Sequence[Hashable], rater_b: Sequence[Hashable]) -> float:
    """Cohen's kappa between two raters' labels of the same items.

    1 is perfect agreement, 0 is what two raters guessing at their own base rates
    would reach, and below 0 is worse than that. ``nan`` when both raters gave
    every item the same single label (there is no disagreement to measure).

    Examples
    --------
    >>> cohens_kappa(["pass", "pass", "fail", "fail"], ["pass", "fail", "fail", "fail"])
    0.5
    """
    a, b = _check_raters(rater_a, rater_b)
    # each rater's labels must be labels (hashable, none missing): the metrics' own check
    check_predictions(a, b, names=("rater_a", "rater_b"))
    check_predictions(b, a, names=("rater_b", "rater_a"))
    labels = list(dict.fromkeys(a + b))
    index = {label: i for i, label in enumerate(labels)}
    table = np.zeros((len(labels), len(labels)), dtype=int)
    for x, y in zip(a, b, strict=True):
        table[index[x], index[y]] += 1
    return _kappa(table)


def judge_agreement(human_pass: Sequence[bool], judge_pass: Sequence[bool]) -> JudgeAgreement:
    """Tally a judge's pass/fail verdicts against human ones on the same answers.

    Examples
    --------
    >>> human = [True] * 60 + [False] * 40
    >>> judge = [True] * 54 + [False] * 6 + [True] * 10 + [False] * 30
    >>> result = judge_agreement(human, judge)
    >>> result.tpr, result.tnr
    (0.9, 0.75)
    """
    human, judge = _check_raters(human_pass, judge_pass, names=("human_pass", "judge_pass"))
    for name, values in (("human_pass", human), ("judge_pass", judge)):
        bad = [v for v in values if not isinstance(v, (bool, np.bool_))]
        if bad:
            raise FtlibError(name, bad[0], "True (pass) or False (fail) for every answer")
    pairs = list(zip(map(bool, human), map(bool, judge), strict=True))
    return JudgeAgreement(
        true_pass=pairs.count((True, True)),
        false_fail=pairs.count((True, False)),
        false_pass=pairs.count((False, True)),
        true_fail=pairs.count((False, False)),
    )


def rate_interval(successes: int, n: int, *, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for a rate of ``successes`` out of ``n``.

    Used for a judge's true-positive or true-negative rate: with few human labels
    the interval is wide, whatever the point estimate says.

    Examples
    --------
    >>> low, high = rate_interval(45, 50)
    >>> round(low, 3), round(high, 3)
    (0.786, 0.957)
    """
    n = check_int("n", n, minimum=1)
    successes = check_int("successes", successes, minimum=0, maximum=n)
    confidence = check_number("confidence", confidence, minimum=0.5, maximum=0.999)
    z = NormalDist().inv_cdf((1 + confidence) / 2)
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == n else min(1.0, centre + half)
    return low, high


# Short support questions, each with one answer of every kind. The facts are made up.
_ANSWERS: tuple[tuple[str, dict[str, str]], ...] = (
    (
        "How do I change the card I pay with?",
        {
            "correct and complete": "Open Settings, then Billing, choose Payment method and "
            "select Replace card. The new card is charged from the next invoice.",
            "correct but terse": "Settings > Billing > Replace card.",
            "fluent but wrong": "Happy to help! Card changes are handled by phone: call our "
            "billing line and an agent will update it for you within the hour.",
            "wrong format": "Settings Billing Payment method Replace card next invoice",
            "off topic": "Our mobile app is available for iOS and Android.",
        },
    ),
    (
        "Can I get a refund after 30 days?",
        {
            "correct and complete": "Refunds are open for 30 days from purchase. After that "
            "we can offer store credit; reply here and we will set it up.",
            "correct but terse": "No, only store credit after 30 days.",
            "fluent but wrong": "Of course. Refunds are available for 90 days from purchase, "
            "no questions asked, and arrive within two business days.",
            "wrong format": '{"refund": "store credit"',
            "off topic": "Thanks for being a loyal customer since 2021!",
        },
    ),
    (
        "Why was my parcel returned to sender?",
        {
            "correct and complete": "The courier could not confirm the address after two "
            "attempts. Check the address in Orders and we will resend it free of charge.",
            "correct but terse": "Address unconfirmed; fix it in Orders, we resend free.",
            "fluent but wrong": "Parcels come back when customs fees are unpaid. Pay the "
            "fee online and the courier will deliver it tomorrow.",
            "wrong format": "ADDRESS_UNCONFIRMED RESEND",
            "off topic": "You can track every order from the Orders page.",
        },
    ),
    (
        "How do I reset two-factor login?",
        {
            "correct and complete": "Use one of your backup codes to sign in, then go to "
            "Security and choose Reset two-factor. Without codes, contact support with ID.",
            "correct but terse": "Backup code, then Security > Reset two-factor.",
            "fluent but wrong": "Two-factor resets itself after 24 hours; just wait a day "
            "and sign in with your password alone.",
            "wrong format": "- security\n- reset\n- 2fa",
            "off topic": "Strong passwords have at least twelve characters.",
        },
    ),
    (
        "Does the Pro plan include API access?",
        {
            "correct and complete": "Yes. Pro includes API access up to 10,000 calls a "
            "month; higher limits come with the Business plan.",
            "correct but terse": "Yes, up to 10,000 calls a month.",
            "fluent but wrong": "API access is a Business-only feature, but Pro customers "
            "can request a free trial of it from their account page.",
            "wrong format": "yes|10000|calls/month",
            "off topic": "Pro also includes priority email support.",
        },
    ),
)


def simulate_judged_answers(
    n_answers: int, *, profile: JudgeProfile | None = None, seed: int = 0
) -> pd.DataFrame:
    """A seeded set of support answers with a human verdict and a simulated judge's verdict.

    Each row is one answer: ``id``, ``question``, ``answer``, ``kind`` (one of
    ``ANSWER_KINDS``), ``human_pass`` (fixed by the kind) and ``judge_pass``
    (drawn with the profile's pass rate for that kind).

    Examples
    --------
    >>> answers = simulate_judged_answers(200, seed=1)
    >>> len(answers), sorted(answers.columns)[:3]
    (200, ['answer', 'human_pass', 'id'])
    """
    n_answers = check_int("n_answers", n_answers, minimum=1, maximum=1_000_000)
    profile = profile or JudgeProfile()
    rng = np.random.default_rng(check_int("seed", seed, minimum=0))
    kinds = list(ANSWER_KINDS)
    kind_idx = rng.choice(len(kinds), size=n_answers, p=[profile.mix[k] for k in kinds])
    question_idx = rng.integers(len(_ANSWERS), size=n_answers)
    draws = rng.random(n_answers)
    rows = []
    for i, (k, q, u) in enumerate(zip(kind_idx, question_idx, draws, strict=True)):
        kind = kinds[k]
        question, answers = _ANSWERS[q]
        rows.append(
            {
                "id": f"a{i:04d}",
                "question": question,
                "answer": answers[kind],
                "kind": kind,
                "human_pass": ANSWER_KINDS[kind],
                "judge_pass": bool(u < profile.pass_rate[kind]),
            }
        )
    return pd.DataFrame(rows)


def judge_disagreements(answers: pd.DataFrame) -> pd.DataFrame:
    """Where the judge and the humans disagree, counted by kind of answer and direction.

    The first step of error analysis: the table says which kinds of answer to
    read first. Columns ``kind``, ``judge passed a human fail``, ``judge failed a
    human pass``, ``answers`` and ``disagreement rate``, worst first.

    Examples
    --------
    >>> table = judge_disagreements(simulate_judged_answers(500, seed=0))
    >>> table.iloc[0]["kind"] in ANSWER_KINDS
    True
    """
    missing = {"kind", "human_pass", "judge_pass"} - set(answers.columns)
    if missing:
        raise FtlibError("answers", sorted(missing), "a table with kind, human_pass, judge_pass")
    human, judge = answers["human_pass"].astype(bool), answers["judge_pass"].astype(bool)
    table = pd.DataFrame(
        {
            "kind": answers["kind"],
            "judge passed a human fail": (~human & judge).astype(int),
            "judge failed a human pass": (human & ~judge).astype(int),
            "answers": 1,
        }
    )
    table = table.groupby("kind", as_index=False).sum()
    wrong = table["judge passed a human fail"] + table["judge failed a human pass"]
    table["disagreement rate"] = wrong / table["answers"]
    return table.sort_values(["disagreement rate", "kind"], ascending=[False, True]).reset_index(
        drop=True
    )


def agreement_by_labels(
    sizes: Sequence[int],
    *,
    profile: JudgeProfile | None = None,
    n_repeats: int = 400,
    confidence: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """How much the measured agreement moves with the number of human labels.

    For each size, ``n_repeats`` fresh samples of that many labelled answers are
    judged and scored; the table gives the middle ``confidence`` range of the
    true-positive rate, true-negative rate and kappa across them, and its width.
    A range this wide is what a team with that many labels cannot rule out.

    Examples
    --------
    >>> table = agreement_by_labels([20, 200], n_repeats=200, seed=0)
    >>> bool(table.kappa_width.iloc[0] > table.kappa_width.iloc[1])
    True
    """
    profile = profile or JudgeProfile()
    n_repeats = check_int("n_repeats", n_repeats, minimum=20, maximum=100_000)
    confidence = check_number("confidence", confidence, minimum=0.5, maximum=0.999)
    sizes = [check_int("sizes", s, minimum=10, maximum=100_000) for s in sizes]
    if not sizes:
        raise FtlibError("sizes", sizes, "at least one number of labels")
    rng = np.random.default_rng(check_int("seed", seed, minimum=0))
    kinds = list(ANSWER_KINDS)
    mix = np.array([profile.mix[k] for k in kinds])
    good = np.array([ANSWER_KINDS[k] for k in kinds])
    pass_rate = np.array([profile.pass_rate[k] for k in kinds])
    tails = [(1 - confidence) / 2, (1 + confidence) / 2]
    rows = []
    for size in sizes:
        per_kind = rng.multinomial(size, mix, size=n_repeats)  # answers of each kind
        passed = rng.binomial(per_kind, pass_rate)  # the judge's passes among them
        tp, fn = passed[:, good].sum(1), (per_kind - passed)[:, good].sum(1)
        fp, tn = passed[:, ~good].sum(1), (per_kind - passed)[:, ~good].sum(1)
        stats = {
            "tpr": _safe_div(tp, tp + fn),
            "tnr": _safe_div(tn, tn + fp),
            "kappa": np.array(
                [_kappa([[a, b], [c, d]]) for a, b, c, d in zip(tp, fn, fp, tn, strict=True)]
            ),
        }
        row: dict[str, float] = {"n_labels": size}
        for name, values in stats.items():
            low, high = np.nanquantile(values, tails)
            row.update({f"{name}_low": low, f"{name}_high": high, f"{name}_width": high - low})
        rows.append(row)
    return pd.DataFrame(rows)


def _safe_div(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a / b with nan where b is 0."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(b > 0, a / np.maximum(b, 1), np.nan)


def _check_raters(
    a: Sequence[Hashable], b: Sequence[Hashable], names: tuple[str, str] = ("rater_a", "rater_b")
) -> tuple[list, list]:
    """Two equally long, non-empty lists of labels."""
    a_list, b_list = list(a), list(b)
    if not a_list:
        raise FtlibError(names[0], a_list, "at least one label")
    if len(a_list) != len(b_list):
        raise FtlibError(names[1], f"{len(b_list)} labels", f"{len(a_list)}, one per item")
    return a_list, b_list


# 1 and 0 match the True and False keys (equal hashes)
_VERDICTS = {True: True, False: False, "pass": True, "fail": False}


def read_judged_labels(
    path: str | Path, *, human_field: str = "human_pass", judge_field: str = "judge_pass"
) -> tuple[list[bool], list[bool]]:
    """Read human and judge verdicts from a JSONL file (read only; the file is never changed).

    Each line is a JSON object; the two fields hold ``true``/``false``, ``"pass"``/``"fail"``
    or ``1``/``0``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "labels.jsonl"
    >>> _ = p.write_text('{"human_pass": true, "judge_pass": "fail"}')
    >>> read_judged_labels(p)
    ([True], [False])
    """
    name = str(path)
    text = read_text_file(name, "path", "JSONL file of verdicts")
    human: list[bool] = []
    judge: list[bool] = []
    for number, record in iter_json_objects(name, text, "path"):
        for field_name, out in ((human_field, human), (judge_field, judge)):
            value = record.get(field_name)
            key = value.lower().strip() if isinstance(value, str) else value
            # bool and int only (1 and 0 equal True and False); a float, list or object is refused
            if not isinstance(key, (bool, int, str)) or key not in _VERDICTS:
                raise FtlibError(
                    f"line {number}: {field_name}",
                    value,
                    'true/false, "pass"/"fail" or 1/0',
                    "the field is missing" if field_name not in record else "",
                )
            out.append(_VERDICTS[key])
    if not human:
        raise FtlibError("path", name, "a file with at least one labelled answer")
    return human, judge
