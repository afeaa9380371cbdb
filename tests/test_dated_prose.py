"""No hand-typed tense next to a date the data can compute.

A page written on 2026-12-02 that says "new jobs stop on 2027-01-06" or "a date still ahead"
is false from that day on, and one that calls a confirmed date "reported" contradicts the
catalog. This test reads the Markdown of every chapter and lab, the intro, the instructor
guide and the glossary, splits it into sentences and, for each sentence that names a date of
an event in the newest catalog (a lifecycle change or a price change), fails on:

- a phrase whose truth depends on the reading day ("will", "until", "still ahead", "is
  scheduled", "stops on", "from ... on", "in 38 days", ...): compute the sentence with
  ``ft.core.when_phrase`` / ``ft.core.event_sentence``, or word it so it is true on any day;
- a past-tense verb in the clause of a date still ahead of the clock (``FTLIB_TODAY``);
- "reported" beside a date whose events the newest catalog records as confirmed (a sentence
  that names the older vintage it quotes, such as ``checked-2026-11``, may say so).

Sentences computed at build time (the intro's and guide's ``{{ ... }}`` substitutions) are
checked at the dates the clock may take; ``tests/site/test_dated_pages.py`` scans the built
HTML with the helpers below.
"""

from __future__ import annotations

import datetime as _dt
import importlib.util
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import ftlib as ft
import ftlib.core.dates

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted(
    [p.relative_to(ROOT).as_posix() for p in (ROOT / "chapters").glob("*.ipynb")]
    + [p.relative_to(ROOT).as_posix() for p in (ROOT / "labs").glob("*.ipynb")]
    + ["intro.md", "chapters/instructor_guide.md", "chapters/glossary.md"]
)
CLOCKS = ("2027-01-15", "2027-06-01", "2028-06-01")
DATE = re.compile(r"\b20\d\d-\d\d-\d\d\b")
# Phrases that are true before a date and false after it (or the other way round).
TENSED = re.compile(
    r"\bwill\b|\bwon't\b|\buntil\b|\btill\b|\bahead\b|\bscheduled\b|\bupcoming\b|\bdue to\b"
    r"|\bis due\b|\bgoing to\b|\byet to\b|\bnot yet\b|\bsoon\b|\bremains?\b|\bstill\b"
    r"|\bfrom 20\d\d-\d\d-\d\d on\b|\bfrom (?:then|that day) on\b"
    r"|\bin \d+ days?\b|\b\d+ days? (?:later|away|left|from now)\b"
    r"|\b(?:stops?|shuts down|shutting down|closes|closing|ends|ending|doubles|retires"
    r"|expires|stop serving|stops serving)\b(?:\s+[\w.-]+){0,5}?\s+on\s+20\d\d-\d\d-\d\d",
    re.IGNORECASE,
)
# Past-tense wording, false while the date it is about is still ahead.
PAST = re.compile(
    r"\b(?:closed|stopped|shut down|ended|retired|expired|doubled|reached|was|were|has been"
    r"|have been)\b",
    re.IGNORECASE,
)
VINTAGE_NAMED = re.compile(
    r"checked-2026-11|article-2026-04|\b(?:older|November|April) vintage\b", re.IGNORECASE
)
CODE = re.compile(r"`[^`]*`")


def event_dates() -> dict[_dt.date, set[str]]:
    """Every date of a lifecycle or price event in the newest catalog, with its confidences.

    A vintage's own date is left out: "as of 2026-12-02" pins a sentence to the day the
    figures were checked, which is what a worked example must say.
    """
    pinned = {v.as_of for v in ft.catalog.list_vintages()}
    dates: dict[_dt.date, set[str]] = {}
    for row in ft.load_catalog().rows:
        for e in row.lifecycle:
            dates.setdefault(e.date, set()).add(e.confidence)
        for p in row.price_changes:
            dates.setdefault(p.date, set()).add(p.confidence)
    if importlib.util.find_spec("ftlib.routes"):  # the routes registry (h-truth), when present
        from ftlib.routes import dated_events

        for event in dated_events():
            dates.setdefault(event.date, set()).add(event.confidence)
    return {d: c for d, c in dates.items() if d not in pinned}


