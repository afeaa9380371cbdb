"""Read a predictions file (CSV or JSONL, one row per test item) for a paired comparison.

The file is what a team exports from a spreadsheet or an evaluation script, so
it is read defensively: every problem becomes one :class:`~ftlib.core.errors.FtlibError`
naming the file and the line, never a parser traceback.

How labels are compared (the decision, in one place): a label is the text
written in the file. In a CSV every cell is text, so ``1``, ``1.0`` and
``true`` are three labels. In JSONL a string is its own text and any other value
is its JSON spelling, so ``true``, ``1`` and ``1.0`` stay three labels too, while
the string ``"1"`` and the number ``1`` are the same label (both read ``1``). An
empty cell or ``null`` is a missing value; lists and objects are refused.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.errors import FtlibError, did_you_mean

__all__ = [
    "MAX_TEXT_FILE_BYTES",
    "Predictions",
    "read_predictions",
    "read_text_file",
    "iter_json_objects",
]

# compare and judge read a whole file into memory: past this size, sample the file first.
MAX_TEXT_FILE_BYTES = 200 * 10**6

_JSONL_SUFFIXES = (".jsonl", ".ndjson")
_MAX_LINE_SHOWN = 60


@dataclass(frozen=True)
class Predictions:
    """The columns read from a predictions file, and the file line of each row.

    ``columns`` maps each requested column name to its values (``None`` where
    the cell is empty); ``lines`` gives the 1-based line in the file where each
    row starts, so messages can point at it.
    """

    path: str
    columns: dict[str, list[str | None]]
    lines: tuple[int, ...]

    @property
    def n_rows(self) -> int:
        """Number of rows (test items) read."""
        return len(self.lines)

    def where(self, row: int) -> str:
        """``"FILE line N"`` for a 0-based row index."""
        return f"{self.path} line {self.lines[row]}"


def read_predictions(path: str | os.PathLike[str], columns: Sequence[str]) -> Predictions:
    """Read ``columns`` from a CSV or JSONL predictions file.

    Parameters
    ----------
    path
        A ``.csv`` file with a header row, or a ``.jsonl``/``.ndjson`` file with
        one JSON object per line. UTF-8 (a byte-order mark is allowed).
    columns
        The column (or key) names needed; a missing one is an error that lists
        the names the file has.

    Raises
    ------
    FtlibError
        With ``field`` ``"predictions"`` for anything wrong with the file (not
        found, not a regular file, unreadable, not UTF-8, empty, ragged rows, a
        bad JSON line, a list as a label), or the column name for a missing column.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "p.csv"
    >>> _ = p.write_text("label,baseline,candidate,\\na,a,b,\\nb,a,b,\\n")
    >>> r = read_predictions(p, ["label", "candidate"])
    >>> r.columns["candidate"], r.lines
    (['b', 'b'], (2, 3))
    """
    name = str(path)
    text = read_text_file(name, "predictions", "CSV or JSONL file")  # one reader: see judge
    if Path(name).suffix.lower() in _JSONL_SUFFIXES:
        rows, lines = _parse_jsonl(name, text, columns)
    else:
        rows, lines = _parse_csv(name, text, columns)
    return Predictions(name, rows, tuple(lines))


def read_text_file(name: str, field: str, what: str) -> str:
    """The text of a user's UTF-8 file, read once and never changed, or one clear FtlibError.

    The one reader of the commands that take a whole file (``compare``, ``judge``): a
    byte-order mark is dropped; a missing file, a directory, a device or pipe, an unreadable
    file, UTF-16, a NUL byte, bytes that are not UTF-8, a file that shrinks or grows while it
    is read, an empty file and one over :data:`MAX_TEXT_FILE_BYTES` each get a sentence
    naming ``field`` (the flag or argument) and ``what`` was expected.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.jsonl"
    >>> _ = p.write_bytes(b'\\xef\\xbb\\xbf{"a": 1}\\n')
    >>> read_text_file(str(p), "labels", "JSONL file")
    '{"a": 1}\\n'
    """
    try:
        info = os.stat(name)
    except FileNotFoundError:
        raise FtlibError(field, name, f"an existing {what}") from None
    except (OSError, ValueError) as exc:  # name too long, a loop of links, a NUL in the name
        raise FtlibError(field, name, f"a {what} this user can open", _os_reason(exc)) from None
    if stat.S_ISDIR(info.st_mode):
        raise FtlibError(field, name, f"a {what}, not a directory")
    if not stat.S_ISREG(info.st_mode):  # /dev/null, a FIFO, a socket: never block on one
        raise FtlibError(field, name, f"a regular {what}", "this is a device, pipe or socket")
    if info.st_size > MAX_TEXT_FILE_BYTES:
        raise FtlibError(
            field,
            name,
            f"a {what} of at most {MAX_TEXT_FILE_BYTES // 10**6:,} MB",
            f"it holds {info.st_size / 10**6:,.0f} MB: split it, or sample it",
        )
    try:
        with open(name, "rb") as stream:
            data = stream.read(MAX_TEXT_FILE_BYTES + 1)
    except OSError as exc:
        raise FtlibError(field, name, f"a {what} this user can read", _os_reason(exc)) from None
    if len(data) != info.st_size:
        raise FtlibError(
            field,
            name,
            f"a {what} that stays the same while it is read",
            f"it held {info.st_size:,} bytes when opened and {len(data):,} when read: "
            "is something still writing it?",
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FtlibError(field, name, "UTF-8 text", "the file is UTF-16: save it again as UTF-8")
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise FtlibError(field, name, "UTF-8 text", f"line {line} holds a NUL byte: is it binary?")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FtlibError(
            field,
            name,
            "UTF-8 text",
            f"line {line} is not UTF-8 (Latin-1 or Windows-1252?): save the file again as UTF-8",
        ) from None
    if not text.strip():
        raise FtlibError(field, name, f"a {what} with at least one row", "the file is empty")
    return text


def iter_json_objects(name: str, text: str, field: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line_number, object)`` for each non-blank line of JSONL ``text``; a bad line raises.

    Lines split on newlines only: U+2028 and U+2029 are legal inside a JSON string.

    Examples
    --------
    >>> list(iter_json_objects("f", '{"a": "x\\u2028y"}\\n\\n{"b": 2}', "labels"))
    [(1, {'a': 'x\\u2028y'}), (3, {'b': 2})]
    """
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except RecursionError:
            raise FtlibError(
                field, name, "one JSON object per line", f"line {number} is nested too deeply"
            ) from None
        except ValueError as exc:
            reason = getattr(exc, "msg", None) or "not JSON"
            raise FtlibError(
                field, name, "one JSON object per line", f"line {number}: {reason}"
            ) from None
        if not isinstance(record, dict):
            raise FtlibError(
                field,
                name,
                "one JSON object per line",
                f"line {number} holds a {type(record).__name__}",
            )
        yield number, record


