"""`ftlib compare` and `ftlib abort` from a shell: verdicts, JSON, exit codes, one-line errors."""

import json

import pytest

import ftlib as ft
import ftlib.core.cli


@pytest.fixture
def predictions(tmp_path):
    test = ft.load_ticket_eval().test
    path = tmp_path / "preds.csv"
    test[["queue", "baseline_queue", "candidate_queue"]].rename(
        columns={"queue": "label", "baseline_queue": "baseline", "candidate_queue": "candidate"}
    ).to_csv(path, index=False)
    return path


def test_compare_json_matches_the_library(predictions, capsys):
    assert ft.core.cli.main(["compare", str(predictions), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    test = ft.load_ticket_eval().test
    direct = ft.compare_models(
        test["queue"].tolist(), test["baseline_queue"].tolist(), test["candidate_queue"].tolist()
    )
    assert out["difference"] == pytest.approx(direct.difference)
    assert out["ci_low"] == pytest.approx(direct.ci_low) and out["ci_high"] == pytest.approx(
        direct.ci_high
    )
    assert {"verdict", "mcnemar", "n_items", "baseline_score", "candidate_score"} <= set(out)


def test_compare_names_a_missing_column_and_file(predictions, tmp_path, capsys):
    assert ft.core.cli.main(["compare", str(predictions), "--label", "queue"]) == 2
    assert "--label: got 'queue'" in capsys.readouterr().err
    assert ft.core.cli.main(["compare", str(tmp_path / "nope.csv")]) == 2
    assert "FILE: got" in capsys.readouterr().err


def test_abort_continues_then_stops_when_the_budget_is_spent(capsys):
    assert (
        ft.core.cli.main(
            ["abort", "--baseline", "0.80", "--target", "0.90", "--scores", "0.85", "--json"]
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out)["action"] == "continue"
    assert (
        ft.core.cli.main(
            ["abort", "--baseline", "0.80", "--target", "0.90", "--scores", "0.85,0.86", "--json"]
        )
        == 1
    )
    out = json.loads(capsys.readouterr().out)
    assert out["outcome"] == "budget-spent" and out["checkpoints_used"] == 2


def test_abort_rejects_bad_scores_in_one_line(capsys):
    assert (
        ft.core.cli.main(["abort", "--baseline", "0.8", "--target", "0.9", "--scores", "a,b"]) == 2
    )
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: --scores: got 'a,b'") and len(err.splitlines()) == 1


# --- Malformed predictions files: one line, exit 2, naming the file and the line (issue 18) ---


def _compare_err(capsys, path, *extra):
    code = ft.core.cli.main(["compare", str(path), *extra])
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert code == 2 and len(lines) == 1 and "Traceback" not in captured.err, captured.err
    return lines[0]


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("ragged.csv", b"label,baseline,candidate\na,a,b\nb,a,b,x,y\n", "line 3 has 5"),
        ("short.csv", b"label,baseline,candidate\na,a\n", "line 2 has 2"),
        ("quote.csv", b'label,baseline,candidate\na,"a,b\nb,a,b\n', "line 2: a quote"),
        ("empty.csv", b"", "the file is empty"),
        ("blank.csv", b"\n\n  \n", "the file is empty"),
        ("header.csv", b"label,baseline,candidate\n", "at least one row"),
        ("latin1.csv", b"label,baseline,candidate\na,a,b\ncaf\xe9,a,b\n", "line 3 is not UTF-8"),
        ("utf16.csv", "label,baseline,candidate\na,a,b\n".encode("utf-16"), "UTF-16"),
        ("binary.csv", b"label\x00\x01\x02", "NUL byte"),
        ("bad.jsonl", b'{"label": "a", "baseline": "a", "candidate": "b"}\n{oops\n', "line 2"),
        ("array.jsonl", b'["a", "a", "b"]\n', "line 1 holds a list"),
        (
            "deep.jsonl",
            b'{"label": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n",
            "line 1 is nested too deeply",
        ),
        (
            "listlabel.jsonl",
            b'{"label": ["a"], "baseline": "a", "candidate": "b"}\n',
            "line 1 holds a JSON list",
        ),
        ("nolabel.csv", b"label,baseline,candidate\na,a,b\n,a,b\n", "line 3 has none"),
    ],
)
def test_a_malformed_file_gets_one_line_naming_the_line(tmp_path, capsys, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    for metric in ("accuracy", "macro_f1"):
        err = _compare_err(capsys, path, "--metric", metric)
        assert err.startswith("error: FILE: ") and expected in err


def test_a_bad_label_far_down_is_named_by_its_csv_line_not_an_index(tmp_path, capsys):
    path = tmp_path / "p.csv"
    path.write_text("label,baseline,candidate\n" + "a,a,b\n" * 40 + ",a,b\n")
    err = _compare_err(capsys, path)
    assert "line 42" in err and "y_true" not in err


def test_a_huge_bad_value_is_cut_short_in_the_message(tmp_path, capsys):
    path = tmp_path / ("x" * 200 + ".csv")
    err = _compare_err(capsys, path)
    assert len(err) < 300 and "characters" in err


def test_names_too_long_and_directories_are_sentences(tmp_path, capsys):
    assert "this user can open" in _compare_err(capsys, tmp_path / ("x" * 5000 + ".csv"))
    assert "not a directory" in _compare_err(capsys, tmp_path)
    assert "an existing CSV or JSONL file" in _compare_err(capsys, tmp_path / "missing.csv")


def test_devices_and_fifos_are_not_called_missing(tmp_path, capsys):
    import os

    assert "device, pipe or socket" in _compare_err(capsys, "/dev/null")
    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)
    assert "device, pipe or socket" in _compare_err(capsys, fifo)  # and it does not block


def test_an_unreadable_file_or_directory_is_a_sentence(tmp_path, capsys, monkeypatch):

    path = tmp_path / "p.csv"
    path.write_text("label,baseline,candidate\na,a,b\n")

    import ftlib.evaluation.predictions as predictions

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(predictions, "open", denied, raising=False)
    assert "Permission denied" in _compare_err(capsys, path)
    monkeypatch.undo()
    import os as _os

    def stat_denied(name, *a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(_os, "stat", stat_denied)
    assert "Permission denied" in _compare_err(capsys, path)


def test_rows_ending_in_a_comma_keep_their_columns(tmp_path, capsys):
    # A spreadsheet export: every row ends in a comma. Hand count: baseline right on
    # rows 1 and 4 (2/4 = 0.5), candidate right on rows 2, 3 and 4 (3/4 = 0.75).
    path = tmp_path / "p.csv"
    path.write_text("label,baseline,candidate,\na,a,b,\nb,a,b,\na,b,a,\nb,b,b,\n")
    assert ft.core.cli.main(["compare", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["baseline_score"], out["candidate_score"]) == (0.5, 0.75)


def test_jsonl_with_a_line_separator_inside_a_string_is_valid(tmp_path, capsys):
    path = tmp_path / "p.jsonl"
    row = {"label": "a\u2028b", "baseline": "a\u2028b", "candidate": "c"}
    path.write_text((json.dumps(row, ensure_ascii=False) + "\n") * 3, encoding="utf-8")
    assert ft.core.cli.main(["compare", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["n_items"], out["baseline_score"], out["candidate_score"]) == (3, 1.0, 0.0)


def test_true_one_and_one_point_zero_are_three_labels(tmp_path, capsys):
    path = tmp_path / "p.jsonl"
    path.write_text(
        '{"label": true, "baseline": 1, "candidate": true}\n'
        '{"label": 1, "baseline": 1.0, "candidate": 1}\n'
        '{"label": "1", "baseline": 1, "candidate": "1"}\n'
    )
    assert ft.core.cli.main(["compare", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    # baseline: true vs 1 wrong, 1 vs 1.0 wrong, "1" vs 1 right (both read 1) -> 1/3
    assert out["baseline_score"] == pytest.approx(1 / 3) and out["candidate_score"] == 1.0


@pytest.mark.parametrize("n", [1, 2, 49])
def test_few_items_say_the_verdict_is_not_firm(tmp_path, capsys, n):
    path = tmp_path / "p.csv"
    path.write_text("label,baseline,candidate\n" + "a,a,b\n" * n)
    assert ft.core.cli.main(["compare", str(path)]) == 0
    out = capsys.readouterr().out
    assert "not firm" in out and "do not ship it" not in out
    assert ft.core.cli.main(["compare", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["firm"] is False


def test_fifty_items_are_enough_for_a_firm_verdict(tmp_path, capsys):
    path = tmp_path / "p.csv"
    path.write_text("label,baseline,candidate\n" + "a,a,b\n" * 50)
    assert ft.core.cli.main(["compare", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["firm"] is True and "do not ship it" in out["verdict"]
    assert "not firm" not in out["verdict"]


def test_two_out_of_range_numbers_are_not_read_as_one_label(tmp_path, capsys):
    # 1e400 and 2e400 both overflow to inf: as labels they would compare equal
    path = tmp_path / "p.jsonl"
    path.write_text(
        '{"label": 1e400, "baseline": 2e400, "candidate": 1e400}\n'
        '{"label": 1, "baseline": 1, "candidate": 1}\n'
    )
    err = _compare_err(capsys, path)
    assert "line 1 holds a number too large to read exactly" in err
