"""The tiny LM's maths: backward pass against finite differences, LoRA, quantisation, sampling."""

from __future__ import annotations

import numpy as np
import pytest

from ftlib.core.errors import FtlibError
from ftlib.tinylm.adam import Adam
from ftlib.tinylm.lora import TARGETS, add_lora, merge_lora
from ftlib.tinylm.model import Config, backward, cross_entropy, forward, init_weights
from ftlib.tinylm.quant import dequantize, quantize, quantize_base
from ftlib.tinylm.sample import generate
from ftlib.tinylm.text import VOCAB_SIZE, decode, encode
from ftlib.tinylm.tune import TuneSettings, example_batch

CFG = Config(d=8, layers=2, heads=2, context=6)


def _perturbed(seed: int) -> tuple[dict[str, np.ndarray], float]:
    """float64 weights with every kind of parameter away from its starting value, LoRA on all."""
    rng = np.random.default_rng(seed)
    w = {k: v + rng.normal(0, 0.1, v.shape) for k, v in init_weights(CFG, seed, np.float64).items()}
    w, names = add_lora(w, CFG, rank=2, targets=TARGETS, seed=seed)
    for n in names:  # B starts at zero; move it so A's gradient is not trivially zero
        w[n] = rng.normal(0, 0.3, w[n].shape)
    return w, 0.7


@pytest.mark.parametrize("seed", [0, 1])
def test_backward_matches_central_differences_for_every_parameter_kind(seed: int) -> None:
    w, scale = _perturbed(seed)
    rng = np.random.default_rng(100 + seed)
    idx = rng.integers(0, VOCAB_SIZE, (2, 5))
    tgt = rng.integers(0, VOCAB_SIZE, (2, 5))
    mask = np.array([[0, 1, 1, 1, 1], [1, 1, 0, 1, 1]], dtype=np.float64)

    def loss(weights: dict[str, np.ndarray]) -> float:
        logits, _ = forward(weights, CFG, idx, scale)
        return cross_entropy(logits, tgt, mask)[0]

    logits, cache = forward(w, CFG, idx, scale)
    _, dlogits = cross_entropy(logits, tgt, mask)
    grads = backward(w, CFG, dlogits, cache, set(w))
    assert set(grads) == set(w)
    kinds = {n.split(".", 1)[-1] if n[1].isdigit() else n for n in w}
    assert {"qkv.A", "qkv.B", "down.A", "head.B", "ln1.g", "wte", "wpe", "lnf.b"} <= kinds
    eps = 1e-5
    for name, value in w.items():
        flat = value.reshape(-1)
        picks = rng.choice(flat.size, min(8, flat.size), replace=False)
        numeric, analytic = [], []
        for j in picks:
            old = flat[j]
            flat[j] = old + eps
            up = loss(w)
            flat[j] = old - eps
            down = loss(w)
            flat[j] = old
            numeric.append((up - down) / (2 * eps))
            analytic.append(grads[name].reshape(-1)[j])
        numeric_a, analytic_a = np.array(numeric), np.array(analytic)
        scale_ = np.linalg.norm(numeric_a) + np.linalg.norm(analytic_a)
        if scale_ < 1e-9:  # e.g. a key bias: softmax ignores a shift, so its gradient is 0
            continue
        rel = np.linalg.norm(numeric_a - analytic_a) / scale_
        assert rel < 1e-6, (name, rel)


def test_head_only_backward_skips_the_blocks_and_gives_the_same_head_gradient() -> None:
    w, _ = _perturbed(0)
    idx = np.array([[1, 2, 3, 4]])
    logits, cache = forward(w, CFG, idx, 0.7)
    _, d = cross_entropy(logits, idx)
    full = backward(w, CFG, d, cache, set(w))
    head = backward(w, CFG, d, cache, {"head.W", "head.b"})
    assert set(head) == {"head.W", "head.b"}
    np.testing.assert_allclose(head["head.W"], full["head.W"])


def test_fresh_lora_changes_nothing_and_merging_gives_the_same_outputs() -> None:
    w = init_weights(CFG, 0, np.float64)
    idx = np.array([[5, 6, 7]])
    before, _ = forward(w, CFG, idx)
    wl, _ = add_lora(w, CFG, rank=2, targets=("qkv", "up"), seed=1)
    after, _ = forward(wl, CFG, idx, 2.0)
    np.testing.assert_array_equal(before, after)  # B = 0
    rng = np.random.default_rng(0)
    wl = {k: (rng.normal(0, 0.5, v.shape) if k.endswith(".B") else v) for k, v in wl.items()}
    adapted, _ = forward(wl, CFG, idx, 2.0)
    merged, _ = forward(merge_lora(wl, 2.0), CFG, idx)
    assert not np.allclose(adapted, before)
    np.testing.assert_allclose(adapted, merged, atol=1e-10)


