"""The house style of every figure: a colour-blind safe palette, titles, labelled axes."""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure

# Okabe-Ito: distinguishable with the common forms of colour blindness.
PALETTE: dict[str, str] = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
    "grey": "#999999",
}
SEQUENCE: tuple[str, ...] = ("blue", "orange", "green", "vermillion", "sky", "purple", "black")


def new_figure(
    title: str, xlabel: str = "", ylabel: str = "", *, figsize: tuple[float, float] = (7.0, 4.0)
) -> tuple[Figure, Axes]:
    """A figure with one axes, titled and labelled (put units in the labels)."""
    fig = Figure(figsize=figsize, layout="constrained")
    ax = fig.add_subplot()
    style_axes(ax, title, xlabel, ylabel)
    return fig, ax


def style_axes(ax: Axes, title: str, xlabel: str = "", ylabel: str = "") -> None:
    """The house look for any axes, including one placed by hand for fast redraws."""
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.grid(True, alpha=0.3)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def note(fig: Figure, text: str) -> None:
    """A small footnote under the figure, e.g. ``"Prices as of 2026-11-01 (OpenAI pricing page)"``."""
    # supxlabel, unlike fig.text, gets room from the constrained layout.
    fig.supxlabel(text, x=0.01, ha="left", fontsize=7, color="#444444")


def color(i: int) -> str:
    """The i-th colour of the palette's sequence."""
    return PALETTE[SEQUENCE[i % len(SEQUENCE)]]
