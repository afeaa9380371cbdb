"""Self-checks as questions: the learner picks an answer, then sees ftlib's feedback.

``self_check(ft.<area>.selfcheck.some_answer, choices, ...)`` offers ``choices`` and shows
nothing until one is picked, in a notebook and on the static site alike. The feedback for every
choice comes from an area's ``selfcheck`` function (on the site, computed when the page is built).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as W

from . import page as _page
from .base import with_static
from .feedback import Feedback

__all__ = ["SelfCheck", "self_check"]


def _pairs(choices: Sequence[Any]) -> list[tuple[str, Any]]:
    out = []
    for choice in choices:
        if isinstance(choice, tuple) and len(choice) == 2:
            out.append((str(choice[0]), choice[1]))
        else:
            whole = isinstance(choice, int) and not isinstance(choice, bool)
            text = f"{choice:,}" if whole else str(choice)
            out.append((text, choice))
    return out


class SelfCheck(W.VBox):
    """Radio buttons with no answer picked, and the feedback of the one the learner picks."""

    def __init__(
        self,
        check: Callable[..., Feedback],
        choices: Sequence[Any],
        *args: Any,
        answer: str | None = None,
        **kwargs: Any,
    ):
        self.pairs = _pairs(choices)
        self.feedback = [self._call(check, value, args, answer, kwargs) for _, value in self.pairs]
        self.choice = W.RadioButtons(
            options=self.pairs, value=None, description="Your answer", layout=W.Layout(width="auto")
        )
        self.output = W.HTML()
        self.choice.observe(self._show, names="value")
        super().__init__([self.choice, self.output])

    @staticmethod
    def _call(check, value, args, answer, kwargs) -> Feedback:
        if answer is None:
            return check(*args, value, **kwargs)
        return check(*args, **{**kwargs, answer: value})

    def _show(self, _change: object = None) -> None:
        values = [v for _, v in self.pairs]
        if self.choice.value is None:
            self.output.value = ""
            return
        self.output.value = self.feedback[values.index(self.choice.value)]._repr_html_()

    def static_html(self) -> str:
        """The question for the static site: the same choices, ftlib's feedback for each."""
        ident = f"ftlab-check-{id(self)}"
        radios = "".join(
            f'<label><input type="radio" name="{ident}" data-name="answer" '
            f'data-value="{html.escape(_page._json(value), quote=True)}"> '
            f"{html.escape(text)}</label>"
            for text, value in self.pairs
        )
        control = f"<fieldset><legend>Your answer</legend>{radios}</fieldset>"
        data = {
            "values": [v for _, v in self.pairs],
            "feedback": [{"correct": f.correct, "message": f.message} for f in self.feedback],
        }
        return _page.lab_page(
            "self_check", [control], data, package=__package__, script="self_check.js"
        )

    def _repr_mimebundle_(self, **kwargs: object) -> dict | None:
        return with_static(super()._repr_mimebundle_(**kwargs), self.static_html)


def self_check(
    check: Callable[..., Feedback],
    choices: Sequence[Any],
    *args: Any,
    answer: str | None = None,
    **kwargs: Any,
) -> SelfCheck:
    """A self-check question: pick one of ``choices``, then read ftlib's feedback on it.

    ``check`` is a function of an area's ``selfcheck`` module; it is called as ``check(*args, choice, **kwargs)``,
    or with ``answer=NAME`` as ``check(*args, NAME=choice, **kwargs)``. ``choices`` are values
    or ``(text, value)`` pairs. No answer is picked at the start, so no verdict shows before
    the learner answers.

    Examples
    --------
    >>> from ftlib.rules.selfcheck import volume_band_answer
    >>> q = self_check(volume_band_answer, ["below-floor", "marginal"], 70_000)
    >>> q.output.value
    ''
    >>> q.choice.value = "marginal"
    >>> "Correct" in q.output.value
    True
    """
    return SelfCheck(check, choices, *args, answer=answer, **kwargs)
