"""The labs on the static site respond with no kernel, and show what ftlib computes.

For each lab: at least three states of its main controls are set in Chromium, and the numbers and
labels on the page are compared with ftlib's for the same inputs, computed here in Python. The
front-end cost formulas are checked equal to ftlib's on 1,000+ random inputs. Sliders announce
their real value and move with the keyboard; the result is announced (aria-live); self-checks
show no verdict before an answer; controls that need a kernel are disabled and say why.
"""

from __future__ import annotations

import datetime as _dt
import html
import math
import random
import re
from html.parser import HTMLParser

import pytest
from static_labs import LabDriver, lab_url

import ftlib as ft
import ftlib.costs.lab
import ftlib.costs.selfcheck
import ftlib.datacheck.lab
import ftlib.decision.lab
import ftlib.decision.selfcheck
import ftlib.evaluation.lab
import ftlib.experiments.lab
import ftlib.judge.lab
import ftlib.labkit.selfcheck
import ftlib.readiness.lab
from ftlib.costs.lab import TYPED_PRICES, break_even_view
from ftlib.costs.plots import BreakEvenChart

TODAY = _dt.date.today().isoformat()


@pytest.fixture
def page(browser):
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(("http://127.0.0.1", "data:", "about:"))
            else route.abort()
        ),
    )
    yield tab
    tab.close()
    assert errors == [], errors


class _Cells(HTMLParser):
    """Rows of cell texts of an HTML table (what the live lab's summary shows)."""

    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def _rows(markup: str) -> list[list[str]]:
    parser = _Cells()
    parser.feed(markup)
    return parser.rows


# ---------------------------------------------------------------- break-even calculator


def _break_even_html() -> str:
    return ft.costs.lab.break_even_calculator()._repr_mimebundle_()["text/html"]


BREAK_EVEN_DEFAULTS = dict(
    vintage=ft.load_catalog().vintage,
    requests_per_month=1_000_000,
    input_tokens=500,
    output_tokens=200,
    baseline="gpt-5.4",
    baseline_input_price=2.5,
    baseline_output_price=15.0,
    candidate="gpt-4.1-mini-ft",
    candidate_input_price=0.8,
    candidate_output_price=3.2,
    training_usd=200.0,
    other_upfront_usd=0.0,
    monthly_extra_usd=0.0,
)
BREAK_EVEN_STATES = [
    {},
    {"requests_per_month": 50_000, "training_usd": 1_700, "candidate": "gpt-5.4-mini"},
    {"vintage": "article-2026-04", "requests_per_month": 20_000, "output_tokens": 900},
    {
        "baseline": TYPED_PRICES,
        "candidate": TYPED_PRICES,
        "baseline_input_price": 3.0,
        "candidate_input_price": 4.0,
        "monthly_extra_usd": 25.0,
    },
    # 1M requests: gpt-5.4 with 80% of its 500 input tokens cached (0.2 x 2.5 + 0.8 x 0.25 =
    # $0.70 per 1M) and 300 reasoning tokens billed as output: $350 + $7,500 = $7,850; the tuned
    # candidate on Batch prices ($0.40 / $1.60): $200 + $320 = $520.
    {
        "baseline_cached_share": 0.8,
        "baseline_reasoning_tokens": 300,
        "candidate_batch": True,
    },
]


@pytest.mark.parametrize("state", BREAK_EVEN_STATES, ids=range(len(BREAK_EVEN_STATES)))
def test_break_even_page_shows_ftlib_numbers(page, state):
    values = {**BREAK_EVEN_DEFAULTS, **state}
    expected = break_even_view(BreakEvenChart(), **values)
    with lab_url("break_even", _break_even_html) as url:
        page.goto(url)
        lab = LabDriver(page, name="break_even")
        for name, value in state.items():
            lab.set(name, value)
        assert lab.summary_rows() == _rows(expected.html)
        notes = [n.removeprefix("Note: ") for n in lab.items(".ftlab-message .ftlab-note")]
        assert notes == list(expected.warnings)
        assert lab.render_ms() < 100
        if "candidate_batch" in state:
            assert [row[1] for row in lab.summary_rows()[:2]] == ["$7,850.00", "$520.00"]