def page_markdown(path: str) -> list[tuple[str, str]]:
    """(where, text) pairs: each Markdown cell and figure caption or alt text of a notebook,
    or the whole ``.md`` page."""
    file = ROOT / path
    if file.suffix == ".md":
        return [(path, file.read_text(encoding="utf-8"))]
    cells = json.loads(file.read_text(encoding="utf-8"))["cells"]
    out = []
    for i, c in enumerate(cells):
        if c["cell_type"] == "markdown":
            out.append((f"{path} cell {i}", "".join(c["source"])))
        mystnb = c.get("metadata", {}).get("mystnb", {})
        for what, text in (
            ("caption", mystnb.get("figure", {}).get("caption")),
            ("alt text", mystnb.get("image", {}).get("alt")),
        ):
            if text:  # a figure's caption and alt text are typed by hand too
                out.append((f"{path} cell {i} {what}", text))
    return out


def sentences(markdown: str) -> list[str]:
    """Sentences of ``markdown``: table cells, list items and paragraphs split at full stops."""
    text = re.sub(r"<[^>]+>", " ", markdown)  # <details>, <summary>
    text = re.sub(r"`[^`]*`", lambda m: m.group(0).replace(".", "\u2024"), text)  # code spans
    pieces: list[str] = []
    for block in re.split(r"\n\s*\n|\n(?=\s*(?:[-*+] |\d+\. |\|))", text):
        for cell in block.split("|"):
            flat = re.sub(r"^(?:[-*+>]|\d+\.|#+)\s+", "", " ".join(cell.split()))
            pieces += [s for s in re.split(r"(?<=[.!?])\**\s+(?=[A-Z(*\[`])", flat) if s]
    return pieces


def _clauses(sentence: str) -> list[tuple[str, str]]:
    """(date, the clause before it) for each date: text since the last date or ``;``/``,``."""
    out = []
    start = 0
    for m in DATE.finditer(sentence):
        before = sentence[start : m.start()]
        cut = max(before.rfind(";"), before.rfind(","), before.rfind(":"))
        out.append((m.group(0), before[cut + 1 :]))
        start = m.end()
    return out


def _date(text: str) -> _dt.date | None:
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:  # "2026-02-30", a bad date a lab asks the reader to type
        return None


def problems(sentence: str, dates: dict[_dt.date, set[str]], today: _dt.date) -> list[str]:
    """What is wrong with one sentence on day ``today`` (empty: nothing)."""
    found = [d for d in map(_date, DATE.findall(sentence)) if d]
    known = [d for d in found if d in dates]
    if not known:
        return []
    out = []
    tensed = TENSED.search(sentence)
    if tensed:
        out.append(f"tensed phrase {tensed.group(0)!r} next to a dated event")
    for text, before in _clauses(CODE.sub(" ", sentence)):  # code spans are names, not verbs
        day = _date(text)
        if day in dates and day > today and PAST.search(before):
            out.append(f"past tense {PAST.search(before).group(0)!r} for {day}, still ahead")
    if not VINTAGE_NAMED.search(sentence):
        for m in DATE.finditer(sentence):
            day = _date(m.group(0))
            if day not in dates or dates[day] != {"confirmed"}:
                continue
            before = sentence[: m.start()]
            before = before[max(before.rfind(";"), before.rfind(","), 0) :]
            after = re.split(r";|20\d\d-\d\d-\d\d", sentence[m.end() :], maxsplit=1)[0][:40]
            if re.search(r"\breported\b", before + after, re.IGNORECASE):
                out.append(f"'reported' beside {day}, which the newest catalog has as confirmed")
    return out


def scan(pages: list[str], today: _dt.date) -> list[str]:
    dates = event_dates()
    failures = []
    for page in pages:
        for where, markdown in page_markdown(page):
            for s in sentences(markdown):
                for p in problems(s, dates, today):
                    failures.append(f"{where}: {p}: {s[:160]}")
    return failures


@pytest.mark.parametrize("clock", (None, *CLOCKS))
def test_no_tensed_phrase_next_to_a_computable_date(clock, monkeypatch):
    if clock:
        monkeypatch.setenv(ftlib.core.clock.TODAY_ENV, clock)
    failures = scan(PAGES, ft.core.today())
    assert not failures, f"{len(failures)} dated sentences:\n" + "\n".join(failures)


