"""Models the pages name as current exist in the newest catalog, with a status that agrees.

The pages that tell the landscape (chapters 1, 3 and 4, the intro, the instructor guide, the
decision and when-not labs) name models in prose. Each name must be a row of the newest
vintage; a sentence that presents a model as current ("today", "current", "as of
2026-12-02"...) must find it available on the day the landscape was last checked; a sentence
saying a model cannot be tuned must find no customisation on its row.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import ftlib as ft

ROOT = Path(__file__).resolve().parents[1]
PAGES = [
    "chapters/01_four_approaches.ipynb",
    "chapters/03_when_it_pays.ipynb",
    "chapters/04_landscape_2026.ipynb",
    "labs/decision_explorer.ipynb",
    "labs/when_not_scenarios.ipynb",
    "intro.md",
    "chapters/instructor_guide.md",
]
NAME = re.compile(
    r"\bGPT-\d(?:\.\d)?(?: (?:mini|nano|Sol|Terra|Luna|Astra|pro))?\b"
    r"|\bClaude (?:Opus|Sonnet|Haiku|Fable|Mythos) \d(?:\.\d)?\b"
    r"|\bGemini \d\.\d (?:Flash-Lite|Flash|Pro)\b"
    r"|\bgpt-\d[\w.]*(?:-(?:mini|nano|sol|terra|luna|astra|pro|ft|batch))*\b"
    r"|\bclaude-[a-z]+-\d(?:\.\d)?\b|\bgemini-\d(?:\.\d)?-[a-z-]+\b"
)
CURRENT = re.compile(r"\b(current|currently|today|now|as of 2026-12-02)\b", re.IGNORECASE)
ENDING = re.compile(
    r"shut|retire|end of life|closed|closes|closing|stop|legacy|no longer|superseded|replac",
    re.IGNORECASE,
)
UNTUNABLE = re.compile(r"cannot be (?:fine-)?tuned|can't be tuned|not tunable", re.IGNORECASE)
# Names of families the prose uses as a whole, not as a model (allowed, not checked).
FAMILIES = {"GPT-5", "GPT-6", "GPT-6.1", "GPT-6.2", "GPT-5.6", "gpt-4.1-ft"}


def _prose(path: Path) -> str:
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        return "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return path.read_text(encoding="utf-8")


def _sentences(text: str) -> list[str]:
    text = re.sub(r"\s+", " ", text)
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z*`(])|\|", text) if s.strip()]


def _lookup(cat: ft.catalog.Catalog) -> dict[str, str]:
    table = {r.name.lower(): r.id for r in cat.rows}
    table |= {r.id: r.id for r in cat.rows}
    return table


def problems(text: str, cat: ft.catalog.Catalog, day) -> list[str]:
    """Every sentence of ``text`` that names a model the catalog contradicts."""
    found = []
    table = _lookup(cat)
    for sentence in _sentences(text):
        names = [m.group(0) for m in NAME.finditer(sentence)]
        for name in names:
            if name in FAMILIES:
                continue
            model_id = table.get(name.lower()) or table.get(name)
            if model_id is None:
                found.append(f"{name!r} is not in {cat.vintage}: {sentence[:120]}")
                continue
            row = cat.get(model_id)
            if CURRENT.search(sentence) and not ENDING.search(sentence):
                status = row.status_on(day).status
                if status != "available" and row.kind != "fine-tuned":
                    found.append(
                        f"{name} is {status} on {day}, yet named as current: {sentence[:120]}"
                    )
        if UNTUNABLE.search(sentence) and len(names) == 1 and names[0] not in FAMILIES:
            model_id = table.get(names[0].lower()) or table.get(names[0])
            tuned = set(cat.get(model_id).customisations) if model_id else set()
            if tuned - {"distillation-teacher"}:
                found.append(f"{names[0]} is said to be untunable: {sentence[:120]}")
    return found


def test_the_checker_catches_an_unknown_model_a_retired_current_one_and_a_false_untunable():
    cat, day = ft.load_catalog(), ft.catalog.landscape_checked()
    assert problems("Today the best pick is gemini-9-zeta.", cat, day)
    assert problems("The current cheap option is gpt-4.1-nano.", cat, day)  # retired 2026-10-23
    assert problems("GPT-5.4 mini cannot be tuned.", cat, day)  # a distillation student
    assert not problems("The current cheap option is GPT-6 Luna.", cat, day)
    assert not problems("gpt-4.1-nano shut down on 2026-10-23.", cat, day)
    assert not problems("GPT-6 Luna, which cannot be tuned, is the replacement.", cat, day)


@pytest.mark.parametrize("page", PAGES)
def test_models_named_in_the_pages_agree_with_the_newest_catalog(page):
    cat, day = ft.load_catalog(), ft.catalog.landscape_checked()
    assert cat.as_of == day
    assert problems(_prose(ROOT / page), cat, day) == []
