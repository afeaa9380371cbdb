"""Make tests/notebooks.py importable as ``notebooks`` and keep figures off-screen."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("MPLBACKEND", "Agg")
