"""A judge is a classifier: its agreement with humans, checked against numbers worked on paper."""

from __future__ import annotations

import math

import pytest

import ftlib as ft
import ftlib.core.cli
import ftlib.judge.lab
import ftlib.judge.selfcheck
from ftlib.judge.agreement import ANSWER_KINDS, JudgeProfile


def test_the_two_by_two_table_worked_by_hand():
    # 100 answers: humans pass 60, fail 40; the judge passes 54 of the 60 and 10 of the 40.
    human = [True] * 60 + [False] * 40
    judge = [True] * 54 + [False] * 6 + [True] * 10 + [False] * 30
    result = ft.judge_agreement(human, judge)
    assert (result.true_pass, result.false_fail, result.false_pass, result.true_fail) == (
        54,
        6,
        10,
        30,
    )
    assert result.tpr == pytest.approx(0.90)
    assert result.tnr == pytest.approx(0.75)
    assert result.agreement == pytest.approx(0.84)
    # chance agreement: (60 x 64 + 40 x 36) / 100^2 = 0.528; kappa = (0.84 - 0.528) / 0.472
    assert result.kappa == pytest.approx(0.312 / 0.472)
    assert "90%" in result.summary() and "75%" in result.summary()


def test_kappa_of_four_labels_by_hand():
    # observed 3/4, chance (2x1 + 2x3)/16 = 1/2, so kappa = (0.75 - 0.5) / 0.5
    assert ft.judge.cohens_kappa(["p", "p", "f", "f"], ["p", "f", "f", "f"]) == pytest.approx(0.5)


def test_kappa_with_three_labels_by_hand():
    a = ["x", "x", "y", "y", "z", "z"]
    b = ["x", "y", "y", "y", "z", "x"]
    # observed 4/6; margins a (2,2,2), b (2,3,1): chance (4 + 6 + 2) / 36 = 1/3
    assert ft.judge.cohens_kappa(a, b) == pytest.approx((4 / 6 - 1 / 3) / (1 - 1 / 3))


def test_kappa_invariants():
    labels = [True, False, True, True, False, False, True, False]
    flipped = [not v for v in labels]
    assert ft.judge.cohens_kappa(labels, labels) == pytest.approx(1.0)
    assert ft.judge.cohens_kappa(labels, flipped) == pytest.approx(-1.0)
    # symmetric in the two raters
    other = [True, True, True, False, False, False, True, True]
    assert ft.judge.cohens_kappa(labels, other) == pytest.approx(
        ft.judge.cohens_kappa(other, labels)
    )
    # a judge that passes everything agrees often by chance and earns a kappa of 0
    always = ft.judge_agreement(labels, [True] * len(labels))
    assert always.tpr == 1.0 and always.tnr == 0.0 and always.kappa == pytest.approx(0.0)
    # nothing to measure when both raters use a single label throughout
    assert math.isnan(ft.judge.cohens_kappa(["a", "a"], ["a", "a"]))


def test_wilson_interval_by_hand_and_at_the_edges():
    low, high = ft.judge.rate_interval(45, 50)
    assert (round(low, 3), round(high, 3)) == (0.786, 0.957)
    low, high = ft.judge.rate_interval(0, 10)
    assert low == 0.0 and 0.25 < high < 0.35
    low, high = ft.judge.rate_interval(10, 10)
    assert high == 1.0 and 0.65 < low < 0.75
    # more labels, narrower interval, same rate
    assert (lambda a, b: a[1] - a[0] > b[1] - b[0])(
        ft.judge.rate_interval(18, 20), ft.judge.rate_interval(180, 200)
    )


def test_default_profile_rates_worked_by_hand():
    # passes: (0.45 x 0.95 + 0.15 x 0.60) / 0.60
    # fails: 1 - (0.15 x 0.45 + 0.15 x 0.15 + 0.10 x 0.05) / 0.40
    tpr, tnr = JudgeProfile().expected_rates()
    assert tpr == pytest.approx(0.8625)
    assert tnr == pytest.approx(0.7625)


def test_simulation_is_seeded_and_lands_near_the_profile():
    a = ft.judge.simulate_judged_answers(300, seed=4)
    assert a.equals(ft.judge.simulate_judged_answers(300, seed=4))
    assert not a.equals(ft.judge.simulate_judged_answers(300, seed=5))
    big = ft.judge.simulate_judged_answers(20_000, seed=0)
    result = ft.judge_agreement(big.human_pass.tolist(), big.judge_pass.tolist())
    assert 0.84 < result.tpr < 0.88
    assert 0.74 < result.tnr < 0.79
    assert 0.55 < result.kappa < 0.68
    assert set(big.kind) == set(ANSWER_KINDS)
    assert (big.human_pass == big.kind.map(ANSWER_KINDS)).all()


