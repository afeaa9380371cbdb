"""check-data across providers' layouts, the strict-JSON checks, hostile files and the boundaries.

Every new check is named with its line; every provider layout has a valid and an invalid
record; files and names meant to break the reader or the terminal get a sentence instead.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

import ftlib as ft
from ftlib.core.cli import main
from ftlib.datacheck import overlap as overlap_module


def user_assistant(user="What is the notice period?", answer="Thirty days."):
    return [{"role": "user", "content": user}, {"role": "assistant", "content": answer}]


def jsonl(*records) -> bytes:
    return b"".join(
        (r if isinstance(r, bytes) else json.dumps(r).encode()) + b"\n" for r in records
    )


def check(data: bytes, **kw) -> ft.datacheck.DataReport:
    return ft.check_training_data(data, exact_tokens=False, **kw)


def lines_and_kinds(report: ft.datacheck.DataReport) -> list[tuple[int, str]]:
    return [(e.line, e.kind) for e in report.errors]


# --- one valid and one invalid record per provider layout --------------------------------------

VALID = {
    "openai-chat": {"messages": user_assistant()},
    "openai-dpo": {
        "input": {"messages": [{"role": "user", "content": "Summarise: the fee is due."}]},
        "preferred_output": [{"role": "assistant", "content": "The fee is due."}],
        "non_preferred_output": [{"role": "assistant", "content": "Fees."}],
    },
    "openai-rft": {
        "messages": [
            {"role": "developer", "content": "Answer with a number."},
            {"role": "user", "content": "2+2?"},
        ],
        "reference_answer": "4",
    },
    "bedrock-claude": {"system": "Be brief.", "messages": user_assistant()},
    "vertex-gemini": {
        "systemInstruction": {"parts": [{"text": "Be brief."}]},
        "contents": [
            {"role": "user", "parts": [{"text": "Notice period?"}]},
            {"role": "model", "parts": [{"text": "Thirty days."}]},
        ],
    },
    "mistral": {"messages": user_assistant()},
    "trl-conversational": {"messages": user_assistant()},
    "prompt-completion": {
        "prompt": [{"role": "user", "content": "Notice period?"}],
        "completion": [{"role": "assistant", "content": "Thirty days."}],
    },
}

INVALID = {
    "openai-chat": (
        {"messages": [{"role": "user", "content": "hi", "timestamp": 1}] + user_assistant()[1:]},
        "unknown-key",
    ),
    "openai-dpo": (
        {**VALID["openai-dpo"], "preferred_output": [{"role": "user", "content": "x"}]},
        "unknown-role",
    ),
    "openai-rft": ({"messages": user_assistant()}, "bad-order"),  # must end with the user
    "bedrock-claude": ({"messages": [user_assistant()[1], user_assistant()[0]]}, "bad-order"),
    "vertex-gemini": (
        {"contents": [{"role": "assistant", "parts": [{"text": "x"}]}]},
        "unknown-role",
    ),
    "mistral": (
        {"messages": [{"role": "developer", "content": "x"}] + user_assistant()},
        "unknown-role",
    ),
    "trl-conversational": (
        {"messages": [{"role": "user", "content": "only a question"}]},
        "no-assistant",
    ),
    "prompt-completion": ({"prompt": "p"}, "missing-field"),
}


@pytest.mark.parametrize("fmt", sorted(VALID))
def test_each_layout_accepts_its_valid_record(fmt):
    report = check(jsonl(VALID[fmt], VALID[fmt]), format=fmt)
    assert report.usable and report.format == fmt and report.examples == 2
    assert report.duplicates == 1 and report.total_tokens > 0


@pytest.mark.parametrize("fmt", sorted(INVALID))
def test_each_layout_names_its_invalid_record_by_line(fmt):
    record, kind = INVALID[fmt]
    report = check(jsonl(VALID[fmt], record), format=fmt)
    assert lines_and_kinds(report) == [(2, kind)] and not report.usable


@pytest.mark.parametrize(
    ("fmt", "detected"),
    [
        ("vertex-gemini", "vertex-gemini"),
        ("openai-dpo", "openai-dpo"),
        ("bedrock-claude", "bedrock-claude"),
        ("prompt-completion", "prompt-completion"),
        ("openai-chat", "openai-chat"),
        ("mistral", "openai-chat"),  # same shape as OpenAI's: ambiguous, so name it with --format
    ],
)
def test_auto_detects_a_layout_only_when_the_keys_are_unambiguous(fmt, detected):
    assert check(jsonl(VALID[fmt])).format == detected


def test_every_layout_has_a_dated_sourced_profile():
    profiles = ft.datacheck.format_profiles()
    assert set(profiles) == set(ft.datacheck.DATA_FORMATS) - {"auto"}
    for p in profiles.values():
        for limit in (p.max_example_tokens, p.min_examples, p.max_examples, p.max_file_bytes):
            assert limit.confidence in {"confirmed", "reported", "not found", "not applicable"}
            assert limit.source
            assert (limit.value is None) == (
                limit.confidence in {"not found", "not applicable"}
            ) or (limit.value is None and limit.confidence == "reported")
        assert p.as_of == "2026-12-02"
    assert profiles["vertex-gemini"].max_example_tokens.value == 131_072


def test_a_gemini_file_gets_the_documented_131k_limit_and_an_estimate():
    long = {
        "contents": [
            {"role": "user", "parts": [{"text": "a" * 700_000}]},
            {"role": "model", "parts": [{"text": "ok"}]},
        ]
    }
    report = ft.check_training_data(jsonl(long))
    assert report.format == "vertex-gemini" and report.max_example_tokens == 131_072
    assert report.over_limit_examples == 1
    assert not report.tokens_exact and report.tokenizer is None  # Gemini's tokenizer is not public


def test_provider_minimum_and_file_size_warnings_cite_their_source():
    report = check(
        jsonl(*[{"messages": user_assistant(f"q{i}")} for i in range(9)]), format="openai-chat"
    )
    (minimum,) = [w for w in report.warnings if w.kind == "provider-minimum"]
    assert "at least 10" in minimum.message and "confirmed" in minimum.message
    ten = check(
        jsonl(*[{"messages": user_assistant(f"q{i}")} for i in range(10)]), format="openai-chat"
    )
    assert "provider-minimum" not in {w.kind for w in ten.warnings}


# --- the checks the cookbook has, and the ones neither tool had --------------------------------


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        (
            b'{"messages": [{"role": "user", "content": "hi", "timestamp": 3}, '
            b'{"role": "assistant", "content": "yo"}]}',
            "unknown-key",
        ),
        (
            json.dumps(
                {
                    "messages": [
                        {"role": "system", "content": "s"},
                        {"role": "assistant", "content": "a"},
                    ]
                }
            ).encode(),
            "no-user",
        ),
        (
            b'{"messages": [{"role": "user", "content": "hi"}, '
            b'{"role": "assistant", "content": "yo", "weight": NaN}]}',
            "invalid-number",
        ),
        (b'{"n": Infinity, "messages": []}', "invalid-number"),
        (b'{"n": -Infinity, "messages": []}', "invalid-number"),
        (
            b'{"messages": [{"role": "user", "content": "cut \\ud83d"}, '
            b'{"role": "assistant", "content": "yo"}]}',
            "lone-surrogate",
        ),
        (
            b'{"messages": [{"role": "user", "content": "hi", "\\udc00": 1}, '
            b'{"role": "assistant", "content": "yo"}]}',
            "lone-surrogate",
        ),
        (b'{"messages": [], "messages": [{"role": "user", "content": "hi"}]}', "duplicate-key"),
    ],
)
def test_each_new_check_names_its_line(line, kind):
    report = check(jsonl({"messages": user_assistant()}, line, {"messages": user_assistant("b")}))
    assert lines_and_kinds(report) == [(2, kind)]
    assert kind in ft.datacheck.ERROR_KINDS and not report.usable


def test_a_surrogate_pair_is_text_not_an_error():
    report = check(
        jsonl(
            b'{"messages": [{"role": "user", "content": "\\ud83d\\ude00"}, '
            b'{"role": "assistant", "content": "yo"}]}'
        )
    )
    assert report.usable


# --- hostile names and values ------------------------------------------------------------------

ESCAPES = "\x1b[2J\x1b]0;owned\x07\u202e"


def test_escape_sequences_in_keys_never_reach_the_terminal(capsys, tmp_path):
    path = tmp_path / "train.jsonl"
    bad = {"messages": [{"role": "user", "content": "hi", ESCAPES: 1}, user_assistant()[1]]}
    unknown = {ESCAPES: "x"}
    path.write_bytes(
        jsonl(
            bad,
            unknown,
            b'{"messages": [{"role": "user", "content": "x", "\\udc00\\u001b[31m": 1}]}',
        )
    )
    status = main(["check-data", str(path)])
    out, err = capsys.readouterr()
    assert status == 1
    for char in ("\x1b", "\x07", "\u202e", "\udc00"):
        assert char not in out and char not in err
    assert "\\x1b" in out  # shown as an escape, so the reader still sees it


def test_a_lone_surrogate_key_is_exit_1_not_a_unicode_traceback(tmp_path):
    path = tmp_path / "train.jsonl"
    path.write_bytes(
        jsonl(
            b'{"messages": [{"role": "user", "content": "x", "\\udc00": 1}, '
            b'{"role": "assistant", "content": "y"}]}'
        )
    )
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [sys.executable, "-m", "ftlib", "check-data", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "lone-surrogate" in done.stdout


def test_a_100_kb_value_is_not_echoed_in_full():
    huge = "k" * 100_000
    report = check(
        jsonl(
            {huge: 1},
            {"messages": [{"role": huge, "content": "x"}]},
            {"messages": [{"role": "user", "content": "x", huge: 1}, user_assistant()[1]]},
        )
    )
    assert len(report.errors) == 3
    assert all(len(e.message) < 400 for e in report.errors)


@pytest.mark.parametrize(
    ("argv_tail", "phrase"),
    [
        (["--model", ""], "--model"),
        (["--model", "   "], "--model"),
    ],
)
def test_an_empty_model_is_a_usage_error(capsys, argv_tail, phrase):
    status = main(["check-data", str(ft.data_sample_path("clean")), *argv_tail])
    _, err = capsys.readouterr()
    assert status == 2 and phrase in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_devices_pipes_and_directories_are_named_for_what_they_are(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    cases = {
        os.devnull: "character device",
        str(fifo): "named pipe",
        str(tmp_path): "directory",
        str(tmp_path / "missing.jsonl"): "no such file",
    }
    for path, phrase in cases.items():
        with pytest.raises(ft.FtlibError, match=phrase):
            check_path(path)
        with pytest.raises(ft.FtlibError, match=phrase):
            ft.check_training_data(ft.data_sample_path("clean"), test=path)


def check_path(path):
    return ft.check_training_data(path, exact_tokens=False)


def test_a_name_too_long_or_unreachable_is_a_sentence_not_an_oserror(monkeypatch):
    with pytest.raises(ft.FtlibError, match="train") as info:
        check_path("x" * 5_000)
    assert len(str(info.value)) < 600  # the name is cut when shown
    with pytest.raises(ft.FtlibError, match="test"):
        ft.check_training_data(ft.data_sample_path("clean"), test="y" * 5_000)

    def refuse(path, *a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "stat", refuse)
    with pytest.raises(ft.FtlibError, match="Permission denied"):
        check_path("/some/locked/dir/train.jsonl")


def test_a_bad_path_from_the_cli_exits_2_in_one_line(capsys):
    status = main(["check-data", "x" * 5_000])
    _, err = capsys.readouterr()
    assert status == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err


@pytest.mark.parametrize("ending", [b"\n", b"\r\n"])
def test_a_line_of_exactly_max_line_bytes_passes_with_either_ending(ending):
    record = json.dumps({"messages": user_assistant("x" * 40)}).encode()
    limit = len(record)
    ok = check(record + ending + record.replace(b"x", b"y") + ending, max_line_bytes=limit)
    assert ok.usable and ok.examples == 2
    over = check(record[:-1] + b" }" + ending, max_line_bytes=limit)  # one byte longer
    assert lines_and_kinds(over) == [(1, "line-too-long")]


def test_ctrl_c_is_a_sentence_and_exit_130(capsys, monkeypatch):
    def interrupted(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(ft.datacheck, "check_training_data", interrupted)
    status = main(["check-data", str(ft.data_sample_path("clean"))])
    _, err = capsys.readouterr()
    assert status == 130 and err.strip() == "check-data: interrupted"


# --- epochs ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("examples", "epochs"),
    [
        (1, 25),
        (3, 25),
        (4, 25),
        (5, 20),
        (20, 5),
        (33, 3),
        (34, 3),
        (8_333, 3),
        (8_334, 2),
        (25_000, 1),
        (100_000, 1),
    ],
)
def test_openai_default_epochs_follow_the_cookbook_rule_at_its_edges(examples, epochs):
    # Hand-worked: 3 epochs unless 3n < 100 (then 100 // n, at most 25) or 3n > 25,000
    # (then 25,000 // n, at least 1).
    assert ft.datacheck.default_epochs("openai-chat", examples)[0] == epochs


def test_the_cost_line_shows_the_default_epochs_and_the_billed_tokens(capsys):
    report = ft.check_training_data(
        ft.data_sample_path("clean"), model="gpt-4.1-mini", exact_tokens=False
    )
    assert report.cost.epochs == 3 and "'auto' rule" in report.cost.epochs_note
    assert report.cost.billed_tokens == 3 * report.total_tokens
    few = jsonl(*[{"messages": user_assistant(f"question {i}")} for i in range(20)])
    small = check(few, model="gpt-4.1-mini")
    assert small.cost.epochs == 5 and small.cost.billed_tokens == 5 * small.total_tokens
    status = main(["check-data", str(ft.data_sample_path("clean")), "--model", "gpt-4.1-mini"])
    out, _ = capsys.readouterr()
    assert status == 0 and "x 3 epochs =" in out and "billed tokens" in out and "Epochs: 3" in out


def test_given_epochs_win_over_the_rule():
    report = ft.check_training_data(
        ft.data_sample_path("clean"), model="gpt-4.1-mini", epochs=6, exact_tokens=False
    )
    assert report.cost.epochs == 6 and report.cost.epochs_note == "given"


def test_the_training_bill_solved_for_length_inverts_the_bill():
    per_example = ft.datacheck.affordable_tokens_per_example(
        200, examples=1_500, epochs=3, usd_per_1m_training_tokens=5.0
    )
    assert per_example == pytest.approx(200 / (5.0 / 1_000_000) / 3 / 1_500)  # 8,888.9
    assert ft.training_cost_usd(1_500 * per_example, 3, 5.0) == pytest.approx(200)
    with pytest.raises(ft.FtlibError, match="usd_per_1m_training_tokens"):
        ft.datacheck.affordable_tokens_per_example(
            200, examples=10, epochs=3, usd_per_1m_training_tokens=0
        )


# --- the boundaries the course teaches ---------------------------------------------------------


def test_few_examples_warns_below_200_and_not_at_200():
    def report_for(n):
        return check(jsonl(*[{"messages": user_assistant(f"q{i}")} for i in range(n)]))

    assert "few-examples" in {w.kind for w in report_for(199).warnings}
    assert "few-examples" not in {
        w.kind for w in report_for(200).warnings
    }  # fails if it fires at 200


def test_a_test_input_at_exactly_the_similarity_threshold_is_reported():
    # Char 3-grams: "abcdefghij" has 8, "abcdefghijkl" 10, all 8 shared: Jaccard 8 / 10 = 0.8.
    train, test = "abcdefghij", "abcdefghijkl"
    pairs = ft.datacheck.find_duplicates([train], [test], threshold=0.8).pairs
    assert pairs[["kind", "similarity"]].values.tolist() == [["near", 0.8]]  # fails with ">"
    assert ft.datacheck.find_duplicates([train], [test], threshold=0.81).pairs.empty
    data = jsonl({"messages": user_assistant(train)})
    overlap = check(data, test=jsonl({"messages": user_assistant(test)})).overlap
    assert (overlap.near_pairs, overlap.contaminated_test_examples) == (1, 1)


# --- the test set is prepared once, in bounded memory -------------------------------------------


def test_the_test_set_is_prepared_once_however_many_batches(monkeypatch):
    built = []
    real = overlap_module.DuplicateIndex

    class Counting(real):
        def __init__(self, *a, **k):
            built.append(1)
            super().__init__(*a, **k)

    monkeypatch.setattr(overlap_module, "DuplicateIndex", Counting)
    monkeypatch.setattr(overlap_module, "BATCH", 3)
    train = jsonl(*[{"messages": user_assistant(f"training question {i}")} for i in range(20)])
    test = jsonl({"messages": user_assistant("training question 7")})
    report = check(train, test=test)
    assert len(built) == 1  # not once per batch of 3
    assert report.overlap.exact_pairs == 1 and (8, 1, 1.0, "exact") in report.overlap.pairs


def test_long_test_inputs_are_bounded_but_exact_copies_still_match():
    long = "clause " * 20_000  # 140,000 characters
    data = jsonl({"messages": user_assistant(long.upper())})
    report = check(data, test=jsonl({"messages": user_assistant(long)}))
    assert report.overlap.exact_pairs == 1
    other = check(data, test=jsonl({"messages": user_assistant(long + "and more")}))
    assert other.overlap.exact_pairs == 0


def test_too_many_test_examples_is_refused_with_a_reason(monkeypatch):
    monkeypatch.setattr(overlap_module, "MAX_TEST_EXAMPLES", 3)
    test = jsonl(*[{"messages": user_assistant(f"t{i}")} for i in range(4)])
    with pytest.raises(ft.FtlibError, match="at most 3"):
        check(jsonl({"messages": user_assistant()}), test=test)


def test_a_cut_line_reads_as_a_sentence():
    report = check(jsonl(b'{"messages": [{"role": "user", "content": "Where is my'))
    (error,) = report.errors
    assert error.message == "Unterminated string starting at column 43"
