"""A tiny language model the course pretrains once, then tunes and breaks on a laptop CPU.

A character-level transformer of about 0.83M parameters written in numpy, with its
backward pass by hand. Read it in this order:

- :mod:`~ftlib.tinylm.model`: the transformer, forward and backward.
- :mod:`~ftlib.tinylm.lora`: LoRA in a dozen lines; :mod:`~ftlib.tinylm.quant`: int8
  and 4-bit bases (QLoRA).
- :mod:`~ftlib.tinylm.adam`, :mod:`~ftlib.tinylm.tune`: Adam and the three ways to tune.
- :mod:`~ftlib.tinylm.sample`: writing text, greedy or sampled.
- :mod:`~ftlib.tinylm.corpus`, :mod:`~ftlib.tinylm.pretrain`: the corpus and the one
  pretraining run; :mod:`~ftlib.tinylm.base` loads its weights.
- :mod:`~ftlib.tinylm.tasks`, :mod:`~ftlib.tinylm.evaluate`,
  :mod:`~ftlib.tinylm.experiments`: the article's claims, measured.

Examples
--------
>>> from ftlib import tinylm
>>> base = tinylm.load_base()
>>> tinylm.generate(base.weights, base.cfg, ["The day after Monday is"], max_new=9)
[' Tuesday.']
"""

from .base import Model, load_base, manifest
from .experiments import (
    examples_experiment,
    forgetting_experiment,
    format_experiment,
    knowledge_trap,
    methods_experiment,
)
from .model import Config
from .sample import generate
from .tune import METHODS, TuneResult, TuneSettings, tune

__all__ = [
    "Config",
    "Model",
    "load_base",
    "manifest",
    "generate",
    "tune",
    "TuneSettings",
    "TuneResult",
    "METHODS",
    "knowledge_trap",
    "format_experiment",
    "examples_experiment",
    "forgetting_experiment",
    "methods_experiment",
]
