"""Is a fine-tuning file usable? One streaming pass over its bytes, in fixed memory.

The file is read in binary, one line at a time (a line longer than
``max_line_bytes`` is skipped in chunks, never held whole), and each line is
decoded and parsed here, so a bad byte is reported with its line number
instead of stopping the read. Only bounded summaries are kept: per-kind error
counts and the first ``max_errors`` errors, binned length distributions, and
64-bit fingerprints of examples in a fixed-size table for duplicates. The input
is opened read-only and never copied.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from .errors import FtlibError, check_choice, check_int
from .jsonl_records import CHAT_ROLES, DATA_FORMATS, ERROR_KINDS, RecordCheck, check_record
from .lengths import LengthDistribution, LengthTally
from .rules import MIN_TRAIN_EXAMPLES
from .tokens import TOKENS_PER_EXAMPLE, TOKENS_PER_MESSAGE, token_counter

__all__ = ["LineError", "DatasetWarning", "RoleStats", "DataReport", "check_training_data", "iter_jsonl_lines"]

MAX_LINE_BYTES = 8 * 2**20  # a longer line is certainly not one training example
MAX_TRACKED_EXAMPLES = 500_000  # fingerprints kept for duplicates: 12 bytes a slot, about 12 MiB at most
_MAX_LINES_QUOTED = 20  # line numbers kept per warning
_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

Source = str | os.PathLike | bytes | bytearray | memoryview


@dataclass(frozen=True)
class LineError:
    """One problem: the 1-based line (0 for the whole file), its kind (see ``ERROR_KINDS``) and a sentence."""

    line: int
    kind: str
    message: str


@dataclass(frozen=True)
class DatasetWarning:
    """Something that does not break the file but deserves a look, with up to 20 example line numbers."""

    kind: str
    message: str
    count: int = 0
    lines: tuple[int, ...] = ()


@dataclass(frozen=True)
class RoleStats:
    """Messages of one role (or prompt/completion): how many, and their lengths in tokens and characters."""

    role: str
    messages: int
    tokens: LengthDistribution
    chars: LengthDistribution


@dataclass(frozen=True)
class DataReport:
    """Everything one check found. ``usable`` is the verdict the exit status follows."""

    source: str
    format: str
    bytes_read: int
    lines: int
    examples: int
    invalid_lines: int
    blank_lines: int
    had_bom: bool
    errors_total: int
    error_counts: tuple[tuple[str, int], ...]
    errors: tuple[LineError, ...]
    roles: tuple[RoleStats, ...]
    example_tokens: LengthDistribution
    token_method: str
    tokens_exact: bool
    duplicates: int
    warnings: tuple[DatasetWarning, ...]
    model: str | None = None
    max_example_tokens: int | None = None
    over_limit_examples: int = 0
    epochs: int | None = None
    cost: dict[str, Any] | None = field(default=None, compare=False)
    overlap: dict[str, Any] | None = field(default=None, compare=False)

    @property
    def usable(self) -> bool:
        """True when the file has at least one example and no error."""
        return self.errors_total == 0 and self.examples > 0

    @property
    def total_tokens(self) -> int:
        """Tokens in the valid examples (one epoch)."""
        return self.example_tokens.total

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON: every field, plus ``usable`` and ``total_tokens``."""
        data = asdict(self)
        data["error_counts"] = dict(self.error_counts)
        data["usable"] = self.usable
        data["total_tokens"] = self.total_tokens
        for dist in [data["example_tokens"]] + [r[k] for r in data["roles"] for k in ("tokens", "chars")]:
            del dist["bin_edges"], dist["bin_counts"]
        data["example_tokens"]["bin_edges"] = list(self.example_tokens.bin_edges)
        data["example_tokens"]["bin_counts"] = list(self.example_tokens.bin_counts)
        return data

    def __repr__(self) -> str:
        return (f"DataReport(source={self.source!r}, examples={self.examples}, errors={self.errors_total}, "
                f"tokens={self.total_tokens}, usable={self.usable})")


def iter_jsonl_lines(stream: BinaryIO, max_line_bytes: int = MAX_LINE_BYTES) -> Iterator[tuple[int, bytes | None]]:
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


