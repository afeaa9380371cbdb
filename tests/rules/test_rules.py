"""The article's thresholds, placed at their exact edges."""

import pytest

import ftlib as ft
import ftlib.rules.selfcheck


@pytest.mark.parametrize(
    "volume, band",
    [
        (0, "below-floor"),
        (49_999, "below-floor"),
        (50_000, "marginal"),
        (99_999, "marginal"),
        (100_000, "worth-evaluating"),
        (499_999, "worth-evaluating"),
        (500_000, "pays-in-weeks"),
        (10**9, "pays-in-weeks"),
    ],
)
def test_volume_bands_follow_the_article(volume, band):
    assert ft.volume_band(volume).name == band


def test_thresholds_are_the_articles():
    assert (ft.rules.VOLUME_FLOOR, ft.rules.VOLUME_RARELY_WORTH, ft.rules.VOLUME_PAYS_IN_WEEKS) == (
        50_000,
        100_000,
        500_000,
    )
    assert (
        ft.rules.MIN_TRAIN_EXAMPLES,
        ft.rules.MAX_TRAIN_EXAMPLES,
        ft.rules.MIN_TEST_EXAMPLES,
        ft.rules.MAX_TEST_EXAMPLES,
    ) == (200, 2_000, 50, 100)
    assert ft.PAYBACK_MONTHS == 3 and ft.rules.PRODUCTION_SHARE == 0.8


@pytest.mark.parametrize("bad", [-1, float("nan"), "lots"])
def test_bad_volume_is_named(bad):
    with pytest.raises(ft.FtlibError, match="requests_per_month"):
        ft.volume_band(bad)


def test_rules_have_unique_ids_and_a_source():
    ids = [r.id for r in ft.rules.RULES]
    assert len(ids) == len(set(ids)) and all(r.source for r in ft.rules.RULES)


def test_self_check_explains_a_wrong_band():
    assert ft.rules.selfcheck.volume_band_answer(120_000, "worth-evaluating").correct
    wrong = ft.rules.selfcheck.volume_band_answer(120_000, "marginal")
    assert not wrong.correct and "worth-evaluating" in wrong.message
    with pytest.raises(ft.FtlibError, match="band"):
        ft.rules.selfcheck.volume_band_answer(120_000, "huge")


@pytest.mark.parametrize(
    "volume, warned", [(49_999, False), (50_000, True), (99_999, True), (100_000, False)]
)
def test_the_marginal_volume_warning_starts_at_exactly_50000(volume, warned):
    # The decision flow's "run the break-even numbers" warning covers [50,000, 100,000):
    # a warning that started above 50,000 (or at 100,000) fails here.
    rec = ft.recommend(ft.Situation(requests_per_month=volume), as_of="2026-12-02")
    marginal = [w for w in rec.warnings if "break-even" in w and "50,000" in w]
    assert bool(marginal) is warned


@pytest.mark.parametrize(
    "volume, band",
    [
        (500_000 - 1e-6, "worth-evaluating"),
        (500_000.0, "pays-in-weeks"),
        (50_000 - 1e-9, "below-floor"),
    ],
)
def test_fractional_volumes_next_to_a_threshold(volume, band):
    assert ft.volume_band(volume).name == band
