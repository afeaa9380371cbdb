"""Tiny numpy models: gradients against finite differences, what each tuning method may touch."""

import re
import zlib

import numpy as np
import pytest

import ftlib as ft
from ftlib.experiments import tinymodels
from ftlib.experiments.tinymodels import _grads, _Net, hash_features


@pytest.fixture(scope="module")
def base():
    data = [
        ft.experiments.general_examples(t, 150, seed=i)
        for i, t in enumerate(ft.experiments.GENERAL_TASKS)
    ]
    return ft.experiments.PretrainedBase(n_features=256, epochs=8, seed=0).fit(data)


@pytest.fixture(scope="module")
def tickets():
    return ft.experiments.ticket_examples(150, seed=1), ft.experiments.ticket_examples(100, seed=2)


def _numeric_gradient(loss, param: np.ndarray) -> np.ndarray:
    """Central differences of ``loss()`` in each entry of ``param`` (changed in place, restored)."""
    numeric = np.zeros_like(param)
    for i in np.ndindex(param.shape):
        old = param[i]
        param[i] = old + 1e-6
        up = loss()
        param[i] = old - 1e-6
        numeric[i] = (up - loss()) / 2e-6
        param[i] = old
    return numeric


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
        assert np.allclose(grads[name], _numeric_gradient(loss, param), atol=1e-6), name


def test_constructors_store_parameters_and_fit_returns_self_with_learned_attributes(base, tickets):
    model = ft.experiments.TunedModel(base, method="head", epochs=2)
    assert not hasattr(model, "net_")
    assert model.fit(tickets[0]) is model
    assert hasattr(model, "net_") and model.checkpoints_ == ()
    assert base.tasks_ == ft.experiments.GENERAL_TASKS


def test_the_base_learns_its_general_tasks(base):
    for i, task in enumerate(ft.experiments.GENERAL_TASKS):
        assert base.score(ft.experiments.general_examples(task, 100, seed=50 + i)) > 0.9


def test_same_seed_same_weights(base, tickets):
    a = ft.experiments.TunedModel(base, method="full", epochs=3, seed=4).fit(tickets[0]).net_
    b = ft.experiments.TunedModel(base, method="full", epochs=3, seed=4).fit(tickets[0]).net_
    assert np.array_equal(a.W, b.W) and np.array_equal(a.heads["tickets"][0], b.heads["tickets"][0])


def test_tuning_never_changes_the_base(base, tickets):
    before = base.net_.W.copy()
    ft.experiments.TunedModel(base, method="full", epochs=3).fit(tickets[0])
    assert np.array_equal(base.net_.W, before)


def test_head_only_and_adapter_leave_the_shared_layer_frozen(base, tickets):
    head = ft.experiments.TunedModel(base, method="head", epochs=3).fit(tickets[0]).net_
    assert np.array_equal(head.W, base.net_.W) and np.array_equal(head.b, base.net_.b)
    adapter = (
        ft.experiments.TunedModel(base, method="adapter", rank=2, epochs=3).fit(tickets[0]).net_
    )
    assert np.array_equal(adapter.W, base.net_.W) and np.array_equal(adapter.b, base.net_.b)
    assert np.linalg.matrix_rank(adapter.A @ adapter.B) <= 2
    general = ft.experiments.general_examples("intent", 100, seed=9)
    assert ft.experiments.TunedModel(base, method="head", epochs=3).fit(tickets[0]).score(
        general
    ) == base.score(general)


def test_full_fine_tuning_moves_the_shared_layer_and_learns_tickets(base, tickets):
    tuned = ft.experiments.TunedModel(base, method="full", epochs=10).fit(*tickets[:1])
    assert not np.array_equal(tuned.net_.W, base.net_.W)
    assert tuned.score(tickets[1]) > 0.8


def test_checkpoints_record_one_row_per_epoch(base, tickets):
    tuned = ft.experiments.TunedModel(base, method="full", epochs=3).fit(
        tickets[0], eval_set=tickets[1]
    )
    assert [c[0] for c in tuned.checkpoints_] == [1, 2, 3]
    assert tuned.checkpoints_[-1][2] == tuned.score(tickets[1])


def test_few_shot_baseline_beats_chance_with_five_examples_per_label(tickets):
    fs = ft.experiments.FewShotBaseline(shots_per_label=5, n_features=256).fit(tickets[0])
    assert fs.score(tickets[1]) > 1 / len(ft.experiments.TICKET_LABELS) + 0.15


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda b, t: ft.experiments.TunedModel(b, method="lora").fit(t), "method: got 'lora'"),
        (
            lambda b, t: ft.experiments.TunedModel(b, method="adapter", rank=99).fit(t),
            "rank: got 99; expected a whole number >= 1 and <= 16",
        ),
        (
            lambda b, t: ft.experiments.TunedModel(ft.experiments.PretrainedBase()).fit(t),
            "base: got 'PretrainedBase'; expected a fitted PretrainedBase",
        ),
        (
            lambda b, t: b.score(t),
            "data.task: got 'tickets'; expected a task this model has a head for",
        ),
        (
            lambda b, t: ft.experiments.FewShotBaseline(shots_per_label=500).fit(t),
            "at least 500 examples of label",
        ),
        (lambda b, t: ft.experiments.PretrainedBase().fit([]), "datasets"),
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


def _reference_row(text, n_features):
    """A text's row computed the plain way: word 2.0, each trigram 0.5, scaled to length 1."""
    row = np.zeros(n_features)
    for word in re.findall(r"[a-z0-9$#?!']+", text.lower()):
        padded = f"<{word}>"
        row[zlib.crc32(f"w:{word}".encode()) % n_features] += 2.0
        for i in range(len(padded) - 2):
            row[zlib.crc32(f"c:{padded[i : i + 3]}".encode()) % n_features] += 0.5
    norm = np.linalg.norm(row)
    return row / norm if norm else row