class _Fingerprints:
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
class _Scan:
    """Mutable state of one pass (private: the public result is the frozen DataReport)."""

    fmt: str
    max_errors: int
    max_example_tokens: int | None
    fingerprints: _Fingerprints
    count: Any = None
    file_format: str | None = None
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
        self.errors_total += 1
        self.error_counts[kind] = self.error_counts.get(kind, 0) + 1
        if len(self.errors) < self.max_errors:
            self.errors.append(LineError(line, kind, message))

    def line(self, number: int, raw: bytes | None, max_line_bytes: int) -> str | None:
        """Check one raw line; return the example's comparison text when it is valid."""
        self.lines = number
        if raw is None:
            self.invalid += 1
            self.error(number, "line-too-long", f"longer than {max_line_bytes:,} bytes; skipped without reading it whole")
            return None
        if number == 1 and raw.startswith(_BOM):
            raw = raw[len(_BOM):]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            self.invalid += 1
            hint = " (the file looks like UTF-16: save it as UTF-8)" if number == 1 and raw[:2] in _UTF16_BOMS else ""
            self.error(number, "not-utf8", f"byte {exc.start + 1} (0x{raw[exc.start]:02x}) is not valid UTF-8{hint}")
            return None
        if not text.strip():
            self.blank += 1
            if len(self.blank_lines) < _MAX_LINES_QUOTED:
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
            detail = f"{exc.msg} at column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else str(exc)
            self.error(number, "malformed-json", detail)
            return None
        checked = check_record(record, self.fmt)
        if checked.ok and self.fmt == "auto" and self.file_format and checked.format != self.file_format:
            checked = RecordCheck(checked.format, (("mixed-format", f"{checked.format} layout, but the file started as {self.file_format}"),))
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
            if len(self.over_limit) < _MAX_LINES_QUOTED:
                self.over_limit.append(number)
        payload = "\x1e".join(f"{role}\x1f{' '.join(text.split())}" for role, text in texts) + "\x1d" + extra_text
        first = self.fingerprints.seen(payload.encode("utf-8", "surrogatepass"), number)
        if first:
            self.duplicate_count += 1
            if len(self.duplicates) < _MAX_LINES_QUOTED:
                self.duplicates.append(number)


