"""The article's rules of thumb: volume bands, payback window, example counts, dates.

The names below are the area's public surface; plumbing stays in its module.
Figures, labs and self-checks are imported explicitly (``import ftlib.rules.plots``).
"""

from .thresholds import (
    ARTICLE_DATE,
    DAYS_PER_MONTH,
    MAX_TEST_EXAMPLES,
    MAX_TRAIN_EXAMPLES,
    MIN_TEST_EXAMPLES,
    MIN_TRAIN_EXAMPLES,
    PAYBACK_MONTHS,
    PRODUCTION_SHARE,
    RULES,
    TRAINING_RUNS_BUDGET,
    VOLUME_BANDS,
    VOLUME_FLOOR,
    VOLUME_PAYS_IN_WEEKS,
    VOLUME_RARELY_WORTH,
    Band,
    Rule,
    VolumeBand,
    volume_band,
)

__all__ = [
    "ARTICLE_DATE",
    "DAYS_PER_MONTH",
    "MAX_TEST_EXAMPLES",
    "MAX_TRAIN_EXAMPLES",
    "MIN_TEST_EXAMPLES",
    "MIN_TRAIN_EXAMPLES",
    "PAYBACK_MONTHS",
    "PRODUCTION_SHARE",
    "RULES",
    "TRAINING_RUNS_BUDGET",
    "VOLUME_BANDS",
    "VOLUME_FLOOR",
    "VOLUME_PAYS_IN_WEEKS",
    "VOLUME_RARELY_WORTH",
    "Band",
    "Rule",
    "VolumeBand",
    "volume_band",
]
