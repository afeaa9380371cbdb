"""``python -m ftlib check-data``: exit status 0 usable, 1 errors, 2 bad usage; tables or --json."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import ftlib as ft
from ftlib.core.cli import main

CLEAN, DEFECTS, TEST = (str(ft.data_sample_path(n)) for n in ("clean", "defects", "test"))
EXACT = ft.datacheck.token_counter().exact  # tiktoken installed: o200k_base counts exactly


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(["check-data", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_a_clean_file_exits_0_with_a_verdict_and_the_token_method(capsys):
    status, out, err = run(capsys, CLEAN)
    assert status == 0 and err == ""
    assert "Verdict: usable" in out
    # The output says which tokenizer counted, or that the tokens are estimated.
    assert ("Tokens (exact: tiktoken o200k_base)" if EXACT else "Tokens (estimate") in out


def test_a_file_with_errors_exits_1_and_lists_them_by_line(capsys):
    status, out, _ = run(capsys, DEFECTS)
    assert status == 1
    assert "NOT usable" in out
    assert "\n3     malformed-json" in out and "\n11    not-utf8" in out


def test_json_output_carries_errors_counts_tokens_and_cost(capsys):
    status, out, _ = run(capsys, DEFECTS, "--json", "--model", "gpt-4.1-mini-ft", "--epochs", "2")
    data = json.loads(out)
    assert status == 1 and data["usable"] is False
    assert {"line", "kind", "message"} == set(data["errors"][0])
    assert data["errors_total"] == sum(data["error_counts"].values()) == 12
    assert data["cost"]["billed_tokens"] == 2 * data["total_tokens"]
    assert data["cost"]["as_of"] and data["cost"]["source"]
    assert data["tokens_exact"] is EXACT and data["tokenizer"] == ("o200k_base" if EXACT else None)
    assert data["cost"]["epochs"] == 2 and data["cost"]["epochs_note"] == "given"


def test_max_errors_limits_the_list_not_the_count(capsys):
    _, out, _ = run(capsys, DEFECTS, "--json", "--max-errors", "2")
    data = json.loads(out)
    assert len(data["errors"]) == 2 and data["errors_total"] == 12


def test_test_overlap_and_training_cost_are_printed_with_the_price_date(capsys):
    status, out, _ = run(capsys, CLEAN, "--test", TEST, "--model", "gpt-4.1-mini")
    assert status == 0  # overlap is a warning about the test set
    assert "6 of 60 test examples" in out and "3 exact, 3 near" in out
    row = ft.load_catalog().get("gpt-4.1-mini-ft")
    assert f"as of {row.as_of}" in out and "Training cost:" in out


@pytest.mark.parametrize(
    "argv, flag",
    [
        (["missing.jsonl"], "TRAIN.jsonl"),
        ([CLEAN, "--model", "gpt-4.1-mni"], "--model"),
        ([CLEAN, "--epochs", "0"], "--epochs"),
        ([CLEAN, "--catalog", "2025"], "--catalog"),
        ([CLEAN, "--test", "missing.jsonl"], "--test"),
        ([CLEAN, "--format", "chat"], "--format"),
    ],
)
def test_bad_usage_exits_2_with_one_line_naming_the_flag(capsys, argv, flag):
    status, out, err = run(capsys, *argv)
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and flag in err and "Traceback" not in err


def test_the_module_entry_point_runs_without_a_traceback(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b"\xff\xfe not json\n")
    result = subprocess.run(
        [sys.executable, "-m", "ftlib", "check-data", str(bad)], capture_output=True, text=True
    )
    assert result.returncode == 1 and "not-utf8" in result.stdout and result.stderr == ""


GOOD_LINE = (
    b'{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "ok"}]}\n'
)


def test_a_read_that_fails_after_opening_exits_2_with_a_sentence(tmp_path, capsys, monkeypatch):
    # exit 1 means "the file has errors"; a file that cannot be read is bad input (exit 2)
    import io

    import ftlib.datacheck.scan as scan

    path = tmp_path / "train.jsonl"
    path.write_bytes(GOOD_LINE * 50)

    class Failing(io.BytesIO):
        def readline(self, size=-1):
            if self.tell() > 200:
                raise OSError(5, "Input/output error")
            return super().readline(size)

    real_open = open
    monkeypatch.setattr(scan, "open", lambda p, m: Failing(real_open(p, m).read()), raising=False)
    status, _, err = run(capsys, str(path))
    assert status == 2, err
    assert "Input/output error" in err and "reading stopped after" in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_a_pseudo_file_claiming_terabytes_is_refused_before_reading(tmp_path, monkeypatch):
    import os

    import ftlib.datacheck.scan as scan

    path = tmp_path / "kcore.jsonl"
    path.write_bytes(GOOD_LINE)
    real = os.stat(path)

    class Huge:
        st_mode, st_size = real.st_mode, 275 * 10**9

    monkeypatch.setattr(scan.os, "stat", lambda p, *a, **k: Huge)
    with pytest.raises(ft.FtlibError, match="at most 20 GB"):
        ft.check_training_data(path)


def test_a_file_cut_short_while_read_is_said_in_a_warning(tmp_path, monkeypatch):
    import os

    import ftlib.datacheck.scan as scan

    path = tmp_path / "train.jsonl"
    path.write_bytes(GOOD_LINE * 10)
    real = os.stat(path)

    class WasLonger:  # stat saw 10 more lines than the read found
        st_mode, st_size = real.st_mode, real.st_size + 10 * len(GOOD_LINE)

    monkeypatch.setattr(scan.os, "stat", lambda p, *a, **k: WasLonger)
    report = ft.check_training_data(path)
    changed = [w for w in report.warnings if w.kind == "changed-while-read"]
    assert changed and f"{real.st_size:,} were read" in changed[0].message
    monkeypatch.undo()
    assert "changed-while-read" not in {w.kind for w in ft.check_training_data(path).warnings}
