"""`ftlib compare` and `ftlib abort` from a shell: verdicts, JSON keys, exit codes, one-line errors."""

import json

import pytest

import ftlib as ft


@pytest.fixture
def predictions(tmp_path):
    test = ft.load_ticket_eval().test
    path = tmp_path / "preds.csv"
    test[["queue", "baseline_queue", "candidate_queue"]].rename(
        columns={"queue": "label", "baseline_queue": "baseline", "candidate_queue": "candidate"}
    ).to_csv(path, index=False)
    return path


def test_compare_json_matches_the_library(predictions, capsys):
    assert ft.cli.main(["compare", str(predictions), "--json"]) == 0
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
    assert ft.cli.main(["compare", str(predictions), "--label", "queue"]) == 2
    assert "--label: got 'queue'" in capsys.readouterr().err
    assert ft.cli.main(["compare", str(tmp_path / "nope.csv")]) == 2
    assert "FILE: got" in capsys.readouterr().err


def test_abort_continues_then_stops_when_the_budget_is_spent(capsys):
    assert (
        ft.cli.main(
            ["abort", "--baseline", "0.80", "--target", "0.90", "--scores", "0.85", "--json"]
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out)["action"] == "continue"
    assert (
        ft.cli.main(
            ["abort", "--baseline", "0.80", "--target", "0.90", "--scores", "0.85,0.86", "--json"]
        )
        == 1
    )
    out = json.loads(capsys.readouterr().out)
    assert out["outcome"] == "budget-spent" and out["checkpoints_used"] == 2


def test_abort_rejects_bad_scores_in_one_line(capsys):
    assert ft.cli.main(["abort", "--baseline", "0.8", "--target", "0.9", "--scores", "a,b"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: --scores: got 'a,b'") and len(err.splitlines()) == 1
