"""Characters in, characters out: the model's 96-symbol vocabulary.

The vocabulary is the newline plus the 95 printable ASCII characters. Text outside it
is folded to ASCII first (curly quotes to straight ones, dashes to ``-``) and whatever
is left becomes ``?``.

Examples
--------
>>> from ftlib.tinylm.text import decode, encode
>>> decode(encode("Hi\\n"))
'Hi\\n'
"""

from __future__ import annotations

import unicodedata

import numpy as np

__all__ = ["VOCAB", "VOCAB_SIZE", "encode", "decode", "to_ascii"]

VOCAB = "\n" + "".join(chr(c) for c in range(32, 127))
VOCAB_SIZE = len(VOCAB)  # 96
_INDEX = {ch: i for i, ch in enumerate(VOCAB)}
_UNKNOWN = _INDEX["?"]
_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2026": "...",
        "\u00a0": " ",
        "\t": "    ",
        "\u2212": "-",
        "\u00d7": "x",
        "\u2192": "->",
    }
)


def to_ascii(text: str) -> str:
    """Fold ``text`` onto the vocabulary: accents dropped, quotes and dashes straightened.

    Examples
    --------
    >>> to_ascii("café – “ok”")
    'cafe - "ok"'
    """
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def encode(text: str) -> np.ndarray:
    """Token ids (``int32``) for ``text``; characters outside the vocabulary become ``?``.

    Examples
    --------
    >>> encode("A\\n").tolist()
    [34, 0]
    """
    return np.fromiter((_INDEX.get(ch, _UNKNOWN) for ch in to_ascii(text)), dtype=np.int32)


def decode(ids: np.ndarray | list[int]) -> str:
    """The text for token ids.

    Examples
    --------
    >>> decode([41, 74])
    'Hi'
    """
    return "".join(VOCAB[int(i)] for i in ids)
