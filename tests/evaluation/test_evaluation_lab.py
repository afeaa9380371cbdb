"""The evaluation lab: meaningful initial state, responds to its controls, explains bad input in the page."""

from __future__ import annotations

import pytest

import ftlib as ft
import ftlib.evaluation.lab
import ftlib.evaluation.selfcheck


@pytest.fixture(scope="module")
def comparison_lab():
    return ft.evaluation.lab.paired_comparison_explorer(test_size=100)


@pytest.fixture(scope="module")
def leak_lab():
    return ft.evaluation.lab.leaked_items_explorer()


# The test set and its planted duplicates, as the data's manifest records them.
_EVAL = ft.load_ticket_eval()
PLANTED = len(_EVAL.manifest["planted_duplicates"])
TEST_ITEMS = len(_EVAL.test)


def test_initial_state_already_shows_a_figure_and_a_verdict(comparison_lab, leak_lab):
    for lab in (comparison_lab, leak_lab):
        assert lab.figure.value.startswith("<img") and 'alt="' in lab.figure.value
        assert lab.message.value == ""
    assert (
        "No clear winner" in comparison_lab.summary.value
    )  # 100 items: the interval still crosses zero
    assert f"{PLANTED} of {TEST_ITEMS} test items" in leak_lab.summary.value


def test_more_items_turn_the_verdict(comparison_lab):
    comparison_lab.controls["test_size"].value = 500
    assert "better by 6.6 points" in comparison_lab.summary.value
    comparison_lab.controls["test_size"].value = 100


def test_dropping_leaked_items_at_full_size_warns_and_uses_what_is_left(comparison_lab):
    comparison_lab.controls["test_size"].value = 500
    comparison_lab.controls["drop_leaked"].value = True
    left = TEST_ITEMS - PLANTED
    assert f"Only {left} items remain" in comparison_lab.message.value
    assert f"{left} items" in comparison_lab.summary.value
    comparison_lab.controls["drop_leaked"].value = False
    comparison_lab.controls["test_size"].value = 100


def test_bad_input_is_a_sentence_in_the_page_and_the_figure_stays(comparison_lab):
    before = comparison_lab.figure.value
    comparison_lab.controls["seed"].min = -5
    comparison_lab.controls["seed"].value = -1
    assert (
        "seed: got -1" in comparison_lab.message.value
        and "Traceback" not in comparison_lab.message.value
    )
    assert comparison_lab.figure.value == before
    comparison_lab.controls["seed"].value = 0
    assert comparison_lab.message.value == ""


def test_lowering_the_threshold_finds_more_matches_but_never_fewer(leak_lab):
    counts = []
    for threshold in (0.9, 0.8, 0.6):
        leak_lab.controls["threshold"].value = threshold
        counts.append(int(leak_lab.summary.value.split("<strong>")[1].split(" of ")[0]))
    assert counts == sorted(counts) and counts[1] == 25
    leak_lab.controls["threshold"].value = 0.8


def test_factories_check_their_arguments():
    with pytest.raises(ft.FtlibError, match="metric"):
        ft.evaluation.lab.paired_comparison_explorer(metric="f1")
    with pytest.raises(ft.FtlibError, match="threshold"):
        ft.evaluation.lab.leaked_items_explorer(threshold=0.2)


def test_selfchecks_explain_right_and_wrong_answers():
    assert ft.evaluation.selfcheck.mcnemar_p_answer(2, 10, 0.0386).correct
    wrong = ft.evaluation.selfcheck.mcnemar_p_answer(2, 10, 0.5)
    assert not wrong.correct and "12 discordant items" in wrong.message
    assert ft.evaluation.selfcheck.comparison_outcome_answer(100, "inconclusive").correct
    assert not ft.evaluation.selfcheck.comparison_outcome_answer(100, "better").correct
    assert ft.evaluation.selfcheck.leaked_share_answer(0.05).correct
    assert not ft.evaluation.selfcheck.leaked_share_answer(0.2).correct
    with pytest.raises(ft.FtlibError, match="outcome"):
        ft.evaluation.selfcheck.comparison_outcome_answer(100, "beter")


def test_format_compliance_shown_is_the_share_of_the_subset_shown(comparison_lab):
    """The lab checks each output once; what it shows for a subset must equal checking the
    subset's outputs from scratch."""
    import re

    import numpy as np

    for size, seed in ((50, 0), (175, 3)):
        comparison_lab.controls["test_size"].value = size
        comparison_lab.controls["seed"].value = seed
        pick = _EVAL.test.iloc[np.random.default_rng(seed).permutation(TEST_ITEMS)[:size]]
        expected = [
            ft.format_compliance(pick[f"{side}_output"], _EVAL.schema).share
            for side in ("baseline", "candidate")
        ]
        row = re.search(
            r"format compliance</td><td>([\d.]+)</td><td>([\d.]+)", comparison_lab.summary.value
        )
        assert row is not None
        assert [float(row.group(1)), float(row.group(2))] == [round(e, 3) for e in expected]
    comparison_lab.controls["test_size"].value = 100
    comparison_lab.controls["seed"].value = 0
