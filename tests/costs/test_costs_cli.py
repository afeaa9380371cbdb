"""``ftlib cost / breakeven / models``: JSON keys, worked figures, one-line errors with exit 2."""

from __future__ import annotations

import json

import pytest

from ftlib.core.cli import main

LEGAL = ["--requests", "1000000", "--input-tokens", "500", "--output-tokens", "200"]


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def run_json(capsys, *argv):
    status, out, err = run(capsys, *argv, "--json")
    assert status == 0, err
    return json.loads(out)


def test_cost_json_keys_and_worked_figure(capsys):
    r = run_json(capsys, "cost", "--model", "gpt-5.4", *LEGAL)
    assert {"monthly_cost_usd", "input_tokens_per_month", "output_tokens_per_month"} <= set(r)
    assert (r["monthly_cost_usd"], r["input_tokens_per_month"], r["output_tokens_per_month"]) == (
        4250,
        500e6,
        200e6,
    )
    assert r["prices"]["as_of"] and r["prices"]["source"]


def test_cost_with_typed_prices(capsys):
    r = run_json(capsys, "cost", "--input-price", "0.2", "--output-price", "1.25", *LEGAL)
    assert r["monthly_cost_usd"] == pytest.approx(350)
    assert r["prices"]["as_of"] is None


def test_cost_article_vintage_warns_when_stale(capsys):
    r = run_json(
        capsys,
        "cost",
        "--model",
        "gpt-4.1-mini-ft",
        "--vintage",
        "article-2026-04",
        "--today",
        "2026-11-28",
        *LEGAL,
    )
    assert r["monthly_cost_usd"] == pytest.approx(520)
    assert "verify before budgeting" in r["warning"]
    status, out, _ = run(
        capsys,
        "cost",
        "--model",
        "gpt-4.1-mini-ft",
        "--vintage",
        "article-2026-04",
        "--today",
        "2026-11-28",
        *LEGAL,
    )
    assert status == 0 and "$520.00" in out and "verify before budgeting" in out


def test_breakeven_json_keys_and_corrected_figure(capsys):
    r = run_json(
        capsys,
        "breakeven",
        "--baseline",
        "gpt-5.4",
        "--candidate",
        "gpt-4.1-mini-ft",
        *LEGAL,
        "--upfront-usd",
        "200",
        "--as-of",
        "2026-12-07",  # the candidate stops serving on 2027-01-14
    )
    keys = {
        "baseline_monthly_usd",
        "candidate_monthly_usd",
        "monthly_savings_usd",
        "break_even_months",
        "break_even_days",
        "worth_evaluating",
    }
    assert keys <= set(r)
    assert r["candidate_monthly_usd"] == pytest.approx(1040)
    assert round(r["break_even_days"], 1) == 1.9 and r["worth_evaluating"] is True


def test_breakeven_never_is_null(capsys):
    r = run_json(
        capsys,
        "breakeven",
        "--baseline",
        "gpt-5.4-nano",
        "--candidate",
        "gpt-4.1-mini-ft",
        *LEGAL,
        "--upfront-usd",
        "200",
    )
    assert (
        r["break_even_months"] is None
        and r["break_even_days"] is None
        and r["worth_evaluating"] is False
    )
    assert r["monthly_savings_usd"] == pytest.approx(350 - 1040)
    status, out, _ = run(
        capsys,
        "breakeven",
        "--baseline",
        "gpt-5.4-nano",
        "--candidate",
        "gpt-4.1-mini-ft",
        *LEGAL,
        "--upfront-usd",
        "200",
    )
    assert status == 0 and "never" in out and "-$690.00" in out


def test_breakeven_monthly_extra(capsys):
    r = run_json(
        capsys,
        "breakeven",
        "--baseline-input-price",
        "2.5",
        "--baseline-output-price",
        "15",
        "--candidate",
        "self-hosted-lora",
        *LEGAL,
        "--upfront-usd",
        "1000",
        "--monthly-extra-usd",
        "500",
    )
    assert r["monthly_savings_usd"] == pytest.approx(4250 - 587.5 - 500)


def test_models_rows(capsys):
    r = run_json(capsys, "models", "--on", "2026-06-01")
    rows = {m["id"]: m for m in r["models"]}
    assert all({"id", "status", "as_of"} <= set(m) for m in r["models"])
    assert rows["gpt-4.1-mini-ft"]["status"] == "closed_to_new_users"
    assert rows["gpt-4.1-mini-ft"]["confidence"] == "confirmed"
    status, out, _ = run(capsys, "models", "--on", "2026-06-01")
    assert status == 0 and "closed to new users (confirmed)" in out


