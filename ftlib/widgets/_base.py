"""The shape every lab shares: controls, a message line, a figure and a summary.

``Lab`` wires controls to one ``render(**values) -> View`` function. Bad input
(an ``FtlibError``) is shown in the page as a sentence, never as a traceback,
and the last good figure stays on screen.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import ipywidgets as W
from matplotlib.figure import Figure

from ..errors import FtlibError

_KIND_STYLE = {
    "error": ("#fdecea", "#D55E00", "Check this input"),
    "warning": ("#fff8e1", "#E69F00", "Note"),
    "info": ("#e8f4fb", "#0072B2", "Tip"),
}


@dataclass
class View:
    """What one render shows: a figure with its alt text, an HTML summary, notes."""

    figure: Figure | None = None
    alt: str = ""
    html: str = ""
    warnings: tuple[str, ...] = ()


def figure_html(fig: Figure, alt: str, *, dpi: int = 96) -> str:
    """The figure as an ``<img>`` with alt text (saved widget state keeps it for static readers)."""
    if not alt:
        raise ValueError(
            "alt: got ''; expected a sentence describing the figure for screen readers"
        )
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt, quote=True)}" style="max-width:100%;height:auto">'


def message_html(text: str, kind: str = "error") -> str:
    """A short coloured box with ``text``; ``kind`` is error, warning or info."""
    background, border, label = _KIND_STYLE[kind]
    return (
        f'<div role="{"alert" if kind == "error" else "status"}" style="background:{background};'
        f'border-left:4px solid {border};padding:6px 10px;margin:4px 0;color:#222">'
        f"<strong>{label}:</strong> {html.escape(text)}</div>"
    )


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
    """

    def __init__(
        self,
        controls: Mapping[str, W.ValueWidget],
        render: Callable[..., View],
        *,
        intro: str = "",
        columns: int = 2,
    ):
        self.controls = dict(controls)
        self.render = render
        self.message = W.HTML()
        self.figure = W.HTML()
        self.summary = W.HTML()
        for widget in self.controls.values():
            if (
                widget.layout.width is None
            ):  # fill the grid cell, so long labels leave the slider room
                widget.layout.width = "95%"
        grid = W.GridBox(
            list(self.controls.values()),
            layout=W.Layout(
                grid_template_columns=f"repeat({columns}, minmax(0, 1fr))", grid_gap="4px 16px"
            ),
        )
        children = ([W.HTML(intro)] if intro else []) + [
            grid,
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
        try:
            view = self.render(**self.values())
        except FtlibError as exc:
            self.message.value = message_html(str(exc), "error")
            return None
        self.message.value = "".join(message_html(w, "warning") for w in view.warnings)
        if view.figure is not None:
            self.figure.value = figure_html(view.figure, view.alt)
        self.summary.value = view.html
        return view
