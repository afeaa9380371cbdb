"""Paired comparison: known McNemar tables, bootstrap invariants and the verdict in words."""

from __future__ import annotations

import numpy as np
import pytest

import ftlib as ft


def _paired(both: int, base_only: int, cand_only: int, neither: int):
    """Labels and two models' predictions with the given 2x2 table of right/wrong."""
    y = ["yes"] * (both + base_only + cand_only + neither)
    base = ["yes"] * both + ["yes"] * base_only + ["no"] * cand_only + ["no"] * neither
    cand = ["yes"] * both + ["no"] * base_only + ["yes"] * cand_only + ["no"] * neither
    return y, base, cand


@pytest.mark.parametrize(
    ("b", "c", "p"),
    [
        (2, 10, 2 * (1 + 12 + 66) / 4096),  # 0.0386
        (0, 5, 2 / 32),
        (0, 6, 2 / 64),
        (3, 3, 1.0),
        (0, 0, 1.0),
        (1, 1, 1.0),
    ],
)
def test_mcnemar_exact_known_tables(b, c, p):
    assert ft.evaluation.mcnemar_exact_p(b, c) == pytest.approx(p)
    assert ft.evaluation.mcnemar_exact_p(c, b) == pytest.approx(p)


def test_mcnemar_large_tables_agree_across_the_exact_and_log_space_paths():
    # 2,000 discordant items use integers, 2,002 use logs: p-values move smoothly across the switch
    assert ft.evaluation.mcnemar_exact_p(960, 1040) == pytest.approx(0.0782, abs=2e-3)
    assert ft.evaluation.mcnemar_exact_p(961, 1041) == pytest.approx(
        ft.evaluation.mcnemar_exact_p(960, 1040), rel=0.05
    )
    assert ft.evaluation.mcnemar_exact_p(50_000, 50_000) == pytest.approx(1.0)
    assert ft.evaluation.mcnemar_exact_p(49_000, 51_000) < 1e-9


def test_mcnemar_counts_only_discordant_items():
    y, base, cand = _paired(both=50, base_only=2, cand_only=10, neither=38)
    base_right = [t == p for t, p in zip(y, base, strict=False)]
    cand_right = [t == p for t, p in zip(y, cand, strict=False)]
    result = ft.evaluation.mcnemar_exact(base_right, cand_right)
    assert (result.baseline_only, result.candidate_only) == (2, 10)
    assert result.p_value == pytest.approx(0.0386, abs=1e-4)


def test_bootstrap_of_identical_models_is_zero_and_of_opposites_is_one():
    scores = [1, 0, 1, 1, 0] * 10
    assert ft.evaluation.paired_bootstrap_ci(scores, scores) == (0.0, 0.0)
    assert ft.evaluation.paired_bootstrap_ci([0] * 30, [1] * 30) == (1.0, 1.0)


def test_bootstrap_interval_contains_the_difference_and_narrows_with_more_items():
    rng = np.random.default_rng(4)
    widths = []
    for n in (50, 200, 800):
        base = (rng.random(n) < 0.8).astype(int)
        cand = (rng.random(n) < 0.86).astype(int)
        low, high = ft.evaluation.paired_bootstrap_ci(base, cand, seed=1)
        assert low <= cand.mean() - base.mean() <= high
        widths.append(high - low)
    assert widths[0] > widths[1] > widths[2]


def test_bootstrap_width_agrees_with_the_formula():
    # 400 items: 300 both right, 20 baseline only, 44 candidate only, 36 neither
    y, base, cand = _paired(300, 20, 44, 36)
    result = ft.compare_models(y, base, cand, n_resamples=4000, seed=2)
    expected = ft.evaluation.ci_width_by_test_size(
        0.80, 0.86, sizes=[400], discordant_share=64 / 400
    )
    assert expected["half_width_points"].iloc[0] == pytest.approx(
        1.96 * np.sqrt((0.16 - 0.06**2) / 400) * 100, rel=1e-4
    )
    assert (result.ci_high - result.ci_low) * 100 == pytest.approx(
        expected["width_points"].iloc[0], rel=0.1
    )


def test_ci_width_table_hand_computed():
    # independent errors: q = 0.8 * 0.14 + 0.86 * 0.2 = 0.284; variance 0.284 - 0.06**2 = 0.2804
    table = ft.evaluation.ci_width_by_test_size(0.80, 0.86, sizes=[100])
    assert table["half_width_points"].iloc[0] == pytest.approx(
        1.959964 * np.sqrt(0.2804 / 100) * 100, rel=1e-6
    )
    default = ft.evaluation.ci_width_by_test_size(0.80, 0.86)
    assert default["test_size"].tolist() == [
        ft.rules.MIN_TEST_EXAMPLES,
        ft.rules.MAX_TEST_EXAMPLES,
        500,
    ]
    assert default["detects_difference"].tolist() == [False, False, True]
    assert default["width_points"].is_monotonic_decreasing


