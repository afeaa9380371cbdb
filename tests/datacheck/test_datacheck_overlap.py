"""check-data --test: the leak check gives the same answer whether a worker process matches or not.

Training files here hold planted leaks whose kind is known by construction: copies of a test
question (exact after normalisation), questions one character away from one (char 3-gram
similarity above 0.9 with about 180 characters), and unrelated questions.
"""

from __future__ import annotations

import gc
import hashlib
import json
import multiprocessing
import sys
import threading

import pytest

import ftlib as ft
from ftlib.datacheck import overlap as overlap_module

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the worker forks (Linux only)")


def _record(text: str) -> bytes:
    messages = [{"role": "user", "content": text}, {"role": "assistant", "content": "ok"}]
    return json.dumps({"messages": messages}).encode() + b"\n"


def _question(k: int) -> str:
    """20 words of 8 hex digits: two questions share almost no shingle."""
    return " ".join(hashlib.sha256(f"{k}-{j}".encode()).hexdigest()[:8] for j in range(20))


def _files() -> tuple[bytes, bytes]:
    """A 400-line training file: 30 copies and 10 near copies of 40 test questions."""
    test = b"".join(_record(_question(k)) for k in range(40))
    train = []
    for i in range(400):
        if i % 10 == 3:  # lines 4, 14, ...: an exact copy (other case and punctuation)
            train.append(_record(_question(i // 10).upper() + "?!"))
        elif i % 40 == 7:  # lines 8, 48, ...: the last word changed (char 3-grams: J > 0.9)
            train.append(_record(_question(30 + i // 40)[:-1] + "X"))
        else:
            train.append(_record(f"an unrelated training question number {i}"))
    return b"".join(train), test


def _overlap(train: bytes, test: bytes) -> ft.datacheck.OverlapWithTest:
    report = ft.check_training_data(train, test=test, exact_tokens=False)
    assert report.overlap is not None
    return report.overlap


def test_the_worker_gives_the_same_result_as_matching_in_process(monkeypatch):
    train, test = _files()
    monkeypatch.setattr(overlap_module, "BATCH", 17)  # 23 full batches and a part
    monkeypatch.setattr(overlap_module, "USE_WORKER", False)
    alone = _overlap(train, test)
    monkeypatch.setattr(overlap_module, "USE_WORKER", True)
    started = []
    real_start = overlap_module.OverlapMatcher._start_worker

    def counting_start(self):
        started.append(1)
        real_start(self)

    monkeypatch.setattr(overlap_module.OverlapMatcher, "_start_worker", counting_start)
    with_worker = _overlap(train, test)
    assert started == [1]  # one worker for the whole file
    assert with_worker == alone
    assert (alone.exact_pairs, alone.near_pairs, alone.contaminated_test_examples) == (40, 10, 40)
    # the 20 pairs quoted are the first 20 found in file order, sorted by test line
    assert len(alone.pairs) == 20
    leak_lines = [i + 1 for i in range(400) if i % 10 == 3 or i % 40 == 7]
    assert sorted(p[0] for p in alone.pairs) == leak_lines[:20]
    assert not multiprocessing.active_children()  # the worker was joined


def test_a_file_smaller_than_one_batch_is_matched_without_a_worker(monkeypatch):
    train, test = _files()

    def no_worker(self):
        raise AssertionError("a worker was started for one batch")

    monkeypatch.setattr(overlap_module.OverlapMatcher, "_start_worker", no_worker)
    assert _overlap(train, test).exact_pairs == 40  # 400 lines < BATCH


def test_a_failure_in_the_worker_is_raised_in_the_parent(monkeypatch):
    train, test = _files()
    monkeypatch.setattr(overlap_module, "BATCH", 16)
    monkeypatch.setattr(overlap_module, "USE_WORKER", True)

    def broken(self, *args):
        raise MemoryError("no room")

    monkeypatch.setattr(overlap_module._Tally, "add", broken)  # the forked worker inherits it
    with pytest.raises(RuntimeError, match="worker failed: MemoryError: no room"):
        _overlap(train, test)
    assert not multiprocessing.active_children()


def test_a_worker_left_behind_by_an_interrupted_check_is_ended(monkeypatch):
    monkeypatch.setattr(overlap_module, "BATCH", 4)
    monkeypatch.setattr(overlap_module, "USE_WORKER", True)
    test_set = overlap_module.read_test_set(_record("a question"), "auto", 1 << 20, 0.8)
    matcher = overlap_module.OverlapMatcher(test_set, 0.8)
    for line in range(4):
        matcher.add(line + 1, f"training input {line}")
    assert len(multiprocessing.active_children()) == 1
    del matcher  # as when scanning the training file raises before result()
    gc.collect()
    assert not multiprocessing.active_children()


def test_a_process_running_other_threads_is_not_forked(monkeypatch):
    train, test = _files()
    monkeypatch.setattr(overlap_module, "BATCH", 17)
    monkeypatch.setattr(overlap_module, "USE_WORKER", True)

    def no_worker(self):
        raise AssertionError("forked while another thread was running")

    monkeypatch.setattr(overlap_module.OverlapMatcher, "_start_worker", no_worker)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)  # as a Jupyter kernel's heartbeat thread
    other.start()
    try:
        assert _overlap(train, test).exact_pairs == 40
    finally:
        stop.set()
        other.join()
