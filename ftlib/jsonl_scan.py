"""Reading a JSONL training file as a stream of checked lines, in fixed memory.

The file is read in binary, one line at a time; a line longer than
``max_line_bytes`` is skipped in chunks, never held whole. Each line is decoded
and parsed here, so a bad byte is reported with its line number instead of
stopping the read. The scan keeps only bounded state: per-kind error counts and
the first ``max_errors`` errors, binned length tallies, and 64-bit fingerprints
of examples in a fixed-size table (for duplicates). The input is opened
read-only and never copied.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import numpy as np

from .errors import FtlibError
from .jsonl_records import RecordCheck, check_record
from .lengths import LengthTally
from .tokens import TOKENS_PER_EXAMPLE, TOKENS_PER_MESSAGE

__all__ = ["LineError", "MAX_LINE_BYTES", "iter_jsonl_lines", "open_jsonl"]

MAX_LINE_BYTES = 8 * 2**20  # a longer line is certainly not one training example
MAX_QUOTED_LINES = 20  # line numbers kept per warning
_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

Source = str | os.PathLike | bytes | bytearray | memoryview


@dataclass(frozen=True)
class LineError:
    """One problem: the 1-based line (0 for the whole file), its kind (see ``ERROR_KINDS``) and a sentence."""

    line: int
    kind: str
    message: str


def iter_jsonl_lines(
    stream: BinaryIO, max_line_bytes: int = MAX_LINE_BYTES
) -> Iterator[tuple[int, bytes | None]]:
    """Yield ``(line_number, raw_bytes)`` from a binary stream; ``None`` for a line over ``max_line_bytes``.

    The end-of-line bytes are removed. A too-long line is consumed in chunks, so
    memory stays under ``max_line_bytes`` whatever the file holds.

    Examples
    --------
    >>> list(iter_jsonl_lines(io.BytesIO(b'{"a": 1}\\r\\n\\n' + b"x" * 50), max_line_bytes=10))
    [(1, b'{"a": 1}'), (2, b''), (3, None)]
    """
    number = 0
    while True:
        raw = stream.readline(max_line_bytes + 1)
        if not raw:
            return
        number += 1
        if len(raw) > max_line_bytes and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):
                raw = stream.readline(2**20)
            yield number, None
            continue
        yield number, raw.rstrip(b"\r\n")


class Fingerprints:
    """Fixed-size open-addressing table of 64-bit fingerprints and the line each was first seen on."""

    def __init__(self, capacity: int):
        self.slots = 1 << max(10, (2 * capacity - 1).bit_length())
        self.capacity = capacity
        self.keys = np.zeros(self.slots, dtype=np.uint64)
        self.first_line = np.zeros(self.slots, dtype=np.uint32)
        self.size = 0
        self.full = False

    def seen(self, payload: bytes, line: int) -> int:
        """The line an equal payload was first seen on, or 0 (and remember it while there is room)."""
        fp = int.from_bytes(hashlib.blake2b(payload, digest_size=8).digest(), "little") | 1
        mask = self.slots - 1
        i = fp & mask
        while True:
            key = int(self.keys[i])
            if key == 0:
                if self.size < self.capacity:
                    self.keys[i], self.first_line[i] = fp, min(line, 2**32 - 1)
                    self.size += 1
                else:
                    self.full = True
                return 0
            if key == fp:
                return int(self.first_line[i])
            i = (i + 1) & mask


@dataclass
class Scan:
    """Mutable state of one pass over a file; ``line()`` checks one raw line and updates it."""

    fmt: str
    max_errors: int
    max_example_tokens: int | None
    fingerprints: Fingerprints
    count: Callable[[str], int] = len
    file_format: str | None = None  # layout of the first valid example
    seen_format: str | None = None  # layout of the first recognisable record, valid or not
    lines: int = 0
    examples: int = 0
    invalid: int = 0
    blank: int = 0
    errors_total: int = 0
    error_counts: dict[str, int] = field(default_factory=dict)
    errors: list[LineError] = field(default_factory=list)
    role_tokens: dict[str, LengthTally] = field(default_factory=dict)
    role_chars: dict[str, LengthTally] = field(default_factory=dict)
    example_tokens: LengthTally = field(default_factory=LengthTally)
    duplicates: list[int] = field(default_factory=list)
    duplicate_count: int = 0
    over_limit: list[int] = field(default_factory=list)
    over_limit_count: int = 0
    blank_lines: list[int] = field(default_factory=list)

    def error(self, line: int, kind: str, message: str) -> None:
        """Count an error; keep it in the list while the list is shorter than ``max_errors``."""
        self.errors_total += 1
        self.error_counts[kind] = self.error_counts.get(kind, 0) + 1
        if len(self.errors) < self.max_errors:
            self.errors.append(LineError(line, kind, message))

    def line(self, number: int, raw: bytes | None, max_line_bytes: int) -> str | None:
        """Check one raw line; return the example's comparison text when it is valid."""
        self.lines = number
        if raw is None:
            self.invalid += 1
            self.error(
                number,
                "line-too-long",
                f"longer than {max_line_bytes:,} bytes; skipped without reading it whole",
            )
            return None
        if number == 1 and raw.startswith(_BOM):
            raw = raw[len(_BOM) :]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            self.invalid += 1
            hint = (
                " (the file looks like UTF-16: save it as UTF-8)"
                if number == 1 and raw[:2] in _UTF16_BOMS
                else ""
            )
            self.error(
                number,
                "not-utf8",
                f"byte {exc.start + 1} (0x{raw[exc.start]:02x}) is not valid UTF-8{hint}",
            )
            return None
        if not text.strip():
            self.blank += 1
            if len(self.blank_lines) < MAX_QUOTED_LINES:
                self.blank_lines.append(number)
            return None
        try:
            record = json.loads(text)
        except RecursionError:
            self.invalid += 1
            self.error(number, "malformed-json", "JSON nested too deeply to read")
            return None
        except ValueError as exc:  # JSONDecodeError, or an integer too long to convert
            self.invalid += 1
            detail = (
                f"{exc.msg} at column {exc.colno}"
                if isinstance(exc, json.JSONDecodeError)
                else str(exc)
            )
            self.error(number, "malformed-json", detail)
            return None
        checked = check_record(record, self.fmt)
        self.seen_format = self.seen_format or checked.format
        if checked.ok and self.file_format and checked.format != self.file_format:
            checked = RecordCheck(
                checked.format,
                (
                    (
                        "mixed-format",
                        f"{checked.format} layout, but the file started as {self.file_format}",
                    ),
                ),
            )
        if not checked.ok:
            self.invalid += 1
            for kind, message in checked.problems:
                self.error(number, kind, message)
            return None
        self.file_format = self.file_format or checked.format
        self._measure(number, checked.texts, checked.extra_text)
        return checked.input_text

    def _measure(self, number: int, texts: tuple[tuple[str, str], ...], extra_text: str) -> None:
        """Count tokens, track lengths and look for an earlier identical example."""
        self.examples += 1
        chat = self.file_format == "openai-chat"
        tokens = (TOKENS_PER_EXAMPLE if chat else 0) + (self.count(extra_text) if extra_text else 0)
        for role, text in texts:
            n = self.count(text)
            tokens += n + (TOKENS_PER_MESSAGE if chat else 0)
            if role not in self.role_tokens:
                self.role_tokens[role], self.role_chars[role] = LengthTally(), LengthTally()
            self.role_tokens[role].add(n)
            self.role_chars[role].add(len(text))
        self.example_tokens.add(tokens)
        if self.max_example_tokens is not None and tokens > self.max_example_tokens:
            self.over_limit_count += 1
            if len(self.over_limit) < MAX_QUOTED_LINES:
                self.over_limit.append(number)
        payload = (
            "\x1e".join(f"{role}\x1f{' '.join(text.split())}" for role, text in texts)
            + "\x1d"
            + extra_text
        )
        first = self.fingerprints.seen(payload.encode("utf-8", "surrogatepass"), number)
        if first:
            self.duplicate_count += 1
            if len(self.duplicates) < MAX_QUOTED_LINES:
                self.duplicates.append(number)


