"""Tables as readers see them: whole cells, plain-word headers, money as ``-$690``.

``table(frame)`` returns an object that notebooks display as HTML (``_repr_html_``) and that
prints as plain text. Nothing is cut: pandas' own display stops a cell at 50 characters, this
does not. Headers lose their snake_case (``break_even_days`` -> "break-even days"), money
columns (a name with ``usd`` or ``$``, or named in ``money=``) read ``$1,250`` and ``-$690``,
and numbers get thousands separators and the decimals their column needs. The site's CSS
(``_static/reader.css``) pads the cells and lets a wide table scroll sideways with a cue.
"""

from __future__ import annotations

import html
import math
import numbers
import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .errors import FtlibError

__all__ = ["Table", "money", "readable_header", "table"]

# Words that keep a fixed spelling when a snake_case name becomes a header.
_WORDS = {
    "usd": "USD",
    "1m": "1M",
    "1k": "1K",
    "id": "ID",
    "api": "API",
    "sft": "SFT",
    "rft": "RFT",
    "lora": "LoRA",
    "ci": "CI",
    "p": "p",
    "n": "n",
    "pct": "%",
}
# Compound words that snake_case split apart.
_COMPOUNDS = {
    "break even": "break-even",
    "self hosted": "self-hosted",
    "few shot": "few-shot",
    "p value": "p-value",
    "n train": "training examples",
    "n test": "test examples",
}
_SNAKE = re.compile(r"^[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)+$")
_MAX_DECIMALS = 4
# Plain-text tables fit this many characters (a terminal, or the site's desktop code column).
TEXT_WIDTH = 88
_MIN_WRAP = 24  # a wrapped text column keeps at least this width when it had it
_NA = "–"


def readable_header(name: object) -> str:
    """A column or index name in plain words: ``"break_even_days"`` -> ``"break-even days"``.

    Lower case, like the course's other headers; names that are not snake_case
    (``"tuned ($/month)"``) come back unchanged.

    Examples
    --------
    >>> readable_header("break_even_days")
    'break-even days'
    >>> readable_header("input_usd_per_1m_tokens")
    'input USD per 1M tokens'
    >>> readable_header("n_train")
    'training examples'
    >>> readable_header("tuned ($/month)")
    'tuned ($/month)'
    """
    text = "" if name is None else str(name)
    if not _SNAKE.match(text):
        return text
    words = [_WORDS.get(w.lower(), w) for w in text.split("_")]
    phrase = " ".join(words)
    for split, joined in _COMPOUNDS.items():
        phrase = re.sub(rf"\b{split}\b", joined, phrase, flags=re.IGNORECASE)
    return phrase


def money(value: object, *, decimals: int = 0) -> str:
    """Dollars as a reader writes them: ``-$690``, ``$1,250``, ``$0`` (never ``$-0``).

    Examples
    --------
    >>> money(-690)
    '-$690'
    >>> money(1250.4)
    '$1,250'
    >>> money(-0.2)
    '$0'
    >>> money(0.156, decimals=2)
    '$0.16'
    >>> money(float("nan"))
    '–'
    """
    if decimals < 0:
        raise FtlibError("decimals", decimals, "a whole number, 0 or more")
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return _NA
    if not isinstance(value, numbers.Real) or isinstance(value, bool):
        raise FtlibError("value", value, "a number of dollars")
    if not math.isfinite(value):
        raise FtlibError("value", value, "a finite number of dollars")
    rounded = round(float(value), decimals)
    if rounded == 0:
        rounded = 0.0  # drops the sign of -0.0
    sign = "-" if rounded < 0 else ""
    return f"{sign}${abs(rounded):,.{decimals}f}"


def _decimals_needed(values: Sequence[float]) -> int:
    for d in range(_MAX_DECIMALS + 1):
        scale = 10**d
        if all(abs(v * scale - round(v * scale)) < 1e-6 for v in values):
            return d
    return _MAX_DECIMALS