def test_a_perfect_judge_never_disagrees():
    perfect = JudgeProfile(pass_rate={k: 1.0 if good else 0.0 for k, good in ANSWER_KINDS.items()})
    answers = ft.judge.simulate_judged_answers(500, profile=perfect, seed=2)
    result = ft.judge_agreement(answers.human_pass.tolist(), answers.judge_pass.tolist())
    assert result.kappa == pytest.approx(1.0)
    assert ft.judge.judge_disagreements(answers)["disagreement rate"].max() == 0


def test_error_analysis_puts_the_blind_spots_first():
    table = ft.judge.judge_disagreements(ft.judge.simulate_judged_answers(2_000, seed=0))
    assert set(table.kind[:2]) == {"fluent but wrong", "correct but terse"}
    assert table["answers"].sum() == 2_000
    wrong = table.set_index("kind")
    assert wrong.loc["fluent but wrong", "judge failed a human pass"] == 0
    assert wrong.loc["correct but terse", "judge passed a human fail"] == 0


def test_intervals_narrow_as_labels_grow():
    table = ft.judge.agreement_by_labels([25, 100, 400], n_repeats=300, seed=0)
    assert list(table.n_labels) == [25, 100, 400]
    for name in ("tpr", "tnr", "kappa"):
        widths = table[f"{name}_width"].tolist()
        assert widths[0] > widths[1] > widths[2] > 0
    tpr, tnr = JudgeProfile().expected_rates()
    assert (table.tpr_low < tpr).all() and (table.tpr_high > tpr).all()
    assert (table.tnr_low < tnr).all() and (table.tnr_high > tnr).all()
    # roughly 1 / sqrt(n): four times the labels, about half the width
    assert 0.35 < table.kappa_width[2] / table.kappa_width[1] < 0.65


@pytest.mark.parametrize(
    "call, field",
    [
        (lambda: ft.judge_agreement([True, False], [True]), "judge_pass"),
        (lambda: ft.judge_agreement([True, "yes"], [True, False]), "human_pass"),
        (lambda: ft.judge.cohens_kappa([], []), "rater_a"),
        (lambda: ft.judge.rate_interval(11, 10), "successes"),
        (lambda: ft.judge.rate_interval(1, 0), "n"),
        (lambda: ft.judge.simulate_judged_answers(0), "n_answers"),
        (lambda: ft.judge.agreement_by_labels([]), "sizes"),
        (lambda: ft.judge.agreement_by_labels([5]), "sizes"),
        (lambda: JudgeProfile(mix={"correct and complete": 1.0}), "mix"),
        (lambda: JudgeProfile(pass_rate={k: 1.5 for k in ANSWER_KINDS}), "pass_rate"),
    ],
)
def test_bad_input_names_the_field(call, field):
    with pytest.raises(ft.FtlibError) as info:
        call()
    assert info.value.field.startswith(field)


def test_self_check_expects_a_kappa_of_zero_for_an_always_pass_judge():
    assert ft.judge.selfcheck.always_pass_kappa_answer(0.0).correct
    wrong = ft.judge.selfcheck.always_pass_kappa_answer(0.7)
    assert not wrong.correct and "70%" in wrong.message
    assert "0." not in wrong.message.split("kappa")[-1]  # the hint does not give the answer away


def test_lab_renders_and_follows_its_controls():
    pytest.importorskip("ipywidgets")
    lab = ft.judge.lab.judge_lab(n_labels=200, seed=1)
    assert "kappa" in lab.summary.value and "<img" in lab.figure.value
    lab.controls["wrong_pass"].value = 0.0
    assert "Read first: <b>correct but terse</b>" in lab.summary.value


def test_reading_labels_accepts_three_spellings_and_leaves_the_file_alone(tmp_path):
    path = tmp_path / "labels.jsonl"
    text = (
        '{"human_pass": true, "judge_pass": "pass"}\n'
        '{"human_pass": "FAIL", "judge_pass": 0}\n\n'
        '{"human_pass": 1, "judge_pass": false}\n'
    )
    path.write_text(text, encoding="utf-8")
    assert ft.judge.read_judged_labels(path) == ([True, False, True], [True, False, False])
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    "line, field",
    [
        ('{"human_pass": "maybe", "judge_pass": true}', "line 1: human_pass"),
        ('{"human_pass": true}', "line 1: judge_pass"),
        ('{"human_pass": 0.5, "judge_pass": true}', "line 1: human_pass"),
        ("not json", "path"),  # the file is not JSONL: its message names line 1
    ],
)
def test_reading_labels_names_the_bad_line(tmp_path, line, field):
    path = tmp_path / "labels.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(ft.FtlibError) as info:
        ft.judge.read_judged_labels(path)
    assert info.value.field == field
    assert "line 1" in str(info.value)