def test_break_even_batch_without_a_batch_price_is_a_sentence(page):
    with lab_url("break_even", _break_even_html) as url:
        page.goto(url)
        lab = LabDriver(page, name="break_even")
        lab.set("baseline", "gpt-6.2-sol")  # no Batch price in the 2026-12-07 vintage
        lab.set("baseline_batch", True)
        assert "baseline batch" in lab.message() and "gpt-6.2-sol" in lab.message()
        lab.set("baseline_batch", False)
        assert "Check this input" not in lab.message()


def test_break_even_formulas_equal_ftlib_on_random_inputs(page):
    rng = random.Random(20261202)
    cases = []
    for _ in range(1_600):
        workload = (
            rng.choice([0, 10 ** rng.uniform(0, 8)]),
            rng.choice([0, rng.randint(0, 1_000_000), rng.uniform(0, 5_000)]),
            rng.choice([0, rng.randint(0, 1_000_000), rng.uniform(0, 5_000)]),
        )
        prices = [
            rng.choice([0.0, round(rng.uniform(0, 100), 3), 10 ** rng.uniform(-3, 3)])
            for _ in range(4)
        ]
        fixed = [rng.choice([0.0, rng.uniform(0, 20_000)]) for _ in range(2)]
        upfront, extra = 10 ** rng.uniform(-2, 6), rng.choice([0.0, rng.uniform(0, 5_000)])
        # Per side: cached-input and Batch prices (or none listed), and how the side is called.
        sides = []
        for _ in range(2):
            listed = [
                None if rng.random() < 0.15 else round(rng.uniform(0, 20), 3) for _ in range(3)
            ]
            use = [
                rng.choice([0.0, 0.0, rng.random(), 1.0]),
                rng.random() < 0.3,
                rng.choice([0.0, rng.randint(0, 5_000), rng.uniform(0, 2_000)]),
            ]
            sides.append(listed + use)
        cases.append([*workload, *prices, *fixed, upfront, extra, *sides])
    with lab_url("break_even", _break_even_html) as url:
        page.goto(url)
        LabDriver(page, name="break_even")
        got = page.evaluate(
            """cases => cases.map(c => {
              const [r, i, o, bi, bo, ci, co, bf, cf, up, ex, bs, cs] = c;
              const side = (pin, pout, fixed, s) => {
                const p = {in: pin, out: pout, cached: s[0], batch_in: s[1], batch_out: s[2]};
                try {
                  const rate = ftlab.costs.rates(p, {cached: s[3], batch: s[4]}, "");
                  return ftlab.costs.monthly(r, i, o, rate[0], rate[1], fixed, s[5]).bill;
                } catch (e) { return "error"; }
              };
              const b = side(bi, bo, bf, bs), k = side(ci, co, cf, cs);
              if (b === "error" || k === "error") return [b, k];
              const be = ftlab.costs.breakEven(b, k, up, ex, 3, 30);
              const el = document.querySelector('.ftlab[data-ftlab=break_even] .ftlab-data');
              const band = ftlab.costs.band(JSON.parse(el.textContent).bands, r).name;
              return [b, k, be.savings, be.months, be.days, be.worth, band];
            })""",
            cases,
        )

    def bill(w, pin, pout, fixed, side):
        cached, batch_in, batch_out, share, batch, reasoning = side
        prices = ft.Prices(
            pin,
            pout,
            fixed,
            cached_input_usd_per_1m_tokens=cached,
            batch_input_usd_per_1m_tokens=batch_in,
            batch_output_usd_per_1m_tokens=batch_out,
        )
        use = ft.Usage(cached_share=share, batch=batch, reasoning_tokens_per_request=reasoning)
        try:
            return ft.monthly_cost(w, prices, usage=use).monthly_cost_usd
        except ft.FtlibError:
            return "error"

    errors = 0
    for case, shown in zip(cases, got, strict=True):
        r, i, o, bi, bo, ci, co, bf, cf, up, ex, bs, cs = case
        w = ft.Workload(r, i, o)
        b, k = bill(w, bi, bo, bf, bs), bill(w, ci, co, cf, cs)
        if "error" in (b, k):
            assert shown == [b, k]
            errors += 1
            continue
        base, cand, savings, months, days, worth, band = shown
        result = ft.break_even(b, k, up, ex)
        assert (base, cand) == (b, k)
        assert savings == result.monthly_savings_usd
        assert (months, days) == (result.break_even_months, result.break_even_days)
        assert worth == result.worth_evaluating
        assert band == ft.volume_band(r).name
    assert len(cases) - errors >= 1_000 and errors > 0


