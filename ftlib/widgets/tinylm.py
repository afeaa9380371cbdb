"""The lab "Fine-tune a language model" (its code lives in :mod:`ftlib.tinylm.lab`)."""

from __future__ import annotations

from ..tinylm.lab import finetune_lab

__all__ = ["finetune_lab"]
