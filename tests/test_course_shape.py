"""Every chapter and lab keeps the course's shape, read straight from its source.

A chapter opens with what the reader will be able to decide and the time it takes, and ends with
a summary and exercises whose solutions hide behind a toggle. A lab states its goal and time,
says how to run it live, what to try, shows a widget and a pre-computed version of its sweep for
readers without a kernel, and closes with a self-check. Every figure cell carries a caption, a
name and alt text. New pages are held to this as soon as they land in ``chapters/`` or ``labs/``.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
# Pages under chapters/ that teach no lesson of their own, so carry no exercises.
NOT_CHAPTERS = {"chapters/instructor_guide.md", "chapters/glossary.md"}
# Exercises are written portably (see tests/notebooks.py `portable`): a bold numbered lead, then
# the solution in a <details class="solution"> block that stays closed until clicked.
EXERCISE = re.compile(r"^\*\*Exercise (\d+)\.\*\*", re.M)
SOLUTION = re.compile(
    r'^<details class="solution"><summary>Solution</summary>\s*$(.*?)^</details>', re.M | re.S
)
HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$", re.M)
RUN_LIVE_WAYS = ("Binder", "Colab", "JupyterHub", "make lab")
MIN_ALT_WORDS = 4
# How a notebook reaches an area's lab, self-check and figures: ft.costs.lab.break_even_calculator()
LAB_CALL = re.compile(r"\bft\.\w+\.lab\.")
SELFCHECK_CALL = re.compile(r"\bft\.\w+\.selfcheck\.")
PLOT_CALL = re.compile(r"ft\.\w+\.plots\.")


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _pages(folder: str) -> list[Path]:
    found = sorted((ROOT / folder).glob("*.ipynb")) + sorted((ROOT / folder).glob("*.md"))
    return [p for p in found if _rel(p) not in NOT_CHAPTERS]


def _cells(path: Path) -> list[dict]:
    """The page as cells; a MyST page is one markdown cell."""
    if path.suffix == ".md":
        return [nbformat.v4.new_markdown_cell(path.read_text(encoding="utf-8"))]
    return nbformat.read(path, as_version=4).cells


def _prose(cells: list[dict]) -> str:
    return "\n\n".join(c.source for c in cells if c.cell_type == "markdown")


def _headings(text: str, level: int) -> list[str]:
    """Titles of the headings of exactly ``level``, outside fenced code."""
    unfenced = re.sub(r"^```.*?^```", "", text, flags=re.M | re.S)
    return [m.group(2) for m in HEADING.finditer(unfenced) if len(m.group(1)) == level]


def exercise_problems(text: str) -> list[str]:
    """Exercises out of order, or without a hidden solution before the next exercise."""
    problems = []
    leads = list(EXERCISE.finditer(text))
    if not leads:
        return ["no **Exercise 1.** under Exercises"]
    for k, lead in enumerate(leads):
        number = int(lead.group(1))
        if number != k + 1:
            problems.append(f"exercise {number} should be numbered {k + 1}")
        end = leads[k + 1].start() if k + 1 < len(leads) else len(text)
        if not SOLUTION.search(text[lead.end() : end]):
            problems.append(f'exercise {number} has no <details class="solution"> after it')
    return problems


def chapter_problems(cells: list[dict]) -> list[str]:
    """How a chapter departs from: opening promise and time, Summary then Exercises at the end."""
    text = _prose(cells)
    problems = []
    if "You will be able to decide" not in text:
        problems.append('no "You will be able to decide" opening')
    if not re.search(r"\bTime\b", text):
        problems.append("no estimated Time")
    sections = _headings(text, 2)
    if "Exercises" not in sections:
        return problems + ["no ## Exercises section"]
    if sections[-1] != "Exercises":
        problems.append(
            f"## Exercises is not the last section (then: {sections[sections.index('Exercises') + 1 :]})"
        )
    if "Summary" not in sections or sections.index("Summary") > sections.index("Exercises"):
        problems.append("no ## Summary before ## Exercises")
    exercises = text[text.index("## Exercises") :]
    return problems + exercise_problems(exercises)


def _section(text: str, title: str) -> str:
    """The text under the ``## title`` heading, up to the next level-2 heading."""
    match = re.search(rf"^##\s+{re.escape(title)}\s*$(.*?)(?=^##\s|\Z)", text, re.M | re.S)
    return match.group(1) if match else ""


def _hidden(cell: dict) -> bool:
    return "remove-cell" in cell.metadata.get("tags", [])


