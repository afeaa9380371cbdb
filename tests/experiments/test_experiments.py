"""Each failure mode happens, in the direction and rough size the course claims, across seeds."""

import pandas as pd
import pytest

import ftlib as ft
import ftlib.experiments.lab
import ftlib.experiments.plots
from ftlib.experiments import runs as E

SEEDS = (0, 1)


def _general(df, variant_prefix):
    rows = df[(df.task != "tickets") & df.variant.str.startswith(variant_prefix)]
    return rows.accuracy.mean()


@pytest.fixture(scope="module", params=SEEDS)
def forgetting(request):
    return ft.experiments.forgetting_experiment(seed=request.param)


def test_full_fine_tuning_forgets_and_the_adapter_and_mixing_forget_less(forgetting):
    base = _general(forgetting, "base")
    full = _general(forgetting, "full fine-tuning")
    assert base > 0.95
    assert full < base - 0.03  # general skills erode
    assert _general(forgetting, "adapter") > full + 0.02
    assert _general(forgetting, "full +") > full + 0.02


def test_every_way_of_adapting_still_learns_the_tickets(forgetting):
    tickets = forgetting[forgetting.task == "tickets"]
    assert (tickets.accuracy > 0.8).all() and len(tickets) == 3


def _fresh(experiment, **kwargs):
    """The experiment run from nothing: no remembered table, dataset or tuned model."""
    E._clear_sub_results()
    return experiment.__wrapped__(**kwargs)


def test_an_experiment_is_deterministic_for_a_seed():
    first = _fresh(ft.experiments.shift_experiment, seed=0)  # the model really trains twice
    pd.testing.assert_frame_equal(first, _fresh(ft.experiments.shift_experiment, seed=0))
    assert not first.accuracy.equals(_fresh(ft.experiments.shift_experiment, seed=1).accuracy)


def test_remembered_results_are_copies_a_caller_cannot_spoil():
    first = ft.experiments.shift_experiment(seed=0)
    first.loc[:, "accuracy"] = -1.0
    assert (ft.experiments.shift_experiment(seed=0).accuracy > 0).all()


@pytest.mark.parametrize("seed", SEEDS)
def test_a_leaked_test_set_inflates_the_score_and_the_detector_finds_the_leak(seed):
    df = ft.experiments.contamination_experiment(overlap_share=0.5, seed=seed).set_index("test_set")
    assert df.accuracy["contaminated"] > df.accuracy["clean"] + 0.02
    assert df.leaked_share["contaminated"] == 0.5 and df.leaked_share["clean"] == 0
    assert df.flagged_share["contaminated"] > df.flagged_share["clean"] + 0.15
    assert df.leaked_share["contaminated, flagged removed"] < 0.35  # most of the leak is caught


def test_no_overlap_means_no_inflation():
    df = ft.experiments.contamination_experiment(overlap_share=0.0, seed=0).set_index("test_set")
    assert df.accuracy["contaminated"] == df.accuracy["clean"]


@pytest.mark.parametrize("seed", SEEDS)
def test_synthetic_training_scores_high_on_synthetic_tests_and_drops_on_production(seed):
    df = (
        ft.experiments.shift_experiment(production_share=0.0, seed=seed)
        .set_index("test_set")
        .accuracy
    )
    assert df["synthetic"] > 0.88  # the article's eval figure is 93%
    assert df["production"] < df["synthetic"] - 0.2
    fixed = (
        ft.experiments.shift_experiment(production_share=ft.rules.PRODUCTION_SHARE, seed=seed)
        .set_index("test_set")
        .accuracy
    )
    assert fixed["production"] > df["production"] + 0.25
    assert fixed["synthetic"] > 0.8  # the remedy does not give up the synthetic-style inputs


@pytest.mark.parametrize("seed", SEEDS)
def test_label_noise_keeps_training_accuracy_high_while_test_accuracy_falls(seed):
    clean = (
        ft.experiments.noisy_labels_experiment(noise_rate=0.0, seed=seed)
        .set_index("split")
        .accuracy
    )
    noisy = (
        ft.experiments.noisy_labels_experiment(noise_rate=0.3, seed=seed)
        .set_index("split")
        .accuracy
    )
    assert noisy["train (as labelled)"] > 0.9
    assert noisy["test (clean)"] < clean["test (clean)"] - 0.1


def test_few_shot_wins_with_tiny_data_and_fine_tuning_wins_with_plenty():
    small = ft.experiments.data_size_experiment(n_train=20, seed=0).set_index("method").accuracy
    large = ft.experiments.data_size_experiment(n_train=2000, seed=0).set_index("method").accuracy
    assert small["fine-tuned"] < small["few-shot stand-in"]
    assert large["fine-tuned"] > large["few-shot stand-in"] + 0.2
    assert (
        small["few-shot stand-in"] == large["few-shot stand-in"]
    )  # the baseline does not depend on n_train


