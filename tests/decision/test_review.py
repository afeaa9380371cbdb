"""The design-review page: dated, and carrying every part it was given."""

from __future__ import annotations

import math

import pytest

import ftlib as ft
from ftlib.decision.flow import Situation, recommend
from ftlib.decision.review import design_review, review_outline
from ftlib.decision.whennot import FineTuneIdea, check_when_not
from ftlib.readiness.gate import ReadinessAnswers, check_readiness


def test_minimal_page_is_dated_and_names_the_approach():
    page = design_review(
        recommend(Situation(requests_per_month=1_000_000, provider="openai"), as_of="2026-04-15")
    )
    assert page.startswith("# Fine-tuning decision (as of 2026-04-15)")
    assert "**Recommendation: SFT through an API**" in page
    assert "1,000,000 requests a month (recurring)" in page
    assert "Not computed yet" in page and "## Readiness" not in page
    assert "closes to new users on 2026-05-07" in page


def test_rerouted_decision_says_which_route_closed():
    page = design_review(
        recommend(Situation(requests_per_month=1_000_000, provider="openai"), as_of="2026-06-01")
    )
    assert "**Recommendation: LoRA / QLoRA**" in page
    assert "reaches SFT through an API, but that route is closed as of 2026-06-01" in page
    assert "## Warnings" in page and "2026-05-07" in page


def test_readiness_table_has_one_row_per_item():
    readiness = check_readiness(ReadinessAnswers(metric="F1 | macro"))
    page = design_review(recommend(Situation(), as_of="2026-04-15"), readiness=readiness)
    assert f"not ready ({len(readiness.failed)} of 7 items open)" in page
    rows = [
        line
        for line in page.splitlines()
        if line.startswith("| ") and not line.startswith("| item")
    ]
    assert len(rows) == 7
    assert "F1 \\| macro" in page  # a pipe in the text does not break the table


def test_findings_and_payback_are_shown():
    findings = check_when_not(FineTuneIdea("add-facts", 20_000, 1_000))
    page = design_review(
        recommend(Situation(missing_facts=True), as_of="2026-04-15"),
        findings=findings,
        payback_days=1.64,
        payback_note="prices as of 2026-04",
    )
    assert "## Reasons not to fine-tune" in page and page.count("Instead:") == 2
    assert "about 1.6 days" in page and "prices as of 2026-04" in page


def test_payback_that_never_arrives_is_said_plainly():
    page = design_review(recommend(Situation(), as_of="2026-04-15"), payback_days=math.inf)
    assert "never pays back" in page


def test_bad_inputs_are_named():
    rec = recommend(Situation(), as_of="2026-04-15")
    with pytest.raises(ft.FtlibError, match="payback_days"):
        design_review(rec, payback_days=-3)
    with pytest.raises(ft.FtlibError, match="recommendation"):
        design_review("rag")


def test_a_break_even_result_is_read_directly():
    w = ft.Workload(
        requests_per_month=1_000_000, input_tokens_per_request=500, output_tokens_per_request=200
    )
    rec = recommend(Situation(requests_per_month=1_000_000, provider="openai"), as_of="2026-04-15")
    cheap_to_dear = ft.compare_costs(
        w, ft.model_prices("gpt-4.1-mini-ft"), ft.model_prices("gpt-5.4"), 200
    )
    assert "never pays back" in design_review(rec, break_even=cheap_to_dear)
    # The article's legal-tech figures: $200 against $4,250 - $520 a month is about 1.6 days
    # (30-day months).
    article = ft.break_even(4_250, 520, 200)
    assert "about 1.6 days" in design_review(rec, break_even=article)
    with pytest.raises(ft.FtlibError, match="break_even"):
        design_review(rec, break_even=1.6)


def test_outline_has_one_row_per_section_with_its_size_and_first_line():
    page = (
        "# Fine-tuning decision (as of 2026-04-15)\n\n"
        "## Situation\n- Volume: 1,000 requests a month\n- Provider: openai\n\n"
        "## Readiness: not ready (1 of 2 items open)\n\n"
        "| item | status |\n|---|---|\n| metric | pass |\n| baseline | FAIL |\n\n"
        "## Break-even\n"
    )
    outline = review_outline(page)
    assert outline.to_dict("records") == [
        {"section": "Situation", "lines": 2, "opens with": "Volume: 1,000 requests a month"},
        {
            "section": "Readiness: not ready (1 of 2 items open)",
            "lines": 4,
            "opens with": "a table",
        },
        {"section": "Break-even", "lines": 0, "opens with": ""},
    ]
    assert outline.attrs["title"] == "Fine-tuning decision (as of 2026-04-15)"


def test_outline_of_a_full_page_is_short_and_names_every_part():
    rec = recommend(Situation(requests_per_month=1_000_000, provider="openai"), as_of="2026-04-15")
    gate = check_readiness(ReadinessAnswers(metric="F1"))
    page = design_review(rec, readiness=gate, payback_days=37.4, payback_note="prices")
    outline = review_outline(page)
    assert len(page.splitlines()) > 30 and len(outline) <= 6
    assert outline["section"].tolist()[-1] == "Break-even"
    assert outline["opens with"].tolist()[-1] == "Training pays back in about 37.4 days."
    assert outline["lines"].sum() == sum(
        1 for line in page.splitlines() if line.strip() and not line.startswith("#")
    )


@pytest.mark.parametrize("page", ["", "Fine-tuning decision", 42, None])
def test_outline_refuses_what_design_review_did_not_write(page):
    with pytest.raises(ft.FtlibError, match="page"):
        review_outline(page)
