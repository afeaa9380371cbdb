"""Tiny numpy models: gradients against finite differences, what each tuning method may touch."""

import numpy as np
import pytest

import ftlib as ft
from ftlib.tinymodels import _grads, _Net, hash_features


@pytest.fixture(scope="module")
def base():
    data = [ft.general_examples(t, 150, seed=i) for i, t in enumerate(ft.GENERAL_TASKS)]
    return ft.PretrainedBase(n_features=256, epochs=8, seed=0).fit(data)


@pytest.fixture(scope="module")
def tickets():
    return ft.ticket_examples(150, seed=1), ft.ticket_examples(100, seed=2)


def test_hashed_features_are_stable_unit_rows_and_typos_keep_some_overlap():
    X = hash_features(["password reset", "pasword reset", "password reset", ""], n_features=512)
    assert np.allclose(np.linalg.norm(X[:3], axis=1), 1.0) and not X[3].any()
    assert np.array_equal(X[0], X[2])
    assert 0.5 < X[0] @ X[1] < 1.0  # the misspelt word still shares most trigrams
    assert np.array_equal(hash_features(["password reset"], 512)[0], X[0])


def test_gradients_match_finite_differences():
    rng = np.random.default_rng(0)
    net = _Net(
        rng.normal(size=(6, 4)),
        rng.normal(size=4),
        {"t": [rng.normal(size=(4, 3)), rng.normal(size=3)]},
        rng.normal(size=(6, 2)),
        rng.normal(size=(2, 4)),
    )
    X, y = rng.normal(size=(5, 6)), np.array([0, 2, 1, 1, 0])

    def loss():
        L = net.logits(X, "t")
        L = L - L.max(axis=1, keepdims=True)
        return float(-(L[np.arange(5), y] - np.log(np.exp(L).sum(axis=1))).mean())

    grads = _grads(net, [(X, y, "t")], len(y))
    for name, param in (
        ("W", net.W),
        ("b", net.b),
        ("A", net.A),
        ("B", net.B),
        ("V:t", net.heads["t"][0]),
    ):
        numeric = np.zeros_like(param)
        for i in np.ndindex(param.shape):
            old = param[i]
            param[i] = old + 1e-6
            up = loss()
            param[i] = old - 1e-6
            numeric[i] = (up - loss()) / 2e-6
            param[i] = old
        assert np.allclose(grads[name], numeric, atol=1e-6), name


def test_constructors_store_parameters_and_fit_returns_self_with_learned_attributes(base, tickets):
    model = ft.TunedModel(base, method="head", epochs=2)
    assert not hasattr(model, "net_")
    assert model.fit(tickets[0]) is model
    assert hasattr(model, "net_") and model.checkpoints_ == ()
    assert base.tasks_ == ft.GENERAL_TASKS


def test_the_base_learns_its_general_tasks(base):
    for i, task in enumerate(ft.GENERAL_TASKS):
        assert base.score(ft.general_examples(task, 100, seed=50 + i)) > 0.9


def test_same_seed_same_weights(base, tickets):
    a = ft.TunedModel(base, method="full", epochs=3, seed=4).fit(tickets[0]).net_
    b = ft.TunedModel(base, method="full", epochs=3, seed=4).fit(tickets[0]).net_
    assert np.array_equal(a.W, b.W) and np.array_equal(a.heads["tickets"][0], b.heads["tickets"][0])


def test_tuning_never_changes_the_base(base, tickets):
    before = base.net_.W.copy()
    ft.TunedModel(base, method="full", epochs=3).fit(tickets[0])
    assert np.array_equal(base.net_.W, before)


def test_head_only_and_adapter_leave_the_shared_layer_frozen(base, tickets):
    head = ft.TunedModel(base, method="head", epochs=3).fit(tickets[0]).net_
    assert np.array_equal(head.W, base.net_.W) and np.array_equal(head.b, base.net_.b)
    adapter = ft.TunedModel(base, method="adapter", rank=2, epochs=3).fit(tickets[0]).net_
    assert np.array_equal(adapter.W, base.net_.W) and np.array_equal(adapter.b, base.net_.b)
    assert np.linalg.matrix_rank(adapter.A @ adapter.B) <= 2
    general = ft.general_examples("intent", 100, seed=9)
    assert ft.TunedModel(base, method="head", epochs=3).fit(tickets[0]).score(
        general
    ) == base.score(general)


def test_full_fine_tuning_moves_the_shared_layer_and_learns_tickets(base, tickets):
    tuned = ft.TunedModel(base, method="full", epochs=10).fit(*tickets[:1])
    assert not np.array_equal(tuned.net_.W, base.net_.W)
    assert tuned.score(tickets[1]) > 0.8


def test_checkpoints_record_one_row_per_epoch(base, tickets):
    tuned = ft.TunedModel(base, method="full", epochs=3).fit(tickets[0], eval_set=tickets[1])
    assert [c[0] for c in tuned.checkpoints_] == [1, 2, 3]
    assert tuned.checkpoints_[-1][2] == tuned.score(tickets[1])


def test_few_shot_baseline_beats_chance_with_five_examples_per_label(tickets):
    fs = ft.FewShotBaseline(shots_per_label=5, n_features=256).fit(tickets[0])
    assert fs.score(tickets[1]) > 1 / len(ft.TICKET_LABELS) + 0.15


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda b, t: ft.TunedModel(b, method="lora").fit(t), "method: got 'lora'"),
        (
            lambda b, t: ft.TunedModel(b, method="adapter", rank=99).fit(t),
            "rank: got 99; expected a whole number >= 1 and <= 16",
        ),
        (
            lambda b, t: ft.TunedModel(ft.PretrainedBase()).fit(t),
            "base: got 'PretrainedBase'; expected a fitted PretrainedBase",
        ),
        (
            lambda b, t: b.score(t),
            "data.task: got 'tickets'; expected a task this model has a head for",
        ),
        (
            lambda b, t: ft.FewShotBaseline(shots_per_label=500).fit(t),
            "at least 500 examples of label",
        ),
        (lambda b, t: ft.PretrainedBase().fit([]), "datasets"),
    ],
)
def test_bad_input_names_the_field(base, tickets, call, message):
    with pytest.raises(ft.FtlibError, match=message):
        call(base, tickets[0])


@pytest.mark.parametrize("n_features", [10**9, 2**20 + 1])
def test_absurd_feature_counts_are_a_named_error_not_a_memory_error(n_features):
    with pytest.raises(ft.FtlibError, match="n_features"):
        hash_features(["password reset"], n_features)


def test_too_many_cells_for_memory_is_refused_before_allocating():
    with pytest.raises(ft.FtlibError, match="would not fit in memory"):
        hash_features(["a"] * 100, 2**20)
    assert hash_features(["a"] * 10, 2**20).shape == (10, 2**20)
