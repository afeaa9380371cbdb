"""Controls more than one lab uses: the monthly-volume slider and its round steps."""

from __future__ import annotations

import ipywidgets as W

__all__ = ["REQUEST_STEPS", "request_steps", "volume_slider"]


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
