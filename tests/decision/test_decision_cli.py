"""``ftlib decide`` and ``ftlib ready``: the documented keys, one-line errors naming the flag."""

from __future__ import annotations

import json

import pytest

from ftlib.core.cli import main


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_decide_json_has_the_documented_keys(capsys):
    status, out, _ = run(
        capsys,
        "decide",
        "--requests",
        "1000000",
        "--provider",
        "openai",
        "--as-of",
        "2026-04-15",
        "--json",
    )
    result = json.loads(out)
    assert status == 0
    assert result["approach"] == "sft-api"
    assert [p["question"] for p in result["path"]] == [
        "missing-facts",
        "volume",
        "frontier-cheaper",
        "self-host",
    ]
    assert isinstance(result["reasons"], list) and all(
        isinstance(r, str) for r in result["reasons"]
    )
    (warning,) = result["warnings"]  # the route closed to new users 22 days later
    assert warning.startswith("Ending soon") and "2026-05-07, in 22 days (confirmed" in warning
    assert result["alternatives"][0].startswith("Prompt a cheaper current model first")


def test_decide_for_a_new_openai_team_in_december_2026(capsys):
    _, out, _ = run(
        capsys, "decide", "--requests", "1000000", "--provider", "openai", "--as-of", "2026-12-02"
    )
    first = out.splitlines()[0]
    assert first == "As of 2026-12-02: LoRA / QLoRA (lora)"
    assert "(the flow reaches sft-api, closed as of that date)" in out
    assert "closed to new users since 2026-05-07 (confirmed" in out
    assert "GPT-6 Luna (gpt-6-luna): about $150 a month untuned" in out
    assert "Vertex AI tunes gemini-3.5-flash (since 2026-05-19, reported)" in out
    assert "reasoning tokens" in out


def test_decide_anthropic_warns_before_the_bedrock_end_of_life(capsys):
    status, out, _ = run(
        capsys,
        "decide",
        "--requests",
        "1000000",
        "--provider",
        "anthropic",
        "--as-of",
        "2026-09-01",
    )
    assert status == 0 and "(sft-api)" in out.splitlines()[0]
    assert "shuts down on 2026-09-10, in 9 days (confirmed" in out


def test_decide_refuses_a_date_before_the_catalog(capsys):
    status, out, err = run(capsys, "decide", "--requests", "10", "--as-of", "0001-01-01")
    assert status == 2 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "--as-of" in err and "on or after 2026-04-01" in err


@pytest.mark.parametrize(
    ("flags", "approach"),
    [
        (["--missing-facts"], "rag"),
        (["--one-off"], "prompt-engineering"),
        (["--frontier-quality-cheaper"], "distillation"),
        (["--self-host-required"], "lora"),
        (["--provider", "self-hosted"], "lora"),
    ],
)
def test_decide_flags_reach_their_leaf(capsys, flags, approach):
    _, out, _ = run(
        capsys, "decide", "--requests", "800000", "--as-of", "2026-04-15", "--json", *flags
    )
    assert json.loads(out)["approach"] == approach


def test_decide_after_closure_warns_and_reroutes(capsys):
    _, out, _ = run(
        capsys,
        "decide",
        "--requests",
        "1000000",
        "--provider",
        "openai",
        "--as-of",
        "2026-06-01",
        "--json",
    )
    result = json.loads(out)
    assert result["approach"] == "lora" and result["flow_approach"] == "sft-api"
    assert any("2026-05-07" in w for w in result["warnings"])


@pytest.mark.parametrize(
    "flags", [["--existing-customer", "--tunes-on", "openai"], ["--openai-fine-tuning-access"]]
)
def test_decide_existing_customer_keeps_sft_and_says_so_in_json(capsys, flags):
    _, out, _ = run(
        capsys,
        "decide",
        "--requests",
        "1000000",
        "--provider",
        "openai",
        "--as-of",
        "2026-06-01",
        "--json",
        *flags,
    )
    result = json.loads(out)
    situation = result["situation"]
    assert situation["openai_fine_tuning_access"] or situation["tunes_on"] == "openai"
    assert result["approach"] == result["flow_approach"] == "sft-api"
    assert any("2026-05-07 (confirmed" in w for w in result["warnings"])
    assert any("2027-01-06 (confirmed)" in w for w in result["warnings"])


def test_decide_json_flag_defaults_to_a_new_team(capsys):
    _, out, _ = run(
        capsys,
        "decide",
        "--requests",
        "1000000",
        "--provider",
        "openai",
        "--as-of",
        "2026-06-01",
        "--json",
    )
    assert json.loads(out)["situation"]["openai_fine_tuning_access"] is False


@pytest.mark.parametrize(
    ("day", "approach"),
    [("2026-04-15", "sft-api"), ("2026-06-01", "sft-api"), ("2027-02-01", "lora")],
)
def test_decide_existing_customer_over_time(capsys, day, approach):
    _, out, _ = run(
        capsys,
        "decide",
        "--requests",
        "1000000",
        "--provider",
        "openai",
        "--as-of",
        day,
        "--existing-customer",
        "--tunes-on",
        "openai",
    )
    assert out.startswith(f"As of {day} for a team that already fine-tunes on openai: ")
    assert f"({approach})" in out.splitlines()[0]


def test_decide_existing_customer_must_say_where(capsys):
    status, out, err = run(capsys, "decide", "--requests", "1000000", "--existing-customer")
    assert status == 2 and out == "" and err.count("\n") == 1
    assert "--existing-customer" in err and "--tunes-on openai|azure|vertex|bedrock" in err


