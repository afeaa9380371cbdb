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
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import BinaryIO, cast

import numpy as np

from ..core.errors import FtlibError
from .lengths import LengthDistribution, LengthTally
from .records import ERROR_KINDS, LineProblem, RecordCheck, check_record, parse_line
from .text import shown, terminal_safe
from .tokens import TOKENS_PER_EXAMPLE, TOKENS_PER_MESSAGE, TokenCounter

__all__ = [
    "LineError",
    "MAX_LINE_BYTES",
    "MAX_FILE_BYTES",
    "Scan",
    "ScanSummary",
    "iter_jsonl_lines",
    "open_jsonl",
    "scan_stream",
]

MAX_LINE_BYTES = 8 * 2**20  # a longer line is certainly not one training example
# check-data reads at most this much of one file (20 GB, far above any provider's upload limit):
# a pseudo-file such as /proc/kcore claims terabytes, and a file still being written may grow.
MAX_FILE_BYTES = 20 * 10**9
MAX_QUOTED_LINES = 20  # line numbers kept per warning
_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

Source = str | os.PathLike | bytes | bytearray | memoryview


@dataclass(frozen=True)
class LineError:
    """One problem: its 1-based line (0 for the whole file), kind (``ERROR_KINDS``), a sentence."""

    line: int
    kind: str
    message: str


def iter_jsonl_lines(
    stream: BinaryIO, max_line_bytes: int = MAX_LINE_BYTES
) -> Iterator[tuple[int, bytes | None]]:
    """``(line_number, raw_bytes)`` from a stream; ``None`` for a line over ``max_line_bytes``.

    The end-of-line bytes are removed. A too-long line is consumed in chunks, so
    memory stays under ``max_line_bytes`` whatever the file holds.

    Examples
    --------
    >>> list(iter_jsonl_lines(io.BytesIO(b'{"a": 1}\\r\\n\\n' + b"x" * 50), max_line_bytes=10))
    [(1, b'{"a": 1}'), (2, b''), (3, None)]
    """
    number = 0
    while True:
        # Two bytes of room for "\r\n": a line of exactly max_line_bytes passes with either ending.
        raw = stream.readline(max_line_bytes + 2)
        if not raw:
            return
        number += 1
        if raw.endswith(b"\n"):
            body = raw[:-2] if raw.endswith(b"\r\n") else raw[:-1]
            yield number, (body if len(body) <= max_line_bytes else None)
            continue
        if len(raw) > max_line_bytes:  # no end of line within reach: skip the rest in chunks
            while raw and not raw.endswith(b"\n"):
                raw = stream.readline(2**20)
            yield number, None
            continue
        yield number, raw.rstrip(b"\r")


class Fingerprints:
    """Fixed-size open-addressing table of 64-bit fingerprints and the line each was first on."""

    def __init__(self, capacity: int):
        self.slots = 1 << max(10, (2 * capacity - 1).bit_length())
        self.capacity = capacity
        self.keys = np.zeros(self.slots, dtype=np.uint64)
        self.first_line = np.zeros(self.slots, dtype=np.uint32)
        self.size = 0
        self.full = False

    def seen(self, payload: bytes, line: int) -> int:
        """The line an equal payload was first seen on, or 0 (remembered while there is room)."""
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


@dataclass(frozen=True)
class ScanSummary:
    """What one pass over a file found, frozen: the only thing the report reads from a scan."""

    file_format: str | None
    seen_format: str | None
    lines: int
    examples: int
    invalid: int
    blank: int
    blank_lines: tuple[int, ...]
    errors_total: int
    error_counts: tuple[tuple[str, int], ...]
    errors: tuple[LineError, ...]
    roles: tuple[tuple[str, int, LengthDistribution, LengthDistribution], ...]
    example_tokens: LengthDistribution
    duplicate_count: int
    duplicates: tuple[int, ...]
    over_limit_count: int
    over_limit: tuple[int, ...]
    near_limit_count: int
    near_limit: tuple[int, ...]
    max_example_tokens: int | None
    fingerprints_full: bool
    fingerprints_capacity: int


_ROLE_ORDER = (
    "system",
    "developer",
    "user",
    "assistant",
    "model",
    "tool",
    "preferred",
    "non-preferred",
    "prompt",
    "completion",
)


