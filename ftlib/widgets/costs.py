"""The break-even calculator lab: pick a baseline and a candidate, set volume and costs, see when it pays."""

from __future__ import annotations

import datetime as _dt
import html

import ipywidgets as W

from .. import catalog as _catalog
from ..costs import Prices, Workload, compare_costs
from ..errors import FtlibError, check_choice
from ..plots.costs import BreakEvenChart
from ..rules import PAYBACK_MONTHS, volume_band
from ._base import Lab, View

__all__ = ["TYPED_PRICES", "break_even_calculator", "break_even_view"]

TYPED_PRICES = (
    "(typed prices)"  # dropdown entry that uses the two price boxes instead of the catalog
)


def _model_options() -> list[str]:
    seen: list[str] = []
    for v in _catalog.list_vintages():
        for model_id in _catalog.load_catalog(v.vintage).ids:
            if model_id not in seen:
                seen.append(model_id)
    return seen + [TYPED_PRICES]


def _prices(
    who: str, choice: str, cat: _catalog.Catalog, typed_in: float, typed_out: float
) -> Prices:
    if choice == TYPED_PRICES:
        try:
            return Prices(typed_in, typed_out, label=f"typed {who} prices")
        except FtlibError as exc:
            raise FtlibError(f"{who} {exc.field}", exc.value, exc.accepted) from None
    try:
        row = cat.get(choice)
    except FtlibError:
        raise FtlibError(
            who,
            choice,
            f"a model listed in catalog {cat.vintage}",
            "this vintage does not list it: pick another vintage, another model or typed prices",
        ) from None
    if not row.has_prices:
        raise FtlibError(
            who,
            choice,
            f"a model with published prices in catalog {cat.vintage}",
            "no price is listed for it there: pick another vintage or type the prices",
        ) from None
    return Prices.from_row(row)


def break_even_view(
    chart: BreakEvenChart,
    *,
    vintage: str,
    requests_per_month: float,
    input_tokens: float,
    output_tokens: float,
    baseline: str,
    baseline_input_price: float,
    baseline_output_price: float,
    candidate: str,
    candidate_input_price: float,
    candidate_output_price: float,
    training_usd: float,
    other_upfront_usd: float,
    monthly_extra_usd: float,
    today: _dt.date | str | None = None,
) -> View:
    """One render of the calculator: recompute, update ``chart``, build the summary and the notes."""
    cat = _catalog.load_catalog(vintage)
    workload = Workload(requests_per_month, input_tokens, output_tokens)
    base = _prices("baseline", baseline, cat, baseline_input_price, baseline_output_price)
    cand = _prices("candidate", candidate, cat, candidate_input_price, candidate_output_price)
    for name, value in (("training_usd", training_usd), ("other_upfront_usd", other_upfront_usd)):
        if value is None or not value >= 0:
            raise FtlibError(name, value, "a number of dollars >= 0")
    result = compare_costs(
        workload, base, cand, training_usd + other_upfront_usd, monthly_extra_usd
    )

    notes: list[str] = []
    stale = cat.stale_warning(today=today)
    if stale:
        notes.append(stale)
    if baseline == candidate and baseline != TYPED_PRICES:
        notes.append(
            "Baseline and candidate are the same offering, so there is nothing to save: pick a cheaper candidate."
        )
    on = _dt.date.today() if today is None else today
    for who, choice in (("baseline", baseline), ("candidate", candidate)):
        if choice != TYPED_PRICES:
            st = cat.status_on(choice, on)
            if st.status != "available":
                notes.append(f"The {who} {st}. Check it can still be used before budgeting for it.")
    if not result.breaks_even:
        notes.append(
            "The candidate costs as much as the baseline or more each month, so no upfront cost is ever repaid."
        )

    footnote = f"Prices as of {cat.as_of} ({cat.vintage})"
    fig = chart.update(result, base.label, cand.label, footnote)
    if result.breaks_even:
        alt = (
            f"Cumulative spend over months: {base.label} against {cand.label}; the lines cross at the break-even point "
            f"after {result.break_even_months:.2f} months ({result.break_even_days:.1f} days)."
        )
    else:
        alt = f"Cumulative spend over months: {cand.label} never drops below {base.label}, so there is no break-even point."
    return View(fig, alt, _summary(result, base, cand, workload, cat, today), tuple(notes))


