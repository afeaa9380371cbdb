"""A data-check report as pandas tables, for notebooks and the lab (the CLI prints its own)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .datacheck import DataReport

__all__ = ["data_report_tables"]


def data_report_tables(report: DataReport) -> dict[str, pd.DataFrame]:
    """The report as tables: ``summary``, ``errors``, ``roles``, ``warnings`` and ``overlap``.

    Parameters
    ----------
    report
        What :func:`ftlib.check_training_data` returned.

    Returns
    -------
    dict of DataFrame
        ``summary`` has one row per figure (``item``, ``value``; the file by its name only); ``errors`` one row per
        listed error; ``roles`` one row per role with token lengths; ``warnings`` one row
        per warning; ``overlap`` one row per listed test/training match (empty without a test file).

    Examples
    --------
    >>> import ftlib as ft
    >>> tables = data_report_tables(ft.check_training_data(ft.data_sample_path("defects"), exact_tokens=False))
    >>> int(tables["errors"].loc[0, "line"]), tables["errors"].loc[0, "kind"]
    (3, 'malformed-json')
    >>> tables["summary"].set_index("item").loc["verdict", "value"]
    'not usable: 12 errors'
    """
    r = report
    verdict = (
        "usable"
        if r.usable
        else f"not usable: {r.errors_total:,} error{'s' if r.errors_total != 1 else ''}"
    )
    rows = [
        ("file", Path(r.source).name),
        ("layout", r.format),
        ("lines", f"{r.lines:,}"),
        ("valid examples", f"{r.examples:,}"),
        ("verdict", verdict),
        ("tokens, one epoch", f"{r.total_tokens:,} ({'exact' if r.tokens_exact else 'estimated'})"),
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
    if r.cost:
        c = r.cost
        rows.append(
            (
                "training cost",
                f"{c.usd:,.2f} USD: {c.model_id}, {c.epochs} epochs x {c.tokens_per_epoch:,} tokens x "
                f"{c.usd_per_1m_training_tokens:g} USD per 1M (as of {c.as_of}; {c.source})",
            )
        )
    if r.overlap:
        o = r.overlap
        rows.append(
            (
                "test overlap",
                f"{o.contaminated_test_examples:,} of {o.test_examples:,} test examples "
                f"({o.contaminated_share:.0%}); {o.exact_pairs:,} exact, {o.near_pairs:,} near",
            )
        )
    roles = pd.DataFrame(
        [
            (
                s.role,
                s.messages,
                s.tokens.total,
                round(s.tokens.mean, 1),
                s.tokens.percentile(50),
                s.tokens.percentile(95),
                s.tokens.maximum,
            )
            for s in r.roles
        ],
        columns=[
            "role",
            "messages",
            "tokens",
            "mean tokens",
            "p50 tokens",
            "p95 tokens",
            "max tokens",
        ],
    )
    return {
        "summary": pd.DataFrame(rows, columns=["item", "value"]),
        "errors": pd.DataFrame(
            [(e.line, e.kind, e.message) for e in r.errors], columns=["line", "kind", "message"]
        ),
        "roles": roles,
        "warnings": pd.DataFrame(
            [(w.kind, w.message, ", ".join(map(str, w.lines))) for w in r.warnings],
            columns=["kind", "message", "lines"],
        ),
        "overlap": pd.DataFrame(
            list(r.overlap.pairs) if r.overlap else [],
            columns=["train line", "test line", "similarity", "kind"],
        ),
    }