# The scanner itself, on hand-written sentences (so a pass above means something).
DATES = {
    _dt.date(2027, 1, 6): {"confirmed"},
    _dt.date(2027, 1, 14): {"confirmed"},
    _dt.date(2026, 10, 23): {"confirmed", "reported"},
}
TODAY = _dt.date(2026, 12, 8)


@pytest.mark.parametrize(
    "sentence",
    [
        "New training jobs stop for everyone on 2027-01-06.",
        "Existing customers keep training until 2027-01-06 (confirmed).",
        "Both dates, 2027-01-06 and 2027-01-14, are still ahead as this is written.",
        "OpenAI will retire the tuned models on 2027-01-14.",
        "It shuts down on 2027-01-14, 43 days later.",
        "Training closed on 2027-01-06.",  # past tense before the date
        "The shutdown on 2027-01-14 is reported, not confirmed.",
        "From 2027-01-06 on, no new jobs start.",
    ],
)
def test_scanner_flags(sentence):
    assert problems(sentence, DATES, TODAY)


@pytest.mark.parametrize(
    "sentence",
    [
        "OpenAI set 2027-01-06 as the last day for new training jobs.",
        "Shutdown date of gpt-4.1-mini: 2027-01-14 (confirmed).",
        "gpt-4.1-nano shut down on 2026-10-23 and o4-mini on 2026-10-23 (reported).",
        "The checked-2026-11 vintage called the 2027-01-14 shutdown reported.",
        "Nothing here names a dated event: prices will change.",  # no event date
        "On 2026-12-25 the team will decide.",  # a date the data does not hold
    ],
)
def test_scanner_passes(sentence):
    assert problems(sentence, DATES, TODAY) == []


def test_past_tense_is_fine_once_the_date_has_come():
    sentence = "Training closed on 2027-01-06."
    assert problems(sentence, DATES, _dt.date(2027, 1, 6)) == []
    assert problems(sentence, DATES, _dt.date(2027, 1, 5))


def test_sentences_split_tables_and_lists():
    md = "| a | b |\n|---|---|\n| stops on 2027-01-06 | fine |\n\n- One. Two 2027-01-14.\n"
    parts = sentences(md)
    assert "stops on 2027-01-06" in parts and "Two 2027-01-14." in parts and "One." in parts


# Sentences computed at build time for the .md pages (the _ext/dated_prose.py substitutions).
def _ext_module():
    spec = importlib.util.spec_from_file_location("dated_prose", ROOT / "_ext" / "dated_prose.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("clock", ("2026-12-08", *CLOCKS))
def test_computed_substitutions_are_true_on_each_day(clock):
    day = _dt.date.fromisoformat(clock)
    values = _ext_module().substitutions(day)
    assert values, "no substitutions"
    for name, text in values.items():
        for m in re.finditer(r"on (20\d\d-\d\d-\d\d), in (\d+) days?", text):
            event = _dt.date.fromisoformat(m.group(1))
            assert (event - day).days == int(m.group(2)) > 0, (name, text)
        for m in re.finditer(r"since (20\d\d-\d\d-\d\d)", text):
            assert _dt.date.fromisoformat(m.group(1)) < day, (name, text)
        for m in re.finditer(r"on (20\d\d-\d\d-\d\d) \(today", text):
            assert _dt.date.fromisoformat(m.group(1)) == day, (name, text)


@pytest.mark.parametrize("page", ["intro.md", "chapters/instructor_guide.md"])
def test_md_pages_use_only_known_substitutions(page):
    names = set(_ext_module().substitutions(_dt.date(2026, 12, 8)))
    used = set(re.findall(r"\{\{\s*([\w]+)\s*\}\}", (ROOT / page).read_text(encoding="utf-8")))
    assert used <= names, used - names


_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "wbr",
}


class _Prose(HTMLParser):
    """The page's prose: its Markdown as rendered, figure captions and Markdown outputs.

    Left out: scripts, styles, code, and the outputs ftlib prints or draws (text, tables,
    labs: class ``output``), whose dates are the dates their cell asked about.
    """

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._stack: list[bool] = []  # per open element: inside skipped content?

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        skip = tag in ("script", "style", "pre") or "output" in classes
        self._stack.append(skip or (bool(self._stack) and self._stack[-1]))
        if tag in ("p", "li", "td", "th", "div", "figcaption", "h1", "h2", "h3"):
            self.parts.append("\n\n")
        if tag == "code":  # as in the Markdown: code spans are names, not prose
            self.parts.append("`")

    def handle_endtag(self, tag: str) -> None:
        if tag == "code":
            self.parts.append("`")
        if tag not in _VOID and self._stack:
            self._stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self._stack and self._stack[-1]):
            self.parts.append(data)