def check_training_data(
    source: Source,
    *,
    format: str = "auto",
    max_example_tokens: int | None = None,
    max_errors: int = 50,
    max_line_bytes: int = MAX_LINE_BYTES,
    max_tracked_examples: int = MAX_TRACKED_EXAMPLES,
    exact_tokens: bool = True,
) -> DataReport:
    """Check a JSONL fine-tuning file in one streaming pass and report what is wrong with it.

    Parameters
    ----------
    source
        A path to the file, or its bytes (e.g. from an upload widget). A path is
        opened read-only and read line by line; the file is never changed or copied.
    format
        ``"openai-chat"``, ``"prompt-completion"`` or ``"auto"`` (the first valid line decides).
    max_example_tokens
        A model's limit on tokens per training example; longer examples are counted and warned about.
    max_errors
        How many errors to list; all are still counted in ``errors_total`` and ``error_counts``.
    max_line_bytes
        Longer lines are reported as ``line-too-long`` and skipped without being held whole.
    max_tracked_examples
        Examples remembered (as 64-bit fingerprints) to find duplicates; later ones are still
        compared against them, and a warning says when the table filled up.
    exact_tokens
        Use a cached tokenizer when one is available; ``False`` always uses the estimate.

    Returns
    -------
    DataReport
        Errors with line numbers, counts, token figures, duplicates and warnings.

    Examples
    --------
    >>> good = b'{"messages": [{"role": "user", "content": "2+2?"}, {"role": "assistant", "content": "4"}]}\\n'
    >>> report = check_training_data(good + good + b'{"messages": 5}\\n', exact_tokens=False)
    >>> report.examples, report.duplicates, report.errors[0].kind, report.usable
    (2, 1, 'wrong-type', False)
    """
    fmt = check_choice("format", format, DATA_FORMATS)
    max_errors = check_int("max_errors", max_errors, minimum=0)
    max_line_bytes = check_int("max_line_bytes", max_line_bytes, minimum=16)
    max_tracked_examples = check_int("max_tracked_examples", max_tracked_examples, minimum=1)
    if max_example_tokens is not None:
        max_example_tokens = check_int("max_example_tokens", max_example_tokens, minimum=1)
    counter = token_counter(allow_exact=exact_tokens)
    with _open(source) as (stream, name, size):
        # A file can hold at most one example per 16 bytes: small files get a small table.
        fingerprints = _Fingerprints(min(max_tracked_examples, max(1, size // 16)))
        scan = _Scan(fmt, max_errors, max_example_tokens, fingerprints, counter.count)
        for number, raw in iter_jsonl_lines(stream, max_line_bytes):
            scan.line(number, raw, max_line_bytes)
        bytes_read = stream.tell()
        had_bom = _starts_with_bom(stream)
    if scan.examples == 0 and scan.errors_total == 0:
        scan.error(0, "empty-file", "no examples found" + (" (only blank lines)" if scan.lines else " (the file is empty)"))
    return DataReport(
        source=name,
        format=scan.file_format or (fmt if fmt != "auto" else "unknown"),
        bytes_read=bytes_read,
        lines=scan.lines,
        examples=scan.examples,
        invalid_lines=scan.invalid,
        blank_lines=scan.blank,
        had_bom=had_bom,
        errors_total=scan.errors_total,
        error_counts=tuple(sorted(scan.error_counts.items(), key=lambda kv: list(ERROR_KINDS).index(kv[0]))),
        errors=tuple(scan.errors),
        roles=_role_stats(scan),
        example_tokens=scan.example_tokens.result(),
        token_method=counter.method,
        tokens_exact=counter.exact,
        duplicates=scan.duplicate_count,
        warnings=_warnings(scan, had_bom, max_example_tokens),
        max_example_tokens=max_example_tokens,
        over_limit_examples=scan.over_limit_count,
    )


class _open:
    """Context manager: ``(binary stream, display name, size in bytes)`` for a path or bytes."""

    def __init__(self, source: Source):
        self.source = source

    def __enter__(self) -> tuple[BinaryIO, str, int]:
        source = self.source
        if isinstance(source, (bytes, bytearray, memoryview)):
            self.stream = io.BytesIO(source)
            return self.stream, "<bytes>", len(source) if not isinstance(source, memoryview) else source.nbytes
        if not isinstance(source, (str, os.PathLike)) or not str(source):
            raise FtlibError("train", source, "a path to a JSONL file, or its bytes")
        path = Path(source)
        if not path.is_file():
            what = "a directory" if path.is_dir() else "no such file"
            raise FtlibError("train", str(source), "a path to an existing JSONL file", what)
        try:
            self.stream = open(path, "rb")  # noqa: SIM115 - closed in __exit__
        except OSError as exc:
            raise FtlibError("train", str(source), "a file this user can read", exc.strerror) from None
        return self.stream, str(source), path.stat().st_size

    def __exit__(self, *exc: object) -> None:
        self.stream.close()


def _starts_with_bom(stream: BinaryIO) -> bool:
    """Whether the stream's first bytes are a UTF-8 byte-order mark (rewinds; reads 3 bytes)."""
    stream.seek(0)
    return stream.read(3) == _BOM


def _role_stats(scan: _Scan) -> tuple[RoleStats, ...]:
    """Per-role statistics in a fixed order: chat roles first, then prompt and completion."""
    order = list(CHAT_ROLES) + ["prompt", "completion"]
    return tuple(
        RoleStats(role, scan.role_tokens[role].count, scan.role_tokens[role].result(), scan.role_chars[role].result())
        for role in order if role in scan.role_tokens
    )


def _warnings(scan: _Scan, had_bom: bool, max_example_tokens: int | None) -> tuple[DatasetWarning, ...]:
    """Everything worth a look that is not an error, in order of importance."""
    out: list[DatasetWarning] = []
    if 0 < scan.examples < MIN_TRAIN_EXAMPLES:
        out.append(DatasetWarning("few-examples", f"{scan.examples:,} valid examples: below the {MIN_TRAIN_EXAMPLES:,} the article"
                                  " recommends for SFT; few-shot prompting usually wins with fewer", scan.examples))
    if scan.over_limit_count:
        out.append(DatasetWarning("over-limit", f"{scan.over_limit_count:,} examples exceed {max_example_tokens:,} tokens, the"
                                  " model's limit per training example: they would be cut or rejected",
                                  scan.over_limit_count, tuple(scan.over_limit)))
    if scan.duplicate_count:
        out.append(DatasetWarning("duplicates", f"{scan.duplicate_count:,} examples repeat an earlier one (same roles and text,"
                                  " spacing ignored): they weigh those examples double", scan.duplicate_count, tuple(scan.duplicates)))
    if scan.fingerprints.full:
        out.append(DatasetWarning("duplicates-partial", f"only the first {scan.fingerprints.capacity:,} distinct examples were"
                                  " remembered for the duplicate check; later ones were compared against those only"))
    if scan.blank:
        out.append(DatasetWarning("blank-lines", f"{scan.blank:,} blank lines were skipped; some upload checks reject them",
                                  scan.blank, tuple(scan.blank_lines)))
    if had_bom:
        out.append(DatasetWarning("byte-order-mark", "the file starts with a UTF-8 byte-order mark; it was ignored here,"
                                  " but some uploaders reject it", 1, (1,)))
    return tuple(out)
