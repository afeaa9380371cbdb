"""The answer every self-check returns (its own module, so no check depends on import order)."""

from __future__ import annotations

import html
from dataclasses import dataclass

__all__ = ["Feedback"]


@dataclass(frozen=True)
class Feedback:
    """Whether an answer is right, and why, in a sentence or two.

    Examples
    --------
    >>> str(Feedback(True, "Kappa is 0."))
    'Correct. Kappa is 0.'
    """

    correct: bool
    message: str

    def _repr_html_(self) -> str:
        colour, label = ("#009E73", "Correct") if self.correct else ("#D55E00", "Not yet")
        return (
            f'<div role="status" style="border-left:4px solid {colour};padding:6px 10px">'
            f"<strong>{label}.</strong> {html.escape(self.message)}</div>"
        )

    def __str__(self) -> str:
        return f"{'Correct' if self.correct else 'Not yet'}. {self.message}"
