"""The commands with the clock moved forward (FTLIB_TODAY): every answer true on that day.

No ``--as-of`` anywhere: the commands take "today" from ftlib's clock, which the
environment variable moves, as the site build and CI do with libfaketime.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from ftlib.core.cli import main

LEGAL = ["--requests", "1000000", "--input-tokens", "500", "--output-tokens", "200"]
FUTURE = ["2027-01-15", "2027-06-01", "2028-06-01"]  # +40 days, +6 months, +18 months


def run_json(capsys, *argv):
    assert main([*argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def run_text(capsys, *argv):
    assert main(list(argv)) == 0
    return capsys.readouterr().out


@pytest.fixture(params=FUTURE)
def day(request, monkeypatch):
    monkeypatch.setenv("FTLIB_TODAY", request.param)
    return dt.date.fromisoformat(request.param)


def _no_passed_date_ahead(text: str, day: dt.date) -> None:
    """No date before ``day`` is worded as still to come ("on D, in N days", "due to ... on D")."""
    for m in re.finditer(r"(\d{4}-\d{2}-\d{2}), in \d+ days?", text):
        assert dt.date.fromisoformat(m.group(1)) > day, m.group(0)
    for m in re.finditer(
        r"(?:due to stop|will stop|stops on|shut down on) [^\n.]*?(\d{4}-\d{2}-\d{2})", text
    ):
        assert dt.date.fromisoformat(m.group(1)) > day or "were shut down" in m.group(0), m.group(0)


def test_models_reports_statuses_on_the_moved_day(capsys, day):
    r = run_json(capsys, "models")
    assert r["status_on"] == day.isoformat()
    by_id = {m["id"]: m for m in r["models"]}
    assert by_id["gpt-4.1"]["status"] == "retired"  # 2027-01-14 is past on every FUTURE day
    assert by_id["gpt-5.4-nano"]["status"] == (
        "available" if day < dt.date(2027, 4, 1) else "retired"
    )
    assert {m["as_of"] for m in r["models"]} <= {"2026-12-07", "2026-12-02", "2026-11-28"}


def test_routes_for_a_new_team_on_the_moved_day(capsys, day):
    r = run_json(capsys, "routes", "--new-team")
    assert r["on"] == day.isoformat()
    ids = {m["id"] for m in r["routes"]}
    assert not any(i.startswith(("azure", "openai")) for i in ids)
    assert ("vertex-gemini-3.5-flash" in ids) is (day < dt.date(2027, 4, 19))
    assert ("re-check" in r["note"]) is ((day - dt.date(2026, 12, 7)).days > 60)
    _no_passed_date_ahead(run_text(capsys, "routes"), day)


def test_decide_for_an_azure_customer_on_the_moved_day(capsys, day):
    r = run_json(
        capsys, "decide", "--requests", "1000000", "--provider", "openai", "--tunes-on", "azure"
    )
    assert r["as_of"] == day.isoformat()
    assert r["approach"] == ("sft-api" if day < dt.date(2027, 4, 1) else "lora")
    text = "\n".join(r["warnings"] + r["alternatives"] + r["reasons"])
    _no_passed_date_ahead(text, day)
    # every price shown says the day it was checked, never the decision day
    for m in re.finditer(r"as of (\d{4}-\d{2}-\d{2})\)", "\n".join(r["alternatives"])):
        assert m.group(1) in ("2026-12-07", "2026-12-02", "2026-11-28")


def test_cost_of_a_retired_model_says_so(capsys, day):
    r = run_json(capsys, "cost", "--model", "gpt-4.1-mini", *LEGAL)
    assert r["on"] == day.isoformat()
    assert any(
        "stopped serving on 2027-01-14" in n and "no longer be called" in n for n in r["notes"]
    )
    assert r["prices"]["as_of"] == "2026-12-07"  # the day the figure was checked


def test_breakeven_never_recommends_a_candidate_that_stopped_serving(capsys, day):
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
    assert r["worth_evaluating"] is False
    note = next(n for n in r["notes"] if "stopped serving" in n)
    gap = (day - dt.date(2027, 1, 14)).days
    days = f"{gap} day" if gap == 1 else f"{gap} days"
    assert f"on 2027-01-14, {days} before {day.isoformat()}" in note
    assert "0 days after" not in note


def test_breakeven_before_the_shutdown_still_counts_days_ahead(capsys, monkeypatch):
    monkeypatch.setenv("FTLIB_TODAY", "2027-01-04")
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
    assert r["worth_evaluating"] is True  # $200 upfront against $3,210 a month saved
    assert any("due to stop serving on 2027-01-14, in 10 days" in n for n in r["notes"])