def test_break_even_slider_reads_and_announces_real_volumes_from_the_keyboard(page):
    with lab_url("break_even", _break_even_html) as url:
        page.goto(url)
        lab = LabDriver(page, name="break_even")
        slider = lab.control("requests_per_month")
        assert slider.get_attribute("aria-valuetext") == "1,000,000"
        slider.focus()
        page.keyboard.press("ArrowLeft")
        page.wait_for_function(
            "e => e.getAttribute('aria-valuetext') === '800,000'", arg=slider.element_handle()
        )
        assert lab.summary_rows()[0][1] == "$3,400.00"  # 800,000 x (500 x 2.5 + 200 x 15) / 1M
        assert lab.root.locator("[aria-live=polite]").count() == 1
        lab.set("requests_per_month", 20_000)
        assert slider.get_attribute("aria-valuetext") == "20,000"
        assert "below-floor" in lab.headline()


def test_break_even_huge_price_is_a_sentence_and_clears_when_fixed(page):
    with lab_url("break_even", _break_even_html) as url:
        page.goto(url)
        lab = LabDriver(page, name="break_even")
        lab.set("baseline", TYPED_PRICES)
        lab.set("baseline_input_price", -1)
        assert "baseline input_usd_per_1m_tokens: got -1.0" in lab.message()
        lab.set("baseline_input_price", "1e308")
        assert "too large" in lab.message() and "-1.0" not in lab.message()
        lab.set("baseline_input_price", 2.5)
        assert "Check this input" not in lab.message()
        assert lab.summary_rows()[0][1] == "$4,250.00"


# ---------------------------------------------------------------- decision explorer


def _decision_html() -> str:
    return ft.decision.lab.decision_explorer(
        ft.Situation(requests_per_month=1_000_000, provider="openai"), as_of="2026-04-15"
    )._repr_mimebundle_()["text/html"]


DECISION_STATES = [
    {},
    {"as_of": "2026-06-01"},
    {"as_of": TODAY, "openai_fine_tuning_access": True},
    {"requests_per_month": 70_000, "as_of": "2026-09-10"},
    {"missing_facts": True, "provider": "any"},
    {"frontier_quality_cheaper": True, "requests_per_month": 250_000, "as_of": "2027-02-01"},
    {"self_host_required": True, "provider": "self-hosted", "as_of": TODAY},
    {"as_of": TODAY},  # OpenAI's route closed: a cheaper model and Google's route to weigh
    {"provider": "google", "as_of": TODAY},
]


@pytest.mark.parametrize("state", DECISION_STATES, ids=range(len(DECISION_STATES)))
def test_decision_explorer_page_shows_ftlib_recommendation(page, state):
    answers = {"requests_per_month": 1_000_000, "provider": "openai", "as_of": "2026-04-15"} | state
    as_of = answers.pop("as_of")
    rec = ft.recommend(ft.Situation(**answers), as_of=as_of)
    leaf, flow_leaf = (
        ft.decision.FLOW_LEAVES[rec.approach],
        ft.decision.FLOW_LEAVES[rec.flow_approach],
    )
    with lab_url("decision_explorer", _decision_html) as url:
        page.goto(url)
        lab = LabDriver(page, name="decision_explorer")
        for name, value in state.items():
            lab.set(name, value)
        head = lab.headline()
        assert head.startswith(f"As of {as_of}: {leaf.title} ({leaf.detail}).")
        assert (f"The flow itself ends at {flow_leaf.title}" in head) == rec.rerouted
        assert lab.items(".ftlab-summary ul.ftlab-reasons li") == list(rec.reasons)
        assert lab.items(".ftlab-summary ul.ftlab-alternatives li") == list(rec.alternatives)
        notes = [n.removeprefix("Note: ") for n in lab.items(".ftlab-message .ftlab-note")]
        assert notes == list(rec.warnings)
        path = lab.items(".ftlab-summary ol li")
        assert len(path) == len(rec.path) + 1
        for shown, step in zip(path, rec.path, strict=False):
            assert shown.endswith(f"{'yes' if step.answer else 'no'}: {step.because}")
        assert lab.render_ms() < 100


