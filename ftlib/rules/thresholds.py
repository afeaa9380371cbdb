"""The article's rules of thumb, as named numbers with their source.

Every threshold the course uses comes from here, so a chapter, a check and a
test all mean the same 50K or 200 (source: the article, April 2026).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.errors import check_number

__all__ = [
    "ARTICLE_DATE",
    "RULES",
    "Rule",
    "Band",
    "VOLUME_BANDS",
    "VolumeBand",
    "volume_band",
    "VOLUME_FLOOR",
    "VOLUME_RARELY_WORTH",
    "VOLUME_PAYS_IN_WEEKS",
    "PAYBACK_MONTHS",
    "MIN_TRAIN_EXAMPLES",
    "MAX_TRAIN_EXAMPLES",
    "MIN_TEST_EXAMPLES",
    "MAX_TEST_EXAMPLES",
    "TRAINING_RUNS_BUDGET",
    "PRODUCTION_SHARE",
    "DAYS_PER_MONTH",
]

ARTICLE_DATE = "2026-04-01"  # the article is dated April 2026; the day is ours

VOLUME_FLOOR = 50_000  # requests a month below which training rarely breaks even
VOLUME_RARELY_WORTH = 100_000  # below this, rarely worth it
VOLUME_PAYS_IN_WEEKS = 500_000  # above this, a smaller tuned model often pays back in weeks
PAYBACK_MONTHS = 3  # upfront cost under this many months of savings: worth evaluating
MIN_TRAIN_EXAMPLES = 200  # below this, few-shot prompting usually wins
MAX_TRAIN_EXAMPLES = 2_000  # the article's upper end for SFT
MIN_TEST_EXAMPLES = 50  # labelled test set, from another source than training
MAX_TEST_EXAMPLES = 100
TRAINING_RUNS_BUDGET = (2, 3)  # the first checkpoint is rarely the last
PRODUCTION_SHARE = 0.8  # share of training inputs to draw from real traffic
DAYS_PER_MONTH = 30  # the course's month for break-even days (FACTS.md uses 30)


@dataclass(frozen=True)
class Rule:
    """One rule of thumb: an id, the rule in the course's words, and where it comes from."""

    id: str
    text: str
    source: str = "article, April 2026"


RULES: tuple[Rule, ...] = (
    Rule(
        "behaviour-not-knowledge",
        "Fine-tuning changes how a model behaves (style, format, consistency); retrieval is how "
        "it gets facts.",
    ),
    Rule(
        "measure-first",
        "Build the test set and measure a prompted baseline before paying for any training.",
    ),
    Rule(
        "payback-3-months",
        f"Training is worth a closer look when its upfront cost is under {PAYBACK_MONTHS} months "
        "of inference savings.",
    ),
    Rule(
        "volume",
        f"Under {VOLUME_FLOOR:,} requests a month training rarely pays back; under "
        f"{VOLUME_RARELY_WORTH:,} it is rarely worth it; past {VOLUME_PAYS_IN_WEEKS:,} a smaller "
        "tuned model often pays back within weeks.",
    ),
    Rule(
        "data-size",
        f"SFT wants {MIN_TRAIN_EXAMPLES:,} to {MAX_TRAIN_EXAMPLES:,} good examples; with fewer "
        f"than {MIN_TRAIN_EXAMPLES}, few-shot prompting usually does better.",
    ),
    Rule(
        "test-set",
        f"Keep {MIN_TEST_EXAMPLES} to {MAX_TEST_EXAMPLES} labelled test examples that come from a "
        "different source than the training data.",
    ),
    Rule(
        "iterations",
        f"Budget for {TRAINING_RUNS_BUDGET[0]} to {TRAINING_RUNS_BUDGET[1]} training runs and set "
        "the abort criterion before the first.",
    ),
    Rule(
        "real-traffic",
        f"Draw about {PRODUCTION_SHARE:.0%} of training inputs from real production queries, not "
        "synthetic ones.",
    ),
    Rule(
        "forgetting",
        "Tuning on a narrow task can erode skills outside it: test general tasks alongside the "
        "target metric.",
    ),
)


@dataclass(frozen=True)
class Band:
    """One of the article's volume bands: from ``low`` (included) to ``high`` (excluded)."""

    name: str
    low: int
    high: int | None  # None: no upper edge
    label: str  # a few words for a figure's band
    advice: str

    def to_dict(self) -> dict:
        """The band as the static pages read it (``below``: the upper edge, or None)."""
        return {
            "name": self.name,
            "low": self.low,
            "below": self.high,
            "label": self.label,
            "advice": self.advice,
        }


# The one table of volume bands: volume_band, the figures, the self-check and the pages read it.
VOLUME_BANDS: tuple[Band, ...] = (
    Band(
        "below-floor",
        0,
        VOLUME_FLOOR,
        "rarely breaks even",
        f"Under {VOLUME_FLOOR:,} a month training rarely breaks even: prompt well and revisit "
        "when volume grows.",
    ),
    Band(
        "marginal",
        VOLUME_FLOOR,
        VOLUME_RARELY_WORTH,
        "rarely worth it",
        f"Between {VOLUME_FLOOR:,} and {VOLUME_RARELY_WORTH:,} a month it is rarely worth it: "
        "run the break-even numbers before anything else.",
    ),
    Band(
        "worth-evaluating",
        VOLUME_RARELY_WORTH,
        VOLUME_PAYS_IN_WEEKS,
        "worth evaluating",
        "Enough volume to evaluate fine-tuning or distillation if a behaviour gap is measured.",
    ),
    Band(
        "pays-in-weeks",
        VOLUME_PAYS_IN_WEEKS,
        None,
        "often pays back in weeks",
        f"Past {VOLUME_PAYS_IN_WEEKS:,} a month a smaller tuned model often repays training "
        "within weeks.",
    ),
)


@dataclass(frozen=True)
class VolumeBand:
    """Where a monthly request volume falls among the article's thresholds."""

    name: str
    requests_per_month: float
    advice: str


def volume_band(requests_per_month: float) -> VolumeBand:
    """Place a monthly volume in the article's bands (:data:`VOLUME_BANDS`).

    Examples
    --------
    >>> volume_band(20_000).name
    'below-floor'
    >>> volume_band(1_000_000).name
    'pays-in-weeks'
    """
    volume = check_number("requests_per_month", requests_per_month, minimum=0)
    band = next(b for b in VOLUME_BANDS if b.high is None or volume < b.high)
    return VolumeBand(band.name, volume, band.advice)
