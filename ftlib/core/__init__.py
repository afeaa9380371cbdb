"""What every area uses and no concept: errors, tables and money, the command-line dispatcher.

The command-line dispatcher is :mod:`ftlib.core.cli` (imported explicitly).
"""

from .clock import dated_phrase, today
from .errors import (
    FtlibError,
)
from .tables import (
    money,
    table,
)

__all__ = [
    "dated_phrase",
    "today",
    "FtlibError",
    "money",
    "table",
]
