"""A data-check report as pandas tables, for notebooks and the lab (the CLI prints its own text)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .profiles import format_profiles
from .report import DataReport

__all__ = ["data_report_tables", "format_profile_table"]

_ROLE_COLUMNS = [
    "role",
    "messages",
    "tokens",
    "mean tokens",
    "p50 tokens",
    "p95 tokens",
    "max tokens",
]


def data_report_tables(report: DataReport) -> dict[str, pd.DataFrame]:
    """The report as tables: ``summary``, ``errors``, ``roles``, ``warnings`` and ``overlap``.

    Parameters
    ----------
    report
        What :func:`ftlib.check_training_data` returned.

    Returns
    -------
    dict of DataFrame
        ``summary`` has one row per figure (``item``, ``value``; the file by its name only);
        ``errors`` one row per listed error; ``roles`` one row per role with token lengths;
        ``warnings`` one row per warning; ``overlap`` one row per listed test/training match
        (empty without a test file).

    Examples
    --------
    >>> import ftlib as ft
    >>> tables = data_report_tables(
    ...     ft.check_training_data(ft.data_sample_path("defects"), exact_tokens=False))
    >>> int(tables["errors"].loc[0, "line"]), tables["errors"].loc[0, "kind"]
    (3, 'malformed-json')
    >>> tables["summary"].set_index("item").loc["verdict", "value"]
    'not usable: 12 errors'
    """
    return {
        "summary": pd.DataFrame(summary_rows(report), columns=["item", "value"]),
        "errors": pd.DataFrame(
            [(e.line, e.kind, e.message) for e in report.errors],
            columns=["line", "kind", "message"],
        ),
        "roles": role_table(report),
        "warnings": pd.DataFrame(
            [(w.kind, w.message, ", ".join(map(str, w.lines))) for w in report.warnings],
            columns=["kind", "message", "lines"],
        ),
        "overlap": pd.DataFrame(
            list(report.overlap.pairs) if report.overlap else [],
            columns=["train line", "test line", "similarity", "kind"],
        ),
    }


def verdict(report: DataReport) -> str:
    """``"usable"`` or ``"not usable: N errors"``."""
    if report.usable:
        return "usable"
    n = report.errors_total
    return f"not usable: {n:,} error{'s' if n != 1 else ''}"


def summary_rows(report: DataReport) -> list[tuple[str, str]]:
    """The summary table's ``(item, value)`` rows: the file, its verdict, tokens, cost, overlap."""
    r = report
    kind = "exact" if r.tokens_exact else "estimated"
    rows = [
        ("file", Path(r.source).name),
        ("layout", r.format),
        ("lines", f"{r.lines:,}"),
        ("valid examples", f"{r.examples:,}"),
        ("verdict", verdict(r)),
        ("tokens, one epoch", f"{r.total_tokens:,} ({kind})"),
        ("counted with", r.tokenizer or f"the estimate (error band {r.token_error_band:.0%})"),
        (
            "tokens per example",
            f"median about {r.example_tokens.percentile(50):,}, max {r.example_tokens.maximum:,}",
        ),
        ("duplicates", f"{r.duplicates:,}"),
    ]
    if r.max_example_tokens:
        rows.append(
            (
                "over the limit per example",
                f"{r.over_limit_examples:,} (limit {r.max_example_tokens:,} tokens)",
            )
        )
    if r.near_limit_examples:
        rows.append(("near the limit (estimate)", f"{r.near_limit_examples:,}"))
    rows += _cost_rows(r) + _overlap_rows(r)
    return rows


def _cost_rows(r: DataReport) -> list[tuple[str, str]]:
    if not r.cost:
        return []
    c = r.cost
    return [
        (
            "training cost",
            f"{c.usd:,.2f} USD: {c.model_id}, {c.epochs} epochs x {c.tokens_per_epoch:,} tokens"
            f" = {c.billed_tokens:,} billed tokens x {c.usd_per_1m_training_tokens:g} USD per 1M"
            f" (as of {c.as_of}; {c.source})",
        ),
        ("epochs", c.epochs_note),
    ]


def _overlap_rows(r: DataReport) -> list[tuple[str, str]]:
    if not r.overlap:
        return []
    o = r.overlap
    return [
        (
            "test overlap",
            f"{o.contaminated_test_examples:,} of {o.test_examples:,} test examples "
            f"({o.contaminated_share:.0%}); {o.exact_pairs:,} exact, {o.near_pairs:,} near",
        )
    ]


def role_table(report: DataReport) -> pd.DataFrame:
    """One row per role: messages, tokens in all, their mean, median, 95th percentile, maximum."""
    rows = [
        (
            s.role,
            s.messages,
            s.tokens.total,
            round(s.tokens.mean, 1),
            s.tokens.percentile(50),
            s.tokens.percentile(95),
            s.tokens.maximum,
        )
        for s in report.roles
    ]
    return pd.DataFrame(rows, columns=_ROLE_COLUMNS)


def format_profile_table() -> pd.DataFrame:
    """One row per provider layout: its documented limits, each with its confidence, and its epochs.

    Examples
    --------
    >>> table = format_profile_table()
    >>> table.set_index("layout").loc["vertex-gemini", "tokens per example"]
    '131,072 (confirmed)'
    """

    def cell(limit, unit: float = 1, suffix: str = "") -> str:
        if limit.value is None:
            return "per model (reported)" if limit.confidence == "reported" else limit.confidence
        return f"{limit.value / unit:,.0f}{suffix} ({limit.confidence})"

    rows = [
        (
            p.id,
            p.name,
            cell(p.max_example_tokens),
            cell(p.min_examples),
            cell(p.max_examples),
            cell(p.max_file_bytes, 2**20, " MiB"),
            {"openai-auto": "OpenAI auto (reported)", "fixed-3": "3 (trainer default)"}.get(
                p.epochs_rule or "", "3 (course assumption)"
            ),
            p.encoding or "estimate",
            p.as_of,
        )
        for p in format_profiles().values()
    ]
    columns = [
        "layout",
        "name",
        "tokens per example",
        "min examples",
        "max examples",
        "max file",
        "default epochs",
        "tokenizer",
        "as of",
    ]
    return pd.DataFrame(rows, columns=columns)
