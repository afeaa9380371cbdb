"""Token counts for training files: exact with a tokenizer, otherwise a stated estimate.

No tokenizer ships with ftlib and none can be downloaded offline, so the
default is an estimate: about 4 characters per token (OpenAI's rule of thumb
for English prose), plus the per-message and per-example overhead that
OpenAI's chat format adds (3 tokens each, as in the OpenAI cookbook's
``num_tokens_from_messages``). Expect it within about a quarter of the true
count for English; code, numbers and non-Latin scripts usually need more
tokens than it says. When ``tiktoken`` is installed *and* its download cache
holds encodings (``TIKTOKEN_CACHE_DIR``), :func:`token_counter` uses it and says so;
with an empty cache it does not try (tiktoken would go to the network).
"""

from __future__ import annotations

import math
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass

from .errors import FtlibError

__all__ = [
    "CHARS_PER_TOKEN",
    "TOKENS_PER_MESSAGE",
    "TOKENS_PER_EXAMPLE",
    "TokenCounter",
    "estimate_tokens",
    "token_counter",
]

CHARS_PER_TOKEN = 4.0  # OpenAI's rule of thumb for English text
TOKENS_PER_MESSAGE = 3  # role and separators around each chat message (OpenAI cookbook)
TOKENS_PER_EXAMPLE = 3  # the primer before the assistant's reply (OpenAI cookbook)

_ESTIMATE_METHOD = (
    f"estimate: {CHARS_PER_TOKEN:g} characters per token + {TOKENS_PER_MESSAGE} per message"
    f" + {TOKENS_PER_EXAMPLE} per example (no tokenizer available; expect about +/-25% for English,"
    " more tokens than estimated for code and non-Latin scripts)"
)


def estimate_tokens(text: str) -> int:
    """Estimated tokens in ``text``: its characters divided by 4, rounded up.

    Parameters
    ----------
    text
        Any string.

    Returns
    -------
    int
        ``ceil(len(text) / CHARS_PER_TOKEN)``; 0 for the empty string.

    Examples
    --------
    >>> estimate_tokens("")
    0
    >>> estimate_tokens("four")
    1
    >>> estimate_tokens("Summarise this clause.")  # 22 characters
    6
    """
    if not isinstance(text, str):
        raise FtlibError("text", text, "a string")
    return math.ceil(len(text) / CHARS_PER_TOKEN)


@dataclass(frozen=True)
class TokenCounter:
    """How tokens are counted: ``count(text)`` and a sentence saying how (``method``)."""

    count: Callable[[str], int]
    method: str
    exact: bool

    def __repr__(self) -> str:
        return f"TokenCounter(exact={self.exact}, method={self.method!r})"


def token_counter(encoding: str = "o200k_base", *, allow_exact: bool = True) -> TokenCounter:
    """The best counter available offline: a cached ``tiktoken`` encoding, else the estimate.

    Parameters
    ----------
    encoding
        The ``tiktoken`` encoding to try (``o200k_base`` serves the GPT-4.1 family).
    allow_exact
        ``False`` forces the estimate, e.g. to compare runs across machines.

    Returns
    -------
    TokenCounter
        ``exact`` says whether the counts are a tokenizer's or the estimate.

    Examples
    --------
    >>> counter = token_counter(allow_exact=False)
    >>> counter.exact, counter.count("abcdefgh")
    (False, 2)
    >>> counter.method.startswith("estimate")
    True
    """
    if allow_exact and _tiktoken_cache_present():
        try:  # tiktoken is optional; it would fetch a missing encoding over the network
            import tiktoken

            enc = tiktoken.get_encoding(encoding)
            return TokenCounter(
                lambda text: len(enc.encode(text, disallowed_special=())),
                f"exact: tiktoken {encoding}",
                True,
            )
        except Exception:  # noqa: BLE001 - any failure (missing, offline, unknown encoding) means estimate
            pass
    return TokenCounter(estimate_tokens, _ESTIMATE_METHOD, False)


def _tiktoken_cache_present() -> bool:
    """Whether tiktoken's download cache holds any file (so no network call is attempted without one)."""
    folder = (
        os.environ.get("TIKTOKEN_CACHE_DIR")
        or os.environ.get("DATA_GYM_CACHE_DIR")
        or os.path.join(tempfile.gettempdir(), "data-gym-cache")
    )
    try:
        return any(entry.is_file() for entry in os.scandir(folder))
    except OSError:
        return False
