"""Payback volumes and the life of the candidate: hand-computed cases and the boundaries."""

from __future__ import annotations

import numpy as np
import pytest

import ftlib as ft
from ftlib.costs.bills import Prices, Workload

CHECKED = "checked-2026-11"


def test_payback_volume_of_the_three_month_rule():
    # $0.00321 saved a request: 200 / (3 x 0.00321) = 20,768.4; 1,700 / ... = 176,531.7
    base, tuned = Prices(2.5, 15), Prices(0.8, 3.2)
    v200 = ft.costs.payback_volume(500, 200, base, tuned, 200)
    v1700 = ft.costs.payback_volume(500, 200, base, tuned, 1_700)
    assert v200 == pytest.approx(20_768.43, abs=0.01)
    assert v1700 == pytest.approx(176_531.67, abs=0.01)
    at = ft.compare_costs(Workload(v1700, 500, 200), base, tuned, 1_700)
    assert at.break_even_months == pytest.approx(3)
    above = ft.compare_costs(Workload(v1700 * 1.001, 500, 200), base, tuned, 1_700)
    below = ft.compare_costs(Workload(v1700 * 0.999, 500, 200), base, tuned, 1_700)
    assert above.worth_evaluating and not below.worth_evaluating
    assert (
        ft.costs.payback_volume(500, 200, tuned, base, 200) is None
    )  # dearer candidate: no volume


def test_first_volume_within_agrees_with_the_exact_volume():
    base, tuned = Prices(2.5, 15), Prices(0.8, 3.2)
    dense = np.geomspace(1e3, 1e7, 1_000)
    s = ft.volume_sweep(dense, 500, 200, base, tuned, 200)
    first = s.first_volume_within(3)
    exact = ft.costs.payback_volume(500, 200, base, tuned, 200)
    step = dense[1] / dense[0]
    assert exact <= first < exact * step
    never = ft.volume_sweep(dense, 500, 200, tuned, base, 200)
    assert never.first_volume_within(3) is None  # the old notebook code answered 1,000 here


def test_crossover_volume_of_a_flat_gpu_and_an_api():
    # $587.50 a month against $0.00104 a request: 564,903.8 requests
    v = ft.costs.crossover_volume(Prices(0.8, 3.2), Prices(0, 0, 587.5), 500, 200)
    assert v == pytest.approx(587.5 / 0.00104)
    assert ft.costs.crossover_volume(Prices(1, 1), Prices(2, 2), 500, 200) is None
    stepped = Prices(0, 0, gpus=ft.costs.GpuPlan(587.5))
    with pytest.raises(ft.FtlibError, match="GPU plan"):
        ft.costs.crossover_volume(Prices(0.8, 3.2), stepped, 500, 200)


def test_retirement_cuts_the_life_short():
    # 300K requests: $1,275 vs $312 a month, $1,700 upfront -> 52.96 days to pay back.
    # Seen on 2026-12-02, the tuned gpt-4.1-mini retires 2027-01-14 (reported): 43 days.
    row = ft.load_catalog(CHECKED).get("gpt-4.1-mini-ft")
    r = ft.break_even(1_275, 312, 1_700)
    assert r.worth_evaluating  # the three-month rule alone says yes
    life = ft.candidate_life(r, row, "2026-12-02")
    assert (str(life.retires_on), life.retirement_confidence) == ("2027-01-14", "reported")
    assert life.days_until_retirement == 43 and life.pays_back_before_retirement is False
    assert life.net_savings_until_retirement_usd == pytest.approx(963 * 43 / 30 - 1_700)
    assert life.status == "closed_to_new_users" and life.open_to_you is False
    assert ft.candidate_life(r, row, "2026-12-02", existing_customer=True).open_to_you is True


def test_life_boundaries_and_unknown_dates():
    row = ft.load_catalog(CHECKED).get("gpt-4.1-mini-ft")
    exact = ft.break_even(1_030, 30, 1_000)  # 1 month = 30 days
    assert ft.candidate_life(exact, row, "2026-12-15").pays_back_before_retirement is True
    assert ft.candidate_life(exact, row, "2026-12-16").pays_back_before_retirement is False
    gone = ft.candidate_life(exact, row, "2027-02-01")
    assert (gone.days_until_retirement, gone.net_savings_until_retirement_usd) == (0, -1_000)
    assert gone.status == "retired" and gone.open_to_you is False
    typed = ft.candidate_life(exact, None, "2026-12-02")
    assert typed.retires_on is None and typed.pays_back_before_retirement is None
    nano = ft.load_catalog(CHECKED).get("gpt-5.4-nano")
    assert ft.candidate_life(exact, nano, "2026-12-02").pays_back_before_retirement is None


def test_tables_show_whole_dollars_through_the_one_money_formatter():
    assert [ft.money(v) for v in (0, -0.0, -0.49, 0.5, 1_040, -690, 1_234_567.6)] == [
        "$0",
        "$0",
        "$0",
        "$0",  # round half to even
        "$1,040",
        "-$690",
        "$1,234,568",
    ]


def test_break_even_frame_says_never_and_beyond_in_words():
    results = {
        "legal": ft.break_even(4_250, 1_040, 200),
        "dearer": ft.break_even(350, 1_040, 200),
        "tiny": ft.break_even(1.000001, 1.0, 1e6),
    }
    df = ft.costs.break_even_frame(results)
    assert list(df.columns) == [
        "baseline a month",
        "candidate a month",
        "recurring extras",
        "saving a month",
        "upfront",
        "days to break even",
        "worth evaluating",
    ]
    assert df.loc["legal"].tolist() == ["$4,250", "$1,040", "$0", "$3,210", "$200", "1.9", "yes"]
    assert df.loc["dearer", "saving a month"] == "-$690"
    assert df.loc["dearer", "days to break even"] == "never"
    assert df.loc["tiny", "days to break even"] == "over 100 years"
    with pytest.raises(ft.FtlibError, match="columns"):
        ft.costs.break_even_frame(results, ["cost"])