def test_decision_explorer_offers_today_and_is_keyboard_operable(page):
    with lab_url("decision_explorer", _decision_html) as url:
        page.goto(url)
        lab = LabDriver(page, name="decision_explorer")
        providers = lab.control("provider").evaluate("e => Array.from(e.options).map(o => o.text)")
        assert "google" in providers
        options = lab.control("as_of").evaluate("e => Array.from(e.options).map(o => o.text)")
        assert f"{TODAY} (today)" in options
        box = lab.control("missing_facts")
        box.focus()
        page.keyboard.press("Space")
        page.wait_for_function(
            "() => document.querySelector('.ftlab-headline').innerText.includes('RAG')"
        )
        assert lab.root.locator("[aria-live=polite]").count() == 1


# ---------------------------------------------------------------- readiness gate


def _readiness_html() -> str:
    return ft.readiness.lab.readiness_gate(
        ft.Situation(requests_per_month=1_000_000, provider="openai")
    )._repr_mimebundle_()["text/html"]


READINESS_START = dict(
    metric="clause F1",
    test_examples=80,
    test_source="separate",
    baseline_measured=False,
    train_examples=1_500,
    hypothesis="",
    iterations_budget=3,
    abort_criterion="if checkpoint 2 is below 0.88 F1, ship the prompt",
)
READINESS_STATES = [
    {},
    {
        "baseline_measured": True,
        "hypothesis": "F1 from 0.82 to 0.92 by teaching the clause format",
        "as_of": "2026-04-15",
    },
    {"metric": "", "test_examples": 30, "train_examples": 100, "as_of": "2026-06-01"},
    {"test_source": "same", "iterations_budget": 1, "abort_criterion": "", "as_of": "2027-02-01"},
]


@pytest.mark.parametrize("state", READINESS_STATES, ids=range(len(READINESS_STATES)))
def test_readiness_gate_page_shows_ftlib_verdict_and_todays_route(page, state):
    answers = READINESS_START | {k: v for k, v in state.items() if k != "as_of"}
    as_of = state.get("as_of", TODAY)
    result = ft.check_readiness(ft.ReadinessAnswers(**answers))
    rec = ft.recommend(ft.Situation(requests_per_month=1_000_000, provider="openai"), as_of=as_of)
    with lab_url("readiness_gate", _readiness_html) as url:
        page.goto(url)
        lab = LabDriver(page, name="readiness_gate")
        assert lab.value("as_of") == TODAY  # the date control starts on today
        for name, value in state.items():
            lab.set(name, value)
        verdict = (
            "ready to train" if result.ready else f"not ready: {len(result.failed)} item(s) open"
        )
        assert lab.headline() == f"Verdict: {verdict}."
        assert lab.items(".ftlab-summary ul li") == [
            f"{i.name}: {i.reason}" + (f" Next: {i.next_step}" if i.next_step else "")
            for i in result.items
        ]
        route = lab.items(".ftlab-summary p")[0]
        assert f"as of {as_of}: {ft.decision.FLOW_LEAVES[rec.approach].title}" in route
        assert lab.render_ms() < 100


# ---------------------------------------------------------------- 'when not' quiz


def _when_not_html() -> str:
    return ft.decision.lab.when_not_quiz("support-facts")._repr_mimebundle_()["text/html"]


