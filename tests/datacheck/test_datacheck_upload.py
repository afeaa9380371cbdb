"""The data-check lab's upload: a size limit said in a sentence, and no file content kept in
the widget state that a saved notebook stores; its updates reuse what did not change."""

import base64
import datetime as dt
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ipywidgets.embed import embed_data

import ftlib as ft
import ftlib.datacheck.lab
from ftlib.datacheck import lab as datacheck
from ftlib.datacheck.lab import UPLOAD_LIMIT_BYTES

# A valid two-example file whose text appears nowhere else, so any copy of it can be found.
MARKER = "zq-private-clause-7f3a"
LINE = (
    '{"messages": [{"role": "user", "content": "Summarise: %s"}, '
    '{"role": "assistant", "content": "A short summary of %s."}]}\n'
)
PRIVATE = (LINE % (MARKER, MARKER) + LINE % (MARKER + "b", MARKER + "b")).encode()


def uploaded(name: str, content: bytes) -> dict:
    """One file as ipywidgets 8 hands it to the kernel."""
    return {
        "name": name,
        "type": "application/jsonl",
        "size": len(content),
        "content": memoryview(content),
        "last_modified": dt.datetime(2026, 12, 1, tzinfo=dt.UTC),
    }


def upload(lab, *files: tuple[str, bytes]) -> None:
    lab.controls["upload"].value = tuple(uploaded(n, c) for n, c in files)


def saved_state(lab) -> str:
    """The widget state JupyterLab saves into the notebook (buffers base64-encoded), as text."""
    return json.dumps(embed_data(views=[lab])["manager_state"])


def test_an_upload_is_checked_and_its_bytes_leave_the_widget_state():
    lab = ft.datacheck.lab.data_check_lab()
    upload(lab, ("mine.jsonl", PRIVATE))
    assert lab.controls["source"].value == "upload"
    assert "mine.jsonl" in lab.summary.value and "Check this input" not in lab.message.value
    assert lab.controls["upload"].value == ()
    state = lab.controls["upload"].get_state()
    assert state["value"] == [] and MARKER not in repr(state)
    saved = saved_state(lab)
    assert MARKER not in saved and MARKER not in lab.summary.value
    assert base64.b64encode(PRIVATE).decode() not in saved


def test_the_held_file_is_checked_again_for_another_model_and_test_file():
    lab = ft.datacheck.lab.data_check_lab()
    upload(lab, ("mine.jsonl", PRIVATE))
    with_limit = lab.summary.value
    lab.controls["model"].value = ""
    lab.controls["test"].value = "test"
    assert "mine.jsonl" in lab.summary.value and "Check this input" not in lab.message.value
    assert lab.summary.value != with_limit and "65,536" not in lab.summary.value
    lab.controls["source"].value = "clean"
    lab.controls["source"].value = "upload"  # back to the upload: still there, no new upload
    assert "mine.jsonl" in lab.summary.value and "Check this input" not in lab.message.value


def test_upload_chosen_before_any_file_asks_for_one():
    lab = ft.datacheck.lab.data_check_lab()
    lab.controls["source"].value = "upload"
    assert "upload: got &#x27;no file&#x27;" in lab.message.value


@pytest.mark.parametrize("extra", [0, 1, 5_000_000])
def test_the_size_limit_is_checked_before_parsing_and_said_in_one_sentence(extra, monkeypatch):
    parsed = []
    real = datacheck.check_training_data
    monkeypatch.setattr(
        datacheck, "check_training_data", lambda *a, **k: parsed.append(1) or real(*a, **k)
    )
    # Valid lines padded with blank lines to land at the limit, just over it, and far over.
    content = PRIVATE + b"\n" * (UPLOAD_LIMIT_BYTES - len(PRIVATE) + extra)
    lab = ft.datacheck.lab.data_check_lab()
    parsed.clear()
    upload(lab, ("big.jsonl", content))
    assert lab.controls["upload"].value == ()  # refused files leave the widget state too
    if extra == 0:  # at the limit: checked once, though three refreshes follow an upload
        assert len(parsed) == 1 and "Check this input" not in lab.message.value
        assert "big.jsonl" in lab.summary.value
        return
    assert not parsed
    message = lab.message.value
    assert message.count("Check this input") == 1 and "Traceback" not in message
    assert f"big.jsonl ({len(content):,} bytes)" in message
    assert f"at most {UPLOAD_LIMIT_BYTES:,} bytes (900 kB)" in message
    assert "type its path" in message and "python -m ftlib check-data" in message
    assert "big.jsonl" not in lab.summary.value  # nothing of it was checked


def test_the_limit_is_stated_on_the_upload_button():
    lab = ft.datacheck.lab.data_check_lab()
    assert "900 kB" in lab.controls["upload"].description


def test_an_empty_upload_is_reported_as_an_empty_file():
    lab = ft.datacheck.lab.data_check_lab()
    upload(lab, ("empty.jsonl", b""))
    assert "Check this input" not in lab.message.value
    assert "empty-file" in lab.summary.value and "not usable" in lab.summary.value