def test_clear_gain_gets_a_better_verdict_with_numbers():
    y, base, cand = _paired(300, 10, 40, 50)
    result = ft.compare_models(y, base, cand)
    assert result.outcome == "better"
    assert result.difference == pytest.approx(30 / 400)
    assert result.ci_low > 0 and result.ci_low <= result.difference <= result.ci_high
    assert result.verdict.startswith("The candidate is better by 7.5 points (95% CI ")
    assert "McNemar p = " in result.verdict


def test_swapping_the_models_flips_the_verdict():
    y, base, cand = _paired(300, 10, 40, 50)
    forward, backward = ft.compare_models(y, base, cand), ft.compare_models(y, cand, base)
    assert backward.outcome == "worse" and backward.difference == pytest.approx(-forward.difference)
    assert backward.mcnemar.p_value == forward.mcnemar.p_value
    assert backward.verdict.startswith("The candidate is worse by 7.5 points")


def test_small_gap_on_a_small_set_is_inconclusive_and_says_how_many_items_would_settle_it():
    y, base, cand = _paired(35, 3, 5, 7)
    result = ft.compare_models(y, base, cand)
    assert result.outcome == "inconclusive"
    assert result.ci_low < 0 < result.ci_high
    assert result.items_needed > 50
    assert result.verdict.startswith(
        "No clear winner on accuracy: the candidate is 4.0 points ahead"
    )
    assert f"About {result.items_needed} items" in result.verdict


def test_identical_predictions_are_level():
    y, base, _ = _paired(40, 0, 0, 10)
    result = ft.compare_models(y, base, base)
    assert (
        result.difference == 0 and result.items_needed is None and result.outcome == "inconclusive"
    )
    assert "the candidate is level" in result.verdict


def test_macro_f1_comparison_uses_the_metric_itself():
    y = ["a", "a", "b", "b", "c", "c"] * 10
    base = ["a", "b", "b", "b", "c", "a"] * 10
    cand = ["a", "a", "b", "b", "c", "a"] * 10
    result = ft.compare_models(y, base, cand, metric="macro_f1")
    assert result.baseline_score == pytest.approx(ft.evaluation.macro_f1(y, base))
    assert result.candidate_score == pytest.approx(ft.evaluation.macro_f1(y, cand))


def test_no_answer_counts_as_wrong():
    result = ft.compare_models(["a"] * 4, ["a", "a", None, None], ["a", "a", "a", None])
    assert (result.baseline_score, result.candidate_score) == (0.5, 0.75)


def test_same_seed_same_interval():
    y, base, cand = _paired(60, 5, 9, 26)
    assert ft.compare_models(y, base, cand, seed=3) == ft.compare_models(y, base, cand, seed=3)


def test_compare_by_test_size_uses_nested_subsets():
    y, base, cand = _paired(300, 10, 40, 50)
    table = ft.evaluation.compare_by_test_size(y, base, cand, sizes=(50, 100, 400))
    assert table["test_size"].tolist() == [50, 100, 400]
    assert table["outcome"].iloc[-1] == "better"
    assert table["difference"].iloc[-1] == pytest.approx(0.075)  # the whole set
    widths = (table["ci_high"] - table["ci_low"]).tolist()
    assert widths[0] > widths[-1]