VERDICT = re.compile(r"\b(Correct|Not yet)\b")


@pytest.mark.parametrize(
    "scenario, answer",
    [("support-facts", "rag"), ("tone-few", "fine-tune"), ("json-at-scale", "fine-tune")],
)
def test_when_not_quiz_grades_only_after_a_pick_with_ftlib_feedback(page, scenario, answer):
    expected = ft.decision.selfcheck.when_not_answer(scenario, answer)
    story = next(s.story for s in ft.decision.WHEN_NOT_SCENARIOS if s.id == scenario)
    with lab_url("when_not_scenarios", _when_not_html) as url:
        page.goto(url)
        lab = LabDriver(page, name="when_not")
        assert lab.value("answer") == "" and not VERDICT.search(lab.root.inner_text())
        lab.set("scenario_id", scenario)
        assert not VERDICT.search(lab.root.inner_text())
        lab.set("answer", answer)
        shown = lab.items(".ftlab-summary .ftlab-note")
        assert shown == [f"{'Correct' if expected.correct else 'Not yet'}. {expected.message}"]
        assert lab.items(".ftlab-summary em") == [story]
        other = "migration" if scenario != "migration" else "tone-few"
        lab.set("scenario_id", other)
        assert lab.value("answer") == "" and not VERDICT.search(lab.root.inner_text())


# ---------------------------------------------------------------- self-checks


def _self_check_html() -> str:
    return ft.labkit.selfcheck.self_check(
        ft.costs.selfcheck.break_even_days_answer, [1.6, 1.9, 3.8, 14]
    )._repr_mimebundle_()["text/html"]


def test_self_check_shows_no_verdict_until_picked_then_ftlib_feedback(page):
    with lab_url("(self-check)", _self_check_html) as url:
        page.goto(url)
        lab = LabDriver(page, name="self_check")
        assert not VERDICT.search(lab.root.inner_text())
        radios = lab.root.locator("input[type=radio]")
        assert radios.count() == 4
        for i, days in enumerate([1.6, 1.9, 3.8, 14]):
            expected = ft.costs.selfcheck.break_even_days_answer(days)
            before = int(lab.root.get_attribute("data-renders"))
            radios.nth(i).check()
            page.wait_for_function(
                f"el => Number(el.getAttribute('data-renders')) > {before}",
                arg=lab.root.element_handle(),
            )
            label = "Correct" if expected.correct else "Not yet"
            assert lab.items(".ftlab-summary .ftlab-note") == [f"{label}. {expected.message}"]
            assert lab.headline() == f"{label}."


def _built_lab_pages() -> list[str]:
    from static_labs import SITE

    return sorted(p.name for p in (SITE / "labs").glob("*.html")) if SITE.exists() else []


@pytest.mark.parametrize("name", _built_lab_pages() or ["(site not built)"])
def test_built_lab_pages_show_no_verdict_before_an_answer(page, name):
    from static_labs import SITE

    if name == "(site not built)":
        pytest.skip("no built site")
    from browser_checks import serve

    with serve(SITE) as url:
        page.goto(url + "labs/" + name)
        page.wait_for_load_state("load")
        for lab in page.locator(".ftlab").all():
            assert lab.get_attribute("data-renders"), f"{name}: a static lab did not start"
            if lab.get_attribute("data-ftlab") in ("self_check", "when_not"):
                assert not VERDICT.search(lab.inner_text()), f"{name}: a verdict before an answer"
            assert lab.locator("[aria-live=polite]").count() == 1
        for off in page.locator(".ftlab-disabled").all():
            assert off.locator("input, select, button").first.is_disabled()
            assert "Run it live" in off.inner_text()


# ---------------------------------------------------------------- failure-mode experiments