@dataclass
class Scan:
    """Mutable state of one pass: ``line()`` checks one raw line, ``summary()`` freezes the result.

    ``error_band`` is the token estimate's relative error (0 when counts are exact): an
    example under the limit by less than that is counted as near the limit.
    """

    fmt: str
    max_errors: int
    max_example_tokens: int | None
    fingerprints: Fingerprints
    count: Callable[[str], int] = len
    error_band: float = 0.0
    # Called once, with the first valid line's layout: the counter and limit to use from then on.
    on_format: Callable[[str], tuple[TokenCounter, int | None]] | None = None
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
    near_limit: list[int] = field(default_factory=list)
    near_limit_count: int = 0
    blank_lines: list[int] = field(default_factory=list)

    def error(self, line: int, kind: str, message: str) -> None:
        """Count an error; keep it in the list while the list is shorter than ``max_errors``."""
        self.errors_total += 1
        self.error_counts[kind] = self.error_counts.get(kind, 0) + 1
        if len(self.errors) < self.max_errors:
            self.errors.append(LineError(line, kind, terminal_safe(message)))

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
        checked = self._parse(number, text)
        if checked is None:
            return None
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
        if self.file_format is None:
            self.file_format = checked.format
            if self.on_format is not None and checked.format is not None:
                counter, self.max_example_tokens = self.on_format(checked.format)
                self.count, self.error_band = counter.count, counter.error_band
        self._measure(number, checked)
        return checked.input_text

    def _parse(self, number: int, text: str) -> RecordCheck | None:
        """Parse and check one line's text; count the error and return None when it fails."""
        try:
            record = parse_line(text)
        except LineProblem as problem:
            self.invalid += 1
            self.error(number, problem.kind, problem.message)
            return None
        except RecursionError:
            self.invalid += 1
            self.error(number, "malformed-json", "JSON nested too deeply to read")
            return None
        except ValueError as exc:  # JSONDecodeError, or an integer too long to convert
            self.invalid += 1
            if isinstance(exc, json.JSONDecodeError):  # some messages end in "starting at"
                joiner = " column" if exc.msg.endswith(" at") else " at column"
                detail = f"{exc.msg}{joiner} {exc.colno}"
            else:
                detail = shown(str(exc), 80)
            self.error(number, "malformed-json", detail)
            return None
        return check_record(record, self.fmt)

    def _measure(self, number: int, checked: RecordCheck) -> None:
        """Count tokens, track lengths and look for an earlier identical example."""
        texts, extra_text = checked.texts, checked.extra_text
        self.examples += 1
        overhead = checked.overhead
        tokens = (TOKENS_PER_EXAMPLE if overhead else 0) + (
            self.count(extra_text) if extra_text else 0
        )
        for role, text in texts:
            n = self.count(text)
            tokens += n + (TOKENS_PER_MESSAGE if overhead else 0)
            if role not in self.role_tokens:
                self.role_tokens[role], self.role_chars[role] = LengthTally(), LengthTally()
            self.role_tokens[role].add(n)
            self.role_chars[role].add(len(text))
        self.example_tokens.add(tokens)
        limit = self.max_example_tokens
        if limit is not None and tokens > limit:
            self.over_limit_count += 1
            if len(self.over_limit) < MAX_QUOTED_LINES:
                self.over_limit.append(number)
        elif limit is not None and self.error_band and tokens * (1 + self.error_band) > limit:
            self.near_limit_count += 1
            if len(self.near_limit) < MAX_QUOTED_LINES:
                self.near_limit.append(number)
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

    def summary(self) -> ScanSummary:
        """The pass's findings, frozen (lengths as distributions, errors in a fixed order)."""
        order = list(ERROR_KINDS)
        roles = tuple(
            (
                role,
                self.role_tokens[role].count,
                self.role_tokens[role].result(),
                self.role_chars[role].result(),
            )
            for role in _ROLE_ORDER
            if role in self.role_tokens
        )
        return ScanSummary(
            file_format=self.file_format,
            seen_format=self.seen_format,
            lines=self.lines,
            examples=self.examples,
            invalid=self.invalid,
            blank=self.blank,
            blank_lines=tuple(self.blank_lines),
            errors_total=self.errors_total,
            error_counts=tuple(
                sorted(self.error_counts.items(), key=lambda kv: order.index(kv[0]))
            ),
            errors=tuple(self.errors),
            roles=roles,
            example_tokens=self.example_tokens.result(),
            duplicate_count=self.duplicate_count,
            duplicates=tuple(self.duplicates),
            over_limit_count=self.over_limit_count,
            over_limit=tuple(self.over_limit),
            near_limit_count=self.near_limit_count,
            near_limit=tuple(self.near_limit),
            max_example_tokens=self.max_example_tokens,
            fingerprints_full=self.fingerprints.full,
            fingerprints_capacity=self.fingerprints.capacity,
        )