@contextmanager
def open_jsonl(source: Source, field_name: str = "train") -> Iterator[tuple[BinaryIO, str, int]]:
    """Open a path read-only (or wrap bytes) as ``(binary stream, display name, size in bytes)``.

    A missing file, a directory or an unreadable file raises ``FtlibError`` naming ``field_name``.

    Examples
    --------
    >>> with open_jsonl(b"{}\\n") as (stream, name, size):
    ...     name, size, stream.readline()
    ('<bytes>', 3, b'{}\\n')
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        size = source.nbytes if isinstance(source, memoryview) else len(source)
        with io.BytesIO(source) as stream:
            yield stream, "<bytes>", size
        return
    if not isinstance(source, (str, os.PathLike)) or not str(source):
        raise FtlibError(field_name, source, "a path to a JSONL file, or its bytes")
    path = Path(source)
    if not path.is_file():
        raise FtlibError(
            field_name,
            str(source),
            "a path to an existing JSONL file",
            "a directory" if path.is_dir() else "no such file",
        )
    try:
        stream = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise FtlibError(
            field_name, str(source), "a file this user can read", exc.strerror
        ) from None
    with stream:
        yield stream, str(source), path.stat().st_size


def starts_with_bom(stream: BinaryIO) -> bool:
    """Whether the stream's first bytes are a UTF-8 byte-order mark (rewinds; reads 3 bytes)."""
    stream.seek(0)
    return stream.read(3) == _BOM