def test_rate_intervals_use_each_side_of_the_table():
    # 45 of 50 human passes kept (the Wilson case above); 30 of 40 human fails caught
    result = ft.judge_agreement(
        [True] * 50 + [False] * 40, [True] * 45 + [False] * 5 + [True] * 10 + [False] * 30
    )
    intervals = result.rate_intervals()
    assert tuple(round(v, 3) for v in intervals["tpr"]) == (0.786, 0.957)
    assert intervals["tnr"] == ft.judge.rate_interval(30, 40)


def test_cli_reports_rates_kappa_and_warns_on_few_labels(tmp_path, capsys):
    path = tmp_path / "labels.jsonl"
    rows = [(True, True)] * 54 + [(True, False)] * 6 + [(False, True)] * 10 + [(False, False)] * 30
    path.write_text(
        "".join(f'{{"h": {str(h).lower()}, "j": {str(j).lower()}}}\n' for h, j in rows),
        encoding="utf-8",
    )
    assert ft.core.cli.main(["judge", str(path), "--human-field", "h", "--judge-field", "j"]) == 0
    out = capsys.readouterr().out
    assert "passes 90% of the good ones and fails 75% of the bad ones" in out
    assert "kappa 0.66" in out and "rough reading" not in out
    small = tmp_path / "small.jsonl"
    small.write_text('{"human_pass": true, "judge_pass": true}\n' * 20, encoding="utf-8")
    assert ft.core.cli.main(["judge", str(small)]) == 0
    out = capsys.readouterr().out
    assert "Only 20 labels" in out and "fails n/a of the bad ones" in out


def test_cli_bad_file_is_one_line_and_exit_2(tmp_path, capsys):
    assert ft.core.cli.main(["judge", str(tmp_path / "missing.jsonl")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: labels: got") and len(err.splitlines()) == 1


def _judge_cli(capsys, path) -> tuple[int, str]:
    from ftlib.core.cli import main

    status = main(["judge", str(path)])
    return status, capsys.readouterr().err


@pytest.mark.parametrize(
    "content, says",
    [
        (b'{"human_pass": [1], "judge_pass": true}\n', "line 1: human_pass: got [1]"),
        (b'{"human_pass": {"a": 1}, "judge_pass": true}\n', "line 1: human_pass"),
        (b"[" * 100_000 + b"\n", "nested too deeply"),
        (b'\xff{"human_pass": true}\n', "not UTF-8"),
        (b'\xff\xfe{\x00"\x00', "UTF-16"),
        (b"", "the file is empty"),
        (b"[1, 2]\n", "line 1 holds a list"),
    ],
)
def test_judge_command_turns_hostile_files_into_one_sentence(tmp_path, capsys, content, says):
    path = tmp_path / "labels.jsonl"
    path.write_bytes(content)
    status, err = _judge_cli(capsys, path)
    assert status == 2
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert says in err and "Traceback" not in err


def test_judge_reads_what_compare_and_check_data_read(tmp_path, capsys):
    # one reader: a byte-order mark, CRLF endings and U+2028 inside a string are all fine
    path = tmp_path / "labels.jsonl"
    lines = ['{"human_pass": true, "judge_pass": "pass", "note": "a\u2028b"}'] * 3
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8") + b"\r\n")
    assert ft.judge.read_judged_labels(path) == ([True] * 3, [True] * 3)


def test_judge_refuses_devices_and_directories(tmp_path, capsys):
    assert "device, pipe or socket" in _judge_cli(capsys, "/dev/zero")[1]
    assert "not a directory" in _judge_cli(capsys, tmp_path)[1]


def test_a_file_that_changes_size_while_read_is_reported(tmp_path, monkeypatch):
    import os

    import ftlib.evaluation.predictions as predictions

    path = tmp_path / "labels.jsonl"
    path.write_text('{"human_pass": true, "judge_pass": true}\n', encoding="utf-8")
    real = os.stat(path)

    class Grown:
        st_mode, st_size = real.st_mode, real.st_size + 500

    monkeypatch.setattr(predictions.os, "stat", lambda name: Grown)
    with pytest.raises(ft.FtlibError, match="still writing"):
        ft.judge.read_judged_labels(path)


@pytest.mark.parametrize(
    "a, b, field",
    [
        ([["a"]], ["b"], "rater_a[0]"),
        (["a"], [{"b": 1}], "rater_b[0]"),
        (["a", None], ["a", "b"], "rater_a[1]"),
    ],
)
def test_kappa_refuses_unhashable_or_missing_labels_with_the_item_named(a, b, field):
    with pytest.raises(ft.FtlibError) as info:
        ft.judge.cohens_kappa(a, b)
    assert info.value.field == field