def lab_problems(cells: list[dict]) -> list[str]:
    """How a lab departs from: goal, time, Run it live, What to try, widget, Without a kernel, self-check."""
    text = _prose(cells)
    problems = []
    if not re.search(r"\bGoal\b", text):
        problems.append("no Goal stated")
    if not re.search(r"\bTime\b", text):
        problems.append("no estimated Time")
    live = re.search(r"Run it live(.{0,600})", text, re.S)
    if not live:
        problems.append('no "Run it live" note')
    elif not any(way in live.group(1) for way in RUN_LIVE_WAYS):
        problems.append(
            f'the "Run it live" note names no way to run it ({", ".join(RUN_LIVE_WAYS)})'
        )
    sections = _headings(text, 2)
    for title in ("What to try", "Without a kernel"):
        if title not in sections:
            problems.append(f"no ## {title} section")
    code = [c for c in cells if c.cell_type == "code" and not _hidden(c)]
    if not any(LAB_CALL.search(c.source) for c in code):
        problems.append("no widget (a visible cell calling ft.<area>.lab.)")
    if not any(SELFCHECK_CALL.search(c.source) for c in code):
        problems.append("no self-check (a visible cell calling ft.<area>.selfcheck.)")
    if "Without a kernel" in sections and not _static_sweep_cells(cells):
        problems.append(
            "## Without a kernel holds no visible code cell with a pre-computed figure or table"
        )
    return problems


def _static_sweep_cells(cells: list[dict]) -> list[dict]:
    """Visible code cells between the ``## Without a kernel`` heading and the next ``##``."""
    inside, found = False, []
    for cell in cells:
        if cell.cell_type == "markdown":
            titles = _headings(cell.source, 2)
            if titles:
                inside = titles[-1] == "Without a kernel"
        elif inside and not _hidden(cell) and not LAB_CALL.search(cell.source):
            found.append(cell)
    return found


def _is_figure_cell(cell: dict) -> bool:
    """A code cell that shows a figure: figure metadata, or a last line that calls a plots module."""
    if cell.cell_type != "code" or _hidden(cell):
        return False
    if "figure" in cell.metadata.get("mystnb", {}):
        return True
    lines = [
        ln
        for ln in cell.source.strip().splitlines()
        if ln.strip() and not ln.lstrip().startswith("#")
    ]
    return bool(lines) and PLOT_CALL.match(lines[-1]) and not lines[-1].rstrip().endswith(";")


def figure_problems(cells: list[dict]) -> list[str]:
    """Figure cells missing a caption, a fig- name, or alt text of a few words."""
    problems = []
    for i, cell in enumerate(cells):
        if not _is_figure_cell(cell):
            continue
        meta = cell.metadata.get("mystnb", {})
        figure, alt = meta.get("figure", {}), meta.get("image", {}).get("alt", "")
        if not figure.get("caption", "").strip():
            problems.append(f"cell {i}: figure without a caption (mystnb.figure.caption)")
        if not str(figure.get("name", "")).startswith("fig-"):
            problems.append(f"cell {i}: figure without a fig-... name (mystnb.figure.name)")
        if len(alt.split()) < MIN_ALT_WORDS:
            problems.append(
                f"cell {i}: figure alt text {alt!r} is missing or under {MIN_ALT_WORDS} words (mystnb.image.alt)"
            )
    return problems


CHAPTERS = _pages("chapters")
LABS = _pages("labs")
ids = _rel


def test_there_are_pages_to_hold_to_the_shape():
    assert CHAPTERS and LABS


@pytest.mark.parametrize("path", CHAPTERS, ids=ids)
def test_chapter_opens_with_a_promise_and_ends_with_hidden_solutions(path):
    assert chapter_problems(_cells(path)) == []


@pytest.mark.parametrize("path", LABS, ids=ids)
def test_lab_has_every_part_a_learner_and_a_static_reader_need(path):
    assert lab_problems(_cells(path)) == []


@pytest.mark.parametrize("path", CHAPTERS + LABS, ids=ids)
def test_every_figure_cell_has_caption_name_and_alt_text(path):
    assert figure_problems(_cells(path)) == []


def test_a_dollar_sign_is_always_money():
    """Prices fill this course, so `$` never opens math: "$200 to $520" stays text, and no page pulls MathJax."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    assert "dollarmath" not in config["parse"]["myst_enable_extensions"]


# The checks themselves: each fault below must be reported.

GOOD_CHAPTER = """\
# A chapter

**You will be able to decide** when to stop. **Time:** 10 minutes.

