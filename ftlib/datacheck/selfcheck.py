"""Self-checks for the "Check your data" lab, answered from the shipped sample files."""

from __future__ import annotations

from ..core.errors import FtlibError, check_int, check_number
from ..labkit.feedback import Feedback
from .report import DEFAULT_EPOCHS, check_training_data, data_sample_path

__all__ = ["data_usable_answer", "billed_tokens_answer", "data_leak_answer"]


def data_usable_answer(usable: bool) -> Feedback:
    """Is the shipped sample with defects usable as it stands?

    Examples
    --------
    >>> data_usable_answer(False).correct
    True
    """
    if not isinstance(usable, bool):
        raise FtlibError("usable", usable, "True or False")
    report = check_training_data(data_sample_path("defects"), exact_tokens=False)
    why = (
        f"It has {report.errors_total} errors on {report.invalid_lines} of its {report.lines} lines. An upload is "
        "validated as a whole, so one bad line is enough for the file to be refused; fix or drop them, then check again."
    )
    return Feedback(usable == report.usable, why)


def billed_tokens_answer(billed_tokens: float, epochs: int = DEFAULT_EPOCHS) -> Feedback:
    """How many training tokens are billed for the clean sample at ``epochs`` epochs (within 2%)?

    Examples
    --------
    >>> billed_tokens_answer(60_588).correct
    True
    >>> billed_tokens_answer(20_196).correct
    False
    """
    guess = check_number("billed_tokens", billed_tokens, minimum=0)
    n = check_int("epochs", epochs, minimum=1, maximum=100)
    report = check_training_data(data_sample_path("clean"), exact_tokens=False)
    actual = report.total_tokens * n
    how = (
        f"The file holds {report.total_tokens:,} estimated tokens and every epoch reads all of them again, "
        f"so {n} epochs bill {report.total_tokens:,} x {n} = {actual:,} tokens."
    )
    if abs(guess - actual) <= 0.02 * actual:
        return Feedback(True, how)
    return Feedback(False, f"{guess:,.0f} is not it. " + how)


def data_leak_answer(percent_leaked: float) -> Feedback:
    """What share of the shipped test sample matches the clean training sample (within 1 point)?

    Examples
    --------
    >>> data_leak_answer(10).correct
    True
    """
    guess = check_number("percent_leaked", percent_leaked, minimum=0, maximum=100)
    overlap = check_training_data(
        data_sample_path("clean"), test=data_sample_path("test"), exact_tokens=False
    ).overlap
    actual = 100 * overlap.contaminated_share
    how = (
        f"{overlap.contaminated_test_examples} of {overlap.test_examples} test examples ({actual:.0f}%) match a training "
        f"input: {overlap.exact_pairs} word for word once case and punctuation are ignored, {overlap.near_pairs} with a "
        "word or two changed. Scores on them reward memory, so drop them from the test set."
    )
    if abs(guess - actual) <= 1:
        return Feedback(True, how)
    return Feedback(False, f"{guess:g}% is off. " + how)
