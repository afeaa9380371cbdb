"""The glossary defines the course's terms, and every link into it lands on a heading."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "chapters" / "glossary.md"
LINK = re.compile(r"glossary\.md#([\w-]+)")
# Terms the course uses before or without defining them (issue 17).
REQUIRED = [
    "sft", "rft", "dpo", "lora", "qlora", "distillation", "provisioned-throughput", "minhash",
    "auc", "cohens-kappa", "mcnemar", "contamination", "forgetting", "rag", "llm-as-judge",
    "golden-set", "grader", "open-weight", "batch-api", "break-even",
]  # fmt: skip


def slug(title: str) -> str:
    """MyST's (GitHub-style) heading anchor: lower case, punctuation dropped, spaces to hyphens."""
    kept = re.sub(r"[^\w\- ]", "", title.strip().lower())
    return kept.replace(" ", "-")


def _anchors() -> set[str]:
    text = GLOSSARY.read_text(encoding="utf-8")
    return {slug(m) for m in re.findall(r"^#{2,3} (.+)$", text, re.M)}


def _pages() -> list[Path]:
    pages = [ROOT / "intro.md"]
    for folder in ("chapters", "labs"):
        pages += sorted((ROOT / folder).glob("*.ipynb")) + sorted((ROOT / folder).glob("*.md"))
    return pages


def test_slug_follows_the_heading_anchor_rule():
    assert slug("Cohen's kappa") == "cohens-kappa"
    assert slug("LLM-as-judge") == "llm-as-judge"
    assert slug("Provisioned Throughput") == "provisioned-throughput"


def test_glossary_turns_on_heading_anchors():
    assert "heading_anchors: 3" in GLOSSARY.read_text(encoding="utf-8").split("---")[1]


@pytest.mark.parametrize("term", REQUIRED)
def test_required_term_is_defined(term):
    assert term in _anchors()


def test_every_link_into_the_glossary_lands_on_a_heading():
    anchors, broken = _anchors(), []
    for page in _pages():
        for anchor in LINK.findall(page.read_text(encoding="utf-8")):
            if anchor not in anchors:
                broken.append(f"{page.relative_to(ROOT)}: #{anchor}")
    assert broken == []


def test_glossary_is_linked_from_the_intro_and_the_chapters():
    linked = {p.name for p in _pages() if LINK.search(p.read_text(encoding="utf-8"))}
    assert {
        "intro.md",
        "02_when_not.ipynb",
        "06_readiness.ipynb",
        "07_failure_modes.ipynb",
    } <= linked
    assert {"08_best_practices.ipynb", "judge_agreement.ipynb"} <= linked