def test_the_abort_rule_stops_the_flat_run_at_its_checkpoint_and_passes_the_good_one():
    df = ft.experiments.sunk_cost_experiment(n_checkpoints=4, seed=0)
    flat = df[df.run == "synthetic data only"]
    good = df[df.run == "80% production data"]
    stop = flat[flat.action == "stop"]
    assert (
        stop.checkpoint.tolist() == [ft.rules.TRAINING_RUNS_BUDGET[0]]
        and stop.outcome.item() == "budget-spent"
    )
    assert (
        flat.accuracy.max() < flat.target.iloc[0]
    )  # pushing on to the last checkpoint never reaches the target
    assert "target-met" in good.outcome.tolist()
    assert (flat.action.iloc[ft.rules.TRAINING_RUNS_BUDGET[0] :] == "").all()


def test_run_sweep_visits_each_value_and_reports_progress():
    seen = []
    df = ft.run_sweep(
        "noisy_labels",
        [0.0, 0.2],
        n_train=100,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert sorted(df.noise_rate.unique().tolist()) == [0.0, 0.2] and seen == [(1, 2), (2, 2)]
    assert set(ft.experiments.EXPERIMENT_SWEEPS) == {
        "forgetting",
        "contamination",
        "shift",
        "noisy_labels",
        "data_size",
        "sunk_cost",
    }


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: ft.experiments.forgetting_experiment(rank=0), "rank: got 0"),
        (
            lambda: ft.experiments.forgetting_experiment(mix_share=1.0),
            "mix_share: got 1.0; expected a number >= 0 and <= 0.9",
        ),
        (lambda: ft.experiments.contamination_experiment(overlap_share=2), "overlap_share: got 2"),
        (
            lambda: ft.experiments.shift_experiment(production_share="most"),
            "production_share: got 'most'",
        ),
        (lambda: ft.experiments.noisy_labels_experiment(noise_rate=0.9), "noise_rate: got 0.9"),
        (lambda: ft.experiments.data_size_experiment(n_train=5), "n_train: got 5"),
        (
            lambda: ft.experiments.sunk_cost_experiment(max_checkpoints=9, n_checkpoints=6),
            "max_checkpoints: got 9",
        ),
        (lambda: ft.run_sweep("drift"), "name: got 'drift'"),
        (lambda: ft.run_sweep("shift", []), "values: got"),
    ],
)
def test_bad_input_names_the_field(call, message):
    with pytest.raises(ft.FtlibError, match=message):
        call()


def test_figures_draw_from_single_experiments_and_sweeps():
    df = ft.run_sweep("shift", [0.0, 0.8])
    fig = ft.experiments.plots.plot_shift(df)
    assert fig.axes[0].get_xlabel() == "share of production tickets in training"
    assert len(fig.axes[0].lines) >= 2


def test_contamination_points_on_few_items_are_hollow_and_labelled_with_n():
    # 30 items is the fewest the figure trusts: 29 left is drawn hollow with its n, 30 is not.
    rows = [
        (share, name, acc, n)
        for share, n_removed in ((0.0, 80), (0.5, 30), (1.0, 29))
        for name, acc, n in (
            ("clean", 0.84, 100),
            ("contaminated", 0.84 + 0.16 * share, 100),
            ("contaminated, flagged removed", 0.8, n_removed),
        )
    ]
    df = pd.DataFrame(rows, columns=["overlap_share", "test_set", "accuracy", "n_test"])
    ax = ft.experiments.plots.plot_contamination(df).axes[0]
    hollow = [line for line in ax.lines if line.get_markerfacecolor() == "none"]
    assert len(hollow) == 1 and list(hollow[0].get_xdata()) == [1.0]
    assert [t.get_text() for t in ax.texts] == ["n=29"]
    dashed = [line for line in ax.lines if line.get_linestyle() == "--"]
    assert list(dashed[0].get_xdata()) == [0.0, 0.5]


def test_a_single_experiment_is_drawn_as_labelled_bars_not_lone_dots():
    fig = ft.experiments.plots.plot_noisy_labels(
        ft.experiments.noisy_labels_experiment(noise_rate=0.2, seed=0)
    )
    ax = fig.axes[0]
    assert len(ax.patches) == 2 and [t.get_text() for t in ax.get_xticklabels()] == [
        "train (as labelled)",
        "test (clean)",
    ]


