"""Self-checks for the labs: give an answer, get feedback that explains.

``ft.selfcheck.<name>(answer)`` returns a :class:`Feedback`, shown as a coloured
note in a notebook. One module per area; each lists its checks in ``__all__``.
"""

from __future__ import annotations

from .._reexport import reexport
from ._feedback import Feedback

__all__: list[str] = ["Feedback"]
__all__ += reexport(__name__, __path__, globals())