def _is_money(name: object) -> bool:
    text = str(name).lower()
    return "usd" in text.split("_") or "usd" in text.split() or "$" in text


@dataclass(frozen=True)
class Table:
    """A formatted table: headers, rows of strings, and which columns are numbers."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]
    caption: str = ""

    def __repr__(self) -> str:
        return f"Table({len(self.rows)} rows x {len(self.headers)} columns)"

    def __str__(self) -> str:
        return self.text()

    def text(self, width: int = TEXT_WIDTH) -> str:
        """Plain text at most ``width`` characters wide where the words allow it.

        When the columns do not fit, the widest text columns wrap onto continuation lines
        (the other cells left blank there) if that makes the table fit; numbers never wrap.
        A table that cannot fit (many columns of single words) stays one line per row.

        Examples
        --------
        >>> why = "a prompted score, measured on the test set, to beat"
        >>> t = table(pd.DataFrame({"item": ["baseline"], "why": [why]}))
        >>> print(t.text(width=36))
        item      why
        --------  --------------------------
        baseline  a prompted score, measured
                  on the test set, to beat
        """
        widths = [
            max([len(h)] + [len(r[i]) for r in self.rows]) for i, h in enumerate(self.headers)
        ]
        gaps = 2 * (len(widths) - 1)
        text_columns = sorted(
            (i for i, num in enumerate(self.numeric) if not num), key=lambda i: -widths[i]
        )
        natural = list(widths)
        for i in text_columns:
            over = sum(widths) + gaps - width
            if over <= 0:
                break
            # No narrower than the longest word or a useful minimum.
            words = [
                len(w) for c in [self.headers[i], *(r[i] for r in self.rows)] for w in c.split()
            ]
            widths[i] = max(widths[i] - over, max(words, default=1), min(widths[i], _MIN_WRAP))

        if sum(widths) + gaps > width:
            widths = natural  # cannot fit: wrapping would only lengthen it, so it stays wide

        def lines(cells: Sequence[str]) -> list[str]:
            parts = [
                [c] if num else textwrap.wrap(c, w, break_long_words=False) or [""]
                for c, w, num in zip(cells, widths, self.numeric, strict=True)
            ]
            return [
                "  ".join(
                    (p[k] if k < len(p) else "").rjust(w)
                    if num
                    else (p[k] if k < len(p) else "").ljust(w)
                    for p, w, num in zip(parts, widths, self.numeric, strict=True)
                ).rstrip()
                for k in range(max(len(p) for p in parts))
            ]

        out = [self.caption] if self.caption else []
        out += lines(self.headers) + lines(["-" * w for w in widths])
        for row in self.rows:
            out += lines(row)
        return "\n".join(out)

    def _repr_html_(self) -> str:
        def cls(i: int) -> str:
            return ' class="ft-num"' if self.numeric[i] else ' class="ft-text"'

        head = "".join(
            f'<th scope="col"{cls(i)}>{html.escape(h)}</th>' for i, h in enumerate(self.headers)
        )
        labels = [html.escape(h, quote=True) for h in self.headers]
        body = "".join(
            "<tr>"
            + "".join(
                f'<td{cls(i)} data-label="{labels[i]}">{html.escape(c)}</td>'
                for i, c in enumerate(row)
            )
            + "</tr>"
            for row in self.rows
        )
        caption = f"<caption>{html.escape(self.caption)}</caption>" if self.caption else ""
        # Tables with sentences in them stack into one card per row on a phone (reader.css).
        stack = " ft-stack" if self.has_long_text else ""
        return (
            f'<table class="ft-table dataframe{stack}">{caption}<thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>"
        )

    @property
    def has_long_text(self) -> bool:
        """Whether a text column holds a cell of 30 characters or more (a sentence)."""
        return any(
            len(row[i]) >= 30 for row in self.rows for i, num in enumerate(self.numeric) if not num
        )


def _frame(data: Any) -> pd.DataFrame:
    if isinstance(data, pd.DataFrame):
        return data
    if isinstance(data, pd.Series):
        return data.to_frame()
    if hasattr(data, "data") and isinstance(getattr(data, "data", None), pd.DataFrame):
        return data.data  # a pandas Styler: format the frame underneath
    if isinstance(data, Mapping) or isinstance(data, Iterable):
        return pd.DataFrame(data)
    raise FtlibError("data", data, "a DataFrame, a Series, a Styler, a mapping or rows")


def _is_number_column(values: pd.Series) -> bool:
    """Numbers, also in an object column (a transposed frame of mixed rows); not booleans."""
    if pd.api.types.is_bool_dtype(values):
        return False
    if pd.api.types.is_numeric_dtype(values):
        return True
    present = [v for v in values if not _missing(v)]
    return bool(present) and all(
        isinstance(v, numbers.Real) and not isinstance(v, bool) for v in present
    )


def _cell(value: object, na: str) -> str:
    if _missing(value):
        return na
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _column(
    values: pd.Series, name: object, money_columns: set[str], decimals: Any, na: str
) -> list[str]:
    key = str(name)
    wanted = decimals.get(key) if isinstance(decimals, Mapping) else decimals
    if not _is_number_column(values):
        return [_cell(v, na) for v in values]
    if key in money_columns or _is_money(name):
        d = 0 if wanted is None else int(wanted)
        return [na if _missing(v) else money(v, decimals=d) for v in values]
    present = [float(v) for v in values if not _missing(v)]
    d = _decimals_needed(present) if wanted is None else int(wanted)
    return [na if _missing(v) else f"{float(v):,.{d}f}" for v in values]


def _missing(value: object) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def table(
    data: Any,
    *,
    money: Iterable[str] = (),
    decimals: int | Mapping[str, int] | None = None,
    index: bool = True,
    caption: str = "",
    na: str = _NA,
) -> Table:
    """Format ``data`` (DataFrame, Series, Styler, mapping or rows) as a whole, readable table.

    Parameters
    ----------
    data
        What to show. A Styler's own formatting is dropped; its frame is formatted here.
    money
        Columns to show as dollars; names containing ``usd`` or ``$`` are money already.
    decimals
        Decimals for every number column, or per column name; by default each number column
        gets the fewest decimals (at most 4) that show its values exactly.
    index
        Show the index as the first column(s) (a default 0..n-1 index is never shown).
    caption
        A line above the table.
    na
        What a missing value shows (``"never"`` for a break-even that never comes).

    Examples
    --------
    >>> t = table(pd.DataFrame({"upfront_usd": [-690.0, 0.0], "break_even_days": [12.5, 3.0]}))
    >>> t.headers
    ('upfront USD', 'break-even days')
    >>> t.rows
    (('-$690', '12.5'), ('$0', '3.0'))
    """
    frame = _frame(data)
    money_columns = {str(m) for m in money}
    show_index = index and not isinstance(frame.index, pd.RangeIndex)
    if show_index:
        unnamed = [n is None for n in frame.index.names]
        frame = frame.reset_index()
        # reset_index calls an unnamed index "index" (or "level_0"): a reader sees no header
        frame.columns = [
            "" if i < len(unnamed) and unnamed[i] else c for i, c in enumerate(frame.columns)
        ]
    headers = tuple(
        readable_header(" / ".join(map(str, c)) if isinstance(c, tuple) else c)
        for c in frame.columns
    )
    columns = [
        _column(frame.iloc[:, i], frame.columns[i], money_columns, decimals, na)
        for i in range(frame.shape[1])
    ]
    numeric = tuple(_is_number_column(frame.iloc[:, i]) for i in range(frame.shape[1]))
    rows = tuple(zip(*columns, strict=True)) if columns else ()
    return Table(headers=headers, rows=rows, numeric=numeric, caption=caption)