def test_a_lab_sweep_fills_its_progress_bar_and_shows_a_described_figure():
    lab = ft.experiments.lab.contamination_lab()
    assert (
        "<img" in lab.lab.figure.value
        and 'alt="Accuracy on the clean test set' in lab.lab.figure.value
    )
    df = lab.run_sweep()
    assert lab.progress.value == lab.progress.max == 5 and not lab.button.disabled
    assert sorted(df.overlap_share.unique().tolist()) == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert "<img" in lab.sweep_figure.value


# A learner's moves through each lab, small sizes: every control the lab offers changes once.
_MOVES = [
    (
        ft.experiments.forgetting_experiment,
        [
            {"n_train": 100},
            {"n_train": 100, "mix_share": 0.4},
            {"n_train": 100, "mix_share": 0.4, "rank": 1},
            {"n_train": 100, "mix_share": 0.0, "rank": 1},
            {"n_train": 120, "mix_share": 0.0, "rank": 1},
            {"n_train": 100, "mix_share": 0.0, "rank": 1, "seed": 1},
        ],
    ),
    (
        ft.experiments.contamination_experiment,
        [
            {"n_train": 60, "n_test": 20},
            {"n_train": 60, "n_test": 20, "overlap_share": 0.8},
            {"n_train": 80, "n_test": 20, "overlap_share": 0.8},
            {"n_train": 80, "n_test": 30, "overlap_share": 0.8},
        ],
    ),
    (
        ft.experiments.shift_experiment,
        [
            {"n_train": 60},
            {"n_train": 60, "production_share": 0.5},
            {"n_train": 80, "production_share": 0.5},
        ],
    ),
    (
        ft.experiments.noisy_labels_experiment,
        [
            {"n_train": 60},
            {"n_train": 60, "noise_rate": 0.5},
            {"n_train": 80, "noise_rate": 0.5},
        ],
    ),
    (ft.experiments.data_size_experiment, [{"n_train": 20}, {"n_train": 50}, {"n_train": 2_100}]),
    (
        ft.experiments.sunk_cost_experiment,
        [
            {"n_checkpoints": 3, "epochs_per_checkpoint": 1, "max_checkpoints": 2},
            {"n_checkpoints": 3, "epochs_per_checkpoint": 1, "max_checkpoints": 3},
            {"n_checkpoints": 3, "epochs_per_checkpoint": 1, "target_gain": 0.3},
            {"n_checkpoints": 4, "epochs_per_checkpoint": 1, "target_gain": 0.3},
            {"n_checkpoints": 2, "epochs_per_checkpoint": 2, "target_gain": 0.3},
        ],
    ),
]


@pytest.mark.parametrize(("experiment", "moves"), _MOVES, ids=lambda x: getattr(x, "__name__", ""))
def test_reused_datasets_and_models_give_the_table_a_fresh_run_gives(experiment, moves):
    E._clear_sub_results()
    experiment.cache_clear()
    warm = [experiment(**kwargs) for kwargs in moves]  # each move reuses what the last ones made
    for kwargs, table in zip(moves, warm, strict=True):
        pd.testing.assert_frame_equal(table, _fresh(experiment, **kwargs), obj=str(kwargs))


def test_moving_the_rank_retrains_the_adapter_as_a_direct_fit_would():
    ft.experiments.forgetting_experiment(
        n_train=100, rank=4
    )  # the rank-4 adapter is now remembered
    df = ft.experiments.forgetting_experiment(n_train=100, rank=1)
    tuned = ft.experiments.TunedModel(E._base(0), method="adapter", rank=1, seed=0)
    tuned.fit(ft.experiments.ticket_examples(100, seed=1))
    adapter = df[(df.variant == "adapter (rank 1)") & (df.task == "tickets")].accuracy.item()
    assert adapter == tuned.score(ft.experiments.ticket_examples(300, seed=2))


def test_mixing_nothing_back_in_is_the_full_fine_tune():
    df = ft.experiments.forgetting_experiment(n_train=100, mix_share=0.0)
    full = df[df.variant == "full fine-tuning"].accuracy.tolist()
    assert df[df.variant == "full + 0% general mixed in"].accuracy.tolist() == full
    mixed = ft.experiments.forgetting_experiment(n_train=100, mix_share=0.4)
    assert mixed[mixed.variant.str.startswith("full +")].accuracy.tolist() != full


def test_the_abort_rule_does_not_retrain_and_changes_only_the_verdicts():
    loose = ft.experiments.sunk_cost_experiment(target_gain=0.05, seed=0)
    strict = ft.experiments.sunk_cost_experiment(target_gain=0.45, max_checkpoints=1, seed=0)
    pd.testing.assert_series_equal(loose.accuracy, strict.accuracy)  # the same two runs
    assert (strict.target > loose.target).all()
    assert strict[strict.action == "stop"].checkpoint.tolist() == [1, 1]