## Summary

Short.

## Exercises

**Exercise 1.**
Two plus two?

<details class="solution"><summary>Solution</summary>

Four.

</details>
"""


def _md(text: str) -> list[dict]:
    return [nbformat.v4.new_markdown_cell(text)]


def test_a_well_shaped_chapter_passes():
    assert chapter_problems(_md(GOOD_CHAPTER)) == []


@pytest.mark.parametrize(
    "edit, expected",
    [
        (
            lambda t: t.replace(
                '<details class="solution"><summary>Solution</summary>', "**Solution**"
            ),
            'exercise 1 has no <details class="solution"> after it',
        ),
        (lambda t: t.replace("Exercise 1.", "Exercise 2."), "exercise 2 should be numbered 1"),
        (
            lambda t: t[: t.index("<details")],
            'exercise 1 has no <details class="solution"> after it',
        ),
        (
            lambda t: t + "\n## Further reading\n",
            "## Exercises is not the last section (then: ['Further reading'])",
        ),
        (lambda t: t.replace("## Summary", "## Recap"), "no ## Summary before ## Exercises"),
        (
            lambda t: t.replace("**You will be able to decide**", "You will learn"),
            'no "You will be able to decide" opening',
        ),
        (lambda t: t[: t.index("## Exercises")], "no ## Exercises section"),
    ],
    ids=[
        "solution-shown",
        "misnumbered",
        "no-solution",
        "section-after",
        "no-summary",
        "no-promise",
        "no-exercises",
    ],
)
def test_each_chapter_fault_is_reported(edit, expected):
    assert expected in chapter_problems(_md(edit(GOOD_CHAPTER)))


def test_an_exercise_left_in_myst_syntax_is_not_counted():
    text = GOOD_CHAPTER.replace("**Exercise 1.**", "```{exercise}\n:label: ex-a\n```")
    assert "no **Exercise 1.** under Exercises" in chapter_problems(_md(text))


def _good_lab() -> list[dict]:
    code = nbformat.v4.new_code_cell
    figure = code("ft.rules.plots.volume_bands(requests_per_month=250_000)")
    figure.metadata["mystnb"] = {
        "figure": {"caption": "Bands.", "name": "fig-bands"},
        "image": {"alt": "Four coloured bands along a log axis."},
    }
    return [
        nbformat.v4.new_markdown_cell(
            "# Lab\n\n**Goal:** try. **Time:** 5 minutes.\n\n> **Run it live.**\n> Run `make lab`."
        ),
        nbformat.v4.new_markdown_cell("## What to try\n\n- Drag it."),
        code("ft.rules.lab.volume_band_explorer()"),
        nbformat.v4.new_markdown_cell("## Without a kernel"),
        figure,
        nbformat.v4.new_markdown_cell("## Self-check"),
        code('ft.rules.selfcheck.volume_band_answer(120_000, band="marginal")'),
    ]


def test_a_well_shaped_lab_passes():
    cells = _good_lab()
    assert lab_problems(cells) == [] and figure_problems(cells) == []


def test_lab_faults_are_reported():
    cells = _good_lab()
    del cells[6], cells[4]  # the self-check and the pre-computed figure
    cells[
        0
    ].source = "# Lab\n\n**Goal:** try. **Time:** 5 minutes.\n\n> **Run it live.**\n> Ask a friend."
    assert lab_problems(cells) == [
        'the "Run it live" note names no way to run it (Binder, Colab, JupyterHub, make lab)',
        "no self-check (a visible cell calling ft.<area>.selfcheck.)",
        "## Without a kernel holds no visible code cell with a pre-computed figure or table",
    ]


def test_figure_faults_are_reported():
    cells = _good_lab()
    cells[4].metadata["mystnb"] = {"figure": {"caption": "Bands."}, "image": {"alt": "bands"}}
    bare = nbformat.v4.new_code_cell(
        "fig = ft.rules.plots.volume_bands(requests_per_month=1)\nft.rules.plots.volume_bands(requests_per_month=2)"
    )
    assert figure_problems(cells + [bare]) == [
        "cell 4: figure without a fig-... name (mystnb.figure.name)",
        "cell 4: figure alt text 'bands' is missing or under 4 words (mystnb.image.alt)",
        "cell 7: figure without a caption (mystnb.figure.caption)",
        "cell 7: figure without a fig-... name (mystnb.figure.name)",
        "cell 7: figure alt text '' is missing or under 4 words (mystnb.image.alt)",
    ]
