"""Cost math: the article's worked figures, the corrected ones, invariants and bad input."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ftlib as ft
from ftlib.costs import Prices, Workload

ARTICLE, CHECKED = "article-2026-04", "checked-2026-11"
LEGAL = Workload(1_000_000, 500, 200)  # the article's worked example


def bill(model_id, vintage=CHECKED, workload=LEGAL):
    return ft.monthly_cost(workload, ft.model_prices(model_id, vintage)).monthly_cost_usd


# --- the article's worked figures and the corrected ones (FACTS.md) -----------------


def test_token_volumes_of_the_worked_example():
    cost = ft.monthly_cost(LEGAL, Prices(1, 1))
    assert (cost.input_tokens_per_month, cost.output_tokens_per_month) == (500e6, 200e6)
    assert cost.monthly_cost_usd == 700.0  # 500M + 200M tokens at 1 USD per 1M


@pytest.mark.parametrize(
    "model_id, vintage, usd",
    [
        ("gpt-5.4", ARTICLE, 4_250),
        ("gpt-5.4-mini", ARTICLE, 1_275),
        ("gpt-4.1-mini-ft", ARTICLE, 520),
        ("gpt-5.4", CHECKED, 4_250),
        ("gpt-4.1-mini-ft", CHECKED, 1_040),
        ("gpt-5.4-nano", CHECKED, 350),
        ("gpt-4.1-mini-ft-batch", CHECKED, 520),
    ],
)
def test_worked_monthly_bills(model_id, vintage, usd):
    assert bill(model_id, vintage) == pytest.approx(usd, abs=1e-9)


@pytest.mark.parametrize(
    "baseline, candidate_usd, days",
    [
        (4_250, 520, 1.6),
        (4_250, 1_040, 1.9),
        (1_275, 520, 8),
        (1_275, 1_040, 26),
    ],
)
def test_worked_break_even_days(baseline, candidate_usd, days):
    result = ft.break_even(baseline, candidate_usd, 200)
    assert round(result.break_even_days, 0 if days >= 8 else 1) == days
    assert result.worth_evaluating


def test_two_weeks_does_not_follow_from_200_usd_of_training():
    # Against the article's own baseline, the payback is days, at either fine-tuned rate.
    assert (
        ft.break_even(4_250, 520, 200).break_even_days
        < ft.break_even(4_250, 1_040, 200).break_even_days
        < 2
    )


def test_legal_case_hand_computed():
    r = ft.compare_costs(
        LEGAL, ft.model_prices("gpt-5.4", ARTICLE), ft.model_prices("gpt-4.1-mini-ft", ARTICLE), 200
    )
    assert r.monthly_savings_usd == pytest.approx(3_730)
    assert r.break_even_months == pytest.approx(200 / 3_730)
    assert r.break_even_days == pytest.approx(200 / 3_730 * 30)


def test_nano_untuned_is_cheaper_than_tuned_mini_at_either_rate():
    assert bill("gpt-5.4-nano") < bill("gpt-4.1-mini-ft", ARTICLE) < bill("gpt-4.1-mini-ft")


def test_article_self_hosted_figure_is_a_flat_monthly_fee():
    assert bill("self-hosted-lora", ARTICLE) == 800
    assert bill("self-hosted-lora", ARTICLE, Workload(10, 1, 1)) == 800


# --- break-even rules ------------------------------------------------------------


def test_no_saving_never_breaks_even():
    for cand in (4_250, 5_000):
        r = ft.break_even(4_250, cand, 200)
        assert r.break_even_months is None and r.break_even_days is None
        assert not r.breaks_even and not r.worth_evaluating


def test_recurring_extra_can_cancel_the_saving():
    r = ft.break_even(1_000, 600, 100, monthly_extra_usd=400)
    assert r.monthly_savings_usd == 0 and r.break_even_months is None


def test_three_month_rule_boundary():
    assert ft.break_even(1_100, 100, 2_999).worth_evaluating  # 2.999 months of savings
    assert not ft.break_even(1_100, 100, 3_000).worth_evaluating  # exactly 3 months is not "under"
    assert ft.break_even(1_100, 100, 3_000).break_even_months == 3


def test_zero_upfront_pays_back_at_once():
    assert ft.break_even(100, 50, 0).break_even_days == 0


def test_cumulative_costs_cross_at_break_even():
    r = ft.break_even(4_250, 520, 200)
    base, cand = ft.cumulative_costs(r, np.array([0.0, r.break_even_months, 1.0]))
    assert cand[0] == 200 and base[0] == 0
    assert base[1] == pytest.approx(cand[1])
    assert base[2] > cand[2]


# --- training and self-hosting -------------------------------------------------------


def test_training_cost_by_tokens_and_by_hours():
    assert ft.training_cost_usd(1_000_000, 3, 5.0) == 15.0
    assert ft.training_cost_usd(0, 1, 25.0) == 0
    assert ft.hourly_training_cost_usd(2.5, 100.0) == 250.0


def test_retraining_spread_per_month():
    assert ft.retraining_usd_per_month(600, 3) == 200
    with pytest.raises(ft.FtlibError, match="months_between_retraining"):
        ft.retraining_usd_per_month(600, 0)


def test_self_hosting_gpu_count_follows_throughput():
    # 1 token/s per GPU over 1 hour = 3,600 tokens per GPU-month (hours_per_month=1)
    w = Workload(10, 500, 220)  # 7,200 tokens a month -> exactly 2 GPUs
    c = ft.self_hosted_cost(w, 2.0, 1.0, hours_per_month=1)
    assert (c.gpus, c.gpu_hours_per_month, c.monthly_cost_usd, c.utilisation) == (2, 2, 4.0, 1.0)
    c = ft.self_hosted_cost(Workload(11, 500, 220), 2.0, 1.0, hours_per_month=1)
    assert c.gpus == 3 and c.utilisation < 1


def test_self_hosting_always_pays_for_at_least_one_gpu():
    c = ft.self_hosted_cost(Workload(0, 500, 200), 0.8048, 400)
    assert (
        c.gpus == 1 and c.monthly_cost_usd == pytest.approx(587.5, abs=0.01) and c.utilisation == 0
    )


# --- sweeps --------------------------------------------------------------------------


def test_volume_sweep_matches_scalar_math():
    volumes = np.geomspace(1e3, 1e7, 25)
    base, cand = ft.model_prices("gpt-5.4"), ft.model_prices("gpt-4.1-mini-ft")
    s = ft.volume_sweep(volumes, 500, 200, base, cand, 200, 10)
    for i in (0, 12, 24):
        r = ft.compare_costs(Workload(volumes[i], 500, 200), base, cand, 200, 10)
        assert s.candidate_monthly_usd[i] == pytest.approx(r.candidate_monthly_usd)
        expected = np.nan if r.break_even_months is None else r.break_even_months
        assert s.break_even_months[i] == pytest.approx(expected, nan_ok=True)
    assert np.isnan(s.break_even_months[0])  # 1,000 requests save less than the 10 USD extra


def test_volume_sweep_marks_never_with_nan():
    s = ft.volume_sweep(
        [1, 1e6], 500, 200, Prices(2.5, 15), Prices(0, 0, fixed_usd_per_month=800), 200
    )
    assert math.isnan(s.break_even_months[0]) and s.break_even_months[1] > 0


def test_grid_break_even_rises_with_candidate_price():
    g = ft.break_even_months_grid(
        [1e5, 1e6], [0.5, 1.0, 2.0], 500, 200, Prices(2.5, 15), Prices(0.8, 3.2), 200
    )
    assert g.shape == (2, 3)
    assert np.all(np.diff(g, axis=1) > 0)  # dearer candidate -> later break-even
    assert np.all(np.diff(g, axis=0) < 0)  # more volume -> sooner


@settings(max_examples=60, deadline=None)
@given(
    st.floats(0, 1e8),
    st.floats(0, 1e4),
    st.floats(0, 1e4),
    st.floats(0, 100),
    st.floats(0, 100),
    st.floats(1.01, 10),
)
def test_cost_rises_with_volume_and_price(volume, tin, tout, pin, pout, factor):
    w, w2 = Workload(volume, tin, tout), Workload(volume * factor, tin, tout)
    p, p2 = Prices(pin, pout), Prices(pin * factor, pout * factor)
    c = ft.monthly_cost(w, p).monthly_cost_usd
    assert c >= 0
    assert ft.monthly_cost(w2, p).monthly_cost_usd >= c
    assert ft.monthly_cost(w, p2).monthly_cost_usd >= c


@settings(max_examples=60, deadline=None)
@given(st.floats(0, 1e6), st.floats(0, 1e6), st.floats(0, 1e6))
def test_break_even_is_never_negative(base, cand, upfront):
    r = ft.break_even(base, cand, upfront)
    assert r.break_even_months is None or r.break_even_months >= 0
    assert (r.break_even_months is None) == (base - cand <= 0)


# --- bad input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "field, args",
    [
        ("requests_per_month", (-1, 500, 200)),
        ("requests_per_month", (float("nan"), 500, 200)),
        ("requests_per_month", (float("inf"), 500, 200)),
        ("input_tokens_per_request", (10, -5, 200)),
        ("output_tokens_per_request", (10, 5, "200")),
    ],
)
def test_bad_workload(field, args):
    with pytest.raises(ft.FtlibError, match=field):
        Workload(*args)


def test_bad_prices_and_missing_prices():
    with pytest.raises(ft.FtlibError, match="input_usd_per_1m_tokens: got -0.1"):
        Prices(-0.1, 1)
    with pytest.raises(
        ft.FtlibError, match=r"gpt-5.4-nano.input_usd_per_1m_tokens.*type the prices"
    ):
        ft.model_prices("gpt-5.4-nano", ARTICLE)
    with pytest.raises(ft.FtlibError, match="did you mean"):
        ft.model_prices("gpt-5.4-nan")


def test_bad_break_even_inputs():
    with pytest.raises(ft.FtlibError, match="upfront_usd"):
        ft.break_even(100, 50, -1)
    with pytest.raises(ft.FtlibError, match="baseline_monthly_usd"):
        ft.break_even(float("nan"), 50, 1)
    with pytest.raises(ft.FtlibError, match="epochs"):
        ft.training_cost_usd(1000, 0, 5)
    with pytest.raises(ft.FtlibError, match="tokens_per_second_per_gpu"):
        ft.self_hosted_cost(LEGAL, 1.0, 0)


def test_bad_sweep_volumes():
    with pytest.raises(ft.FtlibError, match="requests_per_month"):
        ft.volume_sweep([1e3, float("nan")], 500, 200, Prices(1, 1), Prices(0.5, 0.5), 10)
    with pytest.raises(ft.FtlibError, match="requests_per_month"):
        ft.volume_sweep([1e3, -2], 500, 200, Prices(1, 1), Prices(0.5, 0.5), 10)
    with pytest.raises(ft.FtlibError, match="requests_per_month"):
        ft.volume_sweep([], 500, 200, Prices(1, 1), Prices(0.5, 0.5), 10)


def test_math_module_imports_no_widgets_or_plots():
    import ftlib.catalog
    import ftlib.costs

    for mod in (ftlib.costs, ftlib.catalog):
        src = open(mod.__file__).read()
        assert "ipywidgets" not in src and "matplotlib" not in src
