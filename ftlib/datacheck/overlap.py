"""Does the test set leak into training? The test file is prepared once; training streams past it.

The test file is read first, as a stream, and turned into a
:class:`~ftlib.contamination.DuplicateIndex` (normalised inputs, MinHash bands),
keeping no more than ``MAX_COMPARED_CHARS`` characters of any input for the
near-duplicate test (exact copies are judged on the whole text). The training
inputs then arrive in batches of ``BATCH`` and are matched against that index,
so memory holds the index and one batch, whatever the sizes of the two files.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ..contamination import DuplicateIndex, normalize_for_matching
from ..errors import FtlibError
from .scan import MAX_QUOTED_LINES, Fingerprints, Scan, Source, iter_jsonl_lines, open_jsonl

__all__ = ["OverlapWithTest", "TestSet", "read_test_set", "OverlapMatcher"]

MAX_TEST_EXAMPLES = 20_000  # a test set is 50-100 items in the article; more is not a test set
MAX_COMPARED_CHARS = 8_000  # characters of each input compared for near-duplicates
BATCH = 4_096  # training inputs matched at a time


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


class OverlapMatcher:
    """Matches training inputs with a :class:`TestSet` a batch at a time; keeps counts, 20 pairs."""

    def __init__(self, test_set: TestSet, threshold: float):
        self.test_set = test_set
        self.threshold = threshold
        self.batch_lines: list[int] = []
        self.batch_texts: list[str] = []
        self.hit_tests: set[int] = set()
        self.exact = self.near = 0
        self.pairs: list[tuple[int, int, float, str]] = []

    def add(self, line: int, text: str) -> None:
        """Queue one training input (its line and its text)."""
        if len(text) > 4 * MAX_COMPARED_CHARS:
            text = _bounded(text)
        self.batch_lines.append(line)
        self.batch_texts.append(text)
        if len(self.batch_texts) >= BATCH:
            self._flush()

    def _flush(self) -> None:
        index = self.test_set.index
        if not self.batch_texts or index is None:
            self.batch_lines, self.batch_texts = [], []
            return
        for train_i, test_i, similarity, kind in index.match(self.batch_texts):
            self.hit_tests.add(test_i)
            self.exact += kind == "exact"
            self.near += kind == "near"
            if len(self.pairs) < MAX_QUOTED_LINES:
                self.pairs.append(
                    (
                        self.batch_lines[train_i],
                        self.test_set.lines[test_i],
                        round(float(similarity), 3),
                        kind,
                    )
                )
        self.batch_lines, self.batch_texts = [], []

    def result(self) -> OverlapWithTest:
        """The counts and the first pairs, once every training input has been added."""
        self._flush()
        t = self.test_set
        return OverlapWithTest(
            t.source,
            t.examples,
            t.invalid_lines,
            len(self.hit_tests),
            self.exact,
            self.near,
            self.threshold,
            tuple(sorted(self.pairs, key=lambda p: (p[1], p[0]))),
        )
