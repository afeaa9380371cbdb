"""The CLI front door: one-line errors naming the flag, JSON that parses, exit codes."""

import argparse
import json
import subprocess
import sys

import pytest

import ftlib as ft
import ftlib.core.cli


def run(*args):
    return subprocess.run([sys.executable, "-m", "ftlib", *args], capture_output=True, text=True)


def test_rules_json_lists_every_rule_and_the_band():
    result = run("rules", "--requests", "70000", "--json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert [r["id"] for r in data["rules"]] == [r.id for r in ft.rules.RULES]
    assert data["volume_band"]["name"] == "marginal"


def test_bad_value_names_the_flag_in_one_line_without_traceback():
    result = run("rules", "--requests", "-5")
    assert result.returncode == 2
    assert result.stderr.strip() == "error: --requests: got -5.0; expected a number >= 0"
    assert "Traceback" not in result.stderr


def test_unknown_command_and_bad_number_are_usage_errors():
    for args in (("nope",), ("rules", "--requests", "many")):
        result = run(*args)
        assert result.returncode == 2
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_table_output_is_readable(capsys):
    assert ft.core.cli.main(["rules", "--requests", "600000"]) == 0
    out = capsys.readouterr().out
    assert "pays-in-weeks" in out and "behaviour-not-knowledge" in out


def test_json_turns_non_finite_numbers_into_null(capsys):
    ft.core.cli.emit({"days": float("inf"), "nested": [float("nan"), 1.0]}, True, str)
    assert json.loads(capsys.readouterr().out) == {"days": None, "nested": [None, 1.0]}


def test_terminal_escapes_in_a_file_are_shown_not_obeyed(tmp_path, capsys):
    # A column name that would clear the screen and retitle the window, and a lone surrogate.
    path = tmp_path / "p.jsonl"
    path.write_text(
        '{"\\u001b[2J\\u001b]0;pwned\\u0007": "a", "\\ud800": 1, "baseline": "a"}\n',
        encoding="utf-8",
    )
    assert ft.core.cli.main(["compare", str(path)]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err and "\\x1b[2J" in err
    assert len(err.strip().splitlines()) == 1
    err.encode("utf-8")  # no lone surrogate left to crash a UTF-8 terminal


def test_ctrl_c_is_a_sentence_and_status_130(capsys, monkeypatch):
    from ftlib.readiness import cli as readiness_cli

    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(readiness_cli, "run_abort", interrupted)
    code = ft.core.cli.main(["abort", "--baseline", "0.8", "--target", "0.9"])
    captured = capsys.readouterr()
    assert code == 130 and captured.err.strip() == "abort: interrupted"


def _commands() -> list[str]:
    parser = ft.core.cli.build_parser()
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return sorted(sub.choices)


@pytest.mark.parametrize("command", _commands())
def test_ctrl_c_in_any_command_is_one_sentence_and_status_130(command, capsys, monkeypatch):
    """One handler in main covers every command, so none prints a traceback on Ctrl-C."""
    parser = ft.core.cli.build_parser()
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    chosen = sub.choices[command]
    for action in chosen._actions:  # no real input needed: the handler is interrupted at once
        action.required = False
        if action.nargs in (None, 1) and not action.option_strings:
            action.nargs = "?"
    for group in chosen._mutually_exclusive_groups:
        group.required = False

    def interrupted(args):
        raise KeyboardInterrupt

    chosen.set_defaults(handler=interrupted)
    monkeypatch.setattr(ft.core.cli, "build_parser", lambda: parser)
    code = ft.core.cli.main([command])
    captured = capsys.readouterr()
    assert code == 130 and captured.err.strip() == f"{command}: interrupted"


@pytest.mark.parametrize("delay", [0.05, 0.15])  # within the ~0.35 s the imports take
def test_ctrl_c_while_the_command_line_loads_is_one_line_and_exit_130(delay):
    # the package's imports take over a second; Ctrl-C there used to print a traceback
    import signal
    import subprocess
    import sys
    import time

    proc = subprocess.Popen(
        [sys.executable, "-m", "ftlib", "models"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(delay)
    if proc.poll() is not None:  # on an idle machine `models` can end within the delay
        proc.communicate()
        pytest.skip(f"the command ended within {delay} s, before the signal")
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and err.strip().endswith("interrupted"), err
    assert len(err.strip().splitlines()) == 1, err
