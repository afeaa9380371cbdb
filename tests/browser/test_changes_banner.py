"""The "changed since this page was built" note, in headless Chromium with a set clock.

`_static/changes.js` reads the page's JSON (`_ext/dated_prose.py` writes it at build time) and
compares the reader's date with the build date. Here the browser's clock is set with
Playwright's `page.clock`, first on a small page made of the repository's own script and
stylesheet with hand-written events (so the counts and the 60-day boundary are known exactly),
then on the built site when there is one (`make book`), where the events come from ftlib's
catalog. Screenshots of the built note at 390 px and 1366 px, light and dark, are saved under
`tests/artifacts/browser/screens/` to look at.
"""

from __future__ import annotations

import datetime as _dt
import importlib.util
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from browser_checks import ARTIFACTS, REPO, serve, skip_or_fail

SITE = Path(os.environ.get("FTLIB_SITE", REPO / "_build" / "html"))
BUILT = "2026-12-08"
# Hand-written data: three events after the build, one on the build day (never listed).
DATA = {
    "built_on": BUILT,
    "landscape_checked": "2026-12-02",
    "stale_after_days": 60,
    "recheck_page": "chapters/04_landscape_2026.html",
    "events": [
        {"date": "2026-12-08", "kind": "status", "text": "A: shutdown", "confidence": "confirmed"},
        {"date": "2026-12-11", "kind": "status", "text": "B: shutdown", "confidence": "confirmed"},
        {
            "date": "2027-01-01",
            "kind": "price",
            "text": "C: price change",
            "confidence": "reported",
        },
    ]
    + [
        {
            "date": "2027-01-14",
            "kind": "status",
            "text": f"D{i}: shutdown",
            "confidence": "confirmed",
        }
        for i in range(6)
    ],
}
PAGE = """<!doctype html>
<html lang="en" data-content_root="../"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>fixture</title><link rel="icon" href="data:,"><link rel="stylesheet" href="../_static/reader.css"></head>
<body><main><article><h1>A page</h1><p>Text.</p></article></main>
<script type="application/json" id="ftlib-dated-events">{data}</script>
<script src="../_static/changes.js"></script></body></html>
"""


def make_site(root: Path, data: dict) -> None:
    """A one-page site: the repository's script and stylesheet, and ``data`` as the page's JSON."""
    (root / "_static").mkdir()
    for name in ("changes.js", "reader.css"):
        shutil.copy(REPO / "_static" / name, root / "_static" / name)
    (root / "chapters").mkdir()
    (root / "chapters" / "page.html").write_text(
        PAGE.format(data=json.dumps(data)), encoding="utf-8"
    )


@pytest.fixture(scope="module")
def fixture_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("changes")
    make_site(root, DATA)
    with serve(root) as url:
        yield url + "chapters/page.html"


def open_at(browser, url: str, day: str, width: int = 1366, mode: str = "light"):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=mode)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.clock.set_fixed_time(f"{day}T12:00:00")
    page.goto(url)
    page.wait_for_load_state("load")
    return context, page, errors


def note(page) -> dict | None:
    return page.evaluate(
        """() => {
          const box = document.querySelector('.ftlib-changes');
          if (!box) return null;
          return {
            title: box.querySelector('.ftlib-changes-title').textContent,
            text: box.textContent,
            shown: [...box.querySelectorAll(':scope > .ftlib-changes-list li')]
              .map(li => li.textContent),
            more: [...box.querySelectorAll('.ftlib-changes-more li')].map(li => li.textContent),
            link: box.querySelector('a').href,
            first: box.parentElement.firstElementChild === box,
            width: box.getBoundingClientRect().width,
            page: document.documentElement.clientWidth,
          };
        }"""
    )


@pytest.mark.parametrize("day", ["2026-12-01", BUILT, "2026-12-10"])
def test_no_note_before_the_first_event(browser, fixture_url, day):
    context, page, errors = open_at(browser, fixture_url, day)
    assert note(page) is None and errors == []
    context.close()


def test_note_lists_the_events_between_build_and_today(browser, fixture_url):
    context, page, errors = open_at(browser, fixture_url, "2027-01-01")
    seen = note(page)
    assert seen and errors == []
    assert seen["title"] == f"Changed since this page was built on {BUILT}"
    assert seen["shown"] == [
        "2026-12-11 B: shutdown (confirmed)",
        "2027-01-01 C: price change (reported)",
    ]
    assert "A: shutdown" not in seen["text"]  # on the build day: the page already knew it
    assert "24 days after" in seen["text"] and "may have changed" not in seen["text"]
    assert seen["link"].endswith("/chapters/04_landscape_2026.html")
    assert "/chapters/chapters/" not in seen["link"]  # resolved from the site root
    assert "python -m ftlib models --on 2027-01-01" in seen["text"]
    assert seen["first"]
    context.close()


