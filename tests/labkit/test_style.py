"""The shared figure style: colours readers can tell apart and see, text they can read."""

from __future__ import annotations

import io

import pytest
from matplotlib.figure import Figure

from ftlib.labkit import style as _style

WHITE = "#ffffff"
# pydata-sphinx-theme 0.16's dark-mode page background.
DARK_PAGE = "#14181e"


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2.x relative luminance, written out from the definition."""
    channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_helper_matches_known_wcag_values():
    assert contrast("#000000", WHITE) == pytest.approx(21.0)
    assert contrast("#767676", WHITE) == pytest.approx(4.54, abs=0.01)  # the classic AA grey
    assert contrast("#E69F00", WHITE) == pytest.approx(2.25, abs=0.01)  # Okabe-Ito orange: too pale


@pytest.mark.parametrize("name", [n for n in _style.PALETTE if n != "black"])
def test_every_palette_colour_reaches_3_to_1_on_white_and_on_the_dark_page(name):
    hex_colour = _style.PALETTE[name]
    assert contrast(hex_colour, WHITE) >= 3.0, f"{name} {hex_colour} on white"
    assert contrast(hex_colour, DARK_PAGE) >= 3.0, f"{name} {hex_colour} on the dark page"


def test_black_lines_sit_on_an_opaque_white_figure():
    fig, ax = _style.new_figure("t")
    assert fig.get_facecolor() == (1.0, 1.0, 1.0, 1.0)
    assert ax.get_facecolor() == (1.0, 1.0, 1.0, 1.0)


def test_footnote_ink_reads_at_4_5_to_1_on_the_figure():
    assert contrast(_style.NOTE_COLOR, WHITE) >= 4.5


def test_the_sequence_starts_with_distinct_colours():
    firsts = [_style.color(i) for i in range(len(_style.SEQUENCE))]
    assert len(set(firsts)) == len(firsts)
    assert _style.color(len(_style.SEQUENCE)) == _style.color(0)


def test_small_text_is_raised_to_the_minimum_when_drawn():
    fig, ax = _style.new_figure("Spend", "month", "USD")
    tiny = ax.text(0.5, 0.5, "as of 2026-11-01", fontsize=6)
    ax.plot([0, 1], [0, 1], label="line")
    legend = ax.legend(fontsize=7)
    _style.note(fig, "Prices as of 2026-11-01 (OpenAI pricing page)")
    fig.savefig(io.BytesIO(), format="svg")
    assert tiny.get_fontsize() == _style.MIN_FONT_PT
    assert all(t.get_fontsize() >= _style.MIN_FONT_PT for t in legend.get_texts())
    assert fig.get_supxlabel() == "Prices as of 2026-11-01 (OpenAI pricing page)"
    assert all(t.get_fontsize() >= _style.MIN_FONT_PT for t in ax.get_xticklabels())


def test_larger_text_is_left_alone():
    fig, ax = _style.new_figure("Spend")
    big = ax.text(0, 0, "big", fontsize=14)
    assert _style.enforce_min_font(fig) == 0 or big.get_fontsize() == 14
    assert big.get_fontsize() == 14


def test_a_plain_matplotlib_figure_is_not_touched():
    fig = Figure()
    text = fig.add_subplot().text(0, 0, "x", fontsize=6)
    fig.savefig(io.BytesIO(), format="svg")
    assert text.get_fontsize() == 6


def test_the_minimum_holds_at_9_pt_on_the_desktop_column():
    # The column shows a figure MAX_WIDTH_IN wide at 740 px at 96 px per inch, or larger.
    shown_scale = min(1.0, 740 / (_style.MAX_WIDTH_IN * 96))
    assert _style.MIN_FONT_PT * shown_scale >= 9.0
