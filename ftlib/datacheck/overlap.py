"""Does the test set leak into training? The test file is prepared once; training streams past it.

The test file is read first, as a stream, and turned into a
:class:`~ftlib.datacheck.contamination.DuplicateIndex` (normalised inputs, MinHash bands),
keeping no more than ``MAX_COMPARED_CHARS`` characters of any input for the
near-duplicate test (exact copies are judged on the whole text). The training
inputs then arrive in batches of ``BATCH`` and are matched against that index,
so memory holds the index and one batch, whatever the sizes of the two files.

On Linux with a second core, in a process running a single thread (the CLI, a script; not
a Jupyter kernel), the matching runs in a worker process forked once the first batch is
full, while this process goes on reading and checking the training file. Batches go to it
one at a time through a pipe (so at most two are held), and it applies the same tally in
the same order, so the result is identical to matching in this process.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
import sys
import threading
import weakref
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from ..core.errors import FtlibError
from .contamination import DuplicateIndex, normalize_for_matching
from .scan import MAX_QUOTED_LINES, Fingerprints, Scan, Source, iter_jsonl_lines, open_jsonl

__all__ = ["OverlapWithTest", "TestSet", "read_test_set", "OverlapMatcher"]

MAX_TEST_EXAMPLES = 20_000  # a test set is 50-100 items in the article; more is not a test set
MAX_COMPARED_CHARS = 8_000  # characters of each input compared for near-duplicates
BATCH = 4_096  # training inputs matched at a time
# A worker process when this one may use two cores and can fork (no re-import, no pickled index).
USE_WORKER = (
    sys.platform == "linux"
    and "fork" in multiprocessing.get_all_start_methods()
    and len(os.sched_getaffinity(0)) >= 2
)


@dataclass(frozen=True)
class OverlapWithTest:
    """Test examples whose input matches a training input, exactly or nearly.

    ``pairs`` lists up to 20 matches as ``(train_line, test_line, similarity, kind)``.
    Inputs compared: the user turns of a chat example, or the prompt.
    """

    test_source: str
    test_examples: int
    test_invalid_lines: int
    contaminated_test_examples: int
    exact_pairs: int
    near_pairs: int
    threshold: float
    pairs: tuple[tuple[int, int, float, str], ...] = ()

    @property
    def contaminated_share(self) -> float:
        """Share of the test examples with a match in training (0 to 1)."""
        return self.contaminated_test_examples / self.test_examples if self.test_examples else 0.0


@dataclass(frozen=True)
class TestSet:
    """A test file, read once: its name, unreadable lines, and the index of its inputs (or None)."""

    __test__ = False  # not a pytest class

    source: str
    examples: int
    invalid_lines: int
    lines: tuple[int, ...]
    index: DuplicateIndex | None


def read_test_set(test: Source, fmt: str, max_line_bytes: int, threshold: float) -> TestSet:
    """Read the test file as a stream and index its inputs for matching.

    Raises ``FtlibError`` when it holds more than ``MAX_TEST_EXAMPLES`` examples.
    """
    lines: list[int] = []
    texts: list[str] = []
    with open_jsonl(test, "test") as (stream, name, _size):
        scan = Scan(fmt, 0, None, Fingerprints(1), len)
        for number, raw in iter_jsonl_lines(stream, max_line_bytes):
            text = scan.line(number, raw, max_line_bytes)
            if not text:
                continue
            if len(lines) >= MAX_TEST_EXAMPLES:
                raise FtlibError(
                    "test",
                    name,
                    f"a test set of at most {MAX_TEST_EXAMPLES:,} examples",
                    "the article's test sets hold 50 to 100; is this a training file?",
                )
            lines.append(number)
            # Keep a bounded prefix for near-duplicates plus enough to tell exact copies apart.
            texts.append(text if len(text) <= 4 * MAX_COMPARED_CHARS else _bounded(text))
    index = (
        DuplicateIndex(texts, threshold=threshold, max_chars=MAX_COMPARED_CHARS) if texts else None
    )
    return TestSet(name, len(lines), scan.invalid, tuple(lines), index)


def _bounded(text: str) -> str:
    """A long input as its normalised prefix and a digest of its whole normalised text.

    Two inputs equal after normalisation stay equal (exact copies are still found), and
    the near-duplicate test sees the prefix, while memory holds a fixed amount per input.
    """
    norm = normalize_for_matching(text)
    digest = hashlib.blake2b(norm.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    return norm[: 4 * MAX_COMPARED_CHARS] + " " + digest


@dataclass
class _Tally:
    """What the matching keeps: test items hit, pair counts, the first pairs (line numbers)."""

    hit_tests: set[int] = field(default_factory=set)
    exact: int = 0
    near: int = 0
    pairs: list[tuple[int, int, float, str]] = field(default_factory=list)

    def add(self, test_set: TestSet, batch_lines: list[int], batch_texts: list[str]) -> None:
        """Match one batch of training inputs and count what it hits, in order."""
        if test_set.index is None:
            return
        for train_i, test_i, similarity, kind in test_set.index.match(batch_texts):
            self.hit_tests.add(test_i)
            self.exact += kind == "exact"
            self.near += kind == "near"
            if len(self.pairs) < MAX_QUOTED_LINES:
                self.pairs.append(
                    (
                        batch_lines[train_i],
                        test_set.lines[test_i],
                        round(float(similarity), 3),
                        kind,
                    )
                )


def _worker(test_set: TestSet, inbox: Connection, outbox: Connection) -> None:
    """The worker process: tally every batch received until ``None``, then send the tally."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    tally = _Tally()
    try:
        while (batch := inbox.recv()) is not None:
            tally.add(test_set, *batch)
        outbox.send(tally)
    except BaseException as error:  # reported to the parent, which raises it
        outbox.send(f"{type(error).__name__}: {error}")