def test_long_lists_fold_after_six(browser, fixture_url):
    context, page, _ = open_at(browser, fixture_url, "2027-01-14")
    seen = note(page)
    assert len(seen["shown"]) == 6 and len(seen["more"]) == 2  # 8 events after the build
    assert "8 events" in seen["text"]
    context.close()


@pytest.mark.parametrize(("day", "stale"), [("2027-02-06", False), ("2027-02-07", True)])
def test_stale_past_sixty_days(browser, fixture_url, day, stale):
    # 2026-12-08 + 60 days = 2027-02-06 (23 days left in December, 31 in January, 6 in February)
    context, page, _ = open_at(browser, fixture_url, day)
    seen = note(page)
    assert ("more than 60 days" in seen["text"]) is stale
    context.close()


def test_stale_note_without_events(browser, tmp_path):
    data = dict(DATA, events=[])
    make_site(tmp_path, data)
    with serve(tmp_path) as url:
        context, page, _ = open_at(browser, url + "chapters/page.html", "2027-03-01")
        seen = note(page)
        assert seen["title"] == "This page may be stale" and "83 days after" in seen["text"]
        context.close()
        context, page, _ = open_at(browser, url + "chapters/page.html", "2027-01-20")
        assert note(page) is None  # young and nothing happened
        context.close()


def _site_page(name: str) -> Path:
    page = SITE / name
    if not page.exists():
        skip_or_fail(f"no built site at {SITE} (run `make book` first)")
    if 'id="ftlib-dated-events"' not in page.read_text(encoding="utf-8"):
        skip_or_fail(f"{page} has no dated-events data (built before _ext/dated_prose.py)")
    return page


def _ext():
    spec = importlib.util.spec_from_file_location("dated_prose", REPO / "_ext" / "dated_prose.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("width", [390, 1366])
@pytest.mark.parametrize("mode", ["light", "dark"])
def test_built_site_note_with_catalog_events(browser, axe, width, mode):
    page_file = _site_page("chapters/05_cost_math.html")
    found = re.search(
        r'<script[^>]*id="ftlib-dated-events"[^>]*>(.*?)</script>',
        page_file.read_text(encoding="utf-8"),
        re.S,
    )
    assert found, f"{page_file} has no dated-events block"
    data = json.loads(found.group(1))
    built = _dt.date.fromisoformat(data["built_on"])
    day = max(built + _dt.timedelta(days=1), _dt.date(2027, 1, 15))
    expected = _ext().events_after(built)
    between = [e for e in expected if e["date"] <= str(day)]
    with serve(SITE) as url:
        context, page, errors = open_at(
            browser, url + "chapters/05_cost_math.html", str(day), width, mode
        )
        seen = note(page)
        if not between and (day - built).days <= 60:
            assert seen is None
            context.close()
            return
        assert seen and errors == []
        listed = seen["shown"] + seen["more"]
        assert len(listed) == len(between)
        if str(day) >= "2027-01-14" and str(built) < "2027-01-14":
            assert any("GPT-4.1 mini, fine-tuned: shutdown (confirmed)" in t for t in listed)
        assert seen["width"] <= seen["page"]  # nothing wider than the screen
        # contrast and the rest of axe's serious checks, on the note's own elements
        results = axe.run(page, context=".ftlib-changes")
        in_note = [
            f"{v['id']}: {v['help']}"
            for v in results.response["violations"]
            if v.get("impact") in ("serious", "critical")
        ]
        assert in_note == []
        shots = ARTIFACTS / "screens"
        shots.mkdir(parents=True, exist_ok=True)
        page.locator(".ftlib-changes").screenshot(path=str(shots / f"changes-{width}-{mode}.png"))
        page.screenshot(path=str(shots / f"changes-page-{width}-{mode}.png"))
        context.close()


def test_a_bound_date_says_no_earlier_than(browser, tmp_path):
    event = {"date": "2027-04-14", "kind": "route", "text": "Azure: training ends"}
    data = dict(DATA, events=[dict(event, confidence="reported", bound="no_earlier_than")])
    make_site(tmp_path, data)
    with serve(tmp_path) as url:
        context, page, errors = open_at(browser, url + "chapters/page.html", "2027-04-20")
        seen = note(page)
        assert seen["shown"] == ["no earlier than 2027-04-14 Azure: training ends (reported)"]
        assert errors == []
        context.close()
