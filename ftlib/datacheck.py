"""Is a fine-tuning file usable, what will training cost, and does the test set leak into it?

:func:`check_training_data` reads the training file once, as a stream, in
fixed memory (see :mod:`ftlib.jsonl_scan`), and returns a frozen
:class:`DataReport`: errors with line numbers, counts and token lengths per
role, duplicates, warnings, the training cost from the dated catalog (via
:mod:`ftlib.costs`) and the overlap with a test file (via
:mod:`ftlib.contamination`). ``python -m ftlib check-data`` prints it.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from .catalog import Catalog, ModelRow, load_catalog
from .contamination import find_duplicates
from .costs import training_cost_usd
from .errors import FtlibError, check_choice, check_int, check_number
from .jsonl_records import CHAT_ROLES, DATA_FORMATS, ERROR_KINDS
from .jsonl_scan import (
    MAX_LINE_BYTES,
    MAX_QUOTED_LINES,
    Fingerprints,
    LineError,
    Scan,
    Source,
    iter_jsonl_lines,
    open_jsonl,
    starts_with_bom,
)
from .lengths import LengthDistribution
from .rules import MIN_TRAIN_EXAMPLES
from .tokens import token_counter

__all__ = [
    "DEFAULT_EPOCHS",
    "DatasetWarning",
    "RoleStats",
    "TrainingFileCost",
    "OverlapWithTest",
    "DataReport",
    "check_training_data",
    "DATA_SAMPLES",
    "data_sample_path",
]

DEFAULT_EPOCHS = 3  # the course's assumption, not a provider default: OpenAI's "auto" picks epochs from the data size
MAX_TRACKED_EXAMPLES = (
    500_000  # fingerprints kept for duplicates: 12 bytes a slot, about 12 MiB at most
)
MAX_TEST_EXAMPLES = (
    20_000  # a test set is 50-100 items in the article; more than this is not a test set
)
OVERLAP_THRESHOLD = 0.8  # Jaccard of character 3-gram shingles: a changed word or two still matches
DATA_SAMPLES: dict[str, str] = {  # shipped in ftlib/data/samples (see its README.md)
    "clean": "train_clean.jsonl",
    "defects": "train_with_defects.jsonl",
    "test": "test_overlapping.jsonl",
}
_OVERLAP_BATCH = 4_096  # training inputs compared with the test set at a time (bounds memory)


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
class TrainingFileCost:
    """What training on the file costs: tokens x epochs x the catalog's training price, with its date."""

    model_id: str
    epochs: int
    tokens_per_epoch: int
    billed_tokens: int
    usd_per_1m_training_tokens: float
    usd: float
    as_of: _dt.date
    source: str
    vintage: str
    status: str
    tokens_exact: bool

    def __str__(self) -> str:
        kind = "exact" if self.tokens_exact else "estimated"
        return (
            f"{self.model_id}: {self.tokens_per_epoch:,} {kind} tokens x {self.epochs} epochs = {self.billed_tokens:,}"
            f" billed tokens x {self.usd_per_1m_training_tokens:g} USD per 1M = {self.usd:,.2f} USD"
            f" (prices as of {self.as_of}, {self.source})"
        )


@dataclass(frozen=True)
class OverlapWithTest:
    """Test examples whose input matches a training input, exactly or nearly (via ``find_duplicates``).

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
    cost: TrainingFileCost | None = None
    overlap: OverlapWithTest | None = None

    @property
    def usable(self) -> bool:
        """True when the file has at least one example and no error."""
        return self.errors_total == 0 and self.examples > 0

    @property
    def total_tokens(self) -> int:
        """Tokens in the valid examples (one epoch)."""
        return self.example_tokens.total

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``json.dumps``: every field, plus ``usable``, ``total_tokens`` and length percentiles."""
        data = asdict(self)
        data["error_counts"] = dict(self.error_counts)
        data["usable"] = self.usable
        data["total_tokens"] = self.total_tokens
        pairs = [(data["example_tokens"], self.example_tokens)]
        pairs += [
            (d[k], getattr(r, k))
            for d, r in zip(data["roles"], self.roles)
            for k in ("tokens", "chars")
        ]
        for plain, dist in pairs:
            plain.update(mean=round(dist.mean, 2), p50=dist.percentile(50), p95=dist.percentile(95))
            if plain is not data["example_tokens"]:
                del plain["bin_edges"], plain["bin_counts"]
        if self.overlap is not None:
            data["overlap"]["contaminated_share"] = self.overlap.contaminated_share
        if self.cost is not None:
            data["cost"]["as_of"] = self.cost.as_of.isoformat()
        return data

    def __repr__(self) -> str:
        return (
            f"DataReport(source={self.source!r}, examples={self.examples}, errors={self.errors_total}, "
            f"tokens={self.total_tokens}, usable={self.usable})"
        )


