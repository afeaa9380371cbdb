"""What every area uses and no concept: errors, tables and money, the command-line dispatcher.

The command-line dispatcher is :mod:`ftlib.core.cli` (imported explicitly).
"""

from .errors import (
    FtlibError,
)
from .tables import (
    money,
    table,
)

__all__ = [
    "FtlibError",
    "money",
    "table",
]
