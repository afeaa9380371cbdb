"""Every self-check in the labs offers at least one right answer and shows nothing before a pick.

The cells are read from the notebooks and evaluated here, so a change in ftlib that moves a right
answer (a new token estimate, a new catalog) fails this test instead of leaving a question whose
every choice says 'Not yet'.
"""

import importlib
import json
import re
from pathlib import Path

import pytest

import ftlib as ft
import ftlib.labkit.selfcheck

LABS = Path(__file__).resolve().parents[2] / "labs"
CALL = "ft.labkit.selfcheck.self_check("
for _area in ("rules", "costs", "decision", "readiness", "datacheck", "evaluation", "judge"):
    importlib.import_module(f"ftlib.{_area}.selfcheck")
importlib.import_module("ftlib.experiments.selfcheck")


def self_check_cells():
    for path in sorted(LABS.glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            source = "".join(cell["source"])
            if cell["cell_type"] == "code" and source.startswith(CALL):
                name = source[len(CALL) :].split(",")[0].strip()
                yield pytest.param(source, id=f"{path.stem}:{name[:50]}")


@pytest.mark.parametrize("source", list(self_check_cells()))
def test_self_check_has_a_right_answer_and_no_verdict_before_a_pick(source):
    question = eval(source, {"ft": ft})  # the cell is one expression that only calls ftlib
    assert any(f.correct for f in question.feedback), "no offered answer is right"
    assert question.choice.value is None and question.output.value == ""
    page = question._repr_mimebundle_()["text/html"]
    assert "checked" not in page.split('class="ftlab-data"')[0]  # no radio starts picked


def test_every_lab_with_a_self_check_uses_the_widget():
    assert len(list(self_check_cells())) >= 15
    for path in LABS.glob("*.ipynb"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r'"ft\.(?!labkit)\w+\.selfcheck\.', text), (
            f"{path.name}: a self-check called with a pre-filled answer"
        )
