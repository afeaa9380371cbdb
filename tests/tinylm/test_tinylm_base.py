"""The shipped base: its hash, its held-out loss, its licences; pretraining itself, briefly."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

from ftlib.core.errors import FtlibError
from ftlib.tinylm import base as base_module
from ftlib.tinylm.base import MANIFEST, WEIGHTS, load_base, manifest
from ftlib.tinylm.corpus import SOURCES, build_corpus
from ftlib.tinylm.evaluate import retained
from ftlib.tinylm.model import Config, held_out_loss
from ftlib.tinylm.pretrain import Settings, pretrain

UNIFORM = float(np.log(96))  # an untrained model's loss: 4.56 nats per character


def test_weights_match_the_manifest_hash_and_size_limit() -> None:
    info = manifest()
    assert hashlib.sha256(WEIGHTS.read_bytes()).hexdigest() == info["weights"]["sha256"]
    assert WEIGHTS.stat().st_size <= 2_000_000
    assert load_base().parameters == info["weights"]["parameters"]


def test_a_changed_weights_file_is_refused(tmp_path, monkeypatch) -> None:
    bad = tmp_path / "base.npz"
    data = bytearray(WEIGHTS.read_bytes())
    data[len(data) // 2] ^= 0xFF
    bad.write_bytes(bytes(data))
    monkeypatch.setattr(base_module, "WEIGHTS", bad)
    base_module._base_weights.cache_clear()
    try:
        with pytest.raises(FtlibError, match="sha256"):
            load_base()
    finally:
        monkeypatch.undo()
        base_module._base_weights.cache_clear()


def test_manifest_names_every_source_with_licence_and_hash() -> None:
    info = manifest()
    assert [s["name"] for s in info["corpus"]] == list(SOURCES)
    for source in info["corpus"]:
        assert source["licence"] and len(source["sha256"]) == 64 and source["characters"] > 10_000
    # the synthetic sources are rebuilt byte for byte (the course text moves with its edits)
    now = {s.name: s.sha256 for s in build_corpus()}
    for source in info["corpus"]:
        if source["name"] in ("tickets", "general", "calendar", "reading"):
            assert now[source["name"]] == source["sha256"], source["name"]


def test_base_has_learned_the_held_out_text() -> None:
    base = load_base()
    for source in build_corpus():
        loss = held_out_loss(base.weights, base.cfg, source.split()[1], windows=6)
        assert loss < 0.6 * UNIFORM, (source.name, loss)  # far below guessing
    kept = retained(base)
    assert kept["held_out_loss"] < 1.5
    assert (
        kept["calendar"] > 0.5
    )  # it names most next and previous days and months (chance: 1/7, 1/12)
    assert kept["general"] > 0.8  # and labels the general tasks


def test_thirty_steps_of_pretraining_from_scratch_lower_the_loss() -> None:
    cfg = Config(d=32, layers=1, heads=2, context=32)
    _, history = pretrain(
        cfg, Settings(steps=30, batch=8, lr=3e-3, warmup=5, eval_every=30), build_corpus()
    )
    first, last = history[0]["held_out"], history[-1]["held_out"]
    assert first == pytest.approx(UNIFORM, abs=0.1)
    assert last < first - 0.5


def test_manifest_file_is_json_with_the_settings() -> None:
    info = manifest()
    assert MANIFEST.exists() and info["settings"]["seed"] == 0
    assert info["config"] == Config().as_dict()
