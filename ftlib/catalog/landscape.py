"""The article's world beside today's: one workload priced on dated catalog rows, side by side.

The landscape and legal-tech chapters compare what the article assumed (April 2026)
with what the newest catalog says. :func:`priced_side_by_side` prices one workload
on a list of (vintage, model) pairs, each at the prices in force on its vintage's
date, and keeps the date, confidence and source of every figure next to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.errors import FtlibError, check_number
from ..costs import bills as _costs
from . import models as _catalog

__all__ = ["ARTICLE_WORKLOAD", "PricedOption", "price_option", "priced_side_by_side"]

# The article's worked example: 1M requests a month, 500 input and 200 output tokens each.
ARTICLE_WORKLOAD = (1_000_000, 500, 200)


@dataclass(frozen=True)
class PricedOption:
    """One model from one vintage, priced for a workload at the prices of the vintage's date."""

    label: str
    vintage: str
    model_id: str
    tuned: bool
    input_usd_per_1m_tokens: float
    output_usd_per_1m_tokens: float
    monthly_cost_usd: float
    as_of: str
    confidence: str
    source: str


def price_option(
    vintage: str,
    model_id: str,
    *,
    label: str | None = None,
    requests_per_month: float = ARTICLE_WORKLOAD[0],
    input_tokens: float = ARTICLE_WORKLOAD[1],
    output_tokens: float = ARTICLE_WORKLOAD[2],
) -> PricedOption:
    """Price ``model_id`` of catalog ``vintage`` for a monthly workload (default: the article's).

    Examples
    --------
    >>> price_option("checked-2026-12", "gpt-6-luna").monthly_cost_usd
    150.0
    >>> price_option("article-2026-04", "gpt-4.1-mini-ft").monthly_cost_usd
    520.0
    """
    cat = _catalog.load_catalog(vintage)
    row = cat.get(model_id)
    p = row.prices_on(cat.as_of)
    if p.input_usd_per_1m_tokens is None or p.output_usd_per_1m_tokens is None:
        raise FtlibError(
            "model_id",
            model_id,
            f"a model with input and output prices in catalog {cat.vintage} on {cat.as_of}",
        )
    check_number("requests_per_month", requests_per_month, minimum=0)
    workload = _costs.Workload(requests_per_month, input_tokens, output_tokens)
    cost = _costs.monthly_cost(
        workload, _costs.Prices(p.input_usd_per_1m_tokens, p.output_usd_per_1m_tokens)
    ).monthly_cost_usd
    return PricedOption(
        label or row.name,
        cat.vintage,
        row.id,
        row.kind == "fine-tuned",
        p.input_usd_per_1m_tokens,
        p.output_usd_per_1m_tokens,
        cost,
        str(cat.as_of),
        p.confidence or row.confidence or _article_confidence(cat, row),
        _catalog._short_source(p.source),
    )


def _article_confidence(cat: _catalog.Catalog, row: _catalog.ModelRow) -> str:
    """The article vintage rates no prices: say whether the article states them or not."""
    if not cat.vintage.startswith("article"):
        return ""
    return "stated by the article" if row.id in _ARTICLE_STATED else "worked back from a total"


# The only per-token prices the article states; its other prices are worked back
# from the monthly totals it gives (see the newest vintage's description).
_ARTICLE_STATED = ("gpt-4.1-mini-ft", "o4-mini-ft")


def priced_side_by_side(
    options: list[tuple[str, str]],
    *,
    requests_per_month: float = ARTICLE_WORKLOAD[0],
    input_tokens: float = ARTICLE_WORKLOAD[1],
    output_tokens: float = ARTICLE_WORKLOAD[2],
):
    """A table of text: each (vintage, model id) priced for one workload, with date and source.

    Examples
    --------
    >>> t = priced_side_by_side([("article-2026-04", "gpt-5.4"), ("checked-2026-12", "gpt-6-luna")])
    >>> t["USD a month"].tolist()
    ['4,250', '150']
    """
    import pandas as pd

    records = []
    for vintage, model_id in options:
        o = price_option(
            vintage,
            model_id,
            requests_per_month=requests_per_month,
            input_tokens=input_tokens,
            output_tokens=output_tokens,
        )
        records.append(
            {
                "catalog": o.vintage,
                "model": o.model_id,
                "tuned": "yes" if o.tuned else "no",
                "in / out per 1M": (
                    f"{o.input_usd_per_1m_tokens:g} / {o.output_usd_per_1m_tokens:g}"
                ),
                "USD a month": f"{o.monthly_cost_usd:,.0f}",
                "prices as of": o.as_of,
                "confidence": o.confidence or "-",
                "source": o.source,
            }
        )
    return pd.DataFrame.from_records(records).set_index(["catalog", "model"])
