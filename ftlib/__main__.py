"""``python -m ftlib``: the command-line front door."""

import sys

from .core.cli import main

sys.exit(main())
