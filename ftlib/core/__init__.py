"""What every area uses and no concept: errors, tables and money, the course clock and dated
wording, the command-line dispatcher.

The command-line dispatcher is :mod:`ftlib.core.cli` (imported explicitly).
"""

from .clock import dated_phrase, today
from .dates import (
    LifecycleDate,
    event_sentence,
    lifecycle_event,
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
    "dated_phrase",
    "event_sentence",
    "lifecycle_event",
    "today",
    "when_phrase",
    "FtlibError",
    "money",
    "table",
]
