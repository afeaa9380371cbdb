"""Hosted training routes by date, read from the routes registry: who may train, until when."""

from __future__ import annotations

import datetime as dt

import pytest

import ftlib as ft
from ftlib.catalog.availability import (
    ENDING_SOON_DAYS,
    ROUTES,
    cheaper_current_models,
    check_route,
    route_events,
    routes_for,
)
from ftlib.decision.flow import Situation, recommend


def _route(approach, provider, platform):
    return next(r for r in routes_for(approach, provider) if r.platform == platform)


def test_every_flow_route_is_a_registry_route_and_its_catalog_rows_train():
    cat = ft.load_catalog()
    registry = ft.catalog.load_routes()
    for route in ROUTES:
        assert registry.get(route.route.id) is route.route
        for model_id in route.row_ids:
            row = cat.get(model_id)
            assert row.kind == "fine-tuned" and (row.supports("sft") or row.supports("rft"))


def test_ending_soon_threshold_is_90_days():
    assert ENDING_SOON_DAYS == 90


@pytest.mark.parametrize(
    ("day", "new_team", "existing"),
    [
        ("2026-05-06", True, True),
        ("2026-05-07", False, True),
        ("2027-01-05", False, True),
        ("2027-01-06", False, False),
    ],
)
def test_openai_sft_is_open_to_whom_on_which_day(day, new_team, existing):
    sft = _route("sft-api", "openai", "openai")
    assert check_route(sft, day).open is new_team
    assert check_route(sft, day, existing_access=True).open is existing


def test_existing_access_does_not_open_other_vendors_routes():
    bedrock = _route("sft-api", "anthropic", "bedrock")
    assert check_route(bedrock, "2026-09-10", existing_access=True).open is False


@pytest.mark.parametrize(
    ("day", "open_"), [("2027-02-01", True), ("2027-04-13", True), ("2027-04-14", False)]
)
def test_azure_is_open_to_its_existing_customers_only_until_no_earlier_than_2027_04_14(day, open_):
    # FACTS 2026-12-07: Azure trains the gpt-4.1 family for existing customers only,
    # training retiring no earlier than 2027-04-14, tuned deployments serving until 2027-10-14.
    azure = _route("sft-api", "openai", "azure")  # the gpt-4.1 family comes first
    assert check_route(azure, day).open is False  # never open to a new team
    check = check_route(azure, day, existing_access=True)
    assert check.open is open_ and check.via_access is open_
    if open_:
        assert check.ends.date == dt.date(2027, 4, 14) and check.ends.bound == "no_earlier_than"


def test_dates_ahead_are_worded_as_ahead_and_past_as_past():
    sft = _route("sft-api", "openai", "openai")
    ahead = route_events(sft, "2026-12-02", ahead=True)
    past = route_events(sft, "2027-01-20", ahead=False)
    assert ahead.startswith("new training jobs stop for gpt-4.1 and gpt-4.1-mini on 2027-01-06")
    assert "closed on 2027" not in ahead and "were shut down" not in ahead
    assert past == (
        "new training jobs stopped for gpt-4.1 and gpt-4.1-mini on 2027-01-06 (confirmed); "
        "fine-tunes of gpt-4.1 and gpt-4.1-mini were shut down on 2027-01-14 (confirmed)"
    )
    azure = _route("sft-api", "openai", "azure")  # the gpt-4.1 family comes first
    assert "no earlier than 2027-04-14" in route_events(azure, "2027-02-01", ahead=True)


def test_cheapest_current_models_in_december_2026():
    # 1M requests of 500 in + 200 out: gpt-6-luna 500*0.10 + 200*0.50 = $150 (hand-computed).
    (luna, second) = cheaper_current_models("openai", "2026-12-02", 1_000_000)
    assert luna.model_id == "gpt-6-luna" and luna.monthly_cost_usd == pytest.approx(150)
    # gpt-5-nano is cheaper (0.05 / 0.40: $105) but shuts down on 2026-12-11: never offered
    assert second.model_id == "gpt-5.6-luna" and second.monthly_cost_usd == pytest.approx(340)
    (haiku,) = cheaper_current_models("anthropic", "2026-12-02", 1_000_000, limit=1)
    assert haiku.model_id == "claude-haiku-5.5" and haiku.monthly_cost_usd == pytest.approx(150)
    assert "as of 2026-12-07" in str(luna) and "confirmed" in str(luna)  # the day checked


def test_gpt_5_nano_is_offered_when_its_shutdown_is_far_off():
    ids = [m.model_id for m in cheaper_current_models("openai", "2026-08-01", 1_000_000, limit=5)]
    assert "gpt-5-nano" in ids  # 2026-12-11 is 132 days after 2026-08-01


# --- dated answers for a new team and an existing OpenAI customer, December 2026 onwards ---

BIG = 1_000_000


def test_new_team_in_december_2026_gets_the_three_open_options():
    rec = recommend(Situation(requests_per_month=BIG, provider="openai"), as_of="2026-12-02")
    assert rec.approach == "lora" and rec.rerouted
    text = "\n".join(rec.alternatives)
    assert "gpt-6-luna" in text and "$150 a month" in text  # prompting a cheaper model
    assert "Vertex AI tunes gemini-3.5-flash (since 2026-05-19, reported)" in text
    assert any("open weights (" in w and "Qwen3.6" in w for w in rec.warnings)
    any_provider = recommend(Situation(requests_per_month=BIG), as_of="2026-12-02")
    assert any_provider.approach == "sft-api"  # through Vertex, said with its date
    assert any("Open to new teams on 2026-12-02: Gemini" in w for w in any_provider.warnings)


@pytest.mark.parametrize(
    ("day", "approach", "fragment"),
    [
        ("2026-12-02", "sft-api", "until training stops (confirmed: 2027-01-06)"),
        ("2027-01-05", "sft-api", "until training stops (confirmed: 2027-01-06)"),
        ("2027-01-06", "lora", "even for a team with existing OpenAI fine-tuning access"),
        ("2027-01-14", "lora", "even for a team with existing OpenAI fine-tuning access"),
    ],
)
def test_existing_openai_customer_around_the_january_dates(day, approach, fragment):
    existing = Situation(requests_per_month=BIG, provider="openai", openai_fine_tuning_access=True)
    rec = recommend(existing, as_of=day)
    assert rec.approach == approach and fragment in rec.reasons[-1]
    text = "\n".join(rec.warnings)
    if day < "2027-01-06":
        assert "Ending soon" in text and "training closes on 2027-01-06, in " in text
    elif day < "2027-01-14":
        assert "retired (confirmed: 2027-01-14)" in text
    else:
        assert "retired since 2027-01-14 (confirmed" in text


def test_new_team_after_january_2027():
    rec = recommend(Situation(requests_per_month=BIG, provider="openai"), as_of="2027-02-01")
    assert rec.approach == "lora"
    assert any("retired since 2027-01-14 (confirmed" in w for w in rec.warnings)
    assert dt.date(2027, 2, 1) == rec.as_of