def _summary(
    result,
    base: Prices,
    cand: Prices,
    workload: Workload,
    cat: _catalog.Catalog,
    today: _dt.date | str | None,
) -> str:
    band = volume_band(workload.requests_per_month)
    if result.breaks_even:
        when = f"{result.break_even_months:.2f} months ({result.break_even_days:.1f} days)"
    else:
        when = "never"
    rows = [
        ("Baseline monthly bill", f"${result.baseline_monthly_usd:,.2f}", _price_text(base)),
        ("Candidate monthly bill", f"${result.candidate_monthly_usd:,.2f}", _price_text(cand)),
        (
            "Candidate recurring extras",
            f"${result.monthly_extra_usd:,.2f}",
            "hosting, retraining, per month",
        ),
        (
            "Monthly savings",
            f"{'-' if result.monthly_savings_usd < 0 else ''}${abs(result.monthly_savings_usd):,.2f}",
            "",
        ),
        (
            "Upfront cost",
            f"${result.upfront_usd:,.2f}",
            "training + labelling, eval set, engineering",
        ),
        ("Break-even", when, "30-day months"),
        (
            f"Upfront under {PAYBACK_MONTHS} months of savings?",
            "yes: worth evaluating" if result.worth_evaluating else "no",
            "the article's rule",
        ),
        ("Volume band", band.name, band.advice),
    ]
    body = "".join(
        f"<tr><th scope='row' style='text-align:left'>{html.escape(a)}</th><td>{html.escape(b)}</td>"
        f"<td style='color:#555'>{html.escape(c)}</td></tr>"
        for a, b, c in rows
    )
    caption = html.escape(f"Catalog {cat.vintage}: {cat.price_note(today=today)}")
    return f"<table><caption style='caption-side:bottom;font-size:0.85em'>{caption}</caption>{body}</table>"


def _price_text(p: Prices) -> str:
    text = f"{p.label}: ${p.input_usd_per_1m_tokens:g} in / ${p.output_usd_per_1m_tokens:g} out per 1M tokens"
    if p.fixed_usd_per_month:
        text += f" + ${p.fixed_usd_per_month:,.0f} a month"
    return text + (f", as of {p.as_of}" if p.as_of else "")


def break_even_calculator(
    *,
    vintage: str | None = None,
    baseline: str = "gpt-5.4",
    candidate: str = "gpt-4.1-mini-ft",
    requests_per_month: float = 1_000_000,
    today: _dt.date | str | None = None,
) -> Lab:
    """The break-even calculator: volume from 1K to 10M a month, catalog or typed prices, upfront and recurring costs.

    Parameters
    ----------
    vintage
        Catalog vintage to start from (default: the newest).
    today
        The date used for the stale-price warning and lifecycle notes (default: today).

    Examples
    --------
    >>> lab = break_even_calculator(today="2026-11-28")
    >>> "1.9 days" in lab.summary.value
    True
    """
    vintages = [v.vintage for v in _catalog.list_vintages()]
    start = _catalog.load_catalog(
        vintage
    ).vintage  # accepts an id or a date; unknown ones name the closest
    options = _model_options()
    check_choice("baseline", baseline, options)
    check_choice("candidate", candidate, options)
    style = {"description_width": "150px"}
    wide = W.Layout(width="auto")
    controls = {
        "vintage": W.Dropdown(
            options=vintages, value=start, description="Catalog vintage", style=style, layout=wide
        ),
        "requests_per_month": W.FloatLogSlider(
            value=requests_per_month,
            base=10,
            min=3,
            max=7,
            step=0.05,
            description="Requests / month",
            readout_format=",.0f",
            style=style,
            layout=wide,
        ),
        "input_tokens": W.BoundedIntText(
            value=500, min=0, max=1_000_000, description="Input tokens", style=style, layout=wide
        ),
        "output_tokens": W.BoundedIntText(
            value=200, min=0, max=1_000_000, description="Output tokens", style=style, layout=wide
        ),
        "baseline": W.Dropdown(
            options=options, value=baseline, description="Baseline", style=style, layout=wide
        ),
        "candidate": W.Dropdown(
            options=options, value=candidate, description="Candidate", style=style, layout=wide
        ),
        "baseline_input_price": W.FloatText(
            value=2.50, description="Typed base in $/1M", style=style, layout=wide
        ),
        "candidate_input_price": W.FloatText(
            value=0.80, description="Typed cand. in $/1M", style=style, layout=wide
        ),
        "baseline_output_price": W.FloatText(
            value=15.00, description="Typed base out $/1M", style=style, layout=wide
        ),
        "candidate_output_price": W.FloatText(
            value=3.20, description="Typed cand. out $/1M", style=style, layout=wide
        ),
        "training_usd": W.FloatText(
            value=200.0, description="Training $", style=style, layout=wide
        ),
        "other_upfront_usd": W.FloatText(
            value=0.0, description="Labelling, eval, eng. $", style=style, layout=wide
        ),
        "monthly_extra_usd": W.FloatText(
            value=0.0, description="Recurring $ / month", style=style, layout=wide
        ),
    }
    chart = BreakEvenChart()

    def render(**values) -> View:
        return break_even_view(chart, today=today, **values)

    intro = (
        "<p>Choose a baseline and a candidate from the catalog (or <em>(typed prices)</em> to use the price boxes), "
        "set the volume and the token mix, then add every upfront and recurring cost you expect.</p>"
    )
    return Lab(controls, render, intro=intro)