def test_models_shows_the_prices_in_force_on_the_day_asked(capsys):
    # Gemini 3.6 Flash doubles on 2027-01-01 (announced, FACTS.md): 0.75 / 3.75 before that
    # day, 1.5 / 7.5 from it, and the row says since when.
    def gemini(day: str) -> dict:
        r = run_json(capsys, "models", "--vintage", "checked-2026-12", "--on", day)
        return {m["id"]: m for m in r["models"]}["gemini-3.6-flash"]

    before, after = gemini("2026-12-31"), gemini("2027-01-01")
    assert (before["input_usd_per_1m_tokens"], before["output_usd_per_1m_tokens"]) == (0.75, 3.75)
    assert before["prices_since"] is None
    assert (after["input_usd_per_1m_tokens"], after["output_usd_per_1m_tokens"]) == (1.5, 7.5)
    assert after["prices_since"] == "2027-01-01"
    status, out, _ = run(capsys, "models", "--vintage", "checked-2026-12", "--on", "2027-01-01")
    assert status == 0 and "1.5 / 7.5 (since 2027-01-01)" in out


@pytest.mark.parametrize(
    "argv, flag",
    [
        (["cost", "--model", "gpt-5.4-nan", *LEGAL], "--model"),
        (["cost", "--model", "gpt-5.4-nano", "--vintage", "article-2026-04", *LEGAL], "--model"),
        (["cost", "--input-price", "1", *LEGAL], "--output-price"),
        (["cost", "--input-price", "-1", "--output-price", "1", *LEGAL], "--input-price"),
        (
            [
                "cost",
                "--model",
                "gpt-5.4",
                "--requests",
                "nan",
                "--input-tokens",
                "5",
                "--output-tokens",
                "5",
            ],
            "--requests",
        ),
        (
            [
                "cost",
                "--model",
                "gpt-5.4",
                "--requests",
                "-3",
                "--input-tokens",
                "5",
                "--output-tokens",
                "5",
            ],
            "--requests",
        ),
        (
            [
                "cost",
                "--model",
                "gpt-5.4",
                "--requests",
                "3",
                "--input-tokens",
                "inf",
                "--output-tokens",
                "5",
            ],
            "--input-tokens",
        ),
        (
            [
                "cost",
                "--model",
                "gpt-5.4",
                "--requests",
                "abc",
                "--input-tokens",
                "5",
                "--output-tokens",
                "5",
            ],
            "--requests",
        ),
        (["cost", "--model", "gpt-5.4", "--vintage", "2025", *LEGAL], "--vintage"),
        (
            [
                "breakeven",
                "--baseline",
                "gpt-5.4",
                "--candidate",
                "gpt-4.1-mini",
                *LEGAL,
                "--upfront-usd",
                "-5",
            ],
            "--upfront-usd",
        ),
        (
            [
                "breakeven",
                "--baseline",
                "gpt-5.4",
                "--candidate-input-price",
                "1",
                *LEGAL,
                "--upfront-usd",
                "5",
            ],
            "--candidate-output-price",
        ),
        (
            [
                "breakeven",
                "--baseline",
                "gpt5.4",
                "--candidate",
                "gpt-4.1-mini",
                *LEGAL,
                "--upfront-usd",
                "5",
            ],
            "--baseline",
        ),
        (["models", "--on", "2026-02-30"], "--on"),
    ],
)
def test_bad_input_is_one_line_exit_2(capsys, argv, flag):
    status, out, err = run(capsys, *argv)
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("error: ") and flag in err
    assert "Traceback" not in err


# --- issue 15: caching, batch, reasoning, self-hosting in steps, the life of the candidate ----


def test_cost_cached_share_batch_and_reasoning(capsys, tmp_path):
    typed = ["--input-price", "0.8", "--output-price", "3.2"]
    r = run_json(capsys, "cost", *typed, *LEGAL, "--reasoning-tokens", "300")
    # 500M x 0.8 + (200M + 300M) x 3.2 = 400 + 1,600
    assert r["monthly_cost_usd"] == pytest.approx(2_000)
    assert r["reasoning_tokens_per_month"] == 300e6
    status, _, err = run(capsys, "cost", *typed, *LEGAL, "--cached-share", "0.5")
    assert status == 2 and "--cached-share" in err and "typed prices" in err


def test_cost_batch_refused_naming_the_model(capsys):
    # gpt-6.2-sol has no Batch price in the catalog (genai-prices does not list it)
    status, out, err = run(capsys, "cost", "--model", "gpt-6.2-sol", *LEGAL, "--batch")
    assert status == 2 and out == "" and err.count("\n") == 1
    assert "--batch" in err and "gpt-6.2-sol" in err


