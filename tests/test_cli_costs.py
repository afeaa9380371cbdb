"""``ftlib cost / breakeven / models``: JSON keys, worked figures, one-line errors with exit 2."""

from __future__ import annotations

import json

import pytest

from ftlib.cli import main

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
