"""The shared lab shape: errors shown in the page, the last good figure kept, alt text required."""

import ipywidgets as W
import pytest

import ftlib as ft
import ftlib.labkit.base
import ftlib.labkit.page
import ftlib.labkit.style
import ftlib.rules.lab
from ftlib.labkit.base import Lab, View, figure_html, message_html


def _render(n):
    if n < 0:
        raise ft.FtlibError("n", n, "a number >= 0")
    fig, _ = ft.labkit.style.new_figure(f"n = {n}", "x", "y")
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
    fig, _ = ft.labkit.style.new_figure("t")
    with pytest.raises(ValueError, match="alt"):
        figure_html(fig, "")
    assert 'alt="a &quot;quoted&quot; &lt;b&gt;"' in figure_html(fig, 'a "quoted" <b>')
    assert "&lt;script&gt;" in message_html("<script>", "warning")


def test_getting_started_lab_moves_between_bands():
    lab = ft.rules.lab.volume_band_explorer(20_000)
    assert "below-floor" in lab.summary.value
    lab.controls["requests_per_month"].value = 800_000
    assert "pays-in-weeks" in lab.summary.value and "800,000" in lab.figure.value


def test_lab_output_carries_its_static_page_and_survives_missing_scripts(monkeypatch):
    lab = ft.rules.lab.volume_band_explorer(20_000)
    bundle = lab._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert 'data-ftlab="volume_band"' in bundle["text/html"]
    assert 'aria-valuetext="20,000"' in bundle["text/html"]  # the slider reads what was asked

    def missing(package, name):
        raise FileNotFoundError(name)

    monkeypatch.setattr(ft.labkit.page, "_asset", missing)
    bundle = lab._repr_mimebundle_()
    assert "text/html" not in bundle and "application/vnd.jupyter.widget-view+json" in bundle


def _png_pixels(src: str):
    import base64
    import io

    import numpy as np
    from PIL import Image

    data = src.split("base64,", 1)[1].split('"', 1)[0]
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(data))).convert("RGBA"))


def test_one_pass_png_has_the_pixels_savefig_draws():
    import io

    import numpy as np
    from PIL import Image

    fig, ax = ft.labkit.style.new_figure("Accuracy by variant", "variant", "accuracy")
    ax.bar(["base", "full fine-tuning"], [0.9, 0.6])
    ft.labkit.style.note(fig, "A long footnote that the layout engine has to make room for below.")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=96)
    expected = np.asarray(Image.open(io.BytesIO(buffer.getvalue())).convert("RGBA"))
    dpi = fig.get_dpi()
    src = ft.labkit.base.png_data_uri(fig)
    assert src.startswith("data:image/png;base64,")
    assert np.array_equal(_png_pixels(src), expected)
    assert fig.get_dpi() == dpi  # drawn at 96 dpi, the figure keeps its own afterwards


def test_a_figure_is_drawn_only_for_a_key_not_drawn_lately():
    built = []

    def render(n, label):
        def figure():
            built.append(n)
            fig, _ = ft.labkit.style.new_figure(f"n = {n}")
            return fig

        return View(figure, f"figure for {n}, {label}", f"<p>{n}</p>", figure_key=n)

    lab = Lab({"n": W.IntSlider(value=1, max=40), "label": W.Text("a")}, render)
    assert built == [1]
    lab.controls["label"].value = "b"  # same figure: not built, but the alt text follows
    assert built == [1] and 'alt="figure for 1, b"' in lab.figure.value
    first = lab.figure.value
    lab.controls["n"].value = 2
    lab.controls["n"].value = 1  # back to a figure drawn lately: shown again, not rebuilt
    assert built == [1, 2] and lab.figure.value == first
    for n in range(3, 3 + ft.labkit.base.FIGURE_MEMORY):
        lab.controls["n"].value = n
    lab.controls["n"].value = 1  # forgotten after FIGURE_MEMORY newer ones
    assert built[-1] == 1 and len(lab._figures) == ft.labkit.base.FIGURE_MEMORY


def test_a_view_without_a_key_is_drawn_every_time():
    built = []

    def render(n):
        built.append(n)
        fig, _ = ft.labkit.style.new_figure(f"n = {n}")
        return View(fig, f"figure for {n}")

    lab = Lab({"n": W.IntSlider(value=1)}, render)
    lab.refresh()
    assert built == [1, 1] and not lab._figures
