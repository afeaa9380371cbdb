"""The shape every lab shares: controls, a message line, a figure and a summary.

``Lab`` wires controls to one ``render(**values) -> View`` function. Bad input
(an ``FtlibError``, or any number too large to compute with) is shown in the page
as a sentence, never as a traceback; the last good figure stays on screen and a
message never outlives the input that caused it.

Drawing a figure is most of an update's time (matplotlib lays out and rasterises every text),
so a render may name what its figure shows (``View.figure_key``) and hand the figure over
unbuilt (a function): a figure identical to the one on screen is neither built nor drawn again,
and the last few drawn are kept, so moving a control back shows its figure at once.

A lab may also carry a *static page*: ``static`` is a function returning the
HTML that the built website shows instead of the live widget (see
:mod:`ftlib.labkit.page`). It travels as the ``text/html`` entry of the lab's
output, next to the widget view: JupyterLab and Colab show the live widget, and
the book's html builder prefers ``text/html`` (``nb_mime_priority_overrides``).
"""

from __future__ import annotations

import base64
import html
import io
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass

import ipywidgets as W
from matplotlib.backend_bases import FigureCanvasBase
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from ..core.errors import FtlibError

_KIND_STYLE = {
    "error": ("#fdecea", "#D55E00", "Check this input"),
    "warning": ("#fff8e1", "#E69F00", "Note"),
    "info": ("#e8f4fb", "#0072B2", "Tip"),
}
# Controls narrower than this wrap onto their own row, so phones get one usable column.
CONTROL_MIN_WIDTH = "260px"
# Drawn figures a lab keeps (PNG data), keyed by ``View.figure_key``: a few positions to go back to.
FIGURE_MEMORY = 16


@dataclass
class View:
    """What one render shows: a figure with its alt text, an HTML summary, notes.

    ``figure`` may be a function that builds the figure; with a ``figure_key`` (anything hashable
    that determines what the figure shows), a lab builds and draws it only when that key is not
    the one on screen or among the last :data:`FIGURE_MEMORY` drawn.
    """

    figure: Figure | Callable[[], Figure] | None = None
    alt: str = ""
    html: str = ""
    warnings: tuple[str, ...] = ()
    figure_key: Hashable | None = None


def png_data_uri(fig: Figure, *, dpi: int = 96) -> str:
    """The figure drawn once at ``dpi`` as a ``data:image/png`` URI.

    A figure with its own canvas (a chart that redraws only what moved) prints through it;
    any other is drawn by one Agg pass (``savefig`` draws a layout-engine figure twice) and
    encoded at a fast zlib level: the pixels are the same, the PNG a little larger.
    """
    if type(fig.canvas) not in (FigureCanvasBase, FigureCanvasAgg):
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=dpi)
        png = buffer.getvalue()
    else:
        saved = fig.get_dpi()
        fig.set_dpi(dpi)
        try:
            canvas = FigureCanvasAgg(fig)
            canvas.draw()
            image = Image.frombuffer(
                "RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1
            )
            buffer = io.BytesIO()
            image.save(buffer, format="png", compress_level=1)
            png = buffer.getvalue()
        finally:
            fig.set_dpi(saved)
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def _check_alt(alt: str) -> None:
    """Every figure needs its description (checked before anything is drawn)."""
    if not alt:
        raise ValueError(
            "alt: got ''; expected a sentence describing the figure for screen readers"
        )


def img_html(src: str, alt: str) -> str:
    """An ``<img>`` of ``src`` with its alt text (required: screen readers read it)."""
    _check_alt(alt)
    return (
        f'<img src="{src}" alt="{html.escape(alt, quote=True)}" style="max-width:100%;height:auto">'
    )


def figure_html(fig: Figure, alt: str, *, dpi: int = 96) -> str:
    """The figure as an ``<img>`` with alt text (saved widget state keeps it for static readers).

    Examples
    --------
    >>> from ftlib.labkit.style import new_figure
    >>> fig, _ = new_figure("t")
    >>> figure_html(fig, "an empty chart").startswith("<img")
    True
    """
    _check_alt(alt)
    return img_html(png_data_uri(fig, dpi=dpi), alt)


def message_html(text: str, kind: str = "error") -> str:
    """A short coloured box with ``text``; ``kind`` is error, warning or info.

    Examples
    --------
    >>> "Check this input" in message_html("rank: got 3")
    True
    """
    background, border, label = _KIND_STYLE[kind]
    return (
        f'<div role="{"alert" if kind == "error" else "status"}" style="background:{background};'
        f'border-left:4px solid {border};padding:6px 10px;margin:4px 0;color:#222">'
        f"<strong>{label}:</strong> {html.escape(text)}</div>"
    )


