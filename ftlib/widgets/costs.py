"""The break-even calculator lab: pick a baseline and a candidate, set volume and costs, see when it pays."""

from __future__ import annotations

import datetime as _dt
import html
import math

import ipywidgets as W

from .. import catalog as _catalog
from .. import clock as _clock
from ..costs import Prices, Usage, Workload, compare_costs, monthly_cost
from ..errors import FtlibError, check_choice
from ..plots.costs import BreakEvenChart
from ..rules import (
    DAYS_PER_MONTH,
    PAYBACK_MONTHS,
    VOLUME_FLOOR,
    VOLUME_PAYS_IN_WEEKS,
    VOLUME_RARELY_WORTH,
    volume_band,
)
from . import _page
from ._base import Lab, View

__all__ = [
    "CACHED_SHARES",
    "REQUEST_STEPS",
    "TYPED_PRICES",
    "break_even_calculator",
    "break_even_page",
    "break_even_view",
]

TYPED_PRICES = (
    "(typed prices)"  # dropdown entry that uses the two price boxes instead of the catalog
)


# Monthly volumes a slider offers: round numbers from 1,000 to 10 million (1-1.2-1.5-2-2.5-3-4-5-6-
# 7-8 in each decade), so the slider reads 20,000 where the code asks for 20,000.
REQUEST_STEPS: tuple[int, ...] = tuple(
    int(m * 10**e) for e in range(3, 7) for m in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8)
) + (10_000_000,)
_SAME_NOTE = (
    "Baseline and candidate are the same offering, so there is nothing to save: "
    "pick a cheaper candidate."
)
_NEVER_NOTE = (
    "The candidate costs as much as the baseline or more each month, "
    "so no upfront cost is ever repaid."
)


# The shares of input tokens billed at the cached-input price that the calculator offers.
CACHED_SHARES: tuple[float, ...] = (0.0, 0.2, 0.5, 0.8, 0.9)


def request_steps(value: float) -> list[int | float]:
    """The slider's volumes, with ``value`` added in order when it is not a round step.

    Examples
    --------
    >>> 20_000 in request_steps(20_000) and 123_456 in request_steps(123_456)
    True
    """
    steps: list[int | float] = list(REQUEST_STEPS)
    if value not in steps:
        steps = sorted([*steps, value])
    return steps


def volume_slider(value: float, description: str, **kwargs) -> W.SelectionSlider:
    """A slider over :func:`request_steps` that reads the volume itself (``20,000``, not 19,953)."""
    return W.SelectionSlider(
        options=[(f"{v:,.0f}", v) for v in request_steps(value)],
        value=value,
        description=description,
        **kwargs,
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
    baseline_cached_share: float = 0.0,
    candidate_cached_share: float = 0.0,
    baseline_batch: bool = False,
    candidate_batch: bool = False,
    baseline_reasoning_tokens: float = 0.0,
    candidate_reasoning_tokens: float = 0.0,
) -> View:
    """One render of the calculator: recompute, update ``chart``, build the summary and the notes.

    Each side is called as its :class:`~ftlib.costs.Usage` says: a share of the input billed at
    the cached-input price, the Batch prices, hidden reasoning tokens billed as output.
    """
    cat = _catalog.load_catalog(vintage)
    workload = Workload(requests_per_month, input_tokens, output_tokens)
    base = _prices("baseline", baseline, cat, baseline_input_price, baseline_output_price)
    cand = _prices("candidate", candidate, cat, candidate_input_price, candidate_output_price)
    base_use = _usage("baseline", baseline_cached_share, baseline_batch, baseline_reasoning_tokens)
    cand_use = _usage(
        "candidate", candidate_cached_share, candidate_batch, candidate_reasoning_tokens
    )
    for who, prices, use in (("baseline", base, base_use), ("candidate", cand, cand_use)):
        try:
            monthly_cost(Workload(1, 1, 1), prices, usage=use)  # a price this use needs is missing
        except FtlibError as exc:
            raise FtlibError(f"{who} {exc.field}", exc.value, exc.accepted) from None
    for name, value in (("training_usd", training_usd), ("other_upfront_usd", other_upfront_usd)):
        if value is None or not value >= 0:
            raise FtlibError(name, value, "a number of dollars >= 0")
    for who, prices in (("baseline", base), ("candidate", cand)):
        use = base_use if who == "baseline" else cand_use
        try:  # ftlib.costs refuses a bill that is not finite; say which prices caused it
            finite = math.isfinite(monthly_cost(workload, prices, usage=use).monthly_cost_usd)
        except FtlibError:
            finite = False
        if not finite:
            raise FtlibError(
                f"{who} prices",
                f"${prices.input_usd_per_1m_tokens:g} in"
                f" / ${prices.output_usd_per_1m_tokens:g} out",
                "prices whose monthly bill at this volume is a finite number of dollars",
                "type smaller numbers",
            )
    result = compare_costs(
        workload,
        base,
        cand,
        training_usd + other_upfront_usd,
        monthly_extra_usd,
        baseline_usage=base_use,
        candidate_usage=cand_use,
    )

    notes: list[str] = []
    stale = cat.stale_warning(today=today)
    if stale:
        notes.append(stale)
    if baseline == candidate and baseline != TYPED_PRICES:
        notes.append(_SAME_NOTE)
    on = _clock.today() if today is None else today
    for who, choice in (("baseline", baseline), ("candidate", candidate)):
        if choice != TYPED_PRICES:
            st = cat.status_on(choice, on)
            if st.status != "available":
                notes.append(f"The {who} {st}. Check it can still be used before budgeting for it.")
    if not result.breaks_even:
        notes.append(_NEVER_NOTE)

    footnote = f"Prices as of {cat.as_of} ({cat.vintage})"
    fig = chart.update(result, base.label, cand.label, footnote)
    if result.breaks_even:
        alt = (
            f"Cumulative spend over months: {base.label} against {cand.label}; the lines cross at the break-even point "
            f"after {result.break_even_months:.2f} months ({result.break_even_days:.1f} days)."
        )
    else:
        alt = f"Cumulative spend over months: {cand.label} never drops below {base.label}, so there is no break-even point."
    summary = _summary(result, base, cand, workload, cat, today, uses=(base_use, cand_use))
    return View(fig, alt, summary, tuple(notes))