def _may_fork() -> bool:
    """Fork only a process running one thread (the CLI, a script): a forked child gets a copy
    of locks that other threads (a Jupyter kernel's, a web server's) may hold at that moment."""
    return threading.active_count() == 1


def _stop(process: BaseProcess) -> None:
    """End a worker that is still running (the check stopped early)."""
    if process.is_alive():
        process.terminate()
    process.join()


class OverlapMatcher:
    """Matches training inputs with a :class:`TestSet` a batch at a time; keeps counts, 20 pairs.

    With ``USE_WORKER``, batches after the first full one are matched in a worker process.
    """

    def __init__(self, test_set: TestSet, threshold: float):
        self.test_set = test_set
        self.threshold = threshold
        self.batch_lines: list[int] = []
        self.batch_texts: list[str] = []
        self.tally = _Tally()
        self._inbox: Connection | None = None
        self._outbox: Connection | None = None
        self._process: BaseProcess | None = None

    def add(self, line: int, text: str) -> None:
        """Queue one training input (its line and its text)."""
        if len(text) > 4 * MAX_COMPARED_CHARS:
            text = _bounded(text)
        self.batch_lines.append(line)
        self.batch_texts.append(text)
        if len(self.batch_texts) >= BATCH:
            self._flush()

    def _flush(self) -> None:
        lines, texts = self.batch_lines, self.batch_texts
        self.batch_lines, self.batch_texts = [], []
        if not texts or self.test_set.index is None:
            return
        if self._inbox is None and USE_WORKER and len(texts) >= BATCH and _may_fork():
            self._start_worker()
        if self._inbox is not None:
            try:
                self._inbox.send((lines, texts))  # waits while the worker is on the last one
            except OSError:  # the worker is gone (killed, out of memory): say so
                self._collect()
        else:
            self.tally.add(self.test_set, lines, texts)

    def _start_worker(self) -> None:
        context = multiprocessing.get_context("fork")
        their_inbox, self._inbox = context.Pipe(duplex=False)
        self._outbox, their_outbox = context.Pipe(duplex=False)
        process = context.Process(
            target=_worker, args=(self.test_set, their_inbox, their_outbox), daemon=True
        )
        process.start()
        their_inbox.close()
        their_outbox.close()
        self._process = process
        weakref.finalize(self, _stop, process)

    def _collect(self) -> None:
        """Wait for the worker's tally (it has had every batch) and take it over."""
        if self._inbox is None or self._outbox is None or self._process is None:
            return
        try:
            self._inbox.send(None)
        except OSError:
            pass  # it has stopped already; its last word (if any) is waiting below
        try:
            answer = self._outbox.recv()
        except (EOFError, OSError):
            answer = f"it stopped with exit code {self._process.exitcode}"
        self._process.join()
        self._inbox.close()
        self._outbox.close()
        self._inbox = self._outbox = None
        if not isinstance(answer, _Tally):
            raise RuntimeError(f"the test-overlap worker failed: {answer}")
        self.tally = answer

    def result(self) -> OverlapWithTest:
        """The counts and the first pairs, once every training input has been added."""
        self._flush()
        self._collect()
        t, tally = self.test_set, self.tally
        return OverlapWithTest(
            t.source,
            t.examples,
            t.invalid_lines,
            len(tally.hit_tests),
            tally.exact,
            tally.near,
            self.threshold,
            tuple(sorted(tally.pairs, key=lambda p: (p[1], p[0]))),
        )