def test_remembered_rows_equal_the_plain_computation_for_each_width():
    texts = ["Cant login!!", "cant login", "aaaa aaaa", "", "login loop", "Cant login!!"]
    for n_features in (16, 256, 1024):  # the same text at another width is another row
        X = hash_features(texts, n_features)
        expected = np.array([_reference_row(t, n_features) for t in texts])
        assert np.array_equal(X, expected), n_features
    X[0] = 0.0  # a caller writing into the matrix does not spoil the remembered rows
    assert np.array_equal(hash_features(texts[:1], 1024)[0], _reference_row(texts[0], 1024))


def test_a_text_that_is_not_a_string_is_named():
    with pytest.raises(ft.FtlibError, match=r"texts\[1\]: got 42; expected a string"):
        hash_features(["fine", 42], 64)


def test_gradients_of_two_task_parts_match_finite_differences_and_skip_frozen_weights():
    rng = np.random.default_rng(1)
    heads = {"a": [rng.normal(size=(4, 3)), rng.normal(size=3)]}
    heads["b"] = [rng.normal(size=(4, 2)), rng.normal(size=2)]
    net = _Net(rng.normal(size=(6, 4)), rng.normal(size=4), heads)
    parts = [
        (rng.normal(size=(3, 6)), np.array([0, 2, 1]), "a"),
        (rng.normal(size=(2, 6)), np.array([1, 0]), "b"),
    ]

    def loss():
        total = 0.0
        for X, y, task in parts:
            L = net.logits(X, task)
            L = L - L.max(axis=1, keepdims=True)
            total -= float((L[np.arange(len(y)), y] - np.log(np.exp(L).sum(axis=1))).sum())
        return total / 5

    grads = _grads(net, parts, 5)
    for name, param in (("W", net.W), ("b", net.b), ("V:a", heads["a"][0]), ("c:b", heads["b"][1])):
        assert np.allclose(grads[name], _numeric_gradient(loss, param), atol=1e-6), name
    heads_only = _grads(net, parts, 5, trainable={"V:a", "c:a"})
    assert set(heads_only) == {"V:a", "c:a"}  # a frozen layer gets no gradient at all
    assert np.array_equal(heads_only["V:a"], grads["V:a"])


def test_fine_tuning_leaves_the_heads_it_does_not_train_bit_identical(base, tickets):
    tuned = ft.experiments.TunedModel(base, method="full", epochs=2).fit(tickets[0]).net_
    for task in ft.experiments.GENERAL_TASKS:
        for got, before in zip(tuned.heads[task], base.net_.heads[task], strict=True):
            assert np.array_equal(got, before), task
    replayed = ft.experiments.general_examples("topic", 40, seed=5)
    mixed = ft.experiments.TunedModel(base, method="adapter", epochs=2).fit(
        tickets[0], replay=[replayed]
    )
    assert not np.array_equal(mixed.net_.heads["topic"][0], base.net_.heads["topic"][0])
    assert np.array_equal(mixed.net_.heads["intent"][0], base.net_.heads["intent"][0])
    assert np.array_equal(mixed.net_.W, base.net_.W)


def test_the_remembered_rows_stay_within_their_bound_and_stay_right(monkeypatch):
    monkeypatch.setattr(tinymodels, "_ROW_CACHE", 3)
    tinymodels._rows.clear()
    texts = [f"ticket number {i} cant login" for i in range(5)]
    one_by_one = np.vstack([hash_features([t], 256) for t in texts])
    assert len(tinymodels._rows) == 3  # the oldest rows were let go
    together = hash_features(texts[::-1], 256)[::-1]  # some remembered, some hashed again
    expected = np.array([_reference_row(t, 256) for t in texts])
    assert np.array_equal(one_by_one, expected) and np.array_equal(together, expected)
    assert len(tinymodels._rows) == 3


def test_one_adam_step_over_all_parameters_is_the_textbook_update_of_each():
    rng = np.random.default_rng(2)
    heads = {
        "a": [rng.normal(size=(4, 3)), rng.normal(size=3)],
        "b": [rng.normal(size=(4, 2)), rng.normal(size=2)],
    }
    net = _Net(rng.normal(size=(6, 4)), rng.normal(size=4), heads)
    names = ["V:a", "V:b", "W", "b", "c:a", "c:b"]
    start = {n: tinymodels._param(net, n).copy() for n in names}
    adam = tinymodels._Adam(net, names)
    grads = {n: rng.normal(size=start[n].shape) for n in names}

    def textbook(p, g, step, m=0.0, v=0.0, lr=0.01):
        m, v = 0.9 * m + 0.1 * g, 0.999 * v + 0.001 * g * g
        return p - lr * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8), m, v

    adam.step(grads, 0.01, 1 - 0.9, 1 - 0.999)
    expected = {n: textbook(start[n], grads[n], 1) for n in names}
    for n in names:
        assert np.array_equal(tinymodels._param(net, n), expected[n][0]), n
    # a batch without task b: only the parameters with a gradient move, b's moments stay put
    partial = {n: rng.normal(size=start[n].shape) for n in ("V:a", "W", "b", "c:a")}
    adam.step(partial, 0.01, 1 - 0.9**2, 1 - 0.999**2)
    for n in names:
        if n in partial:
            p, m, v = expected[n]
            want = textbook(p, partial[n], 2, m, v)[0]
        else:
            want = expected[n][0]
        assert np.array_equal(tinymodels._param(net, n), want), n