def _usage(who: str, cached_share: float, batch: bool, reasoning_tokens: float) -> Usage:
    try:
        return Usage(
            cached_share=cached_share, batch=batch, reasoning_tokens_per_request=reasoning_tokens
        )
    except FtlibError as exc:
        raise FtlibError(f"{who} {exc.field}", exc.value, exc.accepted) from None


def _usage_text(use: Usage) -> str:
    """How a side is called, after its prices (the static page's script writes the same)."""
    parts = []
    if use.batch:
        parts.append("Batch prices")
    if use.cached_share:
        parts.append(f"{use.cached_share:.0%} of input cached")
    if use.reasoning_tokens_per_request:
        parts.append(f"+{use.reasoning_tokens_per_request:,.0f} reasoning tokens a request")
    return "; " + ", ".join(parts) if parts else ""


def _summary(
    result,
    base: Prices,
    cand: Prices,
    workload: Workload,
    cat: _catalog.Catalog,
    today: _dt.date | str | None,
    uses: tuple[Usage, Usage] = (Usage(), Usage()),
) -> str:
    band = volume_band(workload.requests_per_month)
    if result.breaks_even:
        when = f"{result.break_even_months:.2f} months ({result.break_even_days:.1f} days)"
    else:
        when = "never"
    rows = [
        (
            "Baseline monthly bill",
            f"${result.baseline_monthly_usd:,.2f}",
            _price_text(base) + _usage_text(uses[0]),
        ),
        (
            "Candidate monthly bill",
            f"${result.candidate_monthly_usd:,.2f}",
            _price_text(cand) + _usage_text(uses[1]),
        ),
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
        "requests_per_month": volume_slider(
            requests_per_month, "Requests / month", style=style, layout=wide
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
    for who, short in (("baseline", "Base"), ("candidate", "Cand.")):
        controls[f"{who}_cached_share"] = W.SelectionSlider(
            options=[(f"{v:.0%}", v) for v in CACHED_SHARES],
            value=0.0,
            description=f"{short} input cached",
            style=style,
            layout=wide,
        )
        controls[f"{who}_batch"] = W.Checkbox(
            value=False, description=f"{short} on Batch prices", style=style, layout=wide
        )
        controls[f"{who}_reasoning_tokens"] = W.BoundedIntText(
            value=0,
            min=0,
            max=1_000_000,
            description=f"{short} reasoning tok.",
            style=style,
            layout=wide,
        )
    chart = BreakEvenChart()

    def render(**values) -> View:
        return break_even_view(chart, today=today, **values)

    intro = (
        "<p>Choose a baseline and a candidate from the catalog (or <em>(typed prices)</em> to use the price boxes), "
        "set the volume and the token mix, then add every upfront and recurring cost you expect.</p>"
    )
    defaults = {name: widget.value for name, widget in controls.items()}
    return Lab(
        controls,
        render,
        intro=intro,
        static=lambda: break_even_page(defaults, intro=intro, today=today),
    )


def _band_data() -> list[dict]:
    edges: tuple[tuple[int, int | None], ...] = (
        (0, VOLUME_FLOOR),
        (VOLUME_FLOOR, VOLUME_RARELY_WORTH),
        (VOLUME_RARELY_WORTH, VOLUME_PAYS_IN_WEEKS),
        (VOLUME_PAYS_IN_WEEKS, None),
    )
    return [
        {"below": high, "name": volume_band(low).name, "advice": volume_band(low).advice}
        for low, high in edges
    ]


def _vintage_data(vintage: str, today: _dt.date | str | None) -> dict:
    cat = _catalog.load_catalog(vintage)
    on = _clock.today() if today is None else today
    models: dict[str, dict] = {}
    status: dict[str, dict] = {}
    for choice in _model_options()[:-1]:
        try:
            p = _prices("{who}", choice, cat, 0.0, 0.0)
        except FtlibError as exc:
            models[choice] = {"error": str(exc)}
            continue
        text = _price_text(p)
        models[choice] = {
            "in": p.input_usd_per_1m_tokens,
            "out": p.output_usd_per_1m_tokens,
            "cached": p.cached_input_usd_per_1m_tokens,
            "batch_in": p.batch_input_usd_per_1m_tokens,
            "batch_out": p.batch_output_usd_per_1m_tokens,
            "fixed": float(p.fixed_usd_per_month),
            "label": p.label,
            "text": text,
        }
        st = cat.status_on(choice, on)
        if st.status != "available":
            status[choice] = {
                who: f"The {who} {st}. Check it can still be used before budgeting for it."
                for who in ("baseline", "candidate")
            }
    return {
        "id": cat.vintage,
        "as_of": str(cat.as_of),
        "caption": f"Catalog {cat.vintage}: {cat.price_note(today=today)}",
        "stale": cat.stale_warning(today=today) or "",
        "models": models,
        "status": status,
    }


def break_even_page(values: dict, *, intro: str = "", today: _dt.date | str | None = None) -> str:
    """The calculator for the static site: catalog rows from ftlib, cost formulas in the page.

    ``values`` are the starting values of the controls (as the live lab has them).

    Examples
    --------
    >>> lab = break_even_calculator(today="2026-12-02")
    >>> 'data-ftlab="break_even"' in break_even_page(lab.values(), today="2026-12-02")
    True
    """
    vintages = [v.vintage for v in _catalog.list_vintages()]
    options = _model_options()
    data = {
        "vintages": {v: _vintage_data(v, today) for v in vintages},
        "typed": TYPED_PRICES,
        "payback_months": PAYBACK_MONTHS,
        "days_per_month": DAYS_PER_MONTH,
        "bands": _band_data(),
        "same_note": _SAME_NOTE,
        "never_note": _NEVER_NOTE,
    }
    steps = request_steps(values["requests_per_month"])
    money = (
        ("training_usd", "Training $"),
        ("other_upfront_usd", "Labelling, eval, eng. $"),
        ("monthly_extra_usd", "Recurring $ / month"),
    )
    controls = [
        _page.select("vintage", "Catalog vintage", [(v, v) for v in vintages], values["vintage"]),
        _page.slider(
            "requests_per_month",
            "Requests / month",
            steps,
            values["requests_per_month"],
            [f"{v:,.0f}" for v in steps],
        ),
        _page.number("input_tokens", "Input tokens", values["input_tokens"], minimum=0, step="1"),
        _page.number(
            "output_tokens", "Output tokens", values["output_tokens"], minimum=0, step="1"
        ),
        _page.select("baseline", "Baseline", [(o, o) for o in options], values["baseline"]),
        _page.select("candidate", "Candidate", [(o, o) for o in options], values["candidate"]),
        _page.number("baseline_input_price", "Typed base in $/1M", values["baseline_input_price"]),
        _page.number(
            "candidate_input_price", "Typed cand. in $/1M", values["candidate_input_price"]
        ),
        _page.number(
            "baseline_output_price", "Typed base out $/1M", values["baseline_output_price"]
        ),
        _page.number(
            "candidate_output_price", "Typed cand. out $/1M", values["candidate_output_price"]
        ),
    ] + [_page.number(name, label, values[name], minimum=0) for name, label in money]
    for who, short in (("baseline", "Base"), ("candidate", "Cand.")):
        controls += [
            _page.slider(
                f"{who}_cached_share",
                f"{short} input cached",
                list(CACHED_SHARES),
                values.get(f"{who}_cached_share", 0.0),
                [f"{v:.0%}" for v in CACHED_SHARES],
            ),
            _page.checkbox(
                f"{who}_batch", f"{short} on Batch prices", values.get(f"{who}_batch", False)
            ),
            _page.number(
                f"{who}_reasoning_tokens",
                f"{short} reasoning tokens",
                values.get(f"{who}_reasoning_tokens", 0),
                minimum=0,
                step="1",
            ),
        ]
    return _page.lab_page("break_even", controls, data, intro=intro)