def _sentence(exc: Exception) -> str:
    """One line for a bad input that ftlib did not phrase itself (a number too large, say)."""
    if isinstance(exc, FtlibError):
        return str(exc)
    if isinstance(exc, OSError):
        name = str(exc.filename or "")
        shown = name if len(name) <= 80 else name[:77] + "..."
        return f"The file {shown!r} cannot be read here: {exc.strerror or exc}."
    return (
        "These inputs give a number too large to compute with "
        f"({type(exc).__name__}: {str(exc)[:120]}); try smaller values."
    )


def with_static(bundle: dict | None, make: Callable[[], str] | None) -> dict | None:
    """A widget's output bundle plus its static page as ``text/html`` (what the site shows).

    An install without the page's scripts (package data left out) keeps the live widget alone.
    """
    if bundle is None or make is None:
        return bundle
    try:
        page = make()
    except FileNotFoundError:
        return bundle
    return {**bundle, "text/html": page}


class Lab(W.VBox):
    """Controls on top, then messages, the figure and the summary; ``refresh()`` re-renders.

    Parameters
    ----------
    controls
        Widgets whose ``value`` is passed to ``render`` under the mapping's key.
    render
        A function of those values returning a :class:`View`; it may raise ``FtlibError``.
    intro
        Optional HTML shown above the controls (what to try, what to expect).
    static
        Optional function returning the HTML of the lab for the static website.

    Examples
    --------
    >>> import ipywidgets as W
    >>> lab = Lab({"n": W.IntSlider(value=2)}, lambda n: View(html=f"<p>{n}</p>"))
    >>> lab.summary.value
    '<p>2</p>'
    """

    def __init__(
        self,
        controls: Mapping[str, W.ValueWidget],
        render: Callable[..., View],
        *,
        intro: str = "",
        static: Callable[[], str] | None = None,
    ):
        self.controls = dict(controls)
        self.render = render
        self.static = static
        self.message = W.HTML()
        self.figure = W.HTML()
        self.summary = W.HTML()
        # Shown while a render runs, so a slow experiment visibly works instead of freezing.
        self.status = W.HTML()
        # Drawn figures by View.figure_key, most recent last; the one on screen is the last.
        self._figures: OrderedDict[Hashable, str] = OrderedDict()
        for widget in self.controls.values():
            if widget.layout.width in (None, "auto"):
                widget.layout.width = "95%"  # fill the grid cell, so long labels leave room
        grid = W.GridBox(
            list(self.controls.values()),
            layout=W.Layout(
                grid_template_columns=(
                    f"repeat(auto-fit, minmax(min(100%, {CONTROL_MIN_WIDTH}), 1fr))"
                ),
                grid_gap="4px 16px",
            ),
        )
        children = ([W.HTML(intro)] if intro else []) + [
            grid,
            self.status,
            self.message,
            self.figure,
            self.summary,
        ]
        super().__init__(children)
        for widget in self.controls.values():
            widget.observe(self.refresh, names="value")
        self.refresh()

    def values(self) -> dict:
        """The current value of every control."""
        return {name: widget.value for name, widget in self.controls.items()}

    def refresh(self, _change: object = None) -> View | None:
        """Re-render from the controls; show bad input as a message and keep the last figure."""
        self.status.value = '<div role="status" style="color:#555;font-style:italic">Working…</div>'
        try:
            view = self.render(**self.values())
            figure = self._figure_html(view)
        except (FtlibError, ValueError, OverflowError, ZeroDivisionError, OSError) as exc:
            self.message.value = message_html(_sentence(exc), "error")
            return None
        finally:
            self.status.value = ""
        self.message.value = "".join(message_html(w, "warning") for w in view.warnings)
        if figure is not None:
            self.figure.value = figure
        self.summary.value = view.html
        return view

    def _figure_html(self, view: View) -> str | None:
        """The view's figure as an ``<img>``, drawn only if its key was not drawn lately."""
        if view.figure is None:
            return None
        _check_alt(view.alt)
        key = view.figure_key
        if key is not None and key in self._figures:
            self._figures.move_to_end(key)
            return img_html(self._figures[key], view.alt)
        fig = view.figure if isinstance(view.figure, Figure) else view.figure()
        src = png_data_uri(fig)
        if key is not None:
            self._figures[key] = src
            while len(self._figures) > FIGURE_MEMORY:
                self._figures.popitem(last=False)
        return img_html(src, view.alt)

    def _repr_mimebundle_(self, **kwargs: object) -> dict | None:
        return with_static(super()._repr_mimebundle_(**kwargs), self.static)
