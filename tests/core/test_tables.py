"""Tables as shown on the site: nothing cut, plain headers, money the way people write it."""

from __future__ import annotations

import pandas as pd
import pytest

import ftlib as ft
from ftlib.core.errors import FtlibError
from ftlib.core.tables import money, readable_header, table


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (-690, "-$690"),
        (-690.4, "-$690"),
        (0, "$0"),
        (-0.0, "$0"),
        (-0.4, "$0"),  # rounds to zero: no "$-0" and no "-$0"
        (1250, "$1,250"),
        (1_000_000, "$1,000,000"),
        (999.5, "$1,000"),  # Python rounds half to even on the float; 999.5 -> 1000
    ],
)
def test_money_reads_the_way_people_write_dollars(value, expected):
    assert money(value) == expected


def test_money_with_cents():
    assert money(0.15, decimals=2) == "$0.15"
    assert money(-12.345, decimals=2) == "-$12.35" or money(-12.345, decimals=2) == "-$12.34"
    assert money(-0.004, decimals=2) == "$0.00"


def test_money_refuses_text_and_bad_decimals():
    with pytest.raises(FtlibError, match="value: got 'abc'; expected a number of dollars"):
        money("abc")
    with pytest.raises(FtlibError, match="decimals: got -1; expected a whole number, 0 or more"):
        money(5, decimals=-1)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("break_even_days", "break-even days"),
        ("baseline_monthly_usd", "baseline monthly USD"),
        ("input_usd_per_1m_tokens", "input USD per 1M tokens"),
        ("p_value", "p-value"),
        ("n_train", "training examples"),
        ("noise_rate", "noise rate"),
        ("tuned ($/month)", "tuned ($/month)"),  # already words: unchanged
        ("accuracy", "accuracy"),
    ],
)
def test_headers_lose_their_snake_case(name, expected):
    assert readable_header(name) == expected


def test_long_cells_stay_whole():
    text = "one primary number (accuracy, F1, format compliance) agreed before training starts"
    t = table(pd.DataFrame({"what it takes": [text]}, index=pd.Index(["metric"], name="item")))
    assert t.rows == (("metric", text),)
    assert text in t._repr_html_()
    assert "..." not in t._repr_html_()


def test_money_columns_by_name_and_by_argument():
    frame = pd.DataFrame({"upfront_usd": [-690.0, 0.0], "saving": [1200.0, -50.0]})
    t = table(frame, money=["saving"])
    assert t.headers == ("upfront USD", "saving")
    assert t.rows == (("-$690", "$1,200"), ("$0", "-$50"))
    assert t.numeric == (True, True)


def test_numbers_get_separators_and_the_decimals_they_need():
    frame = pd.DataFrame({"requests": [1000, 250000], "accuracy": [0.812, 0.9], "days": [1.5, 2.0]})
    assert table(frame).rows == (("1,000", "0.812", "1.5"), ("250,000", "0.900", "2.0"))
    assert table(frame, decimals={"accuracy": 1}).rows[0][1] == "0.8"


def test_missing_values_show_a_dash_not_nan():
    t = table(pd.DataFrame({"break_even_days": [float("nan"), 3.0], "note": [None, "x"]}))
    assert t.rows[0] == ("–", "–")


def test_named_index_becomes_the_first_column_and_a_default_index_is_hidden():
    named = pd.DataFrame({"a": [1]}, index=pd.Index(["x"], name="noise_rate"))
    assert table(named).headers == ("noise rate", "a")
    assert table(pd.DataFrame({"a": [1]})).headers == ("a",)
    unnamed = pd.DataFrame({"a": [1]}, index=["x"])
    assert table(unnamed).headers == ("", "a")


def test_rows_and_stylers_are_accepted():
    rows = [{"scenario": "s1", "verdict": "stop"}]
    assert table(rows).rows == (("s1", "stop"),)
    styled = pd.DataFrame({"cost_usd": [5.0]}).style.format("{:.3f}")
    assert table(styled).rows == (("$5",),)


def test_html_escapes_cell_text_and_marks_number_columns():
    out = table(pd.DataFrame({"name": ["<b>"], "n": [3]}))._repr_html_()
    assert "&lt;b&gt;" in out and "<b>" not in out
    assert '<td class="ft-num" data-label="n">3</td>' in out


def test_plain_text_aligns_numbers_right():
    text = str(table(pd.DataFrame({"item": ["a", "bb"], "cost_usd": [5.0, 1250.0]})))
    assert text.splitlines()[2].endswith("    $5")
    assert text.splitlines()[3].endswith("$1,250")


def test_a_transposed_frame_of_mixed_rows_still_formats_its_numbers():
    rows = {
        "a": {"upfront_usd": -690.0, "break_even_days": None, "worth_evaluating": False},
        "b": {"upfront_usd": 200.0, "break_even_days": 12.5, "worth_evaluating": True},
    }
    frame = pd.DataFrame(rows).T  # object columns, as compare_costs(...).to_dict() gives
    t = table(frame, na="never")
    assert t.rows == (("a", "-$690", "never", "no"), ("b", "$200", "12.5", "yes"))
    assert t.numeric == (False, True, True, False)


def test_tables_of_sentences_stack_on_phones_and_label_every_cell():
    text = "one primary number agreed before training starts"
    wide = table(pd.DataFrame({"item": ["metric"], "what it takes": [text]}))
    assert 'class="ft-table dataframe ft-stack"' in wide._repr_html_()
    assert f'data-label="what it takes">{text}</td>' in wide._repr_html_()
    numbers = table(pd.DataFrame({"requests": [1000], "cost_usd": [5.0]}))
    assert "ft-stack" not in numbers._repr_html_()


def test_plain_text_of_long_sentences_fits_88_columns_and_keeps_every_word():
    reason = (
        "No abort criterion: after weeks of data work, sunk cost pushes teams on with flat "
        "results. Next: write the score and the checkpoint at which training stops."
    )
    frame = pd.DataFrame(
        {"item": ["abort-criterion", "baseline"], "status": ["FAIL", "pass"], "why": [reason, "ok"]}
    )
    text = str(table(frame))
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 88
    # The reason reads in order down its column; the other cells are blank on its continuations.
    start = lines[0].index("why")
    pieces = [line[start:] for line in lines[2:] if not line.startswith("baseline")]
    assert " ".join(pieces).split() == reason.split()
    assert all(line[:start].strip() == "" for line in lines[3:-1])
    assert lines[-1].startswith("baseline") and lines[-1].endswith("ok")


def test_numbers_never_wrap_and_a_long_word_stays_whole():
    url = "https://example.com/" + "a" * 100
    frame = pd.DataFrame({"source": [url], "price_usd": [1250.0]})
    lines = str(table(frame)).splitlines()
    assert url in lines[2] and lines[2].endswith("$1,250")


def test_a_table_that_cannot_fit_stays_one_line_per_row():
    """Many columns of single words: wrapping could not bring it under 88, so it does not wrap."""
    cells = {f"column_{i}": ["a-single-hyphenated-word-per-cell"] for i in range(4)}
    cells["status"] = ["closed to new users (confirmed)"]
    lines = str(table(pd.DataFrame(cells))).splitlines()
    assert len(lines) == 3 and "closed to new users (confirmed)" in lines[2]


@pytest.mark.parametrize("value", [float("inf"), float("-inf")])
def test_money_refuses_an_infinite_amount_instead_of_printing_inf(value):
    with pytest.raises(ft.FtlibError, match="a finite number of dollars"):
        ft.money(value)
