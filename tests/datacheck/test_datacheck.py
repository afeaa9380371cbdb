"""check_training_data: what a team relies on before uploading a fine-tuning file.

Also covers the parts of ftlib.datacheck (records: one record; scan: the stream) and
ftlib.datacheck.lengths (binned lengths). Provider layouts, the strict-JSON checks and hostile
input are in test_datacheck_formats.py; token counting in test_tokens.py.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os

import pytest

import ftlib as ft
import ftlib.datacheck.lab
import ftlib.datacheck.plots
import ftlib.datacheck.selfcheck
from ftlib.datacheck.lengths import LengthTally
from ftlib.datacheck.scan import iter_jsonl_lines


def chat(
    user: str = "What is the notice period?",
    answer: str = '{"clause": "notice"}',
    system: str | None = None,
) -> dict:
    messages = ([{"role": "system", "content": system}] if system else []) + [
        {"role": "user", "content": user},
        {"role": "assistant", "content": answer},
    ]
    return {"messages": messages}


def jsonl(*records) -> bytes:
    return b"".join(
        (r if isinstance(r, bytes) else json.dumps(r).encode()) + b"\n" for r in records
    )


def check(data: bytes, **kw) -> ft.datacheck.DataReport:
    return ft.check_training_data(data, exact_tokens=False, **kw)


def kinds(report: ft.datacheck.DataReport) -> list[str]:
    return [e.kind for e in report.errors]


NEW_KINDS = {
    "no-user",
    "unknown-key",
    "bad-order",
    "invalid-number",
    "lone-surrogate",
    "duplicate-key",
}

# --- every defect kind, each with its line number ---------------------------------------------

DEFECTS = {
    "malformed-json": b'{"messages": [',
    "not-an-object": b'["user", "assistant"]',
    "unknown-format": json.dumps({"input": "a", "output": "b"}).encode(),
    "missing-field": json.dumps({"prompt": "only a prompt"}).encode(),
    "wrong-type": json.dumps({"messages": "hello"}).encode(),
    "missing-role": json.dumps(
        {"messages": [{"content": "hi"}, {"role": "assistant", "content": "yo"}]}
    ).encode(),
    "unknown-role": json.dumps(
        {"messages": [{"role": "bot", "content": "hi"}, {"role": "assistant", "content": "yo"}]}
    ).encode(),
    "non-string-content": json.dumps(
        {"messages": [{"role": "user", "content": 42}, {"role": "assistant", "content": "yo"}]}
    ).encode(),
    "empty-content": json.dumps(
        {"messages": [{"role": "user", "content": ""}, {"role": "assistant", "content": "yo"}]}
    ).encode(),
    "no-assistant": json.dumps({"messages": [{"role": "user", "content": "hi"}]}).encode(),
    "not-utf8": b'{"messages": [{"role": "user", "content": "caf\xe9"}]}',
}


@pytest.mark.parametrize("kind", sorted(DEFECTS))
def test_each_defect_is_reported_with_its_line_and_makes_the_file_unusable(kind):
    report = check(jsonl(chat(), DEFECTS[kind], chat("Another question?")))
    assert [(e.line, e.kind) for e in report.errors] == [(2, kind)]
    assert report.examples == 2 and report.invalid_lines == 1
    assert report.error_counts == ((kind, 1),)
    assert not report.usable
    assert kind in ft.datacheck.ERROR_KINDS


def test_the_layout_is_named_even_when_no_example_is_valid():
    assert check(jsonl(DEFECTS["no-assistant"])).format == "openai-chat"
    assert check(jsonl(b"[]")).format == "unknown"


def test_mixed_layouts_are_an_error_on_the_line_that_differs():
    report = check(jsonl(chat(), {"prompt": "p", "completion": "c"}))
    assert [(e.line, e.kind) for e in report.errors] == [(2, "mixed-format")]


def test_messages_name_the_problem_precisely():
    report = check(jsonl(DEFECTS["unknown-role"], DEFECTS["not-utf8"], DEFECTS["malformed-json"]))
    unknown, not_utf8, malformed = report.errors
    assert "'bot'" in unknown.message and "assistant" in unknown.message
    position = DEFECTS["not-utf8"].index(b"\xe9") + 1  # 1-based, as an editor's column counts
    assert f"byte {position} (0xe9)" in not_utf8.message
    assert "column" in malformed.message


def test_shipped_defects_sample_has_one_error_of_each_line_kind():
    report = ft.check_training_data(ft.data_sample_path("defects"), exact_tokens=False)
    # The sample (2026-11-28) shows the twelve line-level kinds that existed then; the kinds added
    # since (test_datacheck_formats.py) are not in it, and the sample is never edited.
    line_kinds = set(ft.datacheck.ERROR_KINDS) - {"empty-file", "line-too-long"} - NEW_KINDS
    assert sorted(kinds(report)) == sorted(line_kinds) and len(line_kinds) == 12
    assert report.errors_total == len(line_kinds) and not report.usable
    warned = {w.kind for w in report.warnings}
    assert {"duplicates", "blank-lines", "byte-order-mark", "few-examples"} <= warned
    assert report.had_bom


# --- clean, empty, huge, BOM -------------------------------------------------------------------


def test_clean_sample_is_usable_and_counts_roles():
    report = ft.check_training_data(ft.data_sample_path("clean"), exact_tokens=False)
    assert report.usable and report.errors == () and report.warnings == ()
    assert report.examples == report.lines == 240
    assert [(r.role, r.messages) for r in report.roles] == [
        ("system", 240),
        ("user", 240),
        ("assistant", 240),
    ]
    assert report.total_tokens == sum(r.tokens.total for r in report.roles) + 240 * (
        3 * ft.datacheck.TOKENS_PER_MESSAGE + ft.datacheck.TOKENS_PER_EXAMPLE
    )


@pytest.mark.parametrize(
    "data, detail", [(b"", "the file is empty"), (b"\n  \n\r\n", "only blank lines")]
)
def test_an_empty_file_is_an_error_not_a_usable_file(data, detail):
    report = check(data)
    assert [(e.line, e.kind) for e in report.errors] == [(0, "empty-file")]
    assert detail in report.errors[0].message and not report.usable


def test_a_huge_line_is_skipped_without_reading_it_whole_and_the_next_line_still_counts():
    huge = b'{"messages": "' + b"x" * 5_000 + b'"}'
    report = check(jsonl(huge, chat()), max_line_bytes=1_000)
    assert [(e.line, e.kind) for e in report.errors] == [(1, "line-too-long")]
    assert report.examples == 1 and report.lines == 2


def test_a_long_valid_example_counts_its_tokens_and_warns_over_the_limit():
    long_answer = "a" * 400_000  # 80,000 estimated tokens (5 English letters per token)
    report = check(jsonl(chat("q", long_answer), chat()), max_example_tokens=65_536)
    assert report.usable and report.over_limit_examples == 1
    (warning,) = [w for w in report.warnings if w.kind == "over-limit"]
    assert warning.lines == (1,)
    assert (
        report.example_tokens.maximum
        == 80_000 + 1 + 2 * ft.datacheck.TOKENS_PER_MESSAGE + ft.datacheck.TOKENS_PER_EXAMPLE
    )


def test_a_byte_order_mark_is_ignored_and_reported():
    report = check(b"\xef\xbb\xbf" + jsonl(chat()))
    assert report.usable and report.had_bom
    assert [w.kind for w in report.warnings if w.kind == "byte-order-mark"] == ["byte-order-mark"]


def test_a_utf16_file_gets_a_hint():
    report = check(json.dumps(chat()).encode("utf-16"))
    assert report.errors[0].kind == "not-utf8" and "UTF-16" in report.errors[0].message


def test_windows_line_endings_and_a_missing_final_newline_are_fine():
    data = json.dumps(chat()).encode() + b"\r\n" + json.dumps(chat("other")).encode()
    report = check(data)
    assert report.usable and report.examples == 2


# --- listing stops, counting does not ----------------------------------------------------------


def test_listing_stops_at_max_errors_but_every_error_is_counted():
    report = check(jsonl(*[b"not json"] * 120, chat()), max_errors=5)
    assert len(report.errors) == 5 and report.errors_total == 120
    assert [e.line for e in report.errors] == [1, 2, 3, 4, 5]
    assert dict(report.error_counts) == {"malformed-json": 120}


# --- duplicates --------------------------------------------------------------------------------


def test_duplicates_ignore_spacing_but_not_wording():
    report = check(
        jsonl(
            chat("Notice period?"),
            chat("Notice   period?"),
            chat("Notice period!"),
            chat("Notice period?"),
        )
    )
    assert report.duplicates == 2
    (warning,) = [w for w in report.warnings if w.kind == "duplicates"]
    assert warning.lines == (2, 4)


def test_duplicate_table_is_bounded_and_says_so_when_full():
    records = [chat(f"question {i}") for i in range(30)] + [chat("question 3")]
    report = check(jsonl(*records), max_tracked_examples=10)
    assert report.duplicates == 1  # question 3 was among the first 10 remembered
    assert "duplicates-partial" in {w.kind for w in report.warnings}


# --- layouts -----------------------------------------------------------------------------------


def test_prompt_completion_layout_counts_prompt_and_completion_tokens_without_chat_overhead():
    report = check(jsonl({"prompt": "abcd" * 3, "completion": "abcd"}))
    assert report.format == "prompt-completion" and report.usable
    assert [(r.role, r.tokens.total) for r in report.roles] == [("prompt", 3), ("completion", 1)]
    assert report.total_tokens == 4


def test_a_forced_format_reports_the_other_layout_as_missing_fields():
    report = check(jsonl({"prompt": "p", "completion": "c"}), format="openai-chat")
    assert kinds(report) == ["missing-field"] and "prompt-completion" in report.errors[0].message


def test_tool_calls_and_text_parts_are_valid_chat():
    record = {
        "messages": [
            {"role": "user", "content": [{"type": "text", "text": "weather?"}]},
            {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {"id": "1", "type": "function", "function": {"name": "w", "arguments": "{}"}}
                ],
            },
            {"role": "tool", "content": "sunny", "tool_call_id": "1"},
            {"role": "assistant", "content": "It is sunny.", "weight": 1},
        ]
    }
    assert check(jsonl(record)).usable


def test_a_weight_other_than_0_or_1_is_a_wrong_type():
    record = chat()
    record["messages"][1]["weight"] = 0.5
    assert kinds(check(jsonl(record))) == ["wrong-type"]


def test_deep_nesting_and_giant_integers_are_malformed_json_not_crashes():
    report = check(jsonl(b"[" * 100_000 + b"]" * 100_000, b'{"n": ' + b"9" * 5_000 + b"}"))
    assert kinds(report) == ["malformed-json", "malformed-json"]


# --- tokens, lengths ---------------------------------------------------------------------------


def test_the_token_estimate_is_stated_and_hand_computable():
    # 12 letters / 5 -> 3 tokens; 4 -> 1; plus 3 per message and 3 per example: 3 + 1 + 6 + 3 = 13.
    report = check(jsonl(chat("abcdabcdabcd", "abcd")))
    assert report.total_tokens == 13
    assert not report.tokens_exact and report.token_method.startswith("estimate")
    assert ft.datacheck.estimate_tokens("a" * 9) == 3


def test_length_percentiles_are_within_one_bin_and_exact_at_the_ends():
    tally = LengthTally()
    for n in range(1, 1001):
        tally.add(n)
    d = tally.result()
    assert (d.count, d.total, d.minimum, d.maximum) == (1000, 500_500, 1, 1000)
    assert d.percentile(0) == 1 and d.percentile(100) == 1000
    assert 500 <= d.percentile(50) <= 500 * 2 ** (1 / 8) + 1
    assert sum(d.bin_counts) == 1000 and len(d.bin_edges) == len(d.bin_counts) + 1


def test_iter_jsonl_lines_strips_endings_and_bounds_long_lines():
    stream = io.BytesIO(b"a\r\nbb\n" + b"c" * 100 + b"\nd")
    assert list(iter_jsonl_lines(stream, max_line_bytes=10)) == [
        (1, b"a"),
        (2, b"bb"),
        (3, None),
        (4, b"d"),
    ]


# --- cost and test overlap ---------------------------------------------------------------------


def test_training_cost_is_tokens_times_epochs_times_the_catalog_price():
    report = check(
        jsonl(chat("abcdabcdabcd", "abcd")) * 1,
        model="gpt-4.1-mini-ft",
        epochs=4,
        catalog="checked-2026-11",
    )
    row = ft.load_catalog("checked-2026-11").get("gpt-4.1-mini-ft")
    assert report.cost.billed_tokens == 13 * 4
    assert math.isclose(report.cost.usd, 13 * 4 / 1e6 * row.training_usd_per_1m_tokens)
    assert report.cost.as_of == row.as_of and report.cost.source == row.source


def test_a_base_model_is_priced_through_its_fine_tuned_offering_and_gives_the_example_limit():
    report = check(jsonl(chat()), model="gpt-4.1-mini")
    assert report.cost.model_id == "gpt-4.1-mini-ft"
    assert (
        report.max_example_tokens
        == ft.load_catalog().get("gpt-4.1-mini").max_training_example_tokens
    )
    assert "model-status" in {
        w.kind for w in report.warnings
    }  # closed to new users since 2026-05-07


def test_a_model_without_a_token_price_is_a_warning_not_a_guess():
    report = check(jsonl(chat()), model="o4-mini-ft")
    assert report.cost is None
    (w,) = [w for w in report.warnings if w.kind == "no-training-price"]
    assert "per wall-clock hour" in w.message


def test_an_unknown_model_names_the_closest_ids():
    with pytest.raises(ft.FtlibError, match="did you mean gpt-4.1-mini"):
        check(jsonl(chat()), model="gpt-4.1-mni")


def test_overlap_with_the_shipped_test_file_finds_the_planted_copies():
    report = ft.check_training_data(
        ft.data_sample_path("clean"), test=ft.data_sample_path("test"), exact_tokens=False
    )
    o = report.overlap
    assert (o.test_examples, o.contaminated_test_examples, o.exact_pairs, o.near_pairs) == (
        60,
        6,
        3,
        3,
    )
    assert math.isclose(o.contaminated_share, 0.1)
    assert "test-overlap" in {w.kind for w in report.warnings}
    assert (
        report.usable
    )  # a leak is a warning about the test set, not an error in the training file


def test_disjoint_test_file_has_no_overlap():
    report = check(
        jsonl(chat("How long is the notice period?")),
        test=jsonl(chat("Which law governs the contract?")),
    )
    assert report.overlap.contaminated_test_examples == 0 and report.overlap.contaminated_share == 0
    assert "test-overlap" not in {w.kind for w in report.warnings}


# --- inputs and safety -------------------------------------------------------------------------


def test_the_input_file_is_never_modified(tmp_path):
    path = tmp_path / "train.jsonl"
    path.write_bytes(ft.data_sample_path("defects").read_bytes())
    before = (hashlib.sha256(path.read_bytes()).hexdigest(), os.stat(path).st_mtime_ns)
    ft.check_training_data(path, exact_tokens=False)
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), os.stat(path).st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["train.jsonl"]


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"format": "chat"}, "format"),
        ({"epochs": 0}, "epochs"),
        ({"max_errors": -1}, "max_errors"),
        ({"overlap_threshold": 0}, "overlap_threshold"),
        ({"max_example_tokens": 0}, "max_example_tokens"),
    ],
)
def test_bad_options_name_the_field(kwargs, field):
    with pytest.raises(ft.FtlibError) as info:
        check(jsonl(chat()), **kwargs)
    assert info.value.field == field


def test_a_missing_path_or_a_directory_is_bad_usage(tmp_path):
    with pytest.raises(ft.FtlibError, match="no such file"):
        ft.check_training_data(tmp_path / "missing.jsonl")
    with pytest.raises(ft.FtlibError, match="a directory"):
        ft.check_training_data(tmp_path)


def test_report_to_dict_is_json_ready():
    report = check(jsonl(chat(), b"oops"), model="gpt-4.1-mini-ft")
    data = json.loads(json.dumps(report.to_dict()))
    assert data["usable"] is False and data["errors"][0] == {
        "line": 2,
        "kind": "malformed-json",
        "message": report.errors[0].message,
    }
    assert data["cost"]["as_of"] == str(ft.load_catalog().get("gpt-4.1-mini-ft").as_of)
    assert data["example_tokens"]["p50"] == report.example_tokens.percentile(50)


# --- tables, figures and the lab ---------------------------------------------------------------


def test_tables_name_the_file_without_its_folder_and_state_the_verdict():
    tables = ft.datacheck.data_report_tables(
        ft.check_training_data(ft.data_sample_path("defects"), exact_tokens=False)
    )
    summary = dict(tables["summary"].values.tolist())
    assert (
        summary["file"] == "train_with_defects.jsonl"
        and summary["verdict"] == "not usable: 12 errors"
    )
    assert tables["errors"]["line"].tolist() == [
        e.line for e in ft.check_training_data(ft.data_sample_path("defects")).errors
    ]
    assert tables["overlap"].empty


def test_length_histogram_marks_the_limit_and_counts_every_example():
    report = check(jsonl(chat("q", "a" * 400), chat()), max_example_tokens=50)
    fig = ft.datacheck.plots.example_length_histogram(report)
    ax = fig.axes[0]
    assert sum(p.get_height() for p in ax.patches) == 2
    assert any(list(line.get_xdata()) == [50, 50] for line in ax.get_lines())


def test_the_lab_shows_bad_input_in_the_page_and_keeps_going():
    lab = ft.datacheck.lab.data_check_lab()
    assert "malformed-json" in lab.summary.value and "<img" in lab.figure.value
    lab.controls["source"].value = "upload"  # nothing uploaded yet
    assert "Upload button" in lab.message.value
    lab.controls["source"].value = "clean"
    assert "Check this input" not in lab.message.value and "usable" in lab.summary.value


def test_self_checks_accept_the_right_answers_and_explain_the_wrong_ones():
    assert (
        ft.datacheck.selfcheck.data_usable_answer(False).correct
        and not ft.datacheck.selfcheck.data_usable_answer(True).correct
    )
    clean = ft.check_training_data(ft.data_sample_path("clean"), exact_tokens=False)
    assert ft.datacheck.selfcheck.billed_tokens_answer(clean.total_tokens * 2, epochs=2).correct
    wrong = ft.datacheck.selfcheck.billed_tokens_answer(clean.total_tokens, epochs=2)
    assert not wrong.correct and f"{clean.total_tokens * 2:,}" in wrong.message
    assert (
        ft.datacheck.selfcheck.data_leak_answer(10).correct
        and not ft.datacheck.selfcheck.data_leak_answer(50).correct
    )


# --- constant memory ---------------------------------------------------------------------------


def _peak_mib(fn) -> float:
    import tracemalloc

    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_number_of_lines(tmp_path):
    small, large = tmp_path / "small.jsonl", tmp_path / "large.jsonl"
    small.write_bytes(jsonl(*[chat(f"question {i}", "x" * 100) for i in range(1_000)]))
    large.write_bytes(jsonl(*[chat(f"question {i}", "x" * 100) for i in range(8_000)]))
    peaks = [
        _peak_mib(
            lambda p=p: ft.check_training_data(p, exact_tokens=False, max_tracked_examples=500)
        )
        for p in (small, large)
    ]
    assert large.stat().st_size > 7 * small.stat().st_size
    assert peaks[1] < peaks[0] + 0.5, peaks  # 8x the lines, well under half a MiB more


def test_a_huge_line_is_never_held_whole(tmp_path):
    path = tmp_path / "huge.jsonl"
    with open(path, "wb") as f:
        f.write(b'{"messages": "')
        for _ in range(20):
            f.write(b"y" * 2**20)  # 20 MiB on one line
        f.write(b'"}\n' + jsonl(chat()))
    peak = _peak_mib(
        lambda: ft.check_training_data(
            path, exact_tokens=False, max_line_bytes=2**20, max_tracked_examples=1_000
        )
    )
    assert peak < 5, peak


def test_test_file_problems_are_warnings_about_the_test_file():
    report = check(jsonl(chat()), test=jsonl(b"not json", chat("Which law applies?")))
    assert (
        report.usable
        and report.overlap.test_invalid_lines == 1
        and report.overlap.test_examples == 1
    )
    assert "test-unreadable" in {w.kind for w in report.warnings}
    empty = check(jsonl(chat()), test=b"")
    assert empty.overlap.test_examples == 0 and "test-empty" in {w.kind for w in empty.warnings}


def test_bytes_can_carry_a_display_name():
    assert check(jsonl(chat()), name="upload.jsonl").source == "upload.jsonl"
    assert check(jsonl(chat())).source == "<bytes>"


def test_without_a_training_limit_the_context_window_is_the_limit():
    row = ft.load_catalog().get("llama-3.3-70b")
    assert row.max_training_example_tokens is None and row.context_tokens
    assert check(jsonl(chat()), model="llama-3.3-70b").max_example_tokens == row.context_tokens


def test_shipped_samples_match_their_manifest():
    folder = ft.data_sample_path("clean").parent
    manifest = json.loads((folder / "manifest.json").read_text())
    listed = {f["file"]: f["sha256"] for f in manifest["files"]}
    assert sorted(listed) == sorted([*ft.datacheck.DATA_SAMPLES.values(), "token_mix.jsonl"])
    for name, digest in listed.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, (
            f"{name} was edited: add a new file instead"
        )
    assert manifest["as_of"] and manifest["source"] and manifest["licence"]


def test_the_default_line_limit_is_8_mib_to_the_byte():
    # 8 MiB = 8,388,608 bytes (not 8 MB = 8,000,000): a line of exactly that passes the reader,
    # one byte more is line-too-long. Both lines are JSON strings of the right length.
    from ftlib.datacheck.scan import MAX_LINE_BYTES

    def line_of(size: int) -> bytes:
        head, tail = b'{"prompt": "', b'", "completion": "b"}'
        return head + b"a" * (size - len(head) - len(tail)) + tail

    assert MAX_LINE_BYTES == 8 * 1024 * 1024
    at_limit = check(jsonl(line_of(8 * 1024 * 1024)))
    assert "line-too-long" not in {e.kind for e in at_limit.errors}
    over = check(jsonl(line_of(8 * 1024 * 1024 + 1)))
    assert [e.kind for e in over.errors] == ["line-too-long"]
    assert "8,388,608 bytes" in over.errors[0].message