def test_cross_entropy_of_uniform_logits_is_log_vocab() -> None:
    loss, d = cross_entropy(np.zeros((2, 3, VOCAB_SIZE)), np.zeros((2, 3), dtype=int))
    assert loss == pytest.approx(np.log(VOCAB_SIZE))
    assert d.sum() == pytest.approx(0.0, abs=1e-12)  # softmax minus one-hot sums to zero


def test_quantisation_error_is_within_half_a_step_and_4_bit_is_coarser() -> None:
    W = np.random.default_rng(0).normal(0, 0.02, (64, 48)).astype(np.float32)
    for bits in (8, 4):
        q = quantize(W, bits)
        step = q.scale.max()
        assert np.abs(dequantize(q) - W).max() <= step / 2 + 1e-7
        assert np.abs(q.q).max() <= 2 ** (bits - 1) - 1
    err8 = np.abs(dequantize(quantize(W, 8)) - W).mean()
    err4 = np.abs(dequantize(quantize(W, 4)) - W).mean()
    assert err4 > 4 * err8
    cfg = Config(d=32, layers=1, heads=2, context=8)
    base = init_weights(cfg)
    sizes = {p: quantize_base(base, cfg, p)[1] for p in ("fp32", "int8", "int4")}
    assert sizes["fp32"] > 3.5 * sizes["int8"] and sizes["int8"] > 1.5 * sizes["int4"]


def test_adam_first_step_moves_each_weight_by_the_learning_rate() -> None:
    w = {"a": np.array([1.0, -2.0]), "b": np.array([0.5])}
    Adam(["a", "b"], w, lr=0.01).step(w, {"a": np.array([3.0, -0.001]), "b": np.array([-5.0])})
    np.testing.assert_allclose(w["a"], [0.99, -1.99], rtol=1e-6)
    np.testing.assert_allclose(w["b"], [0.51], rtol=1e-6)


def test_text_round_trip_and_folding() -> None:
    assert decode(encode('Tuned: {"a": 1}\n')) == 'Tuned: {"a": 1}\n'
    assert decode(encode("naïve — ok")) == "naive - ok"
    assert decode(encode("\u4e2d")) == "?"


def test_example_batch_masks_only_the_answer() -> None:
    x, y, m = example_batch([("ab", "cd"), ("a", "b")], context=16)
    assert decode(x[0]) == "abcd" and decode(y[0]) == "bcd\n"
    assert m.tolist() == [[0, 1, 1, 1], [1, 1, 0, 0]]


def test_sampling_is_greedy_at_zero_temperature_and_seeded_above() -> None:
    cfg = Config(d=16, layers=1, heads=2, context=16)
    w = {k: v * 8 for k, v in init_weights(cfg, 3).items()}
    ids = list(encode("hey"))
    for _ in range(5):  # greedy by hand, one full forward per character
        logits, _ = forward(w, cfg, np.array([ids], dtype=np.int32))
        ids.append(int(logits[0, -1].argmax()))
    assert generate(w, cfg, ["hey", "a"], max_new=5, stop=None)[0] == decode(ids[3:])
    one = generate(w, cfg, ["hey"], max_new=8, temperature=1.0, seed=4, stop=None)
    assert one == generate(w, cfg, ["hey"], max_new=8, temperature=1.0, seed=4, stop=None)
    others = {
        generate(w, cfg, ["hey"], max_new=8, temperature=1.0, seed=s, stop=None)[0]
        for s in range(5)
    }
    assert len(others) > 1


@pytest.mark.parametrize(
    "field, settings",
    [
        ("method", TuneSettings(method="adapter")),
        ("rank", TuneSettings(rank=0)),
        ("lr", TuneSettings(lr=5.0)),
        ("targets", TuneSettings(targets=("attn",))),
        ("precision", TuneSettings(method="full", precision="int4")),
        ("replay", TuneSettings(replay=1.0)),
    ],
)
def test_bad_settings_name_the_field(field: str, settings: TuneSettings) -> None:
    with pytest.raises(FtlibError) as err:
        settings.checked()
    assert err.value.field == field
