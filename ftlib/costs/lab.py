"""The break-even calculator lab: pick a baseline and a candidate, set volume and costs, see when it pays."""

from __future__ import annotations

import datetime as _dt
import html
import math

import ipywidgets as W

from ..catalog import models as _catalog
from ..core import clock as _clock
from ..core.errors import FtlibError, check_choice
from ..core.tables import money
from ..labkit import page as _page
from ..labkit.base import Lab, View
from ..labkit.controls import Control, volume_steps
from ..rules.thresholds import (
    DAYS_PER_MONTH,
    PAYBACK_MONTHS,
    VOLUME_BANDS,
    volume_band,
)
from .bills import (
    BREAK_EVEN_HORIZON_MONTHS,
    CHART_HORIZON_FACTOR,
    CHART_HORIZON_NEVER_MONTHS,
    CHART_HORIZONS_MONTHS,
    Prices,
    Usage,
    Workload,
    billed_prices,
    compare_costs,
    monthly_cost,
)
from .plots import BreakEvenChart

__all__ = [
    "break_even_controls",
    "CACHED_SHARES",
    "TYPED_PRICES",
    "break_even_calculator",
    "break_even_page",
    "break_even_view",
]

TYPED_PRICES = (
    "(typed prices)"  # dropdown entry that uses the two price boxes instead of the catalog
)


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
    return billed_prices(row)


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


# The summary's rows, in order: label and note are written here once and shipped to the static
# page (break_even_page), whose script fills in the numbers only. A None note is computed.
SUMMARY_ROWS: tuple[tuple[str, str, str | None], ...] = (
    ("baseline", "Baseline monthly bill", None),
    ("candidate", "Candidate monthly bill", None),
    ("extra", "Candidate recurring extras", "hosting, retraining, per month"),
    ("savings", "Monthly savings", ""),
    ("upfront", "Upfront cost", "training + labelling, eval set, engineering"),
    ("break_even", "Break-even", f"{DAYS_PER_MONTH}-day months"),
    ("worth", f"Upfront under {PAYBACK_MONTHS} months of savings?", "the article's rule"),
    ("band", "Volume band", None),
)
# The words of the values that are not numbers and of the page's headline, shipped with the rows.
SUMMARY_WORDS = {
    "never": "never",
    "when": "{months} months ({days} days)",
    "worth": "yes: worth evaluating",
    "not_worth": "no",
    "headline": "Break-even after {when}. Monthly savings {savings}; volume band {band}.",
    "headline_never": "Break-even: never. Monthly savings {savings}; volume band {band}.",
}


def summary_rows(
    result, base_text: str, cand_text: str, requests_per_month: float
) -> list[tuple[str, str, str]]:
    """The calculator's summary as (label, value, note) rows, built from :data:`SUMMARY_ROWS`.

    Examples
    --------
    >>> from ftlib.costs import break_even
    >>> rows = summary_rows(break_even(4_250, 1_040, 200), "GPT-5.4", "tuned mini", 1e6)
    >>> rows[3], rows[5][1]
    (('Monthly savings', '$3,210.00', ''), '0.06 months (1.9 days)')
    """
    band = volume_band(requests_per_month)
    if result.breaks_even:
        when = SUMMARY_WORDS["when"].format(
            months=f"{result.break_even_months:.2f}", days=f"{result.break_even_days:.1f}"
        )
    else:
        when = SUMMARY_WORDS["never"]
    values = {
        "baseline": (money(result.baseline_monthly_usd, decimals=2), base_text),
        "candidate": (money(result.candidate_monthly_usd, decimals=2), cand_text),
        "extra": (money(result.monthly_extra_usd, decimals=2), None),
        "savings": (money(result.monthly_savings_usd, decimals=2), None),
        "upfront": (money(result.upfront_usd, decimals=2), None),
        "break_even": (when, None),
        "worth": (
            SUMMARY_WORDS["worth" if result.worth_evaluating else "not_worth"],
            None,
        ),
        "band": (band.name, band.advice),
    }
    rows = []
    for key, label, note in SUMMARY_ROWS:
        value, computed = values[key]
        rows.append((label, value, note if note is not None else str(computed)))
    return rows


def _summary(
    result,
    base: Prices,
    cand: Prices,
    workload: Workload,
    cat: _catalog.Catalog,
    today: _dt.date | str | None,
    uses: tuple[Usage, Usage] = (Usage(), Usage()),
) -> str:
    rows = summary_rows(
        result,
        _price_text(base) + _usage_text(uses[0]),
        _price_text(cand) + _usage_text(uses[1]),
        workload.requests_per_month,
    )
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
    if p.gpus is not None:
        text += (
            f" + ${p.gpus.usd_per_gpu_month:,.0f} a GPU a month, as many GPUs as the traffic needs"
            f" at {p.gpus.tokens_per_second_per_gpu:g} tokens/s each (assumed)"
        )
    return text + (f", as of {p.as_of}" if p.as_of else "")