EXPERIMENT_STATES = [
    (
        "contamination_lab",
        "failure_contamination",
        [{}, {"overlap_share": 1.0}, {"overlap_share": 0.5, "seed": 2}],
    ),
    (
        "shift_lab",
        "failure_shift",
        [{}, {"production_share": 0.8}, {"production_share": 0.3, "seed": 1}],
    ),
    (
        "noisy_labels_lab",
        "failure_noisy_labels",
        [{}, {"noise_rate": 0.0}, {"noise_rate": 0.6, "seed": 2}],
    ),
    ("data_size_lab", "failure_data_size", [{}, {"n_train": 20}, {"n_train": 2000, "seed": 1}]),
    (
        "sunk_cost_lab",
        "failure_sunk_cost",
        [{}, {"target_gain": 0.3}, {"max_checkpoints": 5, "target_gain": 0.05}],
    ),
    (
        "forgetting_lab",
        "failure_forgetting",
        [{}, {"rank": 1, "mix_share": 0.0}, {"rank": 16, "mix_share": 0.6}],
    ),
]


@pytest.mark.parametrize(
    "factory, notebook, states", EXPERIMENT_STATES, ids=[e[0] for e in EXPERIMENT_STATES]
)
def test_experiment_pages_show_the_ftlib_run_for_each_position(page, factory, notebook, states):
    lab_object = getattr(ft.experiments.lab, factory)()
    start = lab_object.lab.values()
    with lab_url(notebook, lambda: lab_object._repr_mimebundle_()["text/html"]) as url:
        page.goto(url)
        lab = LabDriver(page, name="experiment")
        for state in states:
            for name, value in state.items():
                lab.set(name, value)
            values = start | state
            df = lab_object.experiment(**values)
            alt, summary = lab_object.describe(df)
            assert lab.headline() == alt
            assert lab.summary_rows() == _rows(summary)
            slider = lab.root.locator("input[type=range]").first
            shown = lab.root.locator(f"output[for='{slider.get_attribute('id')}']").inner_text()
            assert slider.get_attribute("aria-valuetext") == shown
            assert lab.render_ms() < 100
        off = lab.root.locator(".ftlab-disabled")
        assert off.count() >= 1 and "Run it live" in off.first.inner_text()
        assert off.locator("button, input").first.is_disabled()


# ---------------------------------------------------------------- judge agreement

JUDGE_STATES = [
    {},
    {"wrong_pass": 0.0},
    {"wrong_pass": 0.9, "n_labels": 500, "seed": 2},
]


def test_judge_page_shows_the_ftlib_agreement_for_each_position(page):
    from ftlib.judge.lab import judge_view

    lab_object = ft.judge.lab.judge_lab()
    start = {k: round(v, 2) if isinstance(v, float) else v for k, v in lab_object.values().items()}
    with lab_url("judge_agreement", lambda: lab_object._repr_mimebundle_()["text/html"]) as url:
        page.goto(url)
        lab = LabDriver(page, name="experiment")
        for state in JUDGE_STATES:
            for name, value in state.items():
                lab.set(name, value)
            values = start | state
            answers, alt, summary = judge_view(**values)
            result = ft.judge_agreement(answers.human_pass.tolist(), answers.judge_pass.tolist())
            assert lab.headline() == alt
            assert f"kappa {result.kappa:.2f}" in lab.headline()
            assert lab.root.locator(".ftlab-summary").inner_text().split() == (
                html.unescape(re.sub("<[^>]+>", " ", summary)).split()
            )
            shares = answers.groupby("kind").judge_pass.mean()
            bars = lab.items(".ftlab-bar-value")
            assert bars == [
                f"{math.floor(shares[k] * 100 + 0.5)}%"
                for k in ft.judge.ANSWER_KINDS
                if k in shares
            ]
            assert lab.render_ms() < 100
        assert lab.control("wrong_pass").get_attribute("aria-valuetext") == "90%"


# ---------------------------------------------------------------- measure before training


MEASURE = {}


def _measure_html() -> str:
    if not MEASURE:
        MEASURE["paired"] = ft.evaluation.lab.paired_comparison_explorer(test_size=100)
        MEASURE["leaks"] = ft.evaluation.lab.leaked_items_explorer()
        MEASURE["html"] = "".join(
            MEASURE[k]._repr_mimebundle_()["text/html"] for k in ("paired", "leaks")
        )
    return MEASURE["html"]


