"""What every area uses and no concept: errors, tables and money, the course clock and dated
wording, the command-line dispatcher.

The command-line dispatcher is :mod:`ftlib.core.cli` (imported explicitly).
"""

from .dates import (
    LifecycleDate,
    event_sentence,
    lifecycle_event,
    today,
    when_phrase,
)
from .errors import (
    FtlibError,
)
from .tables import (
    money,
    table,
)

__all__ = [
    "LifecycleDate",
    "event_sentence",
    "lifecycle_event",
    "today",
    "when_phrase",
    "FtlibError",
    "money",
    "table",
]
