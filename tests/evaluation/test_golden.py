"""Record before you migrate: written once, read back intact, compared fairly."""

from __future__ import annotations

import hashlib
import json

import pytest

import ftlib as ft


def _freeze(tmp_path, outputs=("a", "b", "c", "x"), name="golden.jsonl"):
    return ft.evaluation.freeze_golden_set(
        tmp_path / name,
        ["q1", "q2", "q3", "q4"],
        ["a", "b", "c", "d"],
        list(outputs),
        model="ft:gpt-4.1-mini:acme",
        recorded_on="2026-12-02",
    )


def test_each_line_carries_hashes_model_and_date(tmp_path):
    _freeze(tmp_path)
    lines = (tmp_path / "golden.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4
    first = json.loads(lines[0])
    assert first["input_sha256"] == hashlib.sha256(b"q1").hexdigest()
    assert first["output_sha256"] == hashlib.sha256(b"a").hexdigest()
    assert (first["model"], first["recorded_on"], first["id"]) == (
        "ft:gpt-4.1-mini:acme",
        "2026-12-02",
        "g0000",
    )


def test_never_overwrites_an_existing_file(tmp_path):
    target = tmp_path / "golden.jsonl"
    target.write_text("the user's own notes\n", encoding="utf-8")
    with pytest.raises(ft.FtlibError) as info:
        _freeze(tmp_path)
    assert info.value.field == "path"
    assert target.read_text(encoding="utf-8") == "the user's own notes\n"


def test_round_trip_and_a_tampered_file_is_caught(tmp_path):
    golden = _freeze(tmp_path)
    assert ft.evaluation.load_golden_set(tmp_path / "golden.jsonl") == golden
    path = tmp_path / "golden.jsonl"
    edited = path.read_text(encoding="utf-8").replace('"output": "x"', '"output": "d"')
    tampered = tmp_path / "tampered.jsonl"
    tampered.write_text(edited, encoding="utf-8")
    with pytest.raises(ft.FtlibError, match="edited after it was recorded"):
        ft.evaluation.load_golden_set(tampered)


def test_comparison_counted_by_hand(tmp_path):
    # recorded outputs a, b, c, x against references a, b, c, d: 3 of 4 right.
    golden = _freeze(tmp_path)
    # the replacement gets item 4 right and item 2 wrong: also 3 of 4, two outputs changed
    report = ft.evaluation.compare_to_golden(golden, ["a", "B", "c", "d"], new_model="gpt-6-luna")
    assert report.changed_ids == ("g0003",)  # "B" equals "b" after normalising case
    assert report.unchanged_share == pytest.approx(0.75)
    report = ft.evaluation.compare_to_golden(golden, ["a", "z", "c", "d"], new_model="gpt-6-luna")
    assert report.changed_ids == ("g0001", "g0003")
    assert report.comparison.baseline_score == pytest.approx(0.75)
    assert report.comparison.candidate_score == pytest.approx(0.75)
    assert report.comparison.mcnemar.baseline_only == 1
    assert report.comparison.mcnemar.candidate_only == 1
    assert "gpt-6-luna" in report.summary() and "2026-12-02" in report.summary()


def test_identical_replacement_changes_nothing(tmp_path):
    golden = _freeze(tmp_path)
    report = ft.evaluation.compare_to_golden(golden, ["a", "b", "c", "x"], new_model="same")
    assert report.unchanged_share == 1.0 and report.changed_ids == ()
    assert report.comparison.difference == 0.0


def test_parse_reads_answers_out_of_json(tmp_path):
    golden = ft.evaluation.freeze_golden_set(
        tmp_path / "g.jsonl",
        ["card declined", "parcel late"],
        ["billing", "delivery"],
        ['{"queue": "billing"}', "not json"],
        model="old",
        recorded_on="2026-12-02",
    )

    report = ft.evaluation.compare_to_golden(
        golden,
        ['{"queue": "billing"}', '{"queue": "delivery"}'],
        new_model="new",
        parse=ft.evaluation.json_field("queue"),
    )
    assert report.comparison.baseline_score == 0.5
    assert report.comparison.candidate_score == 1.0


@pytest.mark.parametrize(
    "call, field",
    [
        (
            lambda p: ft.evaluation.freeze_golden_set(
                p, [], [], [], model="m", recorded_on="2026-12-02"
            ),
            "inputs",
        ),
        (
            lambda p: ft.evaluation.freeze_golden_set(
                p, ["q"], ["a", "b"], ["a"], model="m", recorded_on="2026-12-02"
            ),
            "references",
        ),
        (
            lambda p: ft.evaluation.freeze_golden_set(
                p, ["q"], ["a"], ["a"], model="", recorded_on="2026-12-02"
            ),
            "model",
        ),
        (
            lambda p: ft.evaluation.freeze_golden_set(
                p, ["q"], ["a"], ["a"], model="m", recorded_on="soon"
            ),
            "recorded_on",
        ),
        (
            lambda p: ft.evaluation.freeze_golden_set(
                p,
                ["q", "r"],
                ["a", "b"],
                ["a", "b"],
                model="m",
                recorded_on="2026-12-02",
                ids=["x", "x"],
            ),
            "ids",
        ),
        (lambda p: ft.evaluation.load_golden_set(p), "path"),
    ],
)
def test_bad_input_names_the_field(tmp_path, call, field):
    with pytest.raises(ft.FtlibError) as info:
        call(tmp_path / "new.jsonl")
    assert info.value.field == field
    assert not (tmp_path / "new.jsonl").exists()


def test_json_field_reads_one_field_or_gives_none():
    queue = ft.evaluation.json_field("queue")
    assert queue('{"queue": "billing", "priority": "high"}') == "billing"
    assert queue('["billing"]') is None
    assert queue('{"priority": "high"}') is None
    assert queue("{not json") is None
    with pytest.raises(ft.FtlibError):
        ft.evaluation.json_field("")