def scan_stream(
    stream: BinaryIO,
    scan: Scan,
    max_line_bytes: int,
    on_example: Callable[[int, str], None] | None = None,
) -> tuple[ScanSummary, int, bool]:
    """Run ``scan`` over every line of ``stream``: its summary, bytes read, and whether a BOM led.

    ``on_example(line, input_text)`` is called for each valid example (e.g. to compare it
    with a test set). A file with no example and no error gets one ``empty-file`` error.
    """
    for number, raw in iter_jsonl_lines(stream, max_line_bytes):
        text = scan.line(number, raw, max_line_bytes)
        if on_example is not None and text:
            on_example(number, text)
    bytes_read = stream.tell()
    had_bom = starts_with_bom(stream)
    if scan.examples == 0 and scan.errors_total == 0:
        scan.error(
            0,
            "empty-file",
            "no examples found" + (" (only blank lines)" if scan.lines else " (the file is empty)"),
        )
    return scan.summary(), bytes_read, had_bom


_FILE_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO), not a regular file"),
    (stat.S_ISCHR, "a character device (such as /dev/null), not a regular file"),
    (stat.S_ISBLK, "a block device, not a regular file"),
    (stat.S_ISSOCK, "a socket, not a regular file"),
)


@contextmanager
def open_jsonl(source: Source, field_name: str = "train") -> Iterator[tuple[BinaryIO, str, int]]:
    """Open a path read-only (or wrap bytes) as ``(binary stream, display name, size in bytes)``.

    A missing file, a directory, a device or pipe, a name the system refuses (too long) or
    an unreadable file raises ``FtlibError`` naming ``field_name``; the name is shown safe
    to print.

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
        raise FtlibError(field_name, shown(source, 60), "a path to a JSONL file, or its bytes")
    name = terminal_safe(str(source))
    shown_name = name if len(name) <= 200 else name[:197] + "..."
    try:
        info = os.stat(source)
    except FileNotFoundError:
        raise FtlibError(
            field_name, shown_name, "a path to an existing JSONL file", "no such file"
        ) from None
    except (OSError, ValueError) as exc:  # name too long, a folder on the way not enterable, NUL
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise FtlibError(
            field_name, shown_name, "a path this user can reach", terminal_safe(reason)
        ) from None
    for test, what in _FILE_KINDS:
        if test(info.st_mode):
            raise FtlibError(field_name, shown_name, "a path to a regular JSONL file", what)
    if info.st_size > MAX_FILE_BYTES:
        raise FtlibError(
            field_name,
            shown_name,
            f"a JSONL file of at most {MAX_FILE_BYTES // 10**9} GB",
            f"it reports {info.st_size / 10**9:,.0f} GB: check a sample of it (head -n 100000)",
        )
    try:
        opened = open(source, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise FtlibError(
            field_name, shown_name, "a file this user can read", exc.strerror
        ) from None
    with opened:
        yield cast(BinaryIO, _GuardedStream(opened, field_name, shown_name)), name, info.st_size


class _GuardedStream:
    """A file read for check-data: a failed read or a file growing past the cap is one sentence."""

    def __init__(self, stream: BinaryIO, field_name: str, name: str):
        self._stream, self._field, self._name = stream, field_name, name
        self._read = 0

    def _failed(self, exc: OSError) -> FtlibError:
        return FtlibError(
            self._field,
            self._name,
            "a file this user can read to the end",
            f"reading stopped after {self._read:,} bytes: {exc.strerror or type(exc).__name__}",
        )

    def readline(self, size: int = -1) -> bytes:
        try:
            raw = self._stream.readline(size)
        except OSError as exc:
            raise self._failed(exc) from None
        self._read += len(raw)
        if self._read > MAX_FILE_BYTES:
            raise FtlibError(
                self._field,
                self._name,
                f"a JSONL file of at most {MAX_FILE_BYTES // 10**9} GB",
                "it kept growing while it was read: check a sample of it (head -n 100000)",
            )
        return raw

    def read(self, size: int = -1) -> bytes:
        try:
            return self._stream.read(size)
        except OSError as exc:
            raise self._failed(exc) from None

    def tell(self) -> int:
        return self._stream.tell()

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._stream.seek(offset, whence)


def starts_with_bom(stream: BinaryIO) -> bool:
    """Whether the stream's first bytes are a UTF-8 byte-order mark (rewinds; reads 3 bytes)."""
    stream.seek(0)
    return stream.read(3) == _BOM
