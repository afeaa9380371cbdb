"""Self-checks for the break-even calculator lab and the cost chapters."""

from __future__ import annotations

from ..core.errors import check_choice, check_number
from ..labkit.feedback import Feedback
from .bills import Workload, break_even, model_prices, monthly_cost

__all__ = ["break_even_days_answer", "cheapest_option_answer"]

_LEGAL = Workload(1_000_000, 500, 200)  # the article's worked example
_ARTICLE, _CHECKED = "article-2026-04", "checked-2026-11"


def _bill(model_id: str, vintage: str) -> float:
    return monthly_cost(_LEGAL, model_prices(model_id, vintage)).monthly_cost_usd


def break_even_days_answer(days: float) -> Feedback:
    """Check the days $200 of training takes to pay back: GPT-5.4 replaced by GPT-4.1 mini at the standard tuned rate.

    Examples
    --------
    >>> break_even_days_answer(1.9).correct
    True
    >>> break_even_days_answer(14).correct
    False
    """
    answer = check_number("days", days, minimum=0)
    right = break_even(
        _bill("gpt-5.4", _CHECKED), _bill("gpt-4.1-mini-ft", _CHECKED), 200
    ).break_even_days
    article_rate = break_even(
        _bill("gpt-5.4", _ARTICLE), _bill("gpt-4.1-mini-ft", _ARTICLE), 200
    ).break_even_days
    if abs(answer - right) <= 0.15:
        return Feedback(
            True,
            f"About {right:.1f} days: $200 against ${_bill('gpt-5.4', _CHECKED) - _bill('gpt-4.1-mini-ft', _CHECKED):,.0f} saved a month. "
            "Two weeks would need far more upfront cost than the training bill.",
        )
    if abs(answer - article_rate) <= 0.15:
        return Feedback(
            False,
            f"That is the payback at the article's assumed $0.40 / $1.60 ({article_rate:.1f} days). "
            "The standard tuned rate is twice that: redo the candidate's bill at $0.80 / $3.20.",
        )
    if 12 <= answer <= 16:
        return Feedback(
            False,
            "Two weeks is the article's claim, not what its numbers give. Divide the upfront cost by the monthly saving, then multiply by 30.",
        )
    return Feedback(
        False,
        "Work it out as upfront cost / (baseline bill - candidate bill) x 30 days, with both bills at 1M requests of 500 + 200 tokens.",
    )


def cheapest_option_answer(model_id: str) -> Feedback:
    """Check which of GPT-5.4 mini, tuned GPT-4.1 mini (standard rate) and GPT-5.4 nano has the lowest bill in the worked example.

    Examples
    --------
    >>> cheapest_option_answer("gpt-5.4-nano").correct
    True
    """
    options = ("gpt-5.4-mini", "gpt-4.1-mini-ft", "gpt-5.4-nano")
    check_choice("model_id", model_id, options)
    bills = {m: _bill(m, _CHECKED) for m in options}
    text = ", ".join(f"{m} ${usd:,.0f}" for m, usd in bills.items())
    best = min(bills, key=bills.get)
    if model_id == best:
        return Feedback(
            True,
            f"{text}. The untuned nano is cheapest, with no training at all: test whether its quality is enough before tuning anything.",
        )
    return Feedback(
        False,
        f"Compare the monthly bills: {text}. One option needs no training and still costs least.",
    )