def test_cost_self_hosted_reports_gpus_in_steps(capsys):
    many = ["--requests", "100000000", "--input-tokens", "500", "--output-tokens", "200"]
    few = ["--requests", "100000", "--input-tokens", "500", "--output-tokens", "200"]
    small = run_json(capsys, "cost", "--model", "self-hosted-lora", *few)
    big = run_json(capsys, "cost", "--model", "self-hosted-lora", *many)
    assert (small["gpus"], small["monthly_cost_usd"]) == (1, 587.5)
    # 7e10 tokens / (400 x 3,600 x 730 = 1.0512e9 per GPU) = 66.6 -> 67 GPUs x $587.50
    assert (big["gpus"], big["monthly_cost_usd"]) == (67, 39_362.5)
    half = run_json(
        capsys,
        "cost",
        "--model",
        "self-hosted-lora",
        *many,
        "--gpu-tokens-per-second",
        "800",
        "--utilisation",
        "0.5",
    )
    assert half["gpus"] == 67 and half["prices"]["utilisation"] == 0.5
    status, out, _ = run(capsys, "cost", "--model", "self-hosted-lora", *many)
    assert "assumption" in out and "--gpu-tokens-per-second" in out
    api = run_json(capsys, "cost", "--model", "gpt-5.4", *LEGAL)
    assert api["gpus"] is None
    status, _, err = run(capsys, "cost", "--model", "gpt-5.4", *LEGAL, "--utilisation", "0.5")
    assert status == 2 and "--utilisation" in err and "gpt-5.4" in err


BREAKEVEN = ["breakeven", "--baseline", "gpt-5.4", "--candidate", "gpt-4.1-mini-ft"]
AT_300K = ["--requests", "300000", "--input-tokens", "500", "--output-tokens", "200"]


def test_breakeven_knows_when_the_candidate_retires(capsys):
    r = run_json(
        capsys,
        *BREAKEVEN,
        *AT_300K,
        "--upfront-usd",
        "1700",
        "--as-of",
        "2026-12-02",
        "--vintage",
        "checked-2026-12",
    )
    assert r["worth_evaluating"] is True  # 53 days: under three months
    assert r["candidate_retires_on"] == "2027-01-14"
    assert r["candidate_retirement_confidence"] == "confirmed"  # OpenAI's notice of 2026-10-14
    assert r["pays_back_before_retirement"] is False  # only 43 days left
    assert r["net_savings_until_retirement_usd"] == pytest.approx(963 * 43 / 30 - 1_700)
    assert r["candidate_open_to_you"] is False and "--existing-customer" in r["notes"][0]
    mine = run_json(
        capsys,
        *BREAKEVEN,
        *AT_300K,
        "--upfront-usd",
        "1700",
        "--as-of",
        "2026-12-02",
        "--existing-customer",
    )
    assert mine["candidate_open_to_you"] is True
    early = run_json(
        capsys,
        *BREAKEVEN,
        *AT_300K,
        "--upfront-usd",
        "1700",
        "--as-of",
        "2026-11-01",
        "--vintage",
        "checked-2026-11",
    )
    assert early["pays_back_before_retirement"] is True  # 74 days left
    assert early["candidate_retirement_confidence"] == "reported"  # as that vintage knew it


def test_breakeven_without_a_known_retirement_date_says_null(capsys):
    r = run_json(
        capsys,
        "breakeven",
        "--baseline",
        "gpt-5.4",
        "--candidate",
        "gpt-6-luna",
        *LEGAL,
        "--upfront-usd",
        "200",
        "--as-of",
        "2026-12-02",
    )
    assert r["candidate_retires_on"] is None and r["pays_back_before_retirement"] is None
    assert r["net_savings_until_retirement_usd"] is None


def test_breakeven_cached_shares_per_side(capsys):
    r = run_json(
        capsys,
        "breakeven",
        "--baseline-input-price",
        "2.5",
        "--baseline-output-price",
        "15",
        "--candidate-input-price",
        "0.8",
        "--candidate-output-price",
        "3.2",
        *LEGAL,
        "--upfront-usd",
        "200",
        "--candidate-input-tokens",
        "100",
    )
    # candidate: 100M x 0.8 + 200M x 3.2 = 80 + 640
    assert r["candidate_monthly_usd"] == pytest.approx(720)
    status, _, err = run(
        capsys, *BREAKEVEN, *LEGAL, "--upfront-usd", "200", "--candidate-cached-share", "0.5"
    )
    assert status == 2 and "--candidate-cached-share" in err and "gpt-4.1-mini-ft" in err


