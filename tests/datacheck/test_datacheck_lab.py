"""The data-check lab: a typed path is used once entered, and its errors name the box."""

import ftlib as ft
import ftlib.datacheck.lab


def test_typing_a_path_selects_it_and_checks_that_file():
    lab = ft.datacheck.lab.data_check_lab()
    assert lab.controls["source"].value == "defects"
    lab.controls["path"].value = str(ft.data_sample_path("clean"))
    assert lab.controls["source"].value == "path"
    assert "malformed-json" not in lab.summary.value and "train_clean" in lab.summary.value


def test_a_missing_path_is_named_path_not_train():
    lab = ft.datacheck.lab.data_check_lab()
    lab.controls["path"].value = "/no/such/dir/train.jsonl"
    assert "path: got &#x27;/no/such/dir/train.jsonl&#x27;" in lab.message.value
    assert "train:" not in lab.message.value
    lab.controls["source"].value = "clean"  # a good input clears the old error
    assert "Check this input" not in lab.message.value


def test_static_page_disables_upload_and_path_with_a_reason():
    page = ft.datacheck.lab.data_check_lab()._repr_mimebundle_()["text/html"]
    assert page.count('class="ftlab-control ftlab-disabled"') == 2
    assert page.count("needs Python") == 2 and "Run it live" in page
