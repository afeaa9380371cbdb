"""Cost math: the article's worked figures, the corrected ones, invariants and bad input."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ftlib as ft
import ftlib.costs.plots
from ftlib.costs.bills import Prices, Workload

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
    base, cand = ft.costs.cumulative_costs(r, np.array([0.0, r.break_even_months, 1.0]))
    assert cand[0] == 200 and base[0] == 0
    assert base[1] == pytest.approx(cand[1])
    assert base[2] > cand[2]


# --- training and self-hosting -------------------------------------------------------


def test_training_cost_by_tokens_and_by_hours():
    assert ft.training_cost_usd(1_000_000, 3, 5.0) == 15.0
    assert ft.training_cost_usd(0, 1, 25.0) == 0
    assert ft.hourly_training_cost_usd(2.5, 100.0) == 250.0


def test_retraining_spread_per_month():
    assert ft.costs.retraining_usd_per_month(600, 3) == 200
    with pytest.raises(ft.FtlibError, match="months_between_retraining"):
        ft.costs.retraining_usd_per_month(600, 0)


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
    g = ft.costs.break_even_months_grid(
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


@settings(max_examples=80, deadline=None)
@given(st.integers(0, 5_000), st.integers(0, 5_000), st.integers(0, 20_000))
def test_break_even_day_matches_a_day_by_day_count(base, cand, upfront):
    # Independent reference: walk day by day (30-day months, exact fractions) until the
    # baseline's cumulative bill reaches the candidate's upfront cost plus its bills.
    r = ft.break_even(base, cand, upfront)
    first_day = next(
        (d for d in range(0, 3_001) if Fraction(base * d, 30) >= upfront + Fraction(cand * d, 30)),
        None,
    )
    if base <= cand:
        assert r.break_even_days is None and r.status == "never"
        assert first_day == (0 if upfront == 0 else None)  # only a free switch "pays" at once
    elif first_day is None:
        assert r.break_even_days > 3_000
    else:
        assert r.break_even_days >= 0
        assert math.ceil(r.break_even_days - 1e-9) == first_day
        assert r.worth_evaluating == (first_day <= 90 and upfront < 3 * (base - cand))


def test_price_grid_scales_token_prices_not_the_fixed_fee():
    # Candidate: $1 / $1 per 1M tokens plus $100 a month; 1M requests of 500 + 200 tokens.
    # At x2: 700 x 2 + 100 = 1,500 a month (scaling the fee too would give 1,600).
    # Baseline $5 / $5: 3,500 a month. Saving 2,000; $1,000 upfront -> exactly 0.5 months.
    g = ft.costs.break_even_months_grid(
        [1e6], [2.0], 500, 200, Prices(5, 5), Prices(1, 1, fixed_usd_per_month=100), 1_000
    )
    assert g[0, 0] == 0.5
    bill = ft.costs.monthly_bill_usd(1e6, 500, 200, Prices(1, 1, 100), price_scale=2.0)
    assert bill == 1_500


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


# --- one formula for every caller (issue 19) ------------------------------------------------


def test_scalar_vector_and_plot_share_one_formula():
    volumes = np.array([0.0, 1e3, 123_457.0, 1e6, 7e6])
    prices = Prices(0.8, 3.2, 50.0)
    vector = ft.costs.monthly_bill_usd(volumes, 500, 200, prices)
    scalar = [ft.monthly_cost(Workload(v, 500, 200), prices).monthly_cost_usd for v in volumes]
    assert vector.tolist() == scalar  # the same floats, not merely close
    assert vector[3] == 1_090  # 400 + 640 + 50, by hand


# --- caching, batch and reasoning tokens (issues 15 and 11) -----------------------------------

GPT54_CACHED = Prices(2.5, 15, cached_input_usd_per_1m_tokens=0.25, label="gpt-5.4")


def test_cached_share_prices_that_share_of_input_at_the_cached_rate():
    # 500M input tokens: 20% at 2.50 and 80% at 0.25 = 250 + 100 = 350; output 3,000.
    c = ft.monthly_cost(LEGAL, GPT54_CACHED, usage=ft.Usage(cached_share=0.8))
    assert (c.input_usd, c.output_usd, c.monthly_cost_usd) == pytest.approx((350, 3_000, 3_350))
    assert ft.monthly_cost(LEGAL, GPT54_CACHED, usage=ft.Usage(cached_share=1)).input_usd == (
        pytest.approx(125)
    )
    assert ft.monthly_cost(LEGAL, GPT54_CACHED, usage=ft.Usage()).monthly_cost_usd == 4_250


def test_cached_share_on_a_model_without_a_cached_price_is_refused_naming_it():
    with pytest.raises(ft.FtlibError, match=r"cached_share: got 0.5; expected 0 for gpt-4.1-mini"):
        ft.monthly_cost(LEGAL, Prices(0.8, 3.2, label="gpt-4.1-mini"), usage=ft.Usage(0.5))
    with pytest.raises(ft.FtlibError, match="cached_share"):
        ft.Usage(cached_share=1.01)


def test_each_side_takes_its_own_cached_share():
    tuned = Prices(0.8, 3.2, cached_input_usd_per_1m_tokens=0.2)
    r = ft.compare_costs(
        LEGAL,
        GPT54_CACHED,
        tuned,
        200,
        baseline_usage=ft.Usage(cached_share=0.8),
        candidate_usage=ft.Usage(cached_share=0.5),
    )
    # baseline 3,350; candidate: 500M x (0.5 x 0.8 + 0.5 x 0.2) = 250, + 640 = 890
    assert (r.baseline_monthly_usd, r.candidate_monthly_usd) == pytest.approx((3_350, 890))
    assert r.monthly_savings_usd == pytest.approx(2_460)


def test_batch_uses_the_batch_prices_and_is_refused_without_them():
    tuned = Prices(0.8, 3.2, batch_input_usd_per_1m_tokens=0.4, batch_output_usd_per_1m_tokens=1.6)
    assert ft.monthly_cost(LEGAL, tuned, usage=ft.Usage(batch=True)).monthly_cost_usd == 520
    with pytest.raises(ft.FtlibError, match="batch: got True; expected False for gpt-5.4-nano"):
        ft.monthly_cost(LEGAL, Prices(0.2, 1.25, label="gpt-5.4-nano"), usage=ft.Usage(batch=True))


def test_batch_and_cache_together_never_price_a_cached_token_above_an_uncached_one():
    p = Prices(
        2.0,
        8.0,
        cached_input_usd_per_1m_tokens=0.5,
        batch_input_usd_per_1m_tokens=0.4,
        batch_output_usd_per_1m_tokens=4.0,
    )
    c = ft.monthly_cost(LEGAL, p, usage=ft.Usage(cached_share=0.5, batch=True))
    assert c.input_usd == pytest.approx(500 * 0.4)  # the cached 0.5 is capped at the batch 0.4
    assert c.output_usd == pytest.approx(200 * 4.0)


def test_reasoning_tokens_are_billed_as_output():
    # 1M requests: 200 answer + 300 reasoning tokens = 500M output tokens at 15 = 7,500.
    c = ft.monthly_cost(LEGAL, Prices(2.5, 15), usage=ft.Usage(reasoning_tokens_per_request=300))
    assert (c.output_tokens_per_month, c.reasoning_tokens_per_month) == (500e6, 300e6)
    assert c.monthly_cost_usd == 8_750
    with pytest.raises(ft.FtlibError, match="reasoning_tokens_per_request"):
        ft.Usage(reasoning_tokens_per_request=-1)


def test_a_side_can_send_a_shorter_prompt():
    c = ft.monthly_cost(LEGAL, Prices(0.8, 3.2), usage=ft.Usage(input_tokens_per_request=100))
    assert c.input_tokens_per_month == 100e6 and c.monthly_cost_usd == pytest.approx(80 + 640)


# --- self-hosting in steps -----------------------------------------------------------------


def test_gpu_count_grows_in_steps_with_volume():
    plan = ft.costs.GpuPlan(587.5, 400)  # one L4 month; 400 x 3,600 x 730 = 1,051,200,000 tokens
    hosted = Prices(0, 0, gpus=plan, label="self-hosted")
    small = ft.monthly_cost(Workload(100_000, 500, 200), hosted)
    big = ft.monthly_cost(Workload(100_000_000, 500, 200), hosted)
    assert (small.gpus, small.monthly_cost_usd) == (1, 587.5)
    assert (big.gpus, big.monthly_cost_usd) == (67, 67 * 587.5)  # 7e10 / 1.0512e9 = 66.6


def test_gpu_step_boundary_and_utilisation():
    plan = ft.costs.GpuPlan(100.0, 1.0, hours_per_month=1)  # 3,600 tokens per GPU-month
    hosted = Prices(0, 0, gpus=plan)
    assert ft.monthly_cost(Workload(36, 50, 50), hosted).gpus == 1  # exactly full
    assert ft.monthly_cost(Workload(36, 50, 51), hosted).gpus == 2  # one token more
    half = Prices(0, 0, gpus=ft.costs.GpuPlan(100.0, 1.0, 0.5, hours_per_month=1))
    assert ft.monthly_cost(Workload(36, 50, 50), half).gpus == 2
    c = ft.self_hosted_cost(
        Workload(36, 50, 50), 100.0, 1.0, hours_per_month=1, target_utilisation=0.5
    )
    assert (c.gpus, c.monthly_cost_usd, c.utilisation) == (2, 200.0, 0.5)


def test_catalog_self_hosted_row_sized_to_traffic_only_when_asked():
    flat = ft.model_prices("self-hosted-lora", CHECKED)
    assert flat.gpus is None and flat.fixed_usd_per_month == 587.5  # today's default
    sized = ft.model_prices("self-hosted-lora", CHECKED, tokens_per_second_per_gpu=400)
    assert sized.fixed_usd_per_month == 0 and sized.gpus.usd_per_gpu_month == 587.5
    assert ft.monthly_cost(Workload(100_000_000, 500, 200), sized).monthly_cost_usd == 39_362.5
    with pytest.raises(ft.FtlibError, match="self-hosted rows only"):
        ft.model_prices("gpt-5.4", CHECKED, tokens_per_second_per_gpu=400)


def test_huge_integers_raise_ftlib_error_not_overflow():
    with pytest.raises(ft.FtlibError, match="gpu_usd_per_hour"):
        ft.self_hosted_cost(LEGAL, 10**400, 400)
    with pytest.raises(ft.FtlibError, match="requests_per_month"):
        Workload(10**309, 500, 200)
    with pytest.raises(ft.FtlibError, match="requests_per_month"):
        ft.volume_sweep([10**400], 500, 200, Prices(1, 1), Prices(0.5, 0.5), 10)


def test_a_bill_too_large_for_a_float_is_refused():
    with pytest.raises(ft.FtlibError, match="requests_per_month.*finite"):
        ft.monthly_cost(Workload(1e308, 500, 200), Prices(2.5, 15))


def test_sweep_of_strings_is_refused():
    with pytest.raises(ft.FtlibError, match="requests_per_month"):
        ft.volume_sweep(["1000", "2000"], 500, 200, Prices(1, 1), Prices(0.5, 0.5), 10)
    with pytest.raises(ft.FtlibError, match="candidate_price_scale"):
        ft.costs.break_even_months_grid([1e3], ["x2"], 500, 200, Prices(1, 1), Prices(0.5, 0.5), 10)


# --- never, beyond the horizon, and the volumes where answers change -------------------------


def test_tiny_saving_and_huge_upfront_is_beyond_the_horizon_not_never():
    r = ft.break_even(1.000001, 1.0, 1e6)  # saves a millionth of a dollar a month
    assert r.status == "beyond_horizon" and r.break_even_months > ft.costs.BREAK_EVEN_HORIZON_MONTHS
    overflow = ft.break_even(1e-300, 0, 1e300)  # the quotient is too large for a float
    assert overflow.status == "beyond_horizon" and overflow.break_even_months is None
    assert ft.break_even(4_250, 520, 200).status == "pays_back"
    assert ft.break_even(100, 100, 0).status == "never"
    assert ft.break_even(1_100, 100, 1_200_000).status == "pays_back"  # exactly 1,200 months


def test_retraining_spread_is_a_recurring_extra():
    # $1,200 every 6 months = $200 a month against a $500 saving.
    r = ft.break_even(
        1_000, 500, 600, monthly_extra_usd=ft.costs.retraining_usd_per_month(1_200, 6)
    )
    assert r.monthly_savings_usd == 300 and r.break_even_months == 2


def test_break_even_chart_tells_beyond_from_never():
    chart = ft.costs.plots.BreakEvenChart()
    chart.update(ft.break_even(1e-300, 0, 1e300), "a", "b")
    assert chart.verdict.get_text() == "break-even more than 100 years away"
    chart.update(ft.break_even(100, 100, 10), "a", "b")
    assert chart.verdict.get_text() == "no break-even: the candidate saves nothing"
    chart.update(ft.break_even(4_250, 520, 200), "a", "b")
    assert chart.verdict.get_text() == "break-even after 1.6 days"