def check_training_data(
    source: Source,
    *,
    test: Source | None = None,
    format: str = "auto",
    model: str | None = None,
    epochs: int = DEFAULT_EPOCHS,
    catalog: Catalog | str | None = None,
    max_example_tokens: int | None = None,
    max_errors: int = 50,
    max_line_bytes: int = MAX_LINE_BYTES,
    max_tracked_examples: int = MAX_TRACKED_EXAMPLES,
    overlap_threshold: float = OVERLAP_THRESHOLD,
    exact_tokens: bool = True,
    name: str | None = None,
) -> DataReport:
    """Check a JSONL fine-tuning file in one streaming pass and report what is wrong with it.

    Parameters
    ----------
    source
        A path to the training file, or its bytes (e.g. from an upload widget). A path is
        opened read-only and read line by line; the file is never changed or copied.
    test
        Optional test file (path or bytes): its inputs are compared with the training inputs.
    format
        ``"openai-chat"``, ``"prompt-completion"`` or ``"auto"`` (the first valid line decides).
    model
        A catalog model id (``"gpt-4.1-mini-ft"``, or a base such as ``"gpt-4.1-mini"``): gives the
        limit of tokens per example (its training limit, else its context window) and the training price.
    epochs
        Passes over the file that training bills for.
    catalog
        The catalog vintage for prices (default: the newest).
    max_example_tokens
        Tokens allowed per example; overrides the model's limit.
    max_errors
        How many errors to list; all are still counted in ``errors_total`` and ``error_counts``.
    max_line_bytes
        Longer lines are reported as ``line-too-long`` and skipped without being held whole.
    max_tracked_examples
        Examples remembered (as 64-bit fingerprints) to find duplicates; later ones are still
        compared with them, and a warning says when the table filled up.
    overlap_threshold
        Smallest similarity (0 to 1) reported as a near-duplicate between test and training.
    exact_tokens
        Use a cached tokenizer when one is available; ``False`` always uses the estimate.
    name
        What to call the file in the report (default: the path, or ``<bytes>``), e.g. an upload's name.

    Returns
    -------
    DataReport
        Errors with line numbers, counts, token figures, duplicates, cost, overlap and warnings.

    Examples
    --------
    >>> good = b'{"messages": [{"role": "user", "content": "2+2?"}, {"role": "assistant", "content": "4"}]}\\n'
    >>> report = check_training_data(good + good + b'{"messages": 5}\\n', exact_tokens=False)
    >>> report.examples, report.duplicates, report.errors[0].kind, report.usable
    (2, 1, 'wrong-type', False)
    >>> report.errors[0]
    LineError(line=3, kind='wrong-type', message="'messages' must be a list, got a number")
    """
    fmt = check_choice("format", format, DATA_FORMATS)
    max_errors = check_int("max_errors", max_errors, minimum=0)
    max_line_bytes = check_int("max_line_bytes", max_line_bytes, minimum=16)
    max_tracked_examples = check_int("max_tracked_examples", max_tracked_examples, minimum=1)
    threshold = check_number(
        "overlap_threshold", overlap_threshold, minimum=0, maximum=1, strict_minimum=True
    )
    epochs = check_int("epochs", epochs, minimum=1, maximum=100)
    cat, model_limit, price_row = _model_rows(model, catalog)
    if max_example_tokens is not None:
        max_example_tokens = check_int("max_example_tokens", max_example_tokens, minimum=1)
    else:
        max_example_tokens = model_limit
    counter = token_counter(allow_exact=exact_tokens)
    test_items = _read_test(test, fmt, max_line_bytes) if test is not None else None

    with open_jsonl(source, "train") as (stream, source_name, size):
        # The shortest valid example, {"prompt":"a","completion":"b"}, takes 31 bytes and a newline,
        # so a small file gets a small table and a large one the fixed maximum.
        fingerprints = Fingerprints(min(max_tracked_examples, size // 32 + 1))
        scan = Scan(fmt, max_errors, max_example_tokens, fingerprints, counter.count)
        matcher = (
            _OverlapMatcher(test_items[2], threshold) if test_items and test_items[2] else None
        )
        for number, raw in iter_jsonl_lines(stream, max_line_bytes):
            text = scan.line(number, raw, max_line_bytes)
            if matcher is not None and text:
                matcher.add(number, text)
        bytes_read = stream.tell()
        had_bom = starts_with_bom(stream)
    if scan.examples == 0 and scan.errors_total == 0:
        scan.error(
            0,
            "empty-file",
            "no examples found" + (" (only blank lines)" if scan.lines else " (the file is empty)"),
        )

    overlap = matcher.result(*test_items[:2]) if matcher is not None else None
    if test_items is not None and matcher is None:
        overlap = OverlapWithTest(test_items[0], 0, test_items[1], 0, 0, 0, threshold)
    cost = None
    if price_row is not None and scan.examples:
        usd = training_cost_usd(
            scan.example_tokens.total, epochs, price_row.training_usd_per_1m_tokens
        )
        cost = TrainingFileCost(
            price_row.id,
            epochs,
            scan.example_tokens.total,
            scan.example_tokens.total * epochs,
            price_row.training_usd_per_1m_tokens,
            usd,
            price_row.as_of,
            price_row.source,
            cat.vintage,
            str(price_row.status_on(cat.as_of)),
            counter.exact,
        )
    notes = (
        _warnings(scan, had_bom, max_example_tokens)
        + _model_warnings(model, cat, price_row)
        + _overlap_warnings(overlap)
    )
    return DataReport(
        source=name or source_name,
        format=scan.file_format or scan.seen_format or (fmt if fmt != "auto" else "unknown"),
        bytes_read=bytes_read,
        lines=scan.lines,
        examples=scan.examples,
        invalid_lines=scan.invalid,
        blank_lines=scan.blank,
        had_bom=had_bom,
        errors_total=scan.errors_total,
        error_counts=tuple(
            sorted(scan.error_counts.items(), key=lambda kv: list(ERROR_KINDS).index(kv[0]))
        ),
        errors=tuple(scan.errors),
        roles=_role_stats(scan),
        example_tokens=scan.example_tokens.result(),
        token_method=counter.method,
        tokens_exact=counter.exact,
        duplicates=scan.duplicate_count,
        warnings=notes,
        model=model,
        max_example_tokens=max_example_tokens,
        over_limit_examples=scan.over_limit_count,
        cost=cost,
        overlap=overlap,
    )


def data_sample_path(name: str) -> Path:
    """Path of a shipped sample file: ``"clean"``, ``"defects"`` (one defect of each kind) or ``"test"``.

    Examples
    --------
    >>> data_sample_path("defects").name
    'train_with_defects.jsonl'
    >>> check_training_data(data_sample_path("clean"), exact_tokens=False).usable
    True
    """
    name = check_choice("sample", name, list(DATA_SAMPLES))
    return Path(str(resources.files("ftlib").joinpath("data", "samples", DATA_SAMPLES[name])))


def _model_rows(
    model: str | None, catalog: Catalog | str | None
) -> tuple[Catalog | None, int | None, ModelRow | None]:
    """The catalog, the model's limit of tokens per example, and the row giving a per-token training price.

    The limit is the catalog's per-example training limit, else the model's context window.
    """
    cat = (
        catalog
        if isinstance(catalog, Catalog)
        else load_catalog(catalog)
        if catalog is not None or model
        else None
    )
    if model is None:
        return cat, None, None
    row = cat.get(model)
    if row.training_usd_per_1m_tokens is not None:
        priced = row
    else:  # a base model: price it through its first fine-tuned offering
        priced = next(
            (
                r
                for r in cat.rows
                if r.base_id == row.id and r.training_usd_per_1m_tokens is not None
            ),
            None,
        )
    limits = [
        row.max_training_example_tokens,
        priced and priced.max_training_example_tokens,
        row.context_tokens,
    ]
    return cat, next((n for n in limits if n), None), priced


class _OverlapMatcher:
    """Compares training inputs with the test inputs a batch at a time, keeping only counts and a few pairs."""

    def __init__(self, test_texts: list[tuple[int, str]], threshold: float):
        self.test_lines = [line for line, _ in test_texts]
        self.test_texts = [text for _, text in test_texts]
        self.threshold = threshold
        self.batch: list[tuple[int, str]] = []
        self.hit_tests: set[int] = set()
        self.exact = self.near = 0
        self.pairs: list[tuple[int, int, float, str]] = []

    def add(self, line: int, text: str) -> None:
        self.batch.append((line, text))
        if len(self.batch) >= _OVERLAP_BATCH:
            self._flush()

    def _flush(self) -> None:
        if not self.batch:
            return
        found = find_duplicates(
            [t for _, t in self.batch], self.test_texts, threshold=self.threshold
        ).pairs
        for train_i, test_i, similarity, kind in found.itertuples(index=False):
            self.hit_tests.add(test_i)
            self.exact += kind == "exact"
            self.near += kind == "near"
            if len(self.pairs) < MAX_QUOTED_LINES:
                self.pairs.append(
                    (
                        self.batch[train_i][0],
                        self.test_lines[test_i],
                        round(float(similarity), 3),
                        kind,
                    )
                )
        self.batch = []

    def result(self, test_source: str, test_invalid: int) -> OverlapWithTest:
        self._flush()
        return OverlapWithTest(
            test_source,
            len(self.test_texts),
            test_invalid,
            len(self.hit_tests),
            self.exact,
            self.near,
            self.threshold,
            tuple(sorted(self.pairs, key=lambda p: (p[1], p[0]))),
        )


def _read_test(
    test: Source, fmt: str, max_line_bytes: int
) -> tuple[str, int, list[tuple[int, str]]]:
    """The test file's name, its count of unreadable lines, and ``(line, input text)`` of its valid examples."""
    items: list[tuple[int, str]] = []
    with open_jsonl(test, "test") as (stream, name, _size):
        scan = Scan(fmt, 0, None, Fingerprints(1), len)
        for number, raw in iter_jsonl_lines(stream, max_line_bytes):
            text = scan.line(number, raw, max_line_bytes)
            if text:
                items.append((number, text))
                if len(items) > MAX_TEST_EXAMPLES:
                    raise FtlibError(
                        "test",
                        name,
                        f"a test set of at most {MAX_TEST_EXAMPLES:,} examples",
                        "the article's test sets hold 50 to 100; is this a training file?",
                    )
    return name, scan.invalid, items


def _role_stats(scan: Scan) -> tuple[RoleStats, ...]:
    """Per-role statistics in a fixed order: chat roles first, then prompt and completion."""
    order = list(CHAT_ROLES) + ["prompt", "completion"]
    return tuple(
        RoleStats(
            role,
            scan.role_tokens[role].count,
            scan.role_tokens[role].result(),
            scan.role_chars[role].result(),
        )
        for role in order
        if role in scan.role_tokens
    )


def _warnings(
    scan: Scan, had_bom: bool, max_example_tokens: int | None
) -> tuple[DatasetWarning, ...]:
    """Everything worth a look that is not an error, in order of importance."""
    out: list[DatasetWarning] = []
    if 0 < scan.examples < MIN_TRAIN_EXAMPLES:
        out.append(
            DatasetWarning(
                "few-examples",
                f"{_n(scan.examples, 'valid example')}: below the {MIN_TRAIN_EXAMPLES:,} the article"
                " recommends for SFT; few-shot prompting usually wins with fewer",
                scan.examples,
            )
        )
    if scan.over_limit_count:
        out.append(
            DatasetWarning(
                "over-limit",
                f"{_n(scan.over_limit_count, 'example')} over {max_example_tokens:,} tokens,"
                " the limit per example (the model's, or the one given): they would be cut or rejected",
                scan.over_limit_count,
                tuple(scan.over_limit),
            )
        )
    if scan.duplicate_count:
        out.append(
            DatasetWarning(
                "duplicates",
                f"{_n(scan.duplicate_count, 'example')} repeating an earlier one (same roles and text,"
                " spacing ignored): training sees those examples more than once",
                scan.duplicate_count,
                tuple(scan.duplicates),
            )
        )
    if scan.fingerprints.full:
        out.append(
            DatasetWarning(
                "duplicates-partial",
                f"only the first {scan.fingerprints.capacity:,} distinct examples were"
                " remembered for the duplicate check; later ones were compared against those only",
            )
        )
    if scan.blank:
        out.append(
            DatasetWarning(
                "blank-lines",
                f"{_n(scan.blank, 'blank line')} skipped; some upload checks reject them",
                scan.blank,
                tuple(scan.blank_lines),
            )
        )
    if had_bom:
        out.append(
            DatasetWarning(
                "byte-order-mark",
                "the file starts with a UTF-8 byte-order mark; it was ignored here,"
                " but some uploaders reject it",
                1,
                (1,),
            )
        )
    return tuple(out)


def _model_warnings(
    model: str | None, cat: Catalog | None, price_row: ModelRow | None
) -> tuple[DatasetWarning, ...]:
    """Notes on the chosen model: no token price, a closed or retired offering, old prices."""
    if model is None or cat is None:
        return ()
    out: list[DatasetWarning] = []
    if price_row is None:
        row = cat.get(model)
        hourly = (
            f"; it is billed {row.training_usd_per_hour:g} USD per wall-clock hour, which a token count cannot price"
            if row.training_usd_per_hour
            else ""
        )
        out.append(
            DatasetWarning(
                "no-training-price",
                f"catalog {cat.vintage} (as of {cat.as_of}) has no per-token training"
                f" price for {model}{hourly}",
            )
        )
    else:
        status = price_row.status_on(cat.as_of)
        if status.status != "available":
            out.append(DatasetWarning("model-status", f"{status} (source: {status.source})"))
    stale = cat.stale_warning()
    if stale:
        out.append(DatasetWarning("stale-prices", stale))
    return tuple(out)


def _overlap_warnings(overlap: OverlapWithTest | None) -> tuple[DatasetWarning, ...]:
    """Notes on the test file: leaks into training, unreadable lines, no usable example."""
    if overlap is None:
        return ()
    out: list[DatasetWarning] = []
    if overlap.contaminated_test_examples:
        out.append(
            DatasetWarning(
                "test-overlap",
                f"{overlap.contaminated_test_examples:,} of {overlap.test_examples:,} test examples ({overlap.contaminated_share:.0%})"
                f" match a training input ({overlap.exact_pairs:,} exact and {overlap.near_pairs:,} near-duplicate pairs):"
                " scores on them measure recall of training data, not skill",
                overlap.contaminated_test_examples,
                tuple(sorted({p[1] for p in overlap.pairs})),
            )
        )
    if overlap.test_invalid_lines:
        out.append(
            DatasetWarning(
                "test-unreadable",
                f"{_n(overlap.test_invalid_lines, 'line')} of the test file could not be read"
                " as examples and were left out of the comparison",
                overlap.test_invalid_lines,
            )
        )
    if not overlap.test_examples:
        out.append(
            DatasetWarning(
                "test-empty",
                "the test file holds no readable example, so no overlap could be checked",
            )
        )
    return tuple(out)


def _n(count: int, noun: str) -> str:
    """``"1 example"``, ``"2 examples"``: a count with its noun."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