@pytest.mark.parametrize(
    ("call", "field", "text"),
    [
        (lambda: ft.compare_models([], [], []), "y_true", "at least one item"),
        (
            lambda: ft.compare_models(["a", "b"], ["a", "b"], ["a"]),
            "candidate_pred",
            "one per item of y_true (2)",
        ),
        (
            lambda: ft.compare_models(["a", None], ["a", "b"], ["a", "b"]),
            "y_true[1]",
            "missing labels",
        ),
        (
            lambda: ft.compare_models(["a"], ["a"], ["a"], metric="f1"),
            "metric",
            "one of accuracy, macro_f1",
        ),
        (lambda: ft.compare_models(["a"], ["a"], ["a"], confidence=95), "confidence", "<= 0.999"),
        (lambda: ft.evaluation.mcnemar_exact([1, 0], [1, 2]), "candidate[1]", "True/False or 1/0"),
        (
            lambda: ft.evaluation.mcnemar_exact([1, 0], [1]),
            "candidate",
            "one per baseline item (2)",
        ),
        (
            lambda: ft.evaluation.paired_bootstrap_ci([1, float("nan")], [1, 0]),
            "baseline[1]",
            "missing scores",
        ),
        (lambda: ft.evaluation.mcnemar_exact_p(-1, 3), "baseline_only", ">= 0"),
        (
            lambda: ft.evaluation.compare_by_test_size(
                ["a"] * 10, ["a"] * 10, ["a"] * 10, sizes=(5, 50)
            ),
            "sizes[1]",
            "<= 10",
        ),
        (
            lambda: ft.evaluation.ci_width_by_test_size(0.8, 0.9, discordant_share=0.05),
            "discordant_share",
            ">= 0.1",
        ),
        (lambda: ft.evaluation.ci_width_by_test_size(80, 90), "baseline_accuracy", "<= 1"),
    ],
)
def test_bad_input_names_the_field(call, field, text):
    with pytest.raises(ft.FtlibError) as info:
        call()
    assert info.value.field == field
    assert text in str(info.value)


def test_two_items_never_give_a_firm_do_not_ship():
    # Both items lost by the candidate: the interval is -100 to -100 points but
    # McNemar p = 0.5 and 2 items is far under the course's 50.
    r = ft.compare_models(["a", "b"], ["a", "b"], ["x", "y"])
    assert r.outcome == "worse" and r.firm is False
    assert "do not ship it" not in r.verdict and "not firm" in r.verdict


def test_large_test_sets_resample_by_pattern_and_stay_exact():
    # 200,000 items in four patterns: scores are exact shares, the interval is narrow
    # around the true gap of 5 points (hand-computed: 0.85 - 0.80).
    n = 200_000
    y = ["a"] * n
    base = ["a"] * (n * 80 // 100) + ["b"] * (n * 20 // 100)
    cand = ["a"] * (n * 85 // 100) + ["b"] * (n * 15 // 100)
    r = ft.compare_models(y, base, cand)
    assert (r.baseline_score, r.candidate_score) == (0.8, 0.85)
    assert 0.048 < r.ci_low < 0.05 < r.ci_high < 0.052 and r.firm


def test_list_labels_are_a_named_error_not_a_type_error():
    with pytest.raises(ft.FtlibError, match=r"y_true\[1\]"):
        ft.compare_models(["a", ["b"]], ["a", "b"], ["a", "b"], metric="macro_f1")
    with pytest.raises(ft.FtlibError, match=r"y_pred\[0\]"):
        ft.evaluation.macro_f1(["a"], [{"x": 1}])


def test_ci_width_refuses_absurd_sizes_instead_of_going_negative():
    with pytest.raises(ft.FtlibError, match=r"sizes\[0\]"):
        ft.evaluation.ci_width_by_test_size(0.8, 0.86, sizes=[10**30])
    assert (ft.evaluation.ci_width_by_test_size(0.8, 0.86, sizes=[10**9])["test_size"] > 0).all()


def test_items_to_settle_grows_with_the_square_of_the_width_ratio():
    from ftlib.evaluation.comparison import items_to_settle

    # hand-computed: halving the interval takes 4x the items, a third takes 9x
    assert items_to_settle(100, 0.10, 0.05) == 400
    assert items_to_settle(100, 0.15, 0.05) == 900
    assert items_to_settle(250, 0.10, -0.05) == 1000  # the sign of the gap does not matter
    assert items_to_settle(100, 0.02, 0.05) == 100  # already narrow enough: never fewer than n
    assert items_to_settle(100, 0.10, 0.0) is None


@pytest.mark.parametrize(
    "p, confidence, supported",
    [
        (0.0499, 0.95, True),
        (0.05, 0.95, False),  # exactly at the threshold: not below it
        (0.0501, 0.95, False),
        (0.25, 0.75, False),  # McNemar's exact p for 3 discordant pairs all one way
        (0.0099, 0.99, True),
        (0.01, 0.99, False),
    ],
)
def test_mcnemar_supports_a_gain_only_below_the_threshold(p, confidence, supported):
    from ftlib.evaluation.comparison import mcnemar_supports

    assert mcnemar_supports(p, confidence) is supported


def test_three_discordant_pairs_give_the_dyadic_p_value_at_the_75_percent_threshold():
    # b = 0, c = 3: two-sided exact p = 2 * (1/2)**3 = 0.25, exactly 1 - 0.75
    assert ft.evaluation.mcnemar_exact_p(0, 3) == 0.25
