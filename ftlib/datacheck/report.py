"""Is a fine-tuning file usable, what will training cost, and does the test set leak into it?

:func:`check_training_data` puts the parts together through small frozen values:
:mod:`~ftlib.datacheck.scan` reads the file once, as a stream, in fixed memory
and returns a :class:`~ftlib.datacheck.scan.ScanSummary`;
:mod:`~ftlib.datacheck.overlap` prepares the test file once and matches the
training inputs against it; :mod:`~ftlib.datacheck.profiles` gives the layout's
documented limits and default epochs; this module turns them into a frozen
:class:`DataReport` with warnings and the training cost from the dated catalog
(via :mod:`ftlib.costs`). ``python -m ftlib check-data`` prints it.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ..catalog.models import Catalog, ModelRow, load_catalog
from ..core.errors import FtlibError, check_choice, check_int, check_number
from ..costs.bills import training_cost_usd
from ..rules.thresholds import MIN_TRAIN_EXAMPLES
from .lengths import LengthDistribution
from .overlap import OverlapMatcher, OverlapWithTest, read_test_set
from .profiles import COURSE_EPOCHS, FormatProfile, default_epochs, format_profiles
from .records import DATA_FORMATS
from .scan import (
    MAX_LINE_BYTES,
    Fingerprints,
    LineError,
    Scan,
    ScanSummary,
    Source,
    open_jsonl,
    scan_stream,
)
from .text import shown
from .tokens import TokenCounter, token_counter

__all__ = [
    "DEFAULT_EPOCHS",
    "DatasetWarning",
    "RoleStats",
    "TrainingFileCost",
    "DataReport",
    "check_training_data",
    "DATA_SAMPLES",
    "data_sample_path",
    "affordable_tokens_per_example",
]

DEFAULT_EPOCHS = COURSE_EPOCHS  # the course's assumption where a provider documents no rule
MAX_TRACKED_EXAMPLES = 500_000  # fingerprints kept for duplicates: 12 bytes a slot, about 12 MiB
OVERLAP_THRESHOLD = 0.8  # Jaccard of character 3-gram shingles: a changed word or two still matches
DATA_SAMPLES: dict[str, str] = {  # shipped in ftlib/data/samples (see its README.md)
    "clean": "train_clean.jsonl",
    "defects": "train_with_defects.jsonl",
    "test": "test_overlapping.jsonl",
}


@dataclass(frozen=True)
class DatasetWarning:
    """Something that does not break the file but deserves a look, with up to 20 line numbers."""

    kind: str
    message: str
    count: int = 0
    lines: tuple[int, ...] = ()


@dataclass(frozen=True)
class RoleStats:
    """Messages of one role (or prompt, completion): how many, their lengths in tokens and chars."""

    role: str
    messages: int
    tokens: LengthDistribution
    chars: LengthDistribution


@dataclass(frozen=True)
class TrainingFileCost:
    """What training on the file costs: tokens x epochs x the catalog's training price, dated.

    ``epochs_note`` says where the number of epochs comes from (given, or the provider's rule).
    """

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
    epochs_note: str = "given"

    def __str__(self) -> str:
        kind = "exact" if self.tokens_exact else "estimated"
        return (
            f"{self.model_id}: {self.tokens_per_epoch:,} {kind} tokens x {self.epochs} epochs"
            f" = {self.billed_tokens:,} billed tokens x {self.usd_per_1m_training_tokens:g} USD"
            f" per 1M = {self.usd:,.2f} USD (prices as of {self.as_of}, {self.source})"
        )


@dataclass(frozen=True)
class DataReport:
    """Everything one check found. ``usable`` is the verdict the exit status follows.

    ``tokenizer`` names the exact encoding that counted (``None`` for the estimate, whose
    relative error is ``token_error_band``); ``near_limit_examples`` counts examples the
    estimate puts under the limit by less than that error.
    """

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
    tokenizer: str | None = None
    token_error_band: float = 0.0
    near_limit_examples: int = 0
    epochs: int = DEFAULT_EPOCHS
    epochs_note: str = "given"

    @property
    def usable(self) -> bool:
        """True when the file has at least one example and no error."""
        return self.errors_total == 0 and self.examples > 0

    @property
    def total_tokens(self) -> int:
        """Tokens in the valid examples (one epoch)."""
        return self.example_tokens.total

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``json.dumps``: every field, ``usable``, ``total_tokens``, percentiles."""
        data = asdict(self)
        data["error_counts"] = dict(self.error_counts)
        data["usable"] = self.usable
        data["total_tokens"] = self.total_tokens
        pairs = [(data["example_tokens"], self.example_tokens)]
        pairs += [
            (d[k], getattr(r, k))
            for d, r in zip(data["roles"], self.roles, strict=True)
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
            f"DataReport(source={self.source!r}, examples={self.examples}, "
            f"errors={self.errors_total}, tokens={self.total_tokens}, usable={self.usable})"
        )


def check_training_data(
    source: Source,
    *,
    test: Source | None = None,
    format: str = "auto",
    model: str | None = None,
    epochs: int | None = None,
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
        One of ``DATA_FORMATS``: ``"openai-chat"``, ``"openai-dpo"``, ``"openai-rft"``,
        ``"bedrock-claude"``, ``"vertex-gemini"``, ``"mistral"``, ``"trl-conversational"``,
        ``"prompt-completion"``, or ``"auto"`` (each line's keys decide; see ``detect_format``).
    model
        A catalog model id (``"gpt-4.1-mini-ft"``, or a base such as ``"gpt-4.1-mini"``): gives
        the limit of tokens per example, the training price, and the tokenizer.
    epochs
        Passes over the file that training bills for; ``None`` applies the provider's
        documented default rule (see :func:`~ftlib.datacheck.profiles.default_epochs`).
    catalog
        The catalog vintage for prices (default: the newest).
    max_example_tokens
        Tokens allowed per example; overrides the model's and the layout's limit.
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
        Count with the model's tokenizer when one is installed; ``False`` always estimates.
    name
        What to call the file in the report (default: the path, or ``<bytes>``).

    Returns
    -------
    DataReport
        Errors with line numbers, counts, token figures, duplicates, cost, overlap and warnings.

    Examples
    --------
    >>> good = (b'{"messages": [{"role": "user", "content": "2+2?"}, '
    ...         b'{"role": "assistant", "content": "4"}]}\\n')
    >>> report = check_training_data(good + good + b'{"messages": 5}\\n', exact_tokens=False)
    >>> report.examples, report.duplicates, report.errors[0].kind, report.usable
    (2, 1, 'wrong-type', False)
    >>> report.errors[0]
    LineError(line=3, kind='wrong-type', message="'messages' must be a list, got a number")
    """
    fmt = check_choice("format", format, DATA_FORMATS)
    max_errors = check_int("max_errors", max_errors, minimum=0)
    max_line_bytes = check_int("max_line_bytes", max_line_bytes, minimum=16, maximum=2**30)
    max_tracked_examples = check_int(
        "max_tracked_examples", max_tracked_examples, minimum=1, maximum=2**26
    )
    threshold = check_number(
        "overlap_threshold", overlap_threshold, minimum=0, maximum=1, strict_minimum=True
    )
    if epochs is not None:
        epochs = check_int("epochs", epochs, minimum=1, maximum=100)
    if model is not None and (not isinstance(model, str) or not model.strip()):
        raise FtlibError("model", shown(model), "a catalog model id, e.g. gpt-4.1-mini")
    cat, model_limit, price_row = _model_rows(model, catalog)
    if max_example_tokens is not None:
        max_example_tokens = check_int("max_example_tokens", max_example_tokens, minimum=1)
    test_set = read_test_set(test, fmt, max_line_bytes, threshold) if test is not None else None
    chosen = {"counter": _counter(model, fmt, exact_tokens)}
    given_limit = max_example_tokens or model_limit

    def on_format(layout: str) -> tuple[TokenCounter, int | None]:
        """Once the first valid line names the layout: its tokenizer and its documented limit."""
        if model is None and fmt == "auto":
            chosen["counter"] = _counter(None, layout, exact_tokens)
        return chosen["counter"], given_limit or _profile_limit(layout)

    with open_jsonl(source, "train") as (stream, source_name, size):
        # The shortest valid example, {"prompt":"a","completion":"b"}, takes 31 bytes and a
        # newline, so a small file gets a small table and a large one the fixed maximum.
        fingerprints = Fingerprints(min(max_tracked_examples, size // 32 + 1))
        scan = Scan(fmt, max_errors, given_limit, fingerprints, on_format=on_format)
        matcher = OverlapMatcher(test_set, threshold) if test_set is not None else None
        summary, bytes_read, had_bom = scan_stream(
            stream, scan, max_line_bytes, matcher.add if matcher else None
        )
    counter = chosen["counter"]
    layout = summary.file_format or summary.seen_format or (fmt if fmt != "auto" else "unknown")
    limit = summary.max_example_tokens
    overlap = matcher.result() if matcher is not None else None
    epochs_used, epochs_note = _epochs(epochs, layout, summary.examples)
    cost = _cost(summary, price_row, cat, epochs_used, epochs_note, counter)
    profile = format_profiles().get(layout)
    changed = (
        (
            DatasetWarning(
                "changed-while-read",
                f"the file held {size:,} bytes when it was opened and {bytes_read:,} were read:"
                " was it still being written or cut short? Check it again once it is complete",
            ),
        )
        if bytes_read != size
        else ()
    )
    notes = (
        changed
        + _scan_warnings(summary, had_bom, limit, counter)
        + _profile_warnings(profile, summary.examples, size)
        + _model_warnings(model, cat, price_row)
        + _overlap_warnings(overlap)
    )
    return DataReport(
        source=name or source_name,
        format=layout,
        bytes_read=bytes_read,
        lines=summary.lines,
        examples=summary.examples,
        invalid_lines=summary.invalid,
        blank_lines=summary.blank,
        had_bom=had_bom,
        errors_total=summary.errors_total,
        error_counts=summary.error_counts,
        errors=summary.errors,
        roles=tuple(RoleStats(*role) for role in summary.roles),
        example_tokens=summary.example_tokens,
        token_method=counter.method,
        tokens_exact=counter.exact,
        duplicates=summary.duplicate_count,
        warnings=notes,
        model=model,
        max_example_tokens=limit,
        over_limit_examples=summary.over_limit_count,
        cost=cost,
        overlap=overlap,
        tokenizer=counter.encoding,
        token_error_band=counter.error_band,
        near_limit_examples=summary.near_limit_count,
        epochs=epochs_used,
        epochs_note=epochs_note,
    )


def _counter(model: str | None, fmt: str, exact: bool) -> TokenCounter:
    """The model's tokenizer, else the layout's provider's, else the estimate."""
    if model is not None:
        return token_counter(model=model, allow_exact=exact)
    profile = format_profiles().get(fmt)
    if profile is None:  # "auto": the OpenAI encodings serve the common case
        return token_counter("o200k_base", allow_exact=exact)
    if profile.encoding is None:
        return token_counter(model=profile.provider, allow_exact=exact)
    return token_counter(profile.encoding, allow_exact=exact)


def _profile_limit(fmt: str) -> int | None:
    """A layout's documented limit of tokens per example, when a provider's page confirms it."""
    profile = format_profiles().get(fmt)
    if profile is None or profile.max_example_tokens.confidence != "confirmed":
        return None
    return profile.max_example_tokens.value


def _epochs(epochs: int | None, layout: str, examples: int) -> tuple[int, str]:
    """The epochs to price and where they come from."""
    if epochs is not None:
        return epochs, "given"
    if layout in format_profiles() and examples:
        return default_epochs(layout, examples)
    return COURSE_EPOCHS, f"{COURSE_EPOCHS} epochs: the course's assumption"


def _cost(
    summary: ScanSummary,
    price_row: ModelRow | None,
    cat: Catalog | None,
    epochs: int,
    epochs_note: str,
    counter: TokenCounter,
) -> TrainingFileCost | None:
    """The training bill for the valid examples, when the model has a per-token price."""
    if price_row is None or cat is None or not summary.examples:
        return None
    tokens = summary.example_tokens.total
    price = price_row.training_usd_per_1m_tokens
    assert price is not None  # _model_rows only returns priced rows
    return TrainingFileCost(
        price_row.id,
        epochs,
        tokens,
        tokens * epochs,
        price,
        training_cost_usd(tokens, epochs, price),
        price_row.as_of,
        price_row.source,
        cat.vintage,
        str(price_row.status_on(cat.as_of)),
        counter.exact,
        epochs_note,
    )


def affordable_tokens_per_example(
    budget_usd: float, *, examples: int, epochs: int, usd_per_1m_training_tokens: float
) -> float:
    """Tokens per example a training budget pays for: the training bill solved for the length.

    The inverse of :func:`ftlib.training_cost_usd` (tokens x epochs x price per 1M tokens):
    since the bill is linear in tokens, the budget divided by the bill of one token.

    Examples
    --------
    The article's 200 USD for 1,500 examples, 3 epochs, at 5 USD per 1M training tokens:

    >>> round(affordable_tokens_per_example(
    ...     200, examples=1_500, epochs=3, usd_per_1m_training_tokens=5.0))
    8889
    """
    budget = check_number("budget_usd", budget_usd, minimum=0)
    n = check_int("examples", examples, minimum=1)
    per_token = training_cost_usd(1, epochs, usd_per_1m_training_tokens)
    if per_token == 0:
        raise FtlibError(
            "usd_per_1m_training_tokens", usd_per_1m_training_tokens, "a price above 0"
        )
    return budget / per_token / n


def data_sample_path(name: str) -> Path:
    """Path of a shipped sample: ``"clean"``, ``"defects"`` (one defect of each kind) or ``"test"``.

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
    """The catalog, the model's limit of tokens per example, and the row giving a training price.

    The limit is the catalog's per-example training limit, else the model's context window.
    """
    if isinstance(catalog, Catalog):
        cat: Catalog | None = catalog
    elif catalog is not None or model is not None:
        cat = load_catalog(catalog)
    else:
        cat = None
    if model is None or cat is None:
        return cat, None, None
    row = cat.get(model)
    if row.training_usd_per_1m_tokens is not None:
        priced: ModelRow | None = row
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
        priced.max_training_example_tokens if priced else None,
        row.context_tokens,
    ]
    return cat, next((n for n in limits if n), None), priced


def _scan_warnings(
    s: ScanSummary, had_bom: bool, limit: int | None, counter: TokenCounter
) -> tuple[DatasetWarning, ...]:
    """Everything worth a look in the file itself that is not an error, in order of importance."""
    out: list[DatasetWarning] = []
    if 0 < s.examples < MIN_TRAIN_EXAMPLES:
        out.append(
            DatasetWarning(
                "few-examples",
                f"{_n(s.examples, 'valid example')}: below the {MIN_TRAIN_EXAMPLES:,} the article"
                " recommends for SFT; few-shot prompting usually wins with fewer",
                s.examples,
            )
        )
    if s.over_limit_count:
        kind = "" if counter.exact else " (estimated)"
        out.append(
            DatasetWarning(
                "over-limit",
                f"{_n(s.over_limit_count, 'example')} over {limit:,} tokens{kind}, the limit per"
                " example (the model's, the layout's, or the one given): they would be cut or"
                " rejected",
                s.over_limit_count,
                s.over_limit,
            )
        )
    if s.near_limit_count:
        out.append(
            DatasetWarning(
                "near-limit",
                f"{_n(s.near_limit_count, 'example')} within {counter.error_band:.0%} under the"
                f" {limit:,}-token limit: the count is an estimate, and its error band reaches"
                " past the limit; count them with the provider's tokenizer before uploading",
                s.near_limit_count,
                s.near_limit,
            )
        )
    if s.duplicate_count:
        out.append(
            DatasetWarning(
                "duplicates",
                f"{_n(s.duplicate_count, 'example')} repeating an earlier one (same roles and"
                " text, spacing ignored): training sees those examples more than once",
                s.duplicate_count,
                s.duplicates,
            )
        )
    if s.fingerprints_full:
        out.append(
            DatasetWarning(
                "duplicates-partial",
                f"only the first {s.fingerprints_capacity:,} distinct examples were"
                " remembered for the duplicate check; later ones were compared against those only",
            )
        )
    if s.blank:
        out.append(
            DatasetWarning(
                "blank-lines",
                f"{_n(s.blank, 'blank line')} skipped; some upload checks reject them",
                s.blank,
                s.blank_lines,
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


def _profile_warnings(
    profile: FormatProfile | None, examples: int, size: int
) -> tuple[DatasetWarning, ...]:
    """The provider's documented minimum and maximum examples and file size, with their sources."""
    if profile is None or not examples:
        return ()
    out: list[DatasetWarning] = []
    low, high, most = profile.min_examples, profile.max_examples, profile.max_file_bytes
    if low.value is not None and examples < low.value:
        out.append(
            DatasetWarning(
                "provider-minimum",
                f"{_n(examples, 'example')}; {profile.name} asks for at least {low.value:,}"
                f" ({low.confidence}: {low.source}, as of {profile.as_of})",
                examples,
            )
        )
    if high.value is not None and examples > high.value:
        out.append(
            DatasetWarning(
                "provider-maximum",
                f"{_n(examples, 'example')}; {profile.name} accepts at most {high.value:,}"
                f" ({high.confidence}: {high.source}, as of {profile.as_of})",
                examples,
            )
        )
    if most.value is not None and size > most.value:
        out.append(
            DatasetWarning(
                "file-too-large",
                f"the file has {size:,} bytes; {profile.name} accepts files up to"
                f" {most.value:,} ({most.confidence}: {most.source}, as of {profile.as_of})",
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
            f"; it is billed {row.training_usd_per_hour:g} USD per wall-clock hour, which a"
            " token count cannot price"
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
                f"{overlap.contaminated_test_examples:,} of {overlap.test_examples:,} test"
                f" examples ({overlap.contaminated_share:.0%}) match a training input"
                f" ({overlap.exact_pairs:,} exact and {overlap.near_pairs:,} near-duplicate"
                " pairs): scores on them measure recall of training data, not skill",
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
