"""Cost figures: monthly bills side by side, cumulative spend to break-even, sweeps over volume,
and the catalog's lifecycle timeline (the dates that decide which prices you can still pay)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib import image as mpl_image
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..labkit.style import MIN_FONT_PT, PALETTE, house_figure, new_figure, note, style_axes
from ..rules.thresholds import (
    DAYS_PER_MONTH,
    PAYBACK_MONTHS,
    VOLUME_BANDS,
)
from .bills import (
    BREAK_EVEN_HORIZON_MONTHS,
    BreakEven,
    Prices,
    Usage,
    VolumeSweep,
    Workload,
    chart_horizon_months,
    cumulative_costs,
    monthly_bill_usd,
    monthly_cost,
)

__all__ = [
    "BreakEvenChart",
    "plot_break_even",
    "plot_monthly_costs",
    "plot_break_even_sweep",
    "plot_monthly_cost_sweep",
    "usd_label",
]


def usd_label(value: float, _pos: object = None) -> str:
    """Short dollar label for axes: $950, $12K, $3.4M."""
    for size, suffix in ((1e6, "M"), (1e3, "K")):
        if abs(value) >= size:
            return f"${value / size:,.3g}{suffix}"
    return f"${value:,.0f}"


def _requests_label(value: float, _pos: object = None) -> str:
    for size, suffix in ((1e6, "M"), (1e3, "K")):
        if value >= size:
            return f"{value / size:g}{suffix}"
    return f"{value:g}"


class BreakEvenChart:
    """One reusable figure of cumulative spend; :meth:`update` moves its artists, never redraws.

    The widget keeps one chart and updates it on every change, which keeps a
    recompute-and-redraw well under the 50 ms the labs aim for.

    Examples
    --------
    >>> from ftlib.costs import break_even
    >>> chart = BreakEvenChart()
    >>> r = break_even(4_250, 520, 200)
    >>> fig = chart.update(r, "GPT-5.4", "GPT-4.1 mini tuned", "Prices as of 2026-04-01")
    >>> fig.axes[0].get_title()
    'Cumulative spend: GPT-5.4 vs GPT-4.1 mini tuned'
    """

    def __init__(self, figsize: tuple[float, float] = (6.4, 3.6)):
        # Fixed margins, no layout engine: a layout pass would double the cost of every redraw.
        # A house figure all the same: white, and no text below the house minimum.
        self.figure = house_figure(figsize=figsize, dpi=96, layout=None)
        self.ax = self.figure.add_axes((0.12, 0.2, 0.85, 0.7))
        style_axes(
            self.ax, "Cumulative spend", "months after the switch", "cumulative cost (USD)"
        )  # titled per update
        _CachedBackgroundCanvas(self.figure, self)
        ax = self.ax
        (self.baseline_line,) = ax.plot([], [], color=PALETTE["vermillion"], lw=2, label="baseline")
        (self.candidate_line,) = ax.plot(
            [], [], color=PALETTE["blue"], lw=2, ls="--", label="candidate, upfront cost first"
        )
        (self.marker,) = ax.plot(
            [], [], "o", color=PALETTE["black"], ms=7, zorder=5, label="break-even"
        )
        ax.yaxis.set_major_formatter(FuncFormatter(usd_label))
        ax.xaxis.set_major_locator(MaxNLocator(6))
        ax.yaxis.set_major_locator(MaxNLocator(5))
        self.legend = ax.legend(loc="upper left", fontsize=MIN_FONT_PT, frameon=False)
        self.footnote = self.figure.text(
            0.01, 0.01, "", fontsize=MIN_FONT_PT, color="#444444", ha="left", va="bottom"
        )
        self.verdict = ax.text(
            0.99,
            0.04,
            "",
            transform=ax.transAxes,
            ha="right",
            va="bottom",
            fontsize=MIN_FONT_PT,
            bbox={"boxstyle": "round", "fc": "white", "ec": PALETTE["grey"]},
        )
        # Redrawn on every update; everything else is cached by the canvas while the axes stay put.
        self.dynamic = (self.baseline_line, self.candidate_line, self.marker, self.verdict)

    def static_key(self) -> tuple:
        """What the cached background depends on: while it holds, only the data are redrawn."""
        return (
            self.ax.get_xlim(),
            self.ax.get_ylim(),
            self.ax.get_title(),
            self.footnote.get_text(),
            self.figure.dpi,
            tuple(self.figure.get_size_inches()),
        )

    def update(
        self, result: BreakEven, baseline_label: str, candidate_label: str, footnote: str = ""
    ) -> Figure:
        """Redraw for ``result`` over :func:`~ftlib.costs.bills.chart_horizon_months`."""
        status = result.status
        months_be = result.break_even_months if status == "pays_back" else None
        horizon = chart_horizon_months(months_be)
        months = np.linspace(0.0, horizon, 40)
        base, cand = cumulative_costs(result, months)
        self.baseline_line.set_data(months, base)
        self.candidate_line.set_data(months, cand)
        if months_be is None:
            self.marker.set_data([], [])
            self.verdict.set_text(
                "no break-even: the candidate saves nothing"
                if status == "never"
                else f"break-even more than {BREAK_EVEN_HORIZON_MONTHS // 12} years away"
            )
        else:
            y = result.baseline_monthly_usd * months_be
            self.marker.set_data([months_be], [y])
            self.verdict.set_text(f"break-even after {result.break_even_days:,.1f} days")
        self.ax.set_xlim(0, horizon)
        self.ax.set_ylim(0, _nice_ceiling(max(base[-1], cand[-1], 1.0) * 1.05))
        self.ax.set_title(f"Cumulative spend: {baseline_label} vs {candidate_label}", fontsize=11)
        self.footnote.set_text(footnote)
        return self.figure


class _CachedBackgroundCanvas(FigureCanvasAgg):
    """Agg canvas that keeps the rendered axes, ticks and labels and redraws only the data on top.

    Text rendering is most of the cost of a frame; the horizon and the y limit
    move in coarse steps, so most updates reuse a cached background, and moving
    a slider back and forth finds the last few backgrounds still in the cache.
    """

    def __init__(self, figure: Figure, chart: BreakEvenChart, cache_size: int = 8):
        super().__init__(figure)
        self._chart = chart
        self._cache_size = cache_size
        self._backgrounds: OrderedDict[tuple, object] = OrderedDict()  # static key -> saved pixels

    def draw(self) -> None:
        key = self._chart.static_key()
        if key in self._backgrounds:
            self._backgrounds.move_to_end(key)
            self.restore_region(self._backgrounds[key])
        else:
            for artist in self._chart.dynamic:
                artist.set_visible(False)
            super().draw()
            self._backgrounds[key] = self.copy_from_bbox(self.figure.bbox)
            if len(self._backgrounds) > self._cache_size:
                self._backgrounds.popitem(last=False)  # forget the least recently used axes
            for artist in self._chart.dynamic:
                artist.set_visible(True)
        for artist in self._chart.dynamic:
            self._chart.ax.draw_artist(artist)

    def print_png(self, filename_or_obj, *, metadata=None, pil_kwargs=None, **_ignored) -> None:
        self.draw()
        # Fast zlib level: a slightly larger PNG for a third of the encoding time.
        mpl_image.imsave(
            filename_or_obj,
            self.buffer_rgba(),
            format="png",
            origin="upper",
            dpi=self.figure.dpi,
            metadata=metadata,
            pil_kwargs=pil_kwargs or {"compress_level": 1},
        )


def _nice_ceiling(value: float) -> float:
    """The next 1-2-5 step above ``value``: the y axis keeps its ticks while values move a bit."""
    exponent = 10 ** np.floor(np.log10(value))
    for step in (1, 1.5, 2, 3, 4, 5, 6, 8, 10):
        if value <= step * exponent:
            return float(step * exponent)
    return float(10 * exponent)


def plot_break_even(
    result: BreakEven, baseline_label: str, candidate_label: str, footnote: str = ""
) -> Figure:
    """A fresh cumulative-spend figure with the break-even point marked.

    Examples
    --------
    >>> from ftlib.costs import break_even
    >>> fig = plot_break_even(break_even(4_250, 520, 200), "GPT-5.4", "tuned mini")
    >>> len(fig.axes[0].lines) >= 2
    True
    """
    return BreakEvenChart().update(result, baseline_label, candidate_label, footnote)


def plot_monthly_costs(
    workload: Workload,
    options: Mapping[str, Prices] | Sequence[tuple[str, Prices]],
    footnote: str = "",
    *,
    title: str | None = None,
) -> Figure:
    """Horizontal bars of the monthly bill of each option for one workload, labelled in dollars.

    Examples
    --------
    >>> from ftlib.costs import Prices, Workload
    >>> options = {"big": Prices(2.5, 15), "small": Prices(0.4, 1.6)}
    >>> fig = plot_monthly_costs(Workload(1e6, 500, 200), options)
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['big', 'small']
    """
    items = list(options.items()) if isinstance(options, Mapping) else list(options)
    labels = [label for label, _ in items]
    usd = [monthly_cost(workload, prices).monthly_cost_usd for _, prices in items]
    title = title or (
        f"Monthly cost at {_requests_label(workload.requests_per_month)} requests a month "
        f"({workload.input_tokens_per_request:g} in + "
        f"{workload.output_tokens_per_request:g} out tokens)"
    )
    fig, ax = new_figure(title, "monthly cost (USD)", "", figsize=(7.0, 0.55 * len(items) + 1.6))
    colours = [
        PALETTE["vermillion"],
        PALETTE["orange"],
        PALETTE["blue"],
        PALETTE["green"],
        PALETTE["sky"],
        PALETTE["purple"],
        PALETTE["black"],
    ]
    y = np.arange(len(items))
    ax.barh(y, usd, color=[colours[i % len(colours)] for i in range(len(items))])
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(FuncFormatter(usd_label))
    for yi, value in enumerate(usd):  # bar i sits at y = i
        ax.text(value, yi, f" ${value:,.0f}", va="center", fontsize=MIN_FONT_PT)
    ax.set_xlim(0, max(usd + [1.0]) * 1.22)
    ax.grid(axis="y", visible=False)
    if footnote:
        note(fig, footnote)
    return fig


def plot_break_even_sweep(
    sweeps: Mapping[str, VolumeSweep], footnote: str = "", *, title: str | None = None
) -> Figure:
    """Break-even (days, log scale) against monthly volume for one or more candidates.

    The article's volume thresholds are drawn as vertical lines and its
    3-month payback rule as a horizontal one; volumes that never pay back
    leave a gap in the curve.

    Examples
    --------
    >>> from ftlib.costs import Prices, volume_sweep
    >>> volumes = np.geomspace(1e3, 1e7, 50)
    >>> s = volume_sweep(volumes, 500, 200, Prices(2.5, 15), Prices(0.8, 3.2), 200)
    >>> fig = plot_break_even_sweep({"tuned mini": s})
    >>> fig.axes[0].get_xscale()
    'log'
    """
    fig, ax = new_figure(
        title or "Days to break even against monthly volume",
        "requests a month (log scale)",
        "days to break even (log scale)",
        figsize=(7.0, 4.2),
    )
    colours = [
        PALETTE["blue"],
        PALETTE["orange"],
        PALETTE["green"],
        PALETTE["purple"],
        PALETTE["sky"],
    ]
    for i, (label, sweep) in enumerate(sweeps.items()):
        ax.plot(
            sweep.requests_per_month,
            sweep.break_even_months * DAYS_PER_MONTH,
            color=colours[i % len(colours)],
            lw=2,
            label=label,
        )
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.axhline(PAYBACK_MONTHS * DAYS_PER_MONTH, color=PALETTE["vermillion"], ls="--", lw=1)
    ax.text(
        0.01,
        PAYBACK_MONTHS * DAYS_PER_MONTH,
        f"{PAYBACK_MONTHS}-month rule",
        transform=ax.get_yaxis_transform(),
        va="bottom",
        fontsize=MIN_FONT_PT,
        color=PALETTE["vermillion"],
    )
    for volume, name in ((b.low, f"{b.low // 1000}K") for b in VOLUME_BANDS[1:]):
        ax.axvline(volume, color=PALETTE["grey"], ls=":", lw=1)
        ax.text(
            volume,
            1.0,
            f" {name}",
            transform=ax.get_xaxis_transform(),
            fontsize=MIN_FONT_PT,
            color="#444444",
            va="top",
        )
    ax.xaxis.set_major_formatter(FuncFormatter(_requests_label))
    ax.yaxis.set_major_formatter(FuncFormatter(_requests_label))
    ax.legend(loc="lower left", fontsize=MIN_FONT_PT, frameon=False)
    if footnote:
        note(fig, footnote)
    return fig


def plot_monthly_cost_sweep(
    requests_per_month,
    options: Mapping[str, Prices],
    input_tokens_per_request: float,
    output_tokens_per_request: float,
    footnote: str = "",
    *,
    title: str | None = None,
    usages: Mapping[str, Usage] | None = None,
) -> Figure:
    """Monthly bill against volume (log-log) for several options; a fixed fee shows as a floor.

    A self-hosted option with a :class:`~ftlib.costs.GpuPlan` climbs in steps, one per GPU.
    ``usages`` maps an option's label to its :class:`~ftlib.costs.Usage` (cached share,
    Batch, reasoning tokens).

    Examples
    --------
    >>> from ftlib.costs import Prices
    >>> options = {"api": Prices(0.8, 3.2), "gpu": Prices(0, 0, 587.5)}
    >>> fig = plot_monthly_cost_sweep(np.geomspace(1e3, 1e7, 50), options, 500, 200)
    >>> len(fig.axes[0].lines)
    2
    """
    volume = np.asarray(requests_per_month, dtype=float)
    fig, ax = new_figure(
        title or "Monthly bill against volume",
        "requests a month (log scale)",
        "monthly cost (USD, log scale)",
        figsize=(7.0, 4.2),
    )
    colours = [
        PALETTE["vermillion"],
        PALETTE["orange"],
        PALETTE["blue"],
        PALETTE["sky"],
        PALETTE["green"],
        PALETTE["purple"],
        PALETTE["black"],
    ]
    styles = ["-", "-", "--", ":", "-.", "-", "--"]
    for i, (label, prices) in enumerate(options.items()):
        bill = monthly_bill_usd(
            volume,
            input_tokens_per_request,
            output_tokens_per_request,
            prices,
            usage=(usages or {}).get(label),
        )
        ax.plot(
            volume,
            bill,
            drawstyle="steps-post" if prices.gpus is not None else "default",
            color=colours[i % len(colours)],
            ls=styles[i % len(styles)],
            lw=2,
            label=label,
        )
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.xaxis.set_major_formatter(FuncFormatter(_requests_label))
    ax.yaxis.set_major_formatter(FuncFormatter(usd_label))
    ax.legend(loc="upper left", fontsize=MIN_FONT_PT, frameon=False)
    if footnote:
        note(fig, footnote)
    return fig