# What each side's usage controls start at (the live lab and the page alike).
_SIDE_DEFAULTS = {
    f"{who}_{name}": value
    for who in ("baseline", "candidate")
    for name, value in (("cached_share", 0.0), ("batch", False), ("reasoning_tokens", 0))
}


def break_even_controls(
    vintages: list[str], options: list[str], requests_per_month: float
) -> list[Control]:
    """The calculator's controls, declared once for the live lab and the static page.

    Examples
    --------
    >>> names = [c.label for c in break_even_controls(["v"], ["a"], 1_000)]
    >>> names[:2], "Base reasoning tokens" in names
    (['Catalog vintage', 'Requests / month'], True)
    """
    models = tuple((o, o) for o in options)
    controls = [
        Control("vintage", "Catalog vintage", "select", tuple((v, v) for v in vintages)),
        Control(
            "requests_per_month", "Requests / month", "steps", volume_steps(requests_per_month)
        ),
        Control("input_tokens", "Input tokens", "int", minimum=0, maximum=1_000_000),
        Control("output_tokens", "Output tokens", "int", minimum=0, maximum=1_000_000),
        Control("baseline", "Baseline", "select", models),
        Control("candidate", "Candidate", "select", models),
        Control("baseline_input_price", "Typed base in $/1M", "float"),
        Control("candidate_input_price", "Typed cand. in $/1M", "float"),
        Control("baseline_output_price", "Typed base out $/1M", "float"),
        Control("candidate_output_price", "Typed cand. out $/1M", "float"),
        Control("training_usd", "Training $", "float", minimum=0),
        Control("other_upfront_usd", "Labelling, eval, eng. $", "float", minimum=0),
        Control("monthly_extra_usd", "Recurring $ / month", "float", minimum=0),
    ]
    shares = tuple((f"{v:.0%}", v) for v in CACHED_SHARES)
    for who, short in (("baseline", "Base"), ("candidate", "Cand.")):
        controls += [
            Control(f"{who}_cached_share", f"{short} input cached", "steps", shares),
            Control(f"{who}_batch", f"{short} on Batch prices", "check"),
            Control(
                f"{who}_reasoning_tokens",
                f"{short} reasoning tokens",
                "int",
                minimum=0,
                maximum=1_000_000,
            ),
        ]
    return controls


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
    start_values = {
        "vintage": start,
        "requests_per_month": requests_per_month,
        "input_tokens": 500,
        "output_tokens": 200,
        "baseline": baseline,
        "candidate": candidate,
        "baseline_input_price": 2.50,
        "candidate_input_price": 0.80,
        "baseline_output_price": 15.00,
        "candidate_output_price": 3.20,
        "training_usd": 200.0,
        "other_upfront_usd": 0.0,
        "monthly_extra_usd": 0.0,
    }
    controls = {
        c.name: c.widget(
            start_values.get(c.name, _SIDE_DEFAULTS.get(c.name)), style=style, layout=wide
        )
        for c in break_even_controls(vintages, options, requests_per_month)
    }
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
    return [b.to_dict() for b in VOLUME_BANDS]


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
            # A self-hosted row's GPUs follow the traffic (GpuPlan.gpus_for), as in `ftlib cost`.
            "gpu": None
            if p.gpus is None
            else {
                "usd": p.gpus.usd_per_gpu_month,
                "tokens": p.gpus.tokens_per_gpu_month,
                "min": p.gpus.min_gpus,
            },
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


def break_even_data(today: _dt.date | str | None = None) -> dict:
    """What the static page computes from: catalog rows, the rules, the summary's words.

    Examples
    --------
    >>> data = break_even_data("2026-12-02")
    >>> [row["label"] for row in data["rows"]][:2]
    ['Baseline monthly bill', 'Candidate monthly bill']
    """
    vintages = [v.vintage for v in _catalog.list_vintages()]
    return {
        "vintages": {v: _vintage_data(v, today) for v in vintages},
        "typed": TYPED_PRICES,
        "payback_months": PAYBACK_MONTHS,
        "days_per_month": DAYS_PER_MONTH,
        "bands": _band_data(),
        "rows": [{"key": k, "label": label, "note": note} for k, label, note in SUMMARY_ROWS],
        "words": SUMMARY_WORDS,
        "horizon": {
            "steps": list(CHART_HORIZONS_MONTHS),
            "factor": CHART_HORIZON_FACTOR,
            "never": CHART_HORIZON_NEVER_MONTHS,
            "beyond": BREAK_EVEN_HORIZON_MONTHS,  # later than this the chart shows no crossing
        },
        "same_note": _SAME_NOTE,
        "never_note": _NEVER_NOTE,
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
    data = break_even_data(today)
    controls = [
        c.html(values.get(c.name, _SIDE_DEFAULTS.get(c.name)))
        for c in break_even_controls(vintages, options, values["requests_per_month"])
    ]
    return _page.lab_page("break_even", controls, data, package=__package__, intro=intro)
