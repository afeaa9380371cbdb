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
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import FtlibError, did_you_mean

__all__ = ["Predictions", "read_predictions"]

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
    text = _read_text(name)
    if Path(name).suffix.lower() in _JSONL_SUFFIXES:
        rows, lines = _parse_jsonl(name, text, columns)
    else:
        rows, lines = _parse_csv(name, text, columns)
    return Predictions(name, rows, tuple(lines))


def _read_text(name: str) -> str:
    try:
        info = os.stat(name)
    except FileNotFoundError:
        raise FtlibError("predictions", name, "an existing CSV or JSONL file") from None
    except OSError as exc:  # name too long, a directory we may not enter, a loop of links
        raise FtlibError(
            "predictions", name, "a CSV or JSONL file this user can open", _os_reason(exc)
        ) from None
    if stat.S_ISDIR(info.st_mode):
        raise FtlibError("predictions", name, "a CSV or JSONL file, not a directory")
    if not stat.S_ISREG(info.st_mode):  # /dev/null, a FIFO, a socket: never block on one
        raise FtlibError(
            "predictions", name, "a regular CSV or JSONL file", "this is a device, pipe or socket"
        )
    try:
        data = Path(name).read_bytes()
    except OSError as exc:
        raise FtlibError(
            "predictions", name, "a CSV or JSONL file this user can read", _os_reason(exc)
        ) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FtlibError(
            "predictions", name, "UTF-8 text", "the file is UTF-16: save it again as UTF-8"
        )
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise FtlibError(
            "predictions", name, "UTF-8 text", f"line {line} holds a NUL byte: is it binary?"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FtlibError(
            "predictions",
            name,
            "UTF-8 text",
            f"line {line} is not UTF-8 (Latin-1 or Windows-1252?): save the file again as UTF-8",
        ) from None
    if not text.strip():
        raise FtlibError("predictions", name, "a header and at least one row", "the file is empty")
    return text


def _os_reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


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
    # Split on newlines only: U+2028 and friends are legal inside a JSON string.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except RecursionError:
            raise FtlibError(
                "predictions",
                name,
                "one JSON object per line",
                f"line {number} is nested too deeply",
            ) from None
        except ValueError as exc:
            reason = getattr(exc, "msg", None) or "not JSON"
            raise FtlibError(
                "predictions", name, "one JSON object per line", f"line {number}: {reason}"
            ) from None
        if not isinstance(record, dict):
            raise FtlibError(
                "predictions",
                name,
                "one JSON object per line",
                f"line {number} holds a {type(record).__name__}",
            )
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
    if isinstance(value, (bool, int, float)):
        return json.dumps(value)
    raise FtlibError(
        "predictions",
        name,
        f"a string, number or true/false in {column!r}",
        f"line {line} holds a JSON {'list' if isinstance(value, list) else 'object'}",
    )
