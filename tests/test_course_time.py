"""The course's time budget adds up: the front page and the instructor guide give the total of
every page's own **Time** estimate, and the guide's lab times are the labs' own."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from notebooks import toc_files

ROOT = Path(__file__).resolve().parent.parent
# Pages with no time of their own: the front page, the guide for instructors, the glossary.
UNTIMED = {"intro", "chapters/instructor_guide", "chapters/glossary"}
TIME = re.compile(r"\*\*Time:\*\*([^\n]*)")
TOTAL = re.compile(r"about (\d+) h (\d+) min in all")
SPLIT = re.compile(
    r"(\d+) h (\d+) min for the (\w+) chapters.*?(\d+) h (\d+) min for the (\w+) labs", re.S
)


def page_minutes(text: str) -> int:
    """The minutes a page's **Time** line states, added up ("about 25 minutes, plus 10 ...")."""
    match = TIME.search(text)
    if not match:
        raise AssertionError("no **Time:** line")
    return sum(int(n) for n in re.findall(r"\d+", match.group(1)))


def _text(name: str) -> str:
    for suffix in (".ipynb", ".md"):
        path = ROOT / f"{name}{suffix}"
        if path.exists():
            if suffix == ".md":
                return path.read_text(encoding="utf-8")
            cells = nbformat.read(path, as_version=4).cells
            return "\n\n".join(c.source for c in cells if c.cell_type == "markdown")
    raise FileNotFoundError(name)


def _budget() -> dict[str, dict[str, int]]:
    pages = [name for name in toc_files() if name not in UNTIMED]
    budget: dict[str, dict[str, int]] = {"chapters": {}, "labs": {}}
    for name in pages:
        budget[name.split("/")[0]][name] = page_minutes(_text(name))
    return budget


def _h_min(minutes: int) -> str:
    return f"{minutes // 60} h {minutes % 60} min"


def test_page_minutes_reads_the_time_line():
    assert page_minutes("**Time:** about 25 minutes, plus 10 for the exercises.") == 35
    assert page_minutes("# Lab\n\n**Goal:** x. **Time:** 15 minutes.\n") == 15
    assert page_minutes("**Time:** about 30 minutes, plus 15 for the exercises and more.") == 45
    with pytest.raises(AssertionError):
        page_minutes("no time here")


def test_front_page_total_is_the_sum_of_the_pages():
    budget = _budget()
    chapters, labs = sum(budget["chapters"].values()), sum(budget["labs"].values())
    intro = _text("intro")
    total = TOTAL.search(intro)
    assert total, "intro.md must state 'about H h M min in all'"
    assert int(total.group(1)) * 60 + int(total.group(2)) == chapters + labs, _h_min(
        chapters + labs
    )
    split = SPLIT.search(intro)
    assert split, "intro.md must split the total into chapters and labs"
    assert int(split.group(1)) * 60 + int(split.group(2)) == chapters
    assert int(split.group(4)) * 60 + int(split.group(5)) == labs
    words = {
        "eight": 8,
        "nine": 9,
        "ten": 10,
        "eleven": 11,
        "twelve": 12,
        "thirteen": 13,
        "fourteen": 14,
        "fifteen": 15,
        "sixteen": 16,
    }
    assert words[split.group(3)] == len(budget["chapters"])
    assert words[split.group(6)] == len(budget["labs"])


def test_instructor_guide_gives_the_same_total():
    budget = _budget()
    chapters, labs = sum(budget["chapters"].values()), sum(budget["labs"].values())
    guide = _text("chapters/instructor_guide")
    assert f"about {_h_min(chapters + labs)} by the pages' own estimates" in guide
    assert f"({_h_min(chapters)} of chapters, {_h_min(labs)}" in guide


def test_lab_times_quoted_in_the_guide_are_the_labs_own():
    labs = _budget()["labs"]
    guide = _text("chapters/instructor_guide")
    quoted = re.findall(r"\]\(\.\./(labs/[\w-]+)\.ipynb\)\s*\((\d+)\)", guide)
    assert len(quoted) >= 7
    for name, minutes in quoted:
        assert int(minutes) == labs[name], name