def test_breakeven_retraining_is_spread_per_month(capsys):
    r = run_json(
        capsys,
        *BREAKEVEN,
        *LEGAL,
        "--upfront-usd",
        "1700",
        "--retrain-usd",
        "1700",
        "--retrain-every-months",
        "6",
        "--as-of",
        "2026-12-02",
    )
    assert r["retraining_usd_per_month"] == pytest.approx(1_700 / 6)
    assert r["monthly_savings_usd"] == pytest.approx(4_250 - 1_040 - 1_700 / 6)
    status, _, err = run(capsys, *BREAKEVEN, *LEGAL, "--upfront-usd", "1", "--retrain-usd", "9")
    assert status == 2 and "--retrain-every-months" in err


def test_breakeven_tiny_saving_huge_upfront_is_beyond_not_never(capsys):
    argv = [
        "breakeven",
        "--baseline-input-price",
        "1.000001",
        "--baseline-output-price",
        "1",
        "--candidate-input-price",
        "1",
        "--candidate-output-price",
        "1",
        *LEGAL,
        "--upfront-usd",
        "1e12",
    ]
    r = run_json(capsys, *argv)
    assert r["monthly_savings_usd"] > 0 and r["break_even_status"] == "beyond_horizon"
    assert r["break_even_months"] > 1_200  # a finite number, not null
    status, out, _ = run(capsys, *argv)
    assert status == 0 and "beyond 100 years" in out and "inf" not in out and "never" not in out


def test_money_formatting_of_zero_and_negatives(capsys):
    same = run(capsys, *BREAKEVEN[:3], "--candidate", "gpt-5.4", *LEGAL, "--upfront-usd", "0")[1]
    assert "-$0.00" not in same and "$0.00" in same
    neg = run(
        capsys,
        "breakeven",
        "--baseline",
        "gpt-5.4-nano",
        "--candidate",
        "gpt-4.1-mini-ft",
        *LEGAL,
        "--upfront-usd",
        "200",
    )[1]
    assert "-$690.00" in neg


@pytest.mark.parametrize(
    "flag, value",
    [
        ("--requests", "1e308"),
        ("--requests", "inf"),
        ("--input-tokens", "1e300"),
        ("--output-tokens", "-1"),
        ("--upfront-usd", "1e308"),
        ("--monthly-extra-usd", "nan"),
        ("--baseline-cached-share", "1.5"),
        ("--candidate-reasoning-tokens", "1e200"),
        ("--retrain-every-months", "0"),
        ("--utilisation", "0"),
        ("--gpu-tokens-per-second", "-4"),
        ("--as-of", "2026-13-01"),
    ],
)
def test_breakeven_flags_out_of_range_name_the_flag_and_range(capsys, flag, value):
    argv = [*BREAKEVEN, *LEGAL, "--upfront-usd", "200"]
    if flag in argv:
        argv[argv.index(flag) + 1] = value
    else:
        argv += [flag, value]
    if flag == "--retrain-every-months":
        argv += ["--retrain-usd", "100"]
    status, out, err = run(capsys, *argv)
    assert status == 2 and out == "" and err.count("\n") == 1
    assert err.startswith(f"error: {flag}: ") and "expected" in err
    assert "$inf" not in err and "_usd" not in err and "_month" not in err


def test_cost_refuses_an_overflowing_volume(capsys):
    argv = ["cost", "--model", "gpt-5.4", "--requests", "1e308"]
    status, out, err = run(capsys, *argv, "--input-tokens", "500", "--output-tokens", "200")
    assert status == 2 and out == ""
    assert err == "error: --requests: got 1e+308; expected a number >= 0 and <= 1e+12\n"


def test_cost_uses_the_prices_in_force_on_the_as_of_date(capsys):
    # Gemini 3.6 Flash: 0.75 / 3.75 until 2026-12-31, then 1.50 / 7.50 (checked-2026-12).
    model = ["cost", "--model", "gemini-3.6-flash", "--vintage", "checked-2026-12", *LEGAL]
    before = run_json(capsys, *model, "--as-of", "2026-12-31")
    after = run_json(capsys, *model, "--as-of", "2027-01-01")
    assert before["monthly_cost_usd"] == pytest.approx(375 + 750)
    assert after["monthly_cost_usd"] == pytest.approx(750 + 1_500)


@pytest.mark.parametrize(
    "value, text",
    [
        (-0.0, "$0.00"),
        (-0.004, "$0.00"),
        (0.004, "$0.00"),
        (-690, "-$690.00"),
        (1_040, "$1,040.00"),
    ],
)
def test_dollar_text(value, text):
    # The command prints cents through the one money formatter, never -$0.00.
    from ftlib import money

    assert money(value, decimals=2) == text