@pytest.mark.parametrize(
    "state",
    [{}, {"test_size": 500}, {"test_size": 25, "metric": "macro_f1", "drop_leaked": True}],
    ids=range(3),
)
def test_paired_comparison_page_shows_ftlib_verdict(page, state):
    html_page = _measure_html()
    with lab_url("measure_before_training", lambda: html_page) as url:
        page.goto(url)
        lab = LabDriver(page, name="paired_comparison")
        for name, value in state.items():
            lab.set(name, value)
        values = {"test_size": 100, "metric": "accuracy", "drop_leaked": False, "seed": 0} | state
        MEASURE["paired"].controls["test_size"].value = values["test_size"]
        for name in ("metric", "drop_leaked", "seed"):
            MEASURE["paired"].controls[name].value = values[name]
        expected = MEASURE["paired"].summary.value
        assert lab.summary_rows() == _rows(expected)
        assert lab.headline() in html.unescape(expected)
        assert lab.control("test_size").get_attribute("aria-valuetext") == str(values["test_size"])
        off = lab.root.locator(".ftlab-disabled")
        assert off.locator("input").first.is_disabled() and "Run it live" in off.inner_text()


@pytest.mark.parametrize("state", [{}, {"threshold": 0.95}, {"threshold": 0.6, "unit": "word"}])
def test_leaked_items_page_shows_ftlib_report(page, state):
    html_page = _measure_html()
    with lab_url("measure_before_training", lambda: html_page) as url:
        page.goto(url)
        lab = LabDriver(page, name="leaked_items")
        for name, value in state.items():
            lab.set(name, value)
        values = {"threshold": 0.8, "unit": "char"} | state
        report = ft.datacheck.find_duplicates(
            ft.load_ticket_eval().train_texts,
            ft.load_ticket_eval().test["text"].tolist(),
            threshold=values["threshold"],
            unit=values["unit"],
        )
        assert lab.headline() == report.summary()
        MEASURE["leaks"].controls["threshold"].value = values["threshold"]
        MEASURE["leaks"].controls["unit"].value = values["unit"]
        assert lab.summary_rows() == _rows(MEASURE["leaks"].summary.value)


# ---------------------------------------------------------------- check your data


DATA = {}


def _data_html() -> str:
    if not DATA:
        DATA["html"] = ft.datacheck.lab.data_check_lab()._repr_mimebundle_()["text/html"]
    return DATA["html"]


@pytest.mark.parametrize(
    "state",
    [{}, {"source": "clean", "test": "test"}, {"model": "gpt-4.1-nano-ft", "epochs": 10}],
    ids=range(3),
)
def test_data_check_page_shows_ftlib_report_and_says_why_upload_is_off(page, state):
    values = {"source": "defects", "test": "none", "model": "gpt-4.1-mini-ft", "epochs": 3}
    values |= state
    live = ft.datacheck.lab.data_check_lab()
    for name, value in values.items():
        live.controls[name].value = value
    report = ft.check_training_data(
        ft.data_sample_path(values["source"]),
        test=ft.data_sample_path("test") if values["test"] == "test" else None,
        model=values["model"],
        epochs=values["epochs"],
    )
    with lab_url("check_your_data", _data_html) as url:
        page.goto(url)
        lab = LabDriver(page, name="data_check")
        for name, value in state.items():
            lab.set(name, value)
        usable = "usable" if report.usable else f"not usable: {report.errors_total:,} error(s)"
        assert lab.headline() == f"{report.examples:,} valid examples; the file is {usable}."
        assert lab.summary_rows() == _rows(live.summary.value)
        notes = [n.removeprefix("Note: ") for n in lab.items(".ftlab-message .ftlab-note")]
        assert notes == [w.message for w in report.warnings]
        off = lab.root.locator(".ftlab-disabled")
        assert off.count() == 2
        for i in range(2):
            assert off.nth(i).locator("input").is_disabled()
            assert "needs Python" in off.nth(i).inner_text()
            assert "Run it live" in off.nth(i).inner_text()
