"""The article's thresholds, placed at their exact edges."""

import pytest

import ftlib as ft


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
    assert (ft.VOLUME_FLOOR, ft.VOLUME_RARELY_WORTH, ft.VOLUME_PAYS_IN_WEEKS) == (
        50_000,
        100_000,
        500_000,
    )
    assert (
        ft.MIN_TRAIN_EXAMPLES,
        ft.MAX_TRAIN_EXAMPLES,
        ft.MIN_TEST_EXAMPLES,
        ft.MAX_TEST_EXAMPLES,
    ) == (200, 2_000, 50, 100)
    assert ft.PAYBACK_MONTHS == 3 and ft.PRODUCTION_SHARE == 0.8


@pytest.mark.parametrize("bad", [-1, float("nan"), "lots"])
def test_bad_volume_is_named(bad):
    with pytest.raises(ft.FtlibError, match="requests_per_month"):
        ft.volume_band(bad)


def test_rules_have_unique_ids_and_a_source():
    ids = [r.id for r in ft.RULES]
    assert len(ids) == len(set(ids)) and all(r.source for r in ft.RULES)


def test_self_check_explains_a_wrong_band():
    assert ft.selfcheck.volume_band_answer(120_000, "worth-evaluating").correct
    wrong = ft.selfcheck.volume_band_answer(120_000, "marginal")
    assert not wrong.correct and "worth-evaluating" in wrong.message
    with pytest.raises(ft.FtlibError, match="band"):
        ft.selfcheck.volume_band_answer(120_000, "huge")