def test_decide_for_an_azure_customer_on_2027_02_01_keeps_azure_with_its_dates(capsys):
    # FACTS 2026-12-07: Azure trains the gpt-4.1 family for existing customers until no
    # earlier than 2027-04-14; OpenAI's own route ended on 2027-01-14.
    flags = ["--requests", "1000000", "--provider", "openai", "--as-of", "2027-02-01"]
    _, out, _ = run(capsys, "decide", *flags, "--tunes-on", "azure", "--json")
    result = json.loads(out)
    assert result["approach"] == "sft-api" and not result["approach"] != result["flow_approach"]
    assert "Azure OpenAI SFT and DPO on the gpt-4.1 family" in result["reasons"][-1]
    assert "no earlier than 2027-04-14" in result["reasons"][-1]
    text = "\n".join(result["warnings"])
    assert "fine-tunes of gpt-4.1, gpt-4.1-mini and gpt-4.1-nano shut down on 2027-10-14" in text
    _, out, _ = run(capsys, "decide", *flags, "--tunes-on", "openai", "--json")
    assert json.loads(out)["approach"] == "lora"  # an OpenAI customer does not get Azure's route


def test_decide_text_output_names_the_approach_and_date(capsys):
    status, out, _ = run(capsys, "decide", "--requests", "20000", "--as-of", "2026-04-15")
    assert status == 0 and out.startswith("As of 2026-04-15: Prompt engineering")


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["decide", "--requests", "-5"], "--requests: got -5.0"),
        (["decide", "--requests", "5", "--provider", "opnai"], "--provider: got 'opnai'"),
        (["decide", "--requests", "5", "--as-of", "2026-02-30"], "--as-of: got '2026-02-30'"),
        (["decide", "--requests", "lots"], "--requests"),
        (["decide", "--requests", "5", "--existing-customer=yes"], "--existing-customer"),
        (
            [
                "ready",
                "--test-examples",
                "-1",
                "--test-source",
                "separate",
                "--baseline-measured",
                "--train-examples",
                "5",
            ],
            "--test-examples: got -1",
        ),
        (
            [
                "ready",
                "--test-examples",
                "60",
                "--test-source",
                "elsewhere",
                "--no-baseline",
                "--train-examples",
                "5",
            ],
            "--test-source: got 'elsewhere'",
        ),
        (
            ["ready", "--test-examples", "60", "--test-source", "same", "--train-examples", "5"],
            "--baseline-measured --no-baseline",
        ),
    ],
)
def test_bad_input_is_one_line_exit_2(capsys, argv, fragment):
    status, out, err = run(capsys, *argv)
    assert status == 2 and out == ""
    assert fragment in err and err.count("\n") == 1 and "Traceback" not in err


READY_ARGS = [
    "ready",
    "--metric",
    "F1",
    "--test-examples",
    "80",
    "--test-source",
    "separate",
    "--baseline-measured",
    "--train-examples",
    "1500",
    "--hypothesis",
    "F1 from 0.82 to 0.92",
    "--iterations-budget",
    "3",
    "--abort-criterion",
    "stop at checkpoint 2 below 0.88",
]


def test_ready_json_when_everything_is_in_place(capsys):
    status, out, _ = run(capsys, *READY_ARGS, "--json")
    result = json.loads(out)
    assert status == 0 and result["ready"] is True
    assert len(result["items"]) == 7
    assert all({"name", "passed", "reason"} <= set(item) for item in result["items"])


def test_ready_fails_with_exit_1_and_names_the_gaps(capsys):
    argv = [a for a in READY_ARGS if a != "--baseline-measured"] + ["--no-baseline"]
    status, out, _ = run(capsys, *argv)
    assert status == 1
    assert out.startswith("NOT READY")
    assert [line.split()[:2] for line in out.splitlines() if "FAIL" in line] == [
        ["baseline", "FAIL"]
    ]


def test_decide_review_prints_the_markdown_page(capsys):
    status, out, _ = run(
        capsys,
        "decide",
        "--requests",
        "1000000",
        "--provider",
        "openai",
        "--as-of",
        "2026-06-01",
        "--review",
    )
    assert status == 0
    assert out.startswith("# Fine-tuning decision (as of 2026-06-01)")
    assert "**Recommendation: LoRA / QLoRA**" in out and "## Warnings" in out


def _with(flag: str, value: str | None, args=READY_ARGS) -> list[str]:
    out = list(args)
    at = out.index(flag)
    return out[:at] + ([flag, value] if value is not None else []) + out[at + 2 :]


def test_ready_takes_a_start_and_target_without_from(capsys):
    argv = _with("--hypothesis", "accuracy 78% to 90% by teaching the label set")
    status, out, _ = run(capsys, *_with("--metric", "accuracy", argv))
    assert status == 0, out


def test_ready_direction_flags_decide_which_way_the_target_must_move(capsys):
    argv = _with("--hypothesis", "score 40 to 20")
    argv = _with("--metric", "score", argv)
    assert run(capsys, *argv)[0] == 1  # "score" reads as higher-is-better: 40 -> 20 fails
    assert run(capsys, *argv, "--lower-is-better")[0] == 0
    assert run(capsys, *argv, "--higher-is-better")[0] == 1
    status, _, err = run(capsys, *argv, "--higher-is-better", "--lower-is-better")
    assert status == 2 and "not allowed with" in err