def test_a_non_utf8_upload_names_the_bad_byte_by_line():
    latin1 = LINE % ("café", "café")
    lab = ft.datacheck.lab.data_check_lab()
    upload(lab, ("latin1.jsonl", PRIVATE + latin1.encode("latin-1")))
    assert "Check this input" not in lab.message.value
    assert re.search(r"<td>3</td>\s*<td>not-utf8</td>", lab.summary.value)


def test_two_files_are_refused_and_both_leave_the_widget_state():
    lab = ft.datacheck.lab.data_check_lab()
    upload(lab, ("a.jsonl", PRIVATE), ("b.jsonl", PRIVATE))
    assert "2 files: a.jsonl, b.jsonl" in lab.message.value
    assert "one file at a time" in lab.message.value
    assert lab.controls["upload"].value == () and MARKER not in saved_state(lab)


def test_a_new_upload_replaces_the_refused_one():
    lab = ft.datacheck.lab.data_check_lab()
    upload(lab, ("a.jsonl", PRIVATE), ("b.jsonl", PRIVATE))
    upload(lab, ("mine.jsonl", PRIVATE))
    assert "Check this input" not in lab.message.value and "mine.jsonl" in lab.summary.value


@pytest.mark.parametrize("model", ["gpt-4.1-mini-ft", None])
def test_repricing_a_report_for_other_epochs_equals_checking_again(model):
    sample = ft.data_sample_path("clean")
    kept = ft.check_training_data(sample, model=model, epochs=3)
    for epochs in (1, 2, 3, 7, 10):
        fresh = ft.check_training_data(sample, model=model, epochs=epochs)
        assert datacheck._with_epochs(kept, epochs) == fresh


def test_the_figure_is_drawn_only_when_what_it_shows_changed(monkeypatch):
    drawn = []
    real = datacheck.example_length_histogram
    monkeypatch.setattr(datacheck, "example_length_histogram", lambda r: drawn.append(1) or real(r))
    lab = ft.datacheck.lab.data_check_lab(source="clean")
    moves = [
        ("epochs", 6, False),  # only the cost changes
        ("test", "test", False),  # only the overlap table changes
        ("model", "", True),  # the limit line goes
        ("model", "gpt-4.1-mini-ft", False),  # back to a figure drawn lately
        ("path", "/no/such/file.jsonl", False),  # an error: the figure stays
        ("source", "clean", False),  # back to what is on screen
        ("source", "defects", True),
    ]
    for name, value, redraw in moves:
        drawn.clear()
        before = lab.summary.value
        lab.controls[name].value = value
        assert bool(drawn) == redraw, (name, value)
        if name in ("epochs", "test"):
            assert lab.summary.value != before
    # What is on screen is what a lab started with these inputs shows.
    fresh = ft.datacheck.lab.data_check_lab(source="defects")
    fresh.controls["test"].value = "test"
    fresh.controls["epochs"].value = 6
    assert lab.figure.value == fresh.figure.value and lab.summary.value == fresh.summary.value


def test_a_figure_that_failed_to_show_is_drawn_again(monkeypatch):
    from ftlib.labkit import base as _base

    lab = ft.datacheck.lab.data_check_lab(source="defects")

    def fails(*_args, **_kwargs):
        raise OverflowError("cannot draw")

    with monkeypatch.context() as patch:
        patch.setattr(_base, "png_data_uri", fails)
        lab.controls["source"].value = "clean"
    assert "cannot draw" in lab.message.value
    lab.controls["epochs"].value = 6  # same figure as clean's: it never reached the screen
    fresh = ft.datacheck.lab.data_check_lab(source="clean")
    assert lab.figure.value == fresh.figure.value


FUZZ_LAB = {}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(min_size=1, max_size=300),
    st.one_of(
        st.binary(max_size=3_000),
        st.lists(
            st.sampled_from(PRIVATE.splitlines(keepends=True) + [b"\n", b"{", b"\xff\r\n"])
        ).map(b"".join),
    ),
)
def test_any_upload_gives_a_report_or_a_sentence_and_leaves_the_widget_empty(name, content):
    if not FUZZ_LAB:
        FUZZ_LAB["lab"] = ft.datacheck.lab.data_check_lab()
    lab = FUZZ_LAB["lab"]
    upload(lab, (name, content))
    assert lab.controls["upload"].value == () and lab.controls["source"].value == "upload"
    assert "Traceback" not in lab.message.value
    assert "Check this input" not in lab.message.value  # every file under the limit is checked
    assert "<td>" in lab.summary.value


def test_a_file_name_is_shown_as_text_not_markup():
    lab = ft.datacheck.lab.data_check_lab()
    upload(lab, ("<img src=x>.jsonl", PRIVATE))
    assert "&lt;img src=x&gt;.jsonl" in lab.summary.value and "<img" not in lab.summary.value
    upload(lab, ("<img src=y>.jsonl", PRIVATE + b"\n" * UPLOAD_LIMIT_BYTES))
    assert "&lt;img src=y&gt;" in lab.message.value and "<img" not in lab.message.value