def _os_reason(exc: OSError | ValueError) -> str:
    return (exc.strerror if isinstance(exc, OSError) else None) or type(exc).__name__


def _missing_column(name: str, column: str, have: Sequence[str]) -> FtlibError:
    shown = ", ".join(_short(h) for h in have[:20]) + (", ..." if len(have) > 20 else "")
    return FtlibError(
        column,
        column,
        f"one of the columns of {name}: {shown}",
        did_you_mean(column, have),
    )


def _short(value: str) -> str:
    return value if len(value) <= _MAX_LINE_SHOWN else value[:_MAX_LINE_SHOWN] + "..."


def _parse_csv(
    name: str, text: str, columns: Sequence[str]
) -> tuple[dict[str, list[str | None]], list[int]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
        while not any(h.strip() for h in header):  # leading blank lines
            header = next(reader)
    except StopIteration:
        raise FtlibError("predictions", name, "a header row", "the file is empty") from None
    except csv.Error as exc:
        raise _csv_error(name, reader.line_num, exc) from None
    header = [h.strip() for h in header]
    # Spreadsheet exports end every row with a comma: an empty last header cell is not a column.
    width = len(header)
    trailing = width > 1 and header[-1] == ""
    if trailing:
        header = header[:-1]
    index = {}
    for column in columns:
        if column not in header:
            raise _missing_column(name, column, header)
        index[column] = header.index(column)
    first = reader.line_num + 1
    try:
        rows = list(reader)
    except csv.Error:
        rows = None  # the careful pass below finds the line
    if rows is not None and reader.line_num == first - 1 + len(rows):
        # The common case, fast: one line per row, no blank lines, every row as wide as the header.
        widths = set(map(len, rows))
        allowed = {width, width - 1} if trailing else {width}
        ok = widths <= allowed
        if not ok and not trailing and widths <= {width, width + 1}:  # only some rows end in ","
            ok = all(row[-1] == "" for row in rows if len(row) == width + 1)
        if ok:
            if not rows:
                raise FtlibError(
                    "predictions", name, "at least one row under the header", "none found"
                )
            out = {c: [row[index[c]].strip() or None for row in rows] for c in columns}
            return out, list(range(first, first + len(rows)))
    return _parse_csv_rows(name, text, columns, header, width, trailing, index)


def _parse_csv_rows(
    name: str,
    text: str,
    columns: Sequence[str],
    header: list[str],
    width: int,
    trailing: bool,
    index: dict[str, int],
) -> tuple[dict[str, list[str | None]], list[int]]:
    """Row by row, keeping each row's first line: blank lines, rows over several lines, errors."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    row: list[str] = []
    while not any(h.strip() for h in row):
        row = next(reader)
    out: dict[str, list[str | None]] = {column: [] for column in columns}
    lines: list[int] = []
    picks = [(out[c], index[c]) for c in columns]
    start = reader.line_num + 1
    try:
        for row in reader:
            if not row or (len(row) == 1 and not row[0].strip()):
                start = reader.line_num + 1
                continue  # blank line
            n = len(row)
            if (
                n != width
                and not (trailing and n == width - 1)
                and not (not trailing and n == width + 1 and row[-1] == "")
            ):
                raise FtlibError(
                    "predictions",
                    name,
                    f"{len(header)} comma-separated fields on every row, like the header",
                    f"line {start} has {n}",
                )
            for values, i in picks:
                cell = row[i].strip()
                values.append(cell if cell else None)
            lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise _csv_error(name, start, exc) from None
    if not lines:
        raise FtlibError("predictions", name, "at least one row under the header", "none found")
    return out, lines


def _csv_error(name: str, line: int, exc: csv.Error) -> FtlibError:
    reason = str(exc)
    if "end of data" in reason or "EOF" in reason:
        reason = "a quote opened here is never closed"
    return FtlibError("predictions", name, "a well-formed CSV file", f"line {line}: {reason}")


def _parse_jsonl(
    name: str, text: str, columns: Sequence[str]
) -> tuple[dict[str, list[str | None]], list[int]]:
    out: dict[str, list[str | None]] = {column: [] for column in columns}
    lines: list[int] = []
    seen_keys: set[str] = set()
    for number, record in iter_json_objects(name, text, "predictions"):
        seen_keys.update(k for k in record if len(seen_keys) < 1000)
        for column in columns:
            value = record.get(column)
            out[column].append(_label_text(name, number, column, value))
        lines.append(number)
    if not lines:
        raise FtlibError("predictions", name, "at least one JSON object", "none found")
    for column in columns:
        if all(v is None for v in out[column]) and column not in seen_keys:
            raise _missing_column(name, column, sorted(seen_keys))
    return out, lines


def _label_text(name: str, line: int, column: str, value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, float) and not math.isfinite(value):
        raise FtlibError(
            "predictions",
            name,
            f"a string, number or true/false in {column!r}",
            f"line {line} holds a number too large to read exactly: quote it as a string",
        )
    if isinstance(value, (bool, int, float)):
        return json.dumps(value)
    raise FtlibError(
        "predictions",
        name,
        f"a string, number or true/false in {column!r}",
        f"line {line} holds a JSON {'list' if isinstance(value, list) else 'object'}",
    )
