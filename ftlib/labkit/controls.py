"""Controls declared once for both faces of a lab (live widget, static page); the monthly-volume
slider and its round steps, which more than one lab uses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import ipywidgets as W

from . import page as _page

__all__ = ["Control", "REQUEST_STEPS", "request_steps", "volume_slider", "volume_steps"]


# Monthly volumes a slider offers: round numbers from 1,000 to 10 million (1-1.2-1.5-2-2.5-3-4-5-6-
# 7-8 in each decade), so the slider reads 20,000 where the code asks for 20,000.
REQUEST_STEPS: tuple[int, ...] = tuple(
    int(m * 10**e) for e in range(3, 7) for m in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8)
) + (10_000_000,)


def request_steps(value: float) -> list[int | float]:
    """The slider's volumes, with ``value`` added in order when it is not a round step.

    Examples
    --------
    >>> 20_000 in request_steps(20_000) and 123_456 in request_steps(123_456)
    True
    """
    steps: list[int | float] = list(REQUEST_STEPS)
    if value not in steps:
        steps = sorted([*steps, value])
    return steps


def volume_slider(value: float, description: str, **kwargs) -> W.SelectionSlider:
    """A slider over :func:`request_steps` that reads the volume itself (``20,000``, not 19,953)."""
    return W.SelectionSlider(
        options=[(f"{v:,.0f}", v) for v in request_steps(value)],
        value=value,
        description=description,
        **kwargs,
    )


@dataclass(frozen=True)
class Control:
    """One control of a lab, declared once: :meth:`widget` builds the live ipywidget and
    :meth:`html` the static page's control, with the same name, label and choices.

    ``kind`` is ``"select"`` (``choices``: ``(text, value)`` pairs), ``"steps"`` (a slider over
    ``choices``), ``"int"`` or ``"float"`` (a number box, at least ``minimum``) or ``"check"``.

    Examples
    --------
    >>> c = Control("cached", "Input cached", "steps", choices=(("0%", 0.0), ("50%", 0.5)))
    >>> c.widget(0.5).description == c.label and 'Input cached' in c.html(0.5)
    True
    """

    name: str
    label: str
    kind: str
    choices: tuple[tuple[str, Any], ...] = ()
    minimum: float | None = None
    maximum: float | None = None

    def widget(self, value: Any, **kwargs: Any) -> W.ValueWidget:
        """The live control, starting at ``value`` (``kwargs``: style, layout)."""
        common = {"value": value, "description": self.label, **kwargs}
        if self.kind == "select":
            return W.Dropdown(options=list(self.choices), **common)
        if self.kind == "steps":
            return W.SelectionSlider(options=list(self.choices), **common)
        if self.kind == "check":
            return W.Checkbox(**common)
        if self.kind == "int":
            return W.BoundedIntText(min=self.minimum or 0, max=self.maximum, **common)
        if self.kind == "float":
            return W.FloatText(**common)
        raise ValueError(f"unknown control kind {self.kind!r}")

    def html(self, value: Any) -> str:
        """The static page's control, starting at ``value``."""
        if self.kind == "select":
            return _page.select(self.name, self.label, self.choices, value)
        if self.kind == "steps":
            return _page.slider(
                self.name,
                self.label,
                [v for _, v in self.choices],
                value,
                [t for t, _ in self.choices],
            )
        if self.kind == "check":
            return _page.checkbox(self.name, self.label, value)
        step = "1" if self.kind == "int" else "any"
        return _page.number(self.name, self.label, value, minimum=self.minimum, step=step)


def volume_steps(value: float) -> tuple[tuple[str, float], ...]:
    """The volume slider's ``(text, value)`` choices, ``value`` included (see :func:`request_steps`).

    Examples
    --------
    >>> volume_steps(20_000)[:2]
    (('1,000', 1000), ('1,200', 1200))
    """
    return tuple((f"{v:,.0f}", v) for v in request_steps(value))
