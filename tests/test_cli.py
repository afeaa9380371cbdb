"""The CLI front door: one-line errors naming the flag, JSON that parses, exit codes."""

import json
import subprocess
import sys

import ftlib as ft


def run(*args):
    return subprocess.run([sys.executable, "-m", "ftlib", *args], capture_output=True, text=True)


def test_rules_json_lists_every_rule_and_the_band():
    result = run("rules", "--requests", "70000", "--json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert [r["id"] for r in data["rules"]] == [r.id for r in ft.RULES]
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
    assert ft.cli.main(["rules", "--requests", "600000"]) == 0
    out = capsys.readouterr().out
    assert "pays-in-weeks" in out and "behaviour-not-knowledge" in out


def test_json_turns_non_finite_numbers_into_null(capsys):
    ft.cli.emit({"days": float("inf"), "nested": [float("nan"), 1.0]}, True, str)
    assert json.loads(capsys.readouterr().out) == {"days": None, "nested": [None, 1.0]}
