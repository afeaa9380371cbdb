"""Figures for the catalog: each model's lifecycle on a dated timeline."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from matplotlib import dates as mdates
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ..core.errors import FtlibError, check_date
from ..labkit.style import MIN_FONT_PT, PALETTE, new_figure, note
from .models import Catalog

_STATUS_COLOURS = {
    "available": PALETTE["green"],
    "closed_to_new_users": PALETTE["orange"],
    "training_closed": PALETTE["vermillion"],
    "retired": PALETTE["grey"],
}

__all__ = ["plot_lifecycle_timeline"]


def plot_lifecycle_timeline(
    catalog: Catalog,
    model_ids: Sequence[str],
    *,
    start: str = "2026-01-01",
    end: str = "2027-03-01",
    marks: Mapping[str, str] | None = None,
) -> Figure:
    """One row per offering, coloured by lifecycle status; reported (unconfirmed) spans hatched.

    ``marks`` maps a label to a date drawn as a vertical line (e.g. the article's date).

    Examples
    --------
    >>> from ftlib.catalog import load_catalog
    >>> cat = load_catalog("checked-2026-11")
    >>> fig = plot_lifecycle_timeline(cat, ["gpt-4.1-mini-ft", "gpt-5.4"])
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['gpt-4.1-mini-ft', 'gpt-5.4']
    """
    first, last = check_date("start", start), check_date("end", end)
    if last <= first:
        raise FtlibError("end", end, f"a date after start ({first})")
    rows = [catalog.get(m) for m in model_ids]
    fig, ax = new_figure(
        f"Lifecycle status, catalog {catalog.vintage}",
        "",
        "",
        figsize=(7.5, 0.42 * len(rows) + 1.9),
    )
    to_num = mdates.date2num
    for y, row in enumerate(rows):
        events = list(row.lifecycle)
        for i, event in enumerate(events):
            left = max(event.date, first)
            right = min(events[i + 1].date if i + 1 < len(events) else last, last)
            if right <= left:
                continue
            ax.barh(
                y,
                to_num(right) - to_num(left),
                left=to_num(left),
                height=0.6,
                color=_STATUS_COLOURS[event.status],
                hatch="///" if event.confidence == "reported" else None,
                edgecolor="white",
                linewidth=0.5,
            )
    for label, day in (marks or {}).items():
        x = to_num(check_date(label, day))
        ax.axvline(x, color=PALETTE["black"], lw=1, ls="--")
        ax.text(
            x,
            1.0,
            f" {label}",
            transform=ax.get_xaxis_transform(),
            fontsize=MIN_FONT_PT,
            va="bottom",
            rotation=0,
        )
    ax.set_yticks(range(len(rows)), [r.id for r in rows])
    ax.invert_yaxis()
    ax.set_title(ax.get_title(), pad=16)  # room for the labels of the date marks
    ax.set_xlim(to_num(first), to_num(last))
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    ax.grid(axis="y", visible=False)
    handles = [Patch(color=c, label=s.replace("_", " ")) for s, c in _STATUS_COLOURS.items()]
    handles.append(
        Patch(
            facecolor="white",
            edgecolor=PALETTE["black"],
            hatch="///",
            label="reported, not confirmed",
        )
    )
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.08),
        ncol=3,
        fontsize=MIN_FONT_PT,
        frameon=False,
    )
    note(fig, catalog.price_note().replace("Prices as of", "Status as of"))
    return fig
