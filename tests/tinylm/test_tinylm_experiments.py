"""Each experiment shows the effect it teaches, as a property over seeds (short settings).

Each test is one function so that its runs share a process (and its caches) under xdist.
"""

from __future__ import annotations

import pytest

from ftlib.core.errors import FtlibError
from ftlib.tinylm import experiments as E
from ftlib.tinylm.grid import TRAP_SETTINGS, shipped_knowledge_trap

SEEDS = (0, 1)


def test_knowledge_trap_the_format_arrives_the_facts_do_not() -> None:
    t = E.knowledge_trap(**TRAP_SETTINGS)  # the chapters' table: compared with it below
    for seed in SEEDS:
        rows = t[t["seed"] == seed].set_index(["model", "condition"])
        base, tuned = rows.loc["base"], rows.loc["tuned"]
        assert (base["format"] < 0.1).all()  # the base does not answer in the house style
        assert (tuned["format"] > 0.8).all()  # the tuned model does, whatever it is asked
        unseen = tuned.loc["unseen"]
        # unseen products: fluent and wrong, right about as often as a guess (1 in 5 or 6)
        assert unseen["correct"] < 0.35 and unseen["hallucinated"] > 0.6
    tuned = t[t["model"] == "tuned"].groupby("condition")["correct"].mean()
    assert tuned["seen"] > tuned["unseen"] + 0.15  # facts stated in training come back more often
    assert tuned["seen"] < 0.9  # ...but not reliably
    # Not asserted: at this size a retrieved fact line does not help (the base cannot copy from
    # its prompt); the table reports it as measured.
    shipped = shipped_knowledge_trap()  # what the chapters show was made by this same run
    assert list(shipped["condition"]) == list(t["condition"])
    for column in ("format", "correct", "hallucinated"):
        assert (shipped[column] - t[column]).abs().max() <= 2 / 48 + 1e-9, column


def test_format_arrives_from_few_examples_labels_need_more() -> None:
    # one test: the format run is the examples experiment's easy 200-example run (shared cache)
    t = E.format_experiment(seeds=SEEDS, n_train=200, steps=40)
    for seed in SEEDS:
        rows = t[t["seed"] == seed].set_index("model")["compliance"]
        assert rows["base, zero-shot"] < 0.1
        assert rows["tuned (LoRA)"] > 0.9
        assert rows["tuned (LoRA)"] > rows["base, few-shot"] + 0.3
    t = E.examples_experiment(seeds=SEEDS, sizes=(20, 200), steps=40)
    mean = t.groupby(["task", "examples"])[["compliance", "accuracy"]].mean()
    for task in ("easy", "harder"):
        at_20, at_200 = mean.loc[(task, 20)], mean.loc[(task, 200)]
        assert at_20["compliance"] > 0.9  # 20 examples teach the format...
        assert at_20["accuracy"] < at_20["compliance"] - 0.3  # ...far ahead of the labels
        assert at_200["accuracy"] > at_20["accuracy"] + 0.05  # more examples, more labels right
    assert mean.loc[("harder", 200), "accuracy"] < mean.loc[("easy", 200), "accuracy"]


def test_forgetting_grows_with_learning_rate() -> None:
    t = E.forgetting_experiment("lr", values=(1e-3, 1e-2), seeds=SEEDS, steps=40)
    tuned = t[t["value"] != "base"]
    for seed in SEEDS:
        rows = tuned[tuned["seed"] == seed].set_index("value")
        assert rows.loc[1e-2, "forgetting"] > rows.loc[1e-3, "forgetting"]
        assert (
            rows.loc[1e-3, "forgetting"] >= -0.01
        )  # tuning never made the base better at its text


def test_methods_memory_and_trainable_parameters_order() -> None:
    t = E.methods_experiment(seeds=(0,), steps=20, n_train=200)
    rows = t.set_index("method")
    assert rows.loc["full", "trainable"] > 20 * rows.loc["LoRA", "trainable"]
    assert rows.loc["full", "optimizer_MB"] > 20 * rows.loc["LoRA", "optimizer_MB"]
    assert (
        rows.loc["QLoRA 4-bit", "base_MB"]
        < rows.loc["QLoRA int8", "base_MB"]
        < rows.loc["LoRA", "base_MB"] / 3
    )
    assert rows.loc["head only", "trainable"] < rows.loc["LoRA", "trainable"]
    assert rows.loc["full", "forgetting"] > 2 * rows.loc["LoRA", "forgetting"]  # full forgets most
    # step times are measured and shown, not asserted (benchmarks/bench_tinylm.py times a step)
    assert (rows["compliance"] > 0.5).all()


def test_bad_arguments_get_a_sentence() -> None:
    with pytest.raises(FtlibError) as err:
        E.forgetting_experiment("temperature")
    assert err.value.field == "knob"
    with pytest.raises(FtlibError):
        E.knowledge_trap(seeds=())
