"""Self-checks for the labs: give an answer, get feedback that explains.

``ft.selfcheck.<name>(answer)`` returns a :class:`Feedback`, shown as a coloured
note in a notebook. One module per area; each lists its checks in ``__all__``.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from .._reexport import reexport

__all__: list[str] = ["Feedback"]


@dataclass(frozen=True)
class Feedback:
    """Whether an answer is right, and why, in a sentence or two."""

    correct: bool
    message: str

    def _repr_html_(self) -> str:
        colour, label = ("#009E73", "Correct") if self.correct else ("#D55E00", "Not yet")
        return f'<div role="status" style="border-left:4px solid {colour};padding:6px 10px"><strong>{label}.</strong> {html.escape(self.message)}</div>'

    def __str__(self) -> str:
        return f"{'Correct' if self.correct else 'Not yet'}. {self.message}"


__all__ += reexport(__name__, __path__, globals())