def built_prose(html: str) -> str:
    parser = _Prose()
    parser.feed(html)
    return "".join(parser.parts)


def test_built_prose_leaves_out_code_and_printed_outputs():
    html = (
        "<p>Kept 2027-01-06.</p><pre>gone</pre><div class='output text_html'><p>gone too</p>"
        "<img src='x'></div><div class='cell_output'><ul><li><p>kept too</p></li></ul></div>"
    )
    text = built_prose(html)
    assert "Kept 2027-01-06." in text and "kept too" in text and "gone" not in text


COMPUTED = re.compile(r"on (20\d\d-\d\d-\d\d)(?:, in (\d+) days?| \(today)")


def strip_computed(sentence: str, day: _dt.date) -> tuple[str, list[str]]:
    """Take out the phrases ``ft.core.when_phrase`` writes, checking each against the build day.

    What remains is hand-typed and is scanned like the Markdown.
    """
    wrong = []
    for m in COMPUTED.finditer(sentence):
        event = _dt.date.fromisoformat(m.group(1))
        left = (event - day).days
        if (m.group(2) is None and left != 0) or (m.group(2) and int(m.group(2)) != left):
            wrong.append(f"computed phrase {m.group(0)!r} is wrong on {day}")
    return COMPUTED.sub("on [a computed date]", sentence), wrong


def test_strip_computed_checks_the_count():
    built = _dt.date(2026, 12, 8)
    text, wrong = strip_computed("X shuts down on 2027-01-14, in 37 days (confirmed)", built)
    assert wrong == [] and "2027-01-14" not in text
    assert strip_computed("X shuts down on 2027-01-14, in 38 days", built)[1]
    assert strip_computed("X shuts down on 2027-01-14 (today)", built)[1]


def test_banner_catalog_events_start_the_day_after_the_build():
    ext = _ext_module()
    # GPT-5, GPT-5 mini and GPT-5 nano shut down on 2026-12-11 (FACTS, confirmed)
    events = ext.catalog_events_after(_dt.date(2026, 12, 10))
    before = [e for e in events if e["date"] == "2026-12-11"]
    assert {e["text"] for e in before} >= {
        "GPT-5: shutdown",
        "GPT-5 mini: shutdown",
        "GPT-5 nano: shutdown",
    }
    on_the_day = ext.catalog_events_after(_dt.date(2026, 12, 11))
    assert all(e["date"] > "2026-12-11" for e in on_the_day)
    dates = [e["date"] for e in on_the_day]
    assert dates == sorted(dates)


def test_banner_events_whatever_their_source():
    ext = _ext_module()
    events = ext.events_after(_dt.date(2026, 12, 10))
    dates = [str(e["date"]) for e in events]
    assert dates == sorted(dates) and all(d > "2026-12-10" for d in dates)
    on_11 = " ".join(e["text"] for e in events if str(e["date"]) == "2026-12-11")
    assert "GPT-5 mini" in on_11 and "GPT-5 nano" in on_11
    assert all({"date", "kind", "text", "confidence", "source"} <= set(e) for e in events)


def test_banner_price_event_says_what_changed():
    ext = _ext_module()
    events = ext.catalog_events_after(_dt.date(2026, 12, 31))
    gemini = next(e for e in events if e["text"].startswith("Gemini 3.6 Flash"))
    # FACTS: the introductory 0.75 / 3.75 doubles to 1.50 / 7.50 on 2027-01-01
    assert gemini["date"] == "2027-01-01" and gemini["kind"] == "price"
    assert "input 0.75 \u2192 1.5" in gemini["text"] and "output 3.75 \u2192 7.5" in gemini["text"]


def test_banner_script_is_json_that_cannot_close_its_tag():
    ext = _ext_module()
    text = ext.banner_script(_dt.date(2026, 12, 8))
    assert "</" not in text
    data = json.loads(text)
    assert data["built_on"] == "2026-12-08" and data["stale_after_days"] == 60
