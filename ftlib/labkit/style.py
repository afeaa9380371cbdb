"""The house style of every figure: a colour-blind safe palette, legible text, titles, labels.

Figures are drawn for the site's content column (about 740 px on a 1366 px screen) and exported
as SVG by the notebooks' setup cell. Three rules keep them legible there:

- no text smaller than :data:`MIN_FONT_PT` once drawn (a figure at most :data:`MAX_WIDTH_IN`
  wide is shown at 90 % or more of its size, so text stays at 9 pt or larger on the page);
- every palette colour has at least 3:1 contrast against the white figure background (and
  against the site's dark background, for the odd transparent export);
- the figure background is opaque white, in light and dark mode alike.
"""

from __future__ import annotations

from typing import Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Text

# Okabe-Ito hues (distinguishable with the common forms of colour blindness), darkened where the
# original falls below 3:1 against white: orange 2.3 -> 3.5, sky 2.3 -> 3.5, yellow 1.3 -> 3.4,
# purple 3.1 -> 3.6, grey 2.9 -> 3.7. The keys are unchanged, so callers keep working.
PALETTE: dict[str, str] = {
    "blue": "#0072B2",
    "orange": "#BD7B00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#3390C8",
    "purple": "#C06C9C",
    "yellow": "#A08A00",
    "black": "#000000",
    "grey": "#858585",
}
SEQUENCE: tuple[str, ...] = ("blue", "orange", "green", "vermillion", "sky", "purple", "black")
BACKGROUND = "#ffffff"
NOTE_COLOR = "#333333"
# Smallest text drawn in any house figure, in points at the figure's own size.
MIN_FONT_PT = 10.0
# Widest figure that the desktop column shows at 90 % or more (740 px / 96 px per inch / 0.9 ~ 8.5).
MAX_WIDTH_IN = 8.5
TITLE_PT = 12.0
LABEL_PT = 11.0


class HouseFigure(Figure):
    """A matplotlib Figure that raises any text below :data:`MIN_FONT_PT` when it is drawn.

    The floor is applied before the layout engine runs, so constrained layout makes room for
    the larger text. Plot modules that set ``fontsize=7`` on an annotation still get legible
    text; nothing else about the figure changes.
    """

    def draw(self, renderer: Any) -> None:
        enforce_min_font(self)
        super().draw(renderer)


def enforce_min_font(fig: Figure, min_pt: float = MIN_FONT_PT) -> int:
    """Raise every text of ``fig`` smaller than ``min_pt`` to ``min_pt``; return how many.

    Examples
    --------
    >>> fig, ax = new_figure("Spend", "month", "USD")
    >>> _ = ax.text(0, 0, "tiny", fontsize=6)
    >>> enforce_min_font(fig) >= 1
    True
    """
    raised = 0
    for text in fig.findobj(Text):
        if text.get_text() and float(text.get_fontsize()) < min_pt:
            text.set_fontsize(min_pt)
            raised += 1
    return raised


def house_figure(*, figsize: tuple[float, float] = (7.0, 4.0), **kwargs: Any) -> HouseFigure:
    """An empty house figure (white, constrained layout, minimum text size) to add axes to.

    Use it where a module builds its own axes layout instead of calling :func:`new_figure`.

    Examples
    --------
    >>> fig = house_figure(figsize=(6.0, 3.0))
    >>> ax = fig.add_subplot()
    >>> fig.get_facecolor()[:3]
    (1.0, 1.0, 1.0)
    """
    kwargs.setdefault("layout", "constrained")
    kwargs.setdefault("facecolor", BACKGROUND)
    return HouseFigure(figsize=figsize, **kwargs)


def new_figure(
    title: str, xlabel: str = "", ylabel: str = "", *, figsize: tuple[float, float] = (7.0, 4.0)
) -> tuple[Figure, Axes]:
    """A figure with one axes, titled and labelled (put units in the labels).

    Examples
    --------
    >>> fig, ax = new_figure("Monthly cost", "requests per month", "USD per month")
    >>> ax.get_title()
    'Monthly cost'
    """
    fig = house_figure(figsize=figsize)
    ax = fig.add_subplot()
    style_axes(ax, title, xlabel, ylabel)
    return fig, ax


def style_axes(ax: Axes, title: str, xlabel: str = "", ylabel: str = "") -> None:
    """The house look for any axes, including one placed by hand for fast redraws.

    Examples
    --------
    >>> fig, ax = new_figure("")
    >>> style_axes(ax, "Accuracy", "labelled examples", "accuracy")
    >>> ax.get_xlabel()
    'labelled examples'
    """
    ax.set_title(title, fontsize=TITLE_PT)
    ax.set_xlabel(xlabel, fontsize=LABEL_PT)
    ax.set_ylabel(ylabel, fontsize=LABEL_PT)
    ax.tick_params(labelsize=MIN_FONT_PT)
    ax.set_facecolor(BACKGROUND)
    ax.grid(True, alpha=0.3)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def note(fig: Figure, text: str) -> None:
    """A footnote under the figure, e.g. ``"Prices as of 2026-11-01 (OpenAI pricing page)"``.

    Footnotes carry the price dates, so they get the minimum text size and near-black ink.

    Examples
    --------
    >>> fig, ax = new_figure("Spend")
    >>> note(fig, "Prices as of 2026-11-01 (OpenAI pricing page)")
    >>> fig.get_supxlabel()
    'Prices as of 2026-11-01 (OpenAI pricing page)'
    """
    # supxlabel, unlike fig.text, gets room from the constrained layout; wrap keeps a long date
    # line inside the figure instead of cutting it at the right edge.
    fig.supxlabel(text, x=0.01, ha="left", fontsize=MIN_FONT_PT, color=NOTE_COLOR, wrap=True)


def color(i: int) -> str:
    """The i-th colour of the palette's sequence.

    Examples
    --------
    >>> color(0) == PALETTE["blue"]
    True
    """
    return PALETTE[SEQUENCE[i % len(SEQUENCE)]]
