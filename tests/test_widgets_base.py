"""The shared lab shape: errors shown in the page, the last good figure kept, alt text required."""

import ipywidgets as W
import pytest

import ftlib as ft
from ftlib.widgets import Lab, View, figure_html, message_html


def _render(n):
    if n < 0:
        raise ft.FtlibError("n", n, "a number >= 0")
    fig, _ = ft.plots.new_figure(f"n = {n}", "x", "y")
    return View(fig, f"figure for {n}", f"<p>n is {n}</p>", warnings=("small n",) if n < 2 else ())


def test_lab_renders_at_creation_and_on_change():
    lab = Lab({"n": W.IntSlider(value=1, min=-5, max=5)}, _render)
    assert "n is 1" in lab.summary.value and 'alt="figure for 1"' in lab.figure.value
    assert "small n" in lab.message.value
    lab.controls["n"].value = 3
    assert "n is 3" in lab.summary.value and lab.message.value == ""


def test_bad_input_is_a_message_and_the_last_figure_stays():
    lab = Lab({"n": W.IntSlider(value=3, min=-5, max=5)}, _render)
    figure = lab.figure.value
    lab.controls["n"].value = -2
    assert "n: got -2; expected a number &gt;= 0" in lab.message.value
    assert lab.figure.value == figure and "Traceback" not in lab.message.value


def test_figure_needs_alt_text_and_text_is_escaped():
    fig, _ = ft.plots.new_figure("t")
    with pytest.raises(ValueError, match="alt"):
        figure_html(fig, "")
    assert 'alt="a &quot;quoted&quot; &lt;b&gt;"' in figure_html(fig, 'a "quoted" <b>')
    assert "&lt;script&gt;" in message_html("<script>", "warning")


def test_getting_started_lab_moves_between_bands():
    lab = ft.widgets.volume_band_explorer(20_000)
    assert "below-floor" in lab.summary.value
    lab.controls["requests_per_month"].value = 800_000
    assert "pays-in-weeks" in lab.summary.value and "800,000" in lab.figure.value


def test_lab_output_carries_its_static_page_and_survives_missing_scripts(monkeypatch):
    lab = ft.widgets.volume_band_explorer(20_000)
    bundle = lab._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert 'data-ftlab="volume_band"' in bundle["text/html"]
    assert 'aria-valuetext="20,000"' in bundle["text/html"]  # the slider reads what was asked

    def missing(name):
        raise FileNotFoundError(name)

    monkeypatch.setattr(ft.widgets._page, "_asset", missing)
    bundle = lab._repr_mimebundle_()
    assert "text/html" not in bundle and "application/vnd.jupyter.widget-view+json" in bundle
