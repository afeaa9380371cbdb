"""The decision flow: every leaf is reachable, the April answers hold, no route closes silently."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import ftlib as ft
from ftlib.catalog.availability import routes_for
from ftlib.decision.flow import (
    FLOW_APPROACHES,
    FLOW_LEAVES,
    FLOW_QUESTIONS,
    FLOW_START,
    Situation,
    recommend,
)

APRIL = "2026-04-15"  # inside the article's month, before any route closed
BIG = 1_000_000


def test_flow_is_a_tree_whose_leaves_are_the_approaches():
    targets = [t for q in FLOW_QUESTIONS.values() for t in (q.yes, q.no)]
    assert sorted(t for t in targets if t in FLOW_LEAVES) == sorted(FLOW_APPROACHES)
    assert len(targets) == len(set(targets))  # every node has exactly one parent
    assert FLOW_START in FLOW_QUESTIONS and FLOW_START not in targets
    assert set(targets) <= set(FLOW_QUESTIONS) | set(FLOW_LEAVES)


@pytest.mark.parametrize(
    ("situation", "approach", "answers"),
    [
        (Situation(missing_facts=True, requests_per_month=BIG), "rag", [True]),
        (Situation(requests_per_month=20_000), "prompt-engineering", [False, False]),
        (
            Situation(requests_per_month=BIG, frontier_quality_cheaper=True, provider="openai"),
            "distillation",
            [False, True, True],
        ),
        (
            Situation(requests_per_month=BIG, provider="openai"),
            "sft-api",
            [False, True, False, False],
        ),
        (
            Situation(requests_per_month=BIG, self_host_required=True),
            "lora",
            [False, True, False, True],
        ),
    ],
)
def test_every_leaf_is_reached_in_april_2026(situation, approach, answers):
    rec = recommend(situation, as_of=APRIL)
    assert rec.approach == rec.flow_approach == approach
    assert [s.answer for s in rec.path] == answers
    assert rec.node_ids[-1] == approach
    assert len(rec.reasons) == len(rec.path)


def test_legal_tech_case_gets_sft_in_april():
    # The article's case: 1M contracts a month on OpenAI, a format gap, SFT on gpt-4.1-mini.
    rec = recommend(
        Situation(requests_per_month=1_000_000, provider="openai"), as_of=ft.ARTICLE_DATE
    )
    assert rec.approach == "sft-api"
    # with hindsight, the catalog knows the route closed to new users 36 days later
    assert rec.warnings == (
        "Ending soon: for this team OpenAI SFT on the gpt-4.1 family closes to new users on "
        "2026-05-07, in 36 days (confirmed; OpenAI deprecations page (stored copy), via the "
        "course facts sheet, update checked 2026-12-07). Plan the replacement before then.",
    )


def test_one_off_task_goes_to_prompting_whatever_the_volume():
    rec = recommend(Situation(requests_per_month=5_000_000, one_off=True), as_of=APRIL)
    assert rec.approach == "prompt-engineering"
    assert "one-off" in rec.reasons[-1]


def test_volume_threshold_is_the_rules_module_number():
    below = recommend(Situation(requests_per_month=ft.rules.VOLUME_RARELY_WORTH - 1), as_of=APRIL)
    at = recommend(Situation(requests_per_month=ft.rules.VOLUME_RARELY_WORTH), as_of=APRIL)
    assert below.approach == "prompt-engineering" and at.approach != "prompt-engineering"


def test_marginal_volume_warns_to_run_the_numbers():
    rec = recommend(Situation(requests_per_month=70_000), as_of=APRIL)
    assert rec.approach == "prompt-engineering"
    assert any("break-even" in w for w in rec.warnings)
    assert recommend(Situation(requests_per_month=10_000), as_of=APRIL).warnings == ()


@pytest.mark.parametrize(("volume", "warns"), [(49_999, False), (50_000, True), (99_999, True)])
def test_marginal_volume_warning_starts_at_50000(volume, warns):
    rec = recommend(Situation(requests_per_month=volume), as_of=APRIL)
    assert any("break-even" in w for w in rec.warnings) == warns


def test_distillation_needs_openai():
    rec = recommend(
        Situation(requests_per_month=BIG, frontier_quality_cheaper=True, provider="anthropic"),
        as_of=APRIL,
    )
    assert rec.approach == "sft-api"
    assert "OpenAI" in rec.path[2].because


def test_self_hosted_provider_means_lora():
    assert (
        recommend(Situation(requests_per_month=BIG, provider="self-hosted"), as_of=APRIL).approach
        == "lora"
    )


@pytest.mark.parametrize(
    "flow", [dict(provider="openai"), dict(provider="openai", frontier_quality_cheaper=True)]
)
def test_openai_route_closed_to_new_users_after_2026_05_07(flow):
    before = recommend(Situation(requests_per_month=BIG, **flow), as_of="2026-05-06")
    after = recommend(Situation(requests_per_month=BIG, **flow), as_of="2026-05-07")
    assert not before.rerouted
    assert after.rerouted and after.approach == "lora" and after.flow_approach == before.approach
    assert any("2026-05-07" in w and "confirmed" in w for w in after.warnings)
    assert any("closed" in r for r in after.reasons)


def test_any_provider_keeps_a_hosted_route_bedrock_then_vertex():
    mid = recommend(Situation(requests_per_month=BIG), as_of="2026-06-01")
    assert mid.approach == "sft-api" and any("Claude 3 Haiku" in w for w in mid.warnings)
    late = recommend(Situation(requests_per_month=BIG), as_of="2026-09-10")
    assert late.approach == "sft-api"  # Vertex AI tuning opened in May 2026
    assert any("retired since 2026-09-10 (confirmed" in w for w in late.warnings)
    assert any(
        "Gemini tuning on Vertex AI: gemini-3.5-flash (since 2026-05-19, reported)" in w
        for w in late.warnings
    )


def test_anthropic_route_warns_nine_days_before_its_end_of_life():
    # decide --requests 1000000 --provider anthropic --as-of 2026-09-01
    rec = recommend(Situation(requests_per_month=BIG, provider="anthropic"), as_of="2026-09-01")
    assert rec.approach == "sft-api"
    ending = [w for w in rec.warnings if w.startswith("Ending soon")]
    assert len(ending) == 1
    assert "shuts down on 2026-09-10, in 9 days (confirmed" in ending[0]
    gone = recommend(Situation(requests_per_month=BIG, provider="anthropic"), as_of="2026-09-10")
    assert gone.approach == "lora" and gone.rerouted


@pytest.mark.parametrize(("day", "warns"), [("2026-06-11", False), ("2026-06-12", True)])
def test_ending_soon_means_within_90_days(day, warns):
    # Bedrock's Claude 3 Haiku ends 2026-09-10: 91 days after 2026-06-11, 90 after 2026-06-12.
    rec = recommend(Situation(requests_per_month=BIG, provider="anthropic"), as_of=day)
    assert any(w.startswith("Ending soon") for w in rec.warnings) == warns


def test_distillation_route_is_its_own_registry_route_with_its_dates():
    from dataclasses import replace

    distil = Situation(
        requests_per_month=BIG,
        provider="openai",
        frontier_quality_cheaper=True,
        openai_fine_tuning_access=True,
    )
    for day in ("2026-06-01", "2026-12-02", "2027-01-10", "2027-02-01"):
        for situation in (distil, replace(distil, openai_fine_tuning_access=False)):
            text = "\n".join(recommend(situation, as_of=day).warnings)
            assert "OpenAI distillation into a gpt-4.1 student" in text
    assert recommend(distil, as_of="2026-04-15").warnings == ()  # nothing dated to qualify
    dec = recommend(distil, as_of="2026-12-02")
    assert dec.approach == "distillation"
    assert any(
        w.startswith("Ending soon") and "2027-01-06, in 35 days (confirmed" in w
        for w in dec.warnings
    )


def test_dates_carry_their_confidence():
    # Dates and confidence come from the newest catalog vintage (ftlib.catalog).
    rec = recommend(Situation(requests_per_month=BIG, provider="openai"), as_of="2027-01-10")
    assert rec.approach == "lora" and any(
        "training closed since 2027-01-06 (confirmed" in w for w in rec.warnings
    )
    vertex = recommend(Situation(requests_per_month=BIG), as_of="2026-12-02")
    assert any("(since 2026-05-19, reported)" in w for w in vertex.warnings)


def test_routes_without_a_vendor_never_close():
    for day in ("2026-04-15", "2030-01-01"):
        assert recommend(Situation(missing_facts=True), as_of=day).warnings == ()
        assert (
            recommend(
                Situation(requests_per_month=BIG, self_host_required=True), as_of=day
            ).approach
            == "lora"
        )


def test_as_of_accepts_date_and_defaults_to_today():
    assert recommend(Situation(), as_of=dt.date(2026, 4, 15)).as_of == dt.date(2026, 4, 15)
    assert recommend(Situation()).as_of == dt.date.today()


def test_to_dict_has_the_cli_keys():
    rec = recommend(Situation(requests_per_month=BIG), as_of=APRIL)
    d = rec.to_dict()
    assert set(d) == {
        "approach",
        "flow_approach",
        "path",
        "reasons",
        "warnings",
        "alternatives",
        "as_of",
        "situation",
    }
    assert d["path"][0]["question"] == "missing-facts" and d["path"][0]["answer"] == "no"
    assert d["path"][0]["because"].startswith("The gap is behaviour")
    assert d["as_of"] == "2026-04-15" and json.loads(json.dumps(d)) == d


@pytest.mark.parametrize(
    ("kwargs", "field", "fragment"),
    [
        (dict(requests_per_month=-5), "requests_per_month", ">= 0"),
        (dict(provider="azure"), "provider", "openai"),
        (dict(provider="opnai"), "provider", "did you mean openai"),
        (dict(missing_facts="yes"), "missing_facts", "True or False"),
        (dict(openai_fine_tuning_access="yes"), "openai_fine_tuning_access", "True or False"),
        (dict(openai_fine_tuning_access=1), "openai_fine_tuning_access", "True or False"),
    ],
)
def test_bad_situation_names_the_field(kwargs, field, fragment):
    with pytest.raises(ft.FtlibError) as err:
        Situation(**kwargs)
    assert err.value.field == field and fragment in str(err.value)


@pytest.mark.parametrize("day", ["2026-02-30", "next week", 20260401])
def test_impossible_date_is_named(day):
    with pytest.raises(ft.FtlibError, match="as_of"):
        recommend(Situation(), as_of=day)


@pytest.mark.parametrize("day", ["0001-01-01", "2026-03-31"])
def test_dates_before_the_earliest_vintage_are_refused(day):
    with pytest.raises(ft.FtlibError, match="on or after 2026-04-01, the date of the earliest"):
        recommend(Situation(), as_of=day)
    assert recommend(Situation(), as_of="2026-04-01").as_of == dt.date(2026, 4, 1)


def test_situation_must_be_a_situation():
    with pytest.raises(ft.FtlibError, match="situation"):
        recommend({"missing_facts": True}, as_of=APRIL)


# --- a team that already had OpenAI fine-tuning access (closed to new users on 2026-05-07) ---

EXISTING = Situation(requests_per_month=BIG, provider="openai", openai_fine_tuning_access=True)
NEW_TEAM = Situation(requests_per_month=BIG, provider="openai")


def test_new_team_and_existing_customer_agree_before_the_closure():
    for situation in (NEW_TEAM, EXISTING):
        rec = recommend(situation, as_of=APRIL)
        assert rec.approach == "sft-api" and not rec.rerouted
        assert len(rec.reasons) == len(rec.path)
    # only the new team's route ends within 90 days (closed to new users on 2026-05-07)
    assert recommend(EXISTING, as_of=APRIL).warnings == ()
    (ending,) = recommend(NEW_TEAM, as_of=APRIL).warnings
    assert "closes to new users on 2026-05-07, in 22 days (confirmed" in ending


def test_existing_customer_keeps_sft_after_the_closure_to_new_users():
    new, existing = recommend(NEW_TEAM, as_of="2026-06-01"), recommend(EXISTING, as_of="2026-06-01")
    assert new.approach == "lora" and new.rerouted
    assert existing.approach == "sft-api" and not existing.rerouted
    assert (
        "already fine-tunes on OpenAI" in existing.reasons[-1]
        and "until training stops (confirmed: 2027-01-06)" in existing.reasons[-1]
    )
    text = "\n".join(existing.warnings)
    assert "closed to new users since 2026-05-07 (confirmed" in text and "winding it down" in text
    # the dates ahead, each labelled with its confidence, worded as ahead
    assert "new training jobs stop for gpt-4.1 and gpt-4.1-mini on 2027-01-06 (confirmed)" in text
    assert "fine-tunes of gpt-4.1 and gpt-4.1-mini shut down on 2027-01-14 (confirmed)" in text
    assert "training closed on 2027" not in text
    assert any(
        w.startswith("Plan a migration before training stops") and "LoRA" in w
        for w in existing.warnings
    )


def test_existing_customer_sees_a_passed_date_as_past():
    rec = recommend(EXISTING, as_of="2027-01-10")
    assert rec.approach == "lora"  # training closed on 2027-01-06
    text = "\n".join(rec.warnings)
    assert "training closed since 2027-01-06 (confirmed" in text
    assert "new training jobs stop" not in text


def test_existing_access_ends_when_training_stops():
    assert recommend(EXISTING, as_of="2027-01-05").approach == "sft-api"
    stopped = recommend(EXISTING, as_of="2027-01-06")
    assert stopped.approach == "lora" and stopped.rerouted
    assert any("training closed since 2027-01-06 (confirmed" in w for w in stopped.warnings)
    assert any(
        "can still be called until they are retired (confirmed: 2027-01-14)" in w
        for w in stopped.warnings
    )
    assert "even for a team with existing OpenAI fine-tuning access" in stopped.reasons[-1]


def test_new_team_and_existing_customer_both_get_lora_once_the_models_are_retired():
    new, existing = recommend(NEW_TEAM, as_of="2027-02-01"), recommend(EXISTING, as_of="2027-02-01")
    assert new.approach == existing.approach == "lora" and new.rerouted and existing.rerouted
    assert any("retired since 2027-01-14 (confirmed" in w for w in existing.warnings)
    assert any("does not keep this route open" in w for w in existing.warnings)
    assert not any("does not keep this route open" in w for w in new.warnings)


def test_new_team_answer_is_unchanged_by_the_new_field():
    for day in ("2026-04-15", "2026-06-01", "2026-11-01", "2027-01-10", "2027-02-01"):
        assert recommend(NEW_TEAM, as_of=day) == recommend(
            Situation(requests_per_month=BIG, provider="openai", openai_fine_tuning_access=False),
            as_of=day,
        )


def test_existing_access_keeps_distillation_too_and_is_ignored_off_openai():
    distil = recommend(
        Situation(
            requests_per_month=BIG,
            provider="openai",
            frontier_quality_cheaper=True,
            openai_fine_tuning_access=True,
        ),
        as_of="2026-06-01",
    )
    assert distil.approach == "distillation" and not distil.rerouted
    for provider in ("anthropic", "self-hosted"):
        plain = recommend(Situation(requests_per_month=BIG, provider=provider), as_of="2026-06-01")
        flagged = recommend(
            Situation(requests_per_month=BIG, provider=provider, openai_fine_tuning_access=True),
            as_of="2026-06-01",
        )
        assert (flagged.approach, flagged.warnings, flagged.reasons) == (
            plain.approach,
            plain.warnings,
            plain.reasons,
        )


def test_existing_customer_dates_come_from_the_routes_registry(monkeypatch):
    # Move the stop and shutdown dates in a copy of the newest registry: the answer follows.
    from importlib import resources

    import ftlib.catalog.routes as routes

    text = (
        resources.files("ftlib")
        .joinpath("data/routes", "2026-12-07_checked.json")
        .read_text(encoding="utf-8")
    )
    moved = routes.routes_from_dict(
        json.loads(text.replace("2027-01-06", "2027-06-06").replace("2027-01-14", "2027-06-14"))
    )
    monkeypatch.setattr(routes, "load_routes", lambda vintage=None: moved)
    rec = recommend(EXISTING, as_of="2027-02-01")
    assert rec.approach == "sft-api" and "(confirmed: 2027-06-06)" in rec.reasons[-1]
    assert recommend(EXISTING, as_of="2027-06-06").approach == "lora"


def test_to_dict_carries_the_situation_with_the_access_flag():
    d = recommend(EXISTING, as_of="2026-06-01").to_dict()
    assert (
        d["situation"]["openai_fine_tuning_access"] is True
        and d["situation"]["provider"] == "openai"
    )
    assert (
        recommend(NEW_TEAM, as_of=APRIL).to_dict()["situation"]["openai_fine_tuning_access"]
        is False
    )


def test_explorer_lab_has_an_access_checkbox_off_by_default():
    from ftlib.decision.lab import decision_explorer

    lab = decision_explorer(NEW_TEAM, as_of="2026-06-01")
    assert lab.controls["openai_fine_tuning_access"].value is False and "LoRA" in lab.summary.value
    lab.controls["openai_fine_tuning_access"].value = True
    assert "SFT through an API" in lab.summary.value and "winding it down" in lab.message.value


# --- the figure is drawn from the same data, and the labs use it ---


def _texts(fig):
    return [t.get_text() for t in fig.axes[0].texts]


def test_flow_figure_shows_every_question_and_leaf_from_the_data():
    from ftlib.decision.plots import plot_decision_flow

    texts = "\n".join(_texts(plot_decision_flow()))
    for q in FLOW_QUESTIONS.values():
        assert q.text in texts
    for leaf in FLOW_LEAVES.values():
        assert leaf.title in texts


def test_flow_figure_highlights_exactly_the_path_taken():
    from ftlib.decision.plots import plot_decision_flow

    rec = recommend(Situation(requests_per_month=BIG, provider="openai"), as_of="2026-06-01")
    fig = plot_decision_flow(rec)
    bold_edges = [
        a
        for a in fig.axes[0].texts
        if a.get_text() in ("yes", "no") and a.get_fontweight() == "bold"
    ]
    assert [a.get_text() for a in bold_edges] == ["no", "yes", "no", "no"][
        : len(bold_edges)
    ] and len(bold_edges) == len(rec.path)
    assert any("closed as of 2026-06-01" in " ".join(t.split()) for t in _texts(fig)) and any(
        "offered instead" in t for t in _texts(fig)
    )


def test_explorer_lab_shows_bad_dates_in_the_page():
    from ftlib.decision.lab import decision_explorer

    lab = decision_explorer(as_of="2026-04-15")
    lab.controls["as_of"].value = "2026-13-01"
    assert "as_of" in lab.message.value and "YYYY-MM-DD" in lab.message.value
    lab.controls["as_of"].value = "2026-04-15"
    lab.controls["missing_facts"].value = True
    assert "RAG" in lab.summary.value and lab.message.value == ""


def test_flow_selfcheck_explains_a_closed_route():
    from ftlib.decision.selfcheck import flow_answer

    s = Situation(requests_per_month=BIG, provider="openai")
    assert flow_answer(s, "sft-api", as_of=APRIL).correct
    late = flow_answer(s, "sft-api", as_of="2026-06-01")
    assert not late.correct and "closed" in late.message
    assert flow_answer(s, "lora", as_of="2026-06-01").correct


# --- invariants over many situations and dates ---

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

situations = st.builds(
    Situation,
    missing_facts=st.booleans(),
    requests_per_month=st.floats(min_value=0, max_value=1e8),
    one_off=st.booleans(),
    provider=st.sampled_from(ft.decision.DECISION_PROVIDERS),
    frontier_quality_cheaper=st.booleans(),
    self_host_required=st.booleans(),
)
days = st.dates(min_value=dt.date(2026, 4, 1), max_value=dt.date(2028, 12, 31))


@settings(max_examples=150, deadline=None)
@given(situations, days)
def test_a_recommended_vendor_route_is_open_that_day(situation, day):
    rec = recommend(situation, as_of=day)
    if rec.approach in ("sft-api", "distillation"):
        # some route behind the approach lets a new team train that day, per the registry
        assert any(
            ft.catalog.route_state(r.route, day).can_train
            for r in routes_for(rec.approach, situation.provider)
        )
    if rec.rerouted:
        assert rec.warnings and rec.approach == "lora"
    assert rec.approach in FLOW_LEAVES and rec.node_ids[0] == FLOW_START


@settings(max_examples=100, deadline=None)
@given(situations, days)
def test_missing_facts_always_means_rag_and_more_volume_never_means_less_training(situation, day):
    from dataclasses import replace

    assert recommend(replace(situation, missing_facts=True), as_of=day).approach == "rag"
    rec = recommend(situation, as_of=day)
    more = recommend(
        replace(situation, requests_per_month=situation.requests_per_month * 10 + 1), as_of=day
    )
    if rec.approach != "prompt-engineering":
        assert more.approach == rec.approach


@settings(max_examples=150, deadline=None)
@given(situations, days)
def test_existing_access_never_closes_a_route_and_only_uses_trainable_rows(situation, day):
    from dataclasses import replace

    new, existing = (
        recommend(situation, as_of=day),
        recommend(replace(situation, openai_fine_tuning_access=True), as_of=day),
    )
    assert existing.flow_approach == new.flow_approach
    if not new.rerouted:
        assert existing.approach == new.approach
    if (
        existing.approach in ("sft-api", "distillation")
        and existing.rerouted is False
        and new.rerouted
    ):
        # kept open only by existing access: an OpenAI route must still train existing users
        assert situation.provider in ("any", "openai")
        assert any(
            ft.catalog.route_state(r.route, day, existing_customer=True).can_train
            for r in routes_for(existing.approach, situation.provider)
            if r.platform == "openai"
        )
        assert any("already fine-tunes on OpenAI" in r for r in existing.reasons)


def test_summary_names_the_reroute_and_the_alternatives():
    rec = recommend(NEW_TEAM, as_of="2026-12-02")
    lines = rec.summary().splitlines()
    assert lines[0] == (
        "As of 2026-12-02: LoRA / QLoRA (the flow reaches SFT through an API, "
        "closed to this team that day)."
    )
    assert lines[1].startswith("Why: On 2026-12-02 the SFT through an API route is closed")
    assert any(line.startswith("Also weigh: Prompt a cheaper current model") for line in lines)
    assert lines[-1] == f"({len(rec.warnings)} dated warnings in .warnings)"
