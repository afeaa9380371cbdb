"""The seeded ticket task: what the experiments rely on about its data."""

import numpy as np
import pytest

import ftlib as ft
from ftlib.experiments.tasks import _SYNTHETIC_CORES


def _words(data):
    return {w for t in data.texts for w in t.lower().split()}


def test_same_seed_same_tickets_and_different_seed_different_tickets():
    a, b = ft.experiments.ticket_examples(50, seed=3), ft.experiments.ticket_examples(50, seed=3)
    assert a.texts == b.texts and (a.labels == b.labels).all()
    assert ft.experiments.ticket_examples(50, seed=4).texts != a.texts


def test_a_generator_can_be_passed_instead_of_a_seed():
    rng = np.random.default_rng(0)
    first, second = (
        ft.experiments.ticket_examples(5, seed=rng),
        ft.experiments.ticket_examples(5, seed=rng),
    )
    assert first.texts != second.texts  # the generator advanced


def test_labels_cover_all_five_queues_roughly_evenly():
    data = ft.experiments.ticket_examples(1000, seed=0)
    counts = np.bincount(data.labels, minlength=len(ft.experiments.TICKET_LABELS))
    assert data.label_names == ft.experiments.TICKET_LABELS
    assert counts.min() > 150 and counts.max() < 250


def test_production_tickets_are_shorter_and_use_words_synthetic_ones_never_do():
    syn, prod = (
        ft.experiments.ticket_examples(500, seed=1),
        ft.experiments.ticket_examples(500, style="production", seed=1),
    )
    assert np.mean([len(t.split()) for t in prod.texts]) < 0.4 * np.mean(
        [len(t.split()) for t in syn.texts]
    )
    unseen = _words(prod) - _words(syn)
    assert len(unseen) > 0.5 * len(_words(prod))
    assert all(t == t.lower() for t in prod.texts)


def test_synthetic_tickets_start_with_a_capital_and_keep_the_pronoun_i():
    data = ft.experiments.ticket_examples(200, seed=2)
    assert all(t[0].isupper() for t in data.texts)
    assert not any(" i " in t for t in data.texts)


def test_every_synthetic_core_has_a_label_of_its_own():
    assert set(_SYNTHETIC_CORES) == set(ft.experiments.TICKET_LABELS)


def test_mixed_tickets_hold_the_requested_share_of_production_ones():
    data = ft.experiments.mixed_ticket_examples(
        200, production_share=ft.rules.PRODUCTION_SHARE, seed=0
    )
    assert data.source.count("production") == 160 and data.source.count("synthetic") == 40
    assert (
        ft.experiments.mixed_ticket_examples(10, production_share=0, seed=0).source.count(
            "production"
        )
        == 0
    )
    assert (
        ft.experiments.mixed_ticket_examples(10, production_share=1, seed=0).source.count(
            "synthetic"
        )
        == 0
    )


@pytest.mark.parametrize("task", ft.experiments.GENERAL_TASKS)
def test_general_tasks_are_seeded_and_labelled(task):
    data = ft.experiments.general_examples(task, 60, seed=5)
    assert data.task == task and len(data) == 60
    assert data.texts == ft.experiments.general_examples(task, 60, seed=5).texts
    assert set(data.labels) == set(range(len(data.label_names)))


def test_label_noise_flips_exactly_the_share_asked_and_never_keeps_a_flipped_label():
    clean = ft.experiments.ticket_examples(200, seed=0)
    noisy = ft.experiments.with_label_noise(clean, 0.25, seed=1)
    assert int((noisy.labels != clean.labels).sum()) == 50
    assert noisy.texts == clean.texts
    assert (ft.experiments.with_label_noise(clean, 0, seed=1).labels == clean.labels).all()


def test_leaked_items_are_near_copies_of_training_items_with_their_labels():
    train, test = (
        ft.experiments.ticket_examples(100, seed=1),
        ft.experiments.ticket_examples(40, seed=2),
    )
    leaked = ft.experiments.leak_into(test, train, 0.5, seed=3)
    idx = [i for i, s in enumerate(leaked.source) if s == "leaked"]
    assert len(idx) == 20
    for i in idx:
        best = max(
            range(len(train)),
            key=lambda j: ft.datacheck.shingle_similarity(leaked.texts[i], train.texts[j]),
        )
        assert ft.datacheck.shingle_similarity(leaked.texts[i], train.texts[best]) > 0.7
        assert leaked.labels[i] == train.labels[best]
    assert ft.experiments.leak_into(test, train, 0, seed=3).texts == test.texts


def test_dataset_labels_are_read_only_and_sizes_must_match():
    data = ft.experiments.ticket_examples(5, seed=0)
    with pytest.raises(ValueError):
        data.labels[0] = 1
    with pytest.raises(ft.FtlibError, match="labels"):
        ft.experiments.TextDataset(
            "tickets", ("a", "b"), np.array([0]), ft.experiments.TICKET_LABELS
        )


def test_datasets_of_different_tasks_cannot_be_added():
    with pytest.raises(ft.FtlibError, match="task 'tickets'"):
        ft.experiments.ticket_examples(3, seed=0) + ft.experiments.general_examples(
            "topic", 3, seed=0
        )


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: ft.experiments.ticket_examples(10, style="prod"),
            r"style: got 'prod'; expected one of synthetic, production \(did you mean production",
        ),
        (lambda: ft.experiments.ticket_examples(0), "n: got 0"),
        (lambda: ft.experiments.general_examples("sentimnt", 5), "did you mean sentiment"),
        (
            lambda: ft.experiments.with_label_noise(ft.experiments.ticket_examples(5), 1.5),
            "noise_rate: got 1.5",
        ),
        (
            lambda: ft.experiments.mixed_ticket_examples(5, production_share=-0.1),
            "production_share",
        ),
        (
            lambda: ft.experiments.leak_into(
                ft.experiments.ticket_examples(50), ft.experiments.ticket_examples(5), 0.5
            ),
            "overlap_share: got 0.5; expected at most 0.10",
        ),
    ],
)
def test_bad_input_names_the_field_and_what_is_accepted(call, message):
    with pytest.raises(ft.FtlibError, match=message):
        call()
