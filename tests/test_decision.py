"""The decision flow: every leaf is reachable, the article's answers hold in April 2026, closed routes are never silent."""
from __future__ import annotations

import datetime as dt

import pytest

import ftlib as ft
from ftlib.decision import FLOW_APPROACHES, FLOW_LEAVES, FLOW_QUESTIONS, FLOW_START, Situation, recommend

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
        (Situation(requests_per_month=BIG, frontier_quality_cheaper=True, provider="openai"), "distillation", [False, True, True]),
        (Situation(requests_per_month=BIG, provider="openai"), "sft-api", [False, True, False, False]),
        (Situation(requests_per_month=BIG, self_host_required=True), "lora", [False, True, False, True]),
    ],
)
def test_every_leaf_is_reached_in_april_2026(situation, approach, answers):
    rec = recommend(situation, as_of=APRIL)
    assert rec.approach == rec.flow_approach == approach
    assert [s.answer for s in rec.path] == answers
    assert rec.node_ids[-1] == approach
    assert len(rec.reasons) == len(rec.path)


def test_legal_tech_case_gets_sft_in_april():
    # The article's case: 1M contracts a month on OpenAI, behaviour (format) gap, SFT on gpt-4.1-mini.
    rec = recommend(Situation(requests_per_month=1_000_000, provider="openai"), as_of=ft.ARTICLE_DATE)
    assert rec.approach == "sft-api" and rec.warnings == ()


def test_one_off_task_goes_to_prompting_whatever_the_volume():
    rec = recommend(Situation(requests_per_month=5_000_000, one_off=True), as_of=APRIL)
    assert rec.approach == "prompt-engineering"
    assert "one-off" in rec.reasons[-1]


def test_volume_threshold_is_the_rules_module_number():
    below = recommend(Situation(requests_per_month=ft.VOLUME_RARELY_WORTH - 1), as_of=APRIL)
    at = recommend(Situation(requests_per_month=ft.VOLUME_RARELY_WORTH), as_of=APRIL)
    assert below.approach == "prompt-engineering" and at.approach != "prompt-engineering"


def test_marginal_volume_warns_to_run_the_numbers():
    rec = recommend(Situation(requests_per_month=70_000), as_of=APRIL)
    assert rec.approach == "prompt-engineering"
    assert any("break-even" in w for w in rec.warnings)
    assert recommend(Situation(requests_per_month=10_000), as_of=APRIL).warnings == ()


def test_distillation_needs_openai():
    rec = recommend(Situation(requests_per_month=BIG, frontier_quality_cheaper=True, provider="anthropic"), as_of=APRIL)
    assert rec.approach == "sft-api"
    assert "OpenAI" in rec.path[2].because


def test_self_hosted_provider_means_lora():
    assert recommend(Situation(requests_per_month=BIG, provider="self-hosted"), as_of=APRIL).approach == "lora"


@pytest.mark.parametrize("flow", [dict(provider="openai"), dict(provider="openai", frontier_quality_cheaper=True)])
def test_openai_route_closed_to_new_users_after_2026_05_07(flow):
    before = recommend(Situation(requests_per_month=BIG, **flow), as_of="2026-05-06")
    after = recommend(Situation(requests_per_month=BIG, **flow), as_of="2026-05-07")
    assert not before.rerouted
    assert after.rerouted and after.approach == "lora" and after.flow_approach == before.approach
    assert any("2026-05-07" in w and "confirmed" in w for w in after.warnings)
    assert any("closed" in r for r in after.reasons)


def test_any_provider_keeps_bedrock_until_its_end_of_life():
    mid = recommend(Situation(requests_per_month=BIG), as_of="2026-06-01")
    assert mid.approach == "sft-api" and any("Claude 3 Haiku" in w for w in mid.warnings)
    late = recommend(Situation(requests_per_month=BIG), as_of="2026-09-10")
    assert late.approach == "lora" and any("2026-09-10" in w for w in late.warnings)


def test_reported_dates_are_labelled_reported():
    # Dates and confidence come from the newest catalog vintage (ftlib.catalog).
    rec = recommend(Situation(requests_per_month=BIG, provider="openai"), as_of="2027-01-10")
    assert rec.approach == "lora" and any("training closed since 2027-01-06 (reported" in w for w in rec.warnings)


def test_routes_without_a_vendor_never_close():
    for day in ("2026-04-15", "2030-01-01"):
        assert recommend(Situation(missing_facts=True), as_of=day).warnings == ()
        assert recommend(Situation(requests_per_month=BIG, self_host_required=True), as_of=day).approach == "lora"


