"""Provider profiles: each fine-tuning layout's documented limits and default epochs, dated.

The figures live in ``ftlib/data/formats/<vintage>.json``; every limit carries
its source and a confidence (``confirmed``, ``reported``, ``not found``), as the
catalog's prices do. :func:`default_epochs` applies the provider's documented
rule when a file is priced without a number of epochs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..core.errors import FtlibError, check_choice, check_int

__all__ = ["FormatLimit", "FormatProfile", "COURSE_EPOCHS", "default_epochs", "format_profiles"]

COURSE_EPOCHS = 3  # used where a provider documents no rule; OpenAI's and TRL's targets are also 3
_VINTAGE = "2026-12-02"

# OpenAI's "auto" epochs, as the OpenAI cookbook estimates it (Chat_finetuning_data_prep).
_TARGET_EPOCHS = 3
_MIN_TARGET_EXAMPLES = 100
_MAX_TARGET_EXAMPLES = 25_000
_MIN_DEFAULT_EPOCHS = 1
_MAX_DEFAULT_EPOCHS = 25


@dataclass(frozen=True)
class FormatLimit:
    """One documented limit: its value (``None`` when none is known), confidence and source."""

    value: int | None
    confidence: str
    source: str

    def __str__(self) -> str:
        shown = "not found" if self.value is None else f"{self.value:,}"
        return f"{shown} ({self.confidence}; {self.source})"


@dataclass(frozen=True)
class FormatProfile:
    """A provider's fine-tuning layout: what it looks like, its limits, its default epochs."""

    id: str
    name: str
    provider: str
    layout: str
    encoding: str | None
    max_example_tokens: FormatLimit
    min_examples: FormatLimit
    max_examples: FormatLimit
    max_file_bytes: FormatLimit
    epochs_rule: str | None
    epochs_confidence: str
    epochs_source: str
    status: str
    as_of: str

    def __str__(self) -> str:
        return f"{self.name} ({self.id}, limits as of {self.as_of})"


@lru_cache(maxsize=2)
def format_profiles(vintage: str = _VINTAGE) -> dict[str, FormatProfile]:
    """Every layout's profile, by id, from the dated data file.

    Examples
    --------
    >>> profiles = format_profiles()
    >>> profiles["vertex-gemini"].max_example_tokens.value
    131072
    >>> profiles["openai-chat"].max_file_bytes.confidence
    'confirmed'
    """
    vintage = check_choice("vintage", vintage, [_VINTAGE])
    path = resources.files("ftlib").joinpath("data", "formats", f"{vintage}.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    out = {}
    for p in data["profiles"]:
        limits = {
            k: FormatLimit(p[k]["value"], p[k]["confidence"], p[k]["source"])
            for k in ("max_example_tokens", "min_examples", "max_examples", "max_file_bytes")
        }
        out[p["id"]] = FormatProfile(
            p["id"],
            p["name"],
            p["provider"],
            p["layout"],
            p["encoding"],
            epochs_rule=p["default_epochs"]["rule"],
            epochs_confidence=p["default_epochs"]["confidence"],
            epochs_source=p["default_epochs"]["source"],
            status=p["status"],
            as_of=data["as_of"],
            **limits,
        )
    return out


def default_epochs(fmt: str, examples: int) -> tuple[int, str]:
    """Epochs a provider trains for when none is given, and a sentence saying where that comes from.

    OpenAI's layouts follow the rule of OpenAI's cookbook (3 epochs, more for tiny files
    so that training sees about 100 examples, fewer for huge ones so that it sees about
    25,000); TRL's trainer defaults to 3; where no rule is documented, the course's 3.

    Examples
    --------
    >>> default_epochs("openai-chat", 20)[0], default_epochs("openai-chat", 1_000)[0]
    (5, 3)
    >>> default_epochs("openai-chat", 20_000)[0], default_epochs("openai-chat", 100_000)[0]
    (1, 1)
    >>> default_epochs("vertex-gemini", 500)[0]
    3
    """
    profile = format_profiles()[check_choice("format", fmt, list(format_profiles()))]
    n = check_int("examples", examples, minimum=1)
    if profile.epochs_rule == "openai-auto":
        epochs = _TARGET_EPOCHS
        if n * _TARGET_EPOCHS < _MIN_TARGET_EXAMPLES:
            epochs = min(_MAX_DEFAULT_EPOCHS, _MIN_TARGET_EXAMPLES // n)
        elif n * _TARGET_EPOCHS > _MAX_TARGET_EXAMPLES:
            epochs = max(_MIN_DEFAULT_EPOCHS, _MAX_TARGET_EXAMPLES // n)
        return epochs, (
            f"{epochs} epochs: OpenAI's 'auto' rule for {n:,} examples as OpenAI's cookbook"
            " estimates it (reported; the API documents only that it depends on the file's size)"
        )
    if profile.epochs_rule == "fixed-3":
        return 3, "3 epochs: the trainer's default (transformers' num_train_epochs)"
    if profile.epochs_rule is not None:  # pragma: no cover - a new rule in a data file
        raise FtlibError("epochs rule", profile.epochs_rule, "openai-auto, fixed-3 or null")
    return COURSE_EPOCHS, (
        f"{COURSE_EPOCHS} epochs: the course's assumption ({profile.provider} documents no default"
        " that was found)"
    )
