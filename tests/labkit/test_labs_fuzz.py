"""Every widget control driven through extreme values: a sentence in the page, never a traceback.

For each lab, each control is set to the extremes a learner can reach (slider ends, every option,
huge, tiny, negative and non-finite numbers in number boxes, odd text in text boxes). Setting a
value must not raise; a bad value shows a message in the page (naming what was wrong); and the next
good value clears it, so the red box never shows a stale error.
"""

from __future__ import annotations

import math

import ipywidgets as W
import pytest

import ftlib as ft
import ftlib.costs.lab
import ftlib.costs.selfcheck
import ftlib.datacheck.lab
import ftlib.decision.lab
import ftlib.evaluation.lab
import ftlib.experiments.lab
import ftlib.labkit.selfcheck
import ftlib.readiness.lab
import ftlib.rules.lab

TEXTS = ["", "   ", "x" * 5_000, "ü🙂\u202e\x1b[2J", "2026-13-45", "0001-01-01", "9999-12-31"]
FLOATS = [0.0, -1.0, 1e308, -1e308, 5e-324, math.inf, -math.inf, math.nan, 1.7976931348623157e308]
INTS = [0, -1, 10**18, -(10**18), 2**63]


def extremes(widget: W.ValueWidget) -> list:
    """The values a learner can give this control, extremes first."""
    if isinstance(widget, W.Checkbox):
        return [True, False]
    if isinstance(widget, (W.Dropdown, W.SelectionSlider, W.RadioButtons)):
        return [o[1] if isinstance(o, tuple) else o for o in widget.options]
    if isinstance(widget, (W.IntSlider, W.FloatSlider, W.BoundedIntText, W.BoundedFloatText)):
        return [widget.min, widget.max]
    if isinstance(widget, W.FloatText):
        return FLOATS
    if isinstance(widget, W.IntText):
        return INTS
    if isinstance(widget, W.Text):
        return TEXTS
    return []


def labs():
    yield "volume_band", lambda: ft.rules.lab.volume_band_explorer(20_000)
    yield "break_even", lambda: ft.costs.lab.break_even_calculator(today="2026-12-02")
    yield "decision", lambda: ft.decision.lab.decision_explorer()
    yield "readiness", lambda: ft.readiness.lab.readiness_gate()
    yield "when_not", lambda: ft.decision.lab.when_not_quiz()
    yield "data_check", lambda: ft.datacheck.lab.data_check_lab()
    yield "contamination", lambda: ft.experiments.lab.contamination_lab().lab
    yield "noisy_labels", lambda: ft.experiments.lab.noisy_labels_lab().lab
    yield "leaked_items", lambda: ft.evaluation.lab.leaked_items_explorer()


@pytest.mark.parametrize("name, factory", list(labs()), ids=[n for n, _ in labs()])
def test_every_control_through_extremes_shows_a_sentence_not_a_traceback(name, factory):
    lab = factory()
    initial = {k: w.value for k, w in lab.controls.items()}
    for key, widget in lab.controls.items():
        if isinstance(widget, W.FileUpload):
            continue
        good = widget.value
        for value in extremes(widget):
            try:
                widget.value = value
            except Exception as exc:  # a value the control itself refuses never reaches the lab
                assert type(exc).__name__ == "TraitError", (name, key, value, exc)
                continue
            assert "Traceback" not in lab.message.value
            if lab.message.value and "Check this input" in lab.message.value:
                assert ":" in lab.message.value  # a sentence naming the field
        widget.value = good
        for other, control in lab.controls.items():  # a control may have moved another one
            if not isinstance(control, W.FileUpload):
                control.value = initial[other]
        assert "Check this input" not in lab.message.value, (name, key, lab.message.value)


def test_break_even_huge_dollar_amount_is_shown_and_cleared():
    lab = ft.costs.lab.break_even_calculator(today="2026-12-02")
    lab.controls["baseline"].value = ft.costs.lab.TYPED_PRICES
    lab.controls["baseline_input_price"].value = -1.0
    assert "got -1.0" in lab.message.value
    lab.controls["baseline_input_price"].value = 1e308
    assert "finite number of dollars" in lab.message.value and "got -1.0" not in lab.message.value
    lab.controls["baseline_input_price"].value = 2.5
    assert "Check this input" not in lab.message.value and "$4,250.00" in lab.summary.value


def test_an_unreadable_path_is_a_sentence():
    lab = ft.datacheck.lab.data_check_lab()
    lab.controls["path"].value = "x" * 5_000  # longer than any file name the system allows
    # check-data names the field and shortens the path it quotes
    assert "expected a path this user can reach (File name too long)" in lab.message.value
    assert len(lab.message.value) < 600


def test_self_checks_accept_every_offered_answer():
    q = ft.labkit.selfcheck.self_check(ft.costs.selfcheck.break_even_days_answer, [0, 1e9, 1.9])
    for value in (0, 1e9, 1.9, None):
        q.choice.value = value
    assert q.output.value == ""