def test_as_of_accepts_date_and_defaults_to_today():
    assert recommend(Situation(), as_of=dt.date(2026, 4, 15)).as_of == dt.date(2026, 4, 15)
    assert recommend(Situation()).as_of == dt.date.today()


def test_as_dict_has_the_cli_keys():
    d = recommend(Situation(requests_per_month=BIG), as_of=APRIL).as_dict()
    assert {"approach", "path", "reasons", "warnings"} <= set(d)
    assert d["path"][0] == {"question": "missing-facts", "answer": "no", "because": d["reasons"][0]}


@pytest.mark.parametrize(
    ("kwargs", "field", "fragment"),
    [
        (dict(requests_per_month=-5), "requests_per_month", ">= 0"),
        (dict(provider="azure"), "provider", "openai"),
        (dict(provider="opnai"), "provider", "did you mean openai"),
        (dict(missing_facts="yes"), "missing_facts", "True or False"),
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


def test_situation_must_be_a_situation():
    with pytest.raises(ft.FtlibError, match="situation"):
        recommend({"missing_facts": True}, as_of=APRIL)


# --- the figure is drawn from the same data, and the labs use it ---


def _texts(fig):
    return [t.get_text() for t in fig.axes[0].texts]


def test_flow_figure_shows_every_question_and_leaf_from_the_data():
    from ftlib.plots.decision import plot_decision_flow

    texts = "\n".join(_texts(plot_decision_flow()))
    for q in FLOW_QUESTIONS.values():
        assert q.text in texts
    for leaf in FLOW_LEAVES.values():
        assert leaf.title in texts


def test_flow_figure_highlights_exactly_the_path_taken():
    from ftlib.plots.decision import plot_decision_flow

    rec = recommend(Situation(requests_per_month=BIG, provider="openai"), as_of="2026-06-01")
    fig = plot_decision_flow(rec)
    bold_edges = [a for a in fig.axes[0].texts if a.get_text() in ("yes", "no") and a.get_fontweight() == "bold"]
    assert [a.get_text() for a in bold_edges] == ["no", "yes", "no", "no"][: len(bold_edges)] and len(bold_edges) == len(rec.path)
    assert any("closed as of 2026-06-01" in t for t in _texts(fig)) and any("offered instead" in t for t in _texts(fig))


def test_explorer_lab_shows_bad_dates_in_the_page():
    from ftlib.widgets.decision import decision_explorer

    lab = decision_explorer(as_of="2026-04-15")
    lab.controls["as_of"].value = "2026-13-01"
    assert "as_of" in lab.message.value and "YYYY-MM-DD" in lab.message.value
    lab.controls["as_of"].value = "2026-04-15"
    lab.controls["missing_facts"].value = True
    assert "RAG" in lab.summary.value and lab.message.value == ""


def test_flow_selfcheck_explains_a_closed_route():
    from ftlib.selfcheck.decision import flow_answer

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
    provider=st.sampled_from(ft.DECISION_PROVIDERS),
    frontier_quality_cheaper=st.booleans(),
    self_host_required=st.booleans(),
)
days = st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2028, 12, 31))


@settings(max_examples=150, deadline=None)
@given(situations, days)
def test_a_recommended_vendor_route_is_open_that_day(situation, day):
    rec = recommend(situation, as_of=day)
    catalog = ft.load_catalog()
    vendor_rows = {"sft-api": ["gpt-4.1-mini-ft", "claude-3-haiku-bedrock-ft"], "distillation": ["gpt-4.1-mini-ft"]}
    if rec.approach in vendor_rows:
        assert any(catalog.status_on(i, day).status == "available" for i in vendor_rows[rec.approach])
    if rec.rerouted:
        assert rec.warnings and rec.approach == "lora"
    assert rec.approach in FLOW_LEAVES and rec.node_ids[0] == FLOW_START


@settings(max_examples=100, deadline=None)
@given(situations, days)
def test_missing_facts_always_means_rag_and_more_volume_never_means_less_training(situation, day):
    from dataclasses import replace

    assert recommend(replace(situation, missing_facts=True), as_of=day).approach == "rag"
    rec = recommend(situation, as_of=day)
    more = recommend(replace(situation, requests_per_month=situation.requests_per_month * 10 + 1), as_of=day)
    if rec.approach != "prompt-engineering":
        assert more.approach == rec.approach
