"""Exact token counts against the estimate: on the shipped samples and on a mixed corpus.

The estimate (:func:`ftlib.datacheck.tokens.estimate_tokens_by_script`) stands in where no
tokenizer is available; these tables show how far it strays from o200k_base, and
how far the plain characters/4 rule strays, so a learner can judge a count
marked "estimated".
"""

from __future__ import annotations

import json
from importlib import resources

import pandas as pd

from .report import DATA_SAMPLES, check_training_data, data_sample_path
from .tokens import estimate_tokens, estimate_tokens_by_script, token_counter

__all__ = ["token_estimate_errors", "sample_token_counts"]

TOKEN_MIX = "token_mix.jsonl"  # the mixed corpus, in ftlib/data/samples


def _mix() -> list[dict[str, str]]:
    path = resources.files("ftlib").joinpath("data", "samples", TOKEN_MIX)
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def token_estimate_errors() -> pd.DataFrame:
    """Per kind of text in the mixed corpus: exact o200k_base tokens and both estimates' errors.

    Columns: ``kind``, ``texts``, ``exact tokens``, ``estimate error`` (mean relative error
    of the script-aware estimate), ``worst estimate error``, ``chars/4 error``; one last row
    ``all`` gives the mean absolute errors. Empty (with ``attrs["note"]`` saying why) when
    the exact tokenizer is not installed.

    Examples
    --------
    >>> table = token_estimate_errors()
    >>> "chinese" in set(table["kind"]) or "note" in table.attrs
    True
    """
    counter = token_counter("o200k_base")
    columns = [
        "kind",
        "texts",
        "exact tokens",
        "estimate error",
        "worst estimate error",
        "chars/4 error",
    ]
    if not counter.exact:
        table = pd.DataFrame(columns=columns)
        table.attrs["note"] = counter.method
        return table
    rows = []
    for item in _mix():
        exact = counter.count(item["text"])
        rows.append(
            (
                item["kind"],
                exact,
                estimate_tokens_by_script(item["text"]) / exact - 1,
                estimate_tokens(item["text"]) / exact - 1,
            )
        )
    frame = pd.DataFrame(rows, columns=["kind", "exact", "script", "naive"])
    by_kind = frame.groupby("kind", sort=False).agg(
        texts=("exact", "size"),
        exact=("exact", "sum"),
        script=("script", "mean"),
        worst=("script", lambda e: e.abs().max()),
        naive=("naive", "mean"),
    )
    table = by_kind.reset_index()
    table.columns = columns
    total = (
        "all (mean absolute)",
        len(frame),
        int(frame["exact"].sum()),
        frame["script"].abs().mean(),
        frame["script"].abs().max(),
        frame["naive"].abs().mean(),
    )
    table.loc[len(table)] = total
    for col in columns[3:]:
        table[col] = table[col].map(lambda e: round(float(e), 3))
    return table


def sample_token_counts(model: str = "gpt-4.1-mini") -> pd.DataFrame:
    """Tokens in each shipped sample file, counted exactly and estimated, with the difference.

    Examples
    --------
    >>> table = sample_token_counts()
    >>> list(table["sample"])
    ['clean', 'defects', 'test']
    """
    rows = []
    for sample in DATA_SAMPLES:
        path = data_sample_path(sample)
        exact = check_training_data(path, model=model)
        estimate = check_training_data(path, model=model, exact_tokens=False)
        rows.append(
            (
                sample,
                exact.total_tokens if exact.tokens_exact else None,
                exact.tokenizer or "none installed",
                estimate.total_tokens,
                round(estimate.total_tokens / exact.total_tokens - 1, 3)
                if exact.tokens_exact and exact.total_tokens
                else None,
            )
        )
    return pd.DataFrame(
        rows, columns=["sample", "exact tokens", "tokenizer", "estimated tokens", "estimate error"]
    )
