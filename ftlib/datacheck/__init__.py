"""check-data: is a fine-tuning file usable, what will training cost, does the test set leak?

One home for the data check, in parts that talk through small frozen values:

- :mod:`~ftlib.datacheck.records`: what one line must hold, per provider layout;
- :mod:`~ftlib.datacheck.profiles`: each layout's documented limits and default epochs;
- :mod:`~ftlib.datacheck.scan`: one streaming pass in fixed memory, returning a ``ScanSummary``;
- :mod:`~ftlib.datacheck.overlap`: the test file prepared once, training matched against it;
- :mod:`~ftlib.datacheck.report`: :func:`check_training_data` and its ``DataReport``;
- :mod:`~ftlib.datacheck.tables` and :mod:`~ftlib.datacheck.estimates`: tables for notebooks;
- :mod:`~ftlib.datacheck.text`: untrusted text made safe to print;
- :mod:`~ftlib.datacheck.tokens` and :mod:`~ftlib.datacheck.lengths`: token counts and
  length tallies;
- :mod:`~ftlib.datacheck.contamination`: near-duplicates between two sets of texts.

Its figures, lab, command and self-checks are ``plots``, ``lab``, ``cli`` and ``selfcheck``,
imported explicitly (``import ftlib.datacheck.plots``).
"""

from .contamination import (
    ContaminationReport,
    DuplicateIndex,
    find_duplicates,
    normalize_for_matching,
    shingle_similarity,
)
from .estimates import (
    sample_token_counts,
    token_estimate_errors,
)
from .lengths import (
    LengthDistribution,
)
from .overlap import (
    OverlapWithTest,
)
from .profiles import (
    FormatLimit,
    FormatProfile,
    default_epochs,
    format_profiles,
)
from .records import (
    CHAT_ROLES,
    DATA_FORMATS,
    ERROR_KINDS,
    detect_format,
)
from .report import (
    DATA_SAMPLES,
    DEFAULT_EPOCHS,
    DataReport,
    DatasetWarning,
    RoleStats,
    TrainingFileCost,
    affordable_tokens_per_example,
    check_training_data,
    data_sample_path,
)
from .scan import (
    LineError,
)
from .tables import (
    data_report_tables,
    format_profile_table,
)
from .tokens import (
    CHARS_PER_TOKEN,
    ESTIMATE_ERROR_BAND,
    TOKENS_PER_EXAMPLE,
    TOKENS_PER_MESSAGE,
    encoding_for_model,
    estimate_tokens,
    estimate_tokens_by_script,
    token_counter,
)

__all__ = [
    "CHARS_PER_TOKEN",
    "CHAT_ROLES",
    "DATA_FORMATS",
    "DATA_SAMPLES",
    "DEFAULT_EPOCHS",
    "ERROR_KINDS",
    "ESTIMATE_ERROR_BAND",
    "TOKENS_PER_EXAMPLE",
    "TOKENS_PER_MESSAGE",
    "ContaminationReport",
    "DataReport",
    "DatasetWarning",
    "DuplicateIndex",
    "FormatLimit",
    "FormatProfile",
    "LengthDistribution",
    "LineError",
    "OverlapWithTest",
    "RoleStats",
    "TrainingFileCost",
    "affordable_tokens_per_example",
    "check_training_data",
    "data_report_tables",
    "data_sample_path",
    "default_epochs",
    "detect_format",
    "encoding_for_model",
    "estimate_tokens",
    "estimate_tokens_by_script",
    "find_duplicates",
    "format_profile_table",
    "format_profiles",
    "normalize_for_matching",
    "sample_token_counts",
    "shingle_similarity",
    "token_counter",
    "token_estimate_errors",
]
