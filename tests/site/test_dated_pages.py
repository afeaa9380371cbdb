"""The built pages: no tensed phrase next to a dated event, computed phrases right on the build day.

The Markdown scan (``tests/test_dated_prose.py``) sees what authors typed; this one reads the
HTML ``make book`` wrote, so it also sees the intro's and guide's substitutions and the
Markdown that hidden cells print, and checks each computed "in N days" against the build day
the page records. Runs on ``_build/html`` (or ``FTLIB_SITE``); a missing build fails.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from pathlib import Path

from test_dated_prose import PAGES, built_prose, event_dates, problems, sentences, strip_computed

ROOT = Path(__file__).resolve().parents[2]
SITE = Path(os.environ.get("FTLIB_SITE", ROOT / "_build" / "html"))


def test_built_pages_hold_no_tensed_phrase_next_to_a_date():
    """The built text, computed cells included, read on the day it was built."""
    assert (SITE / "intro.html").exists(), f"no built site at {SITE} (run `make book` first)"
    dates = event_dates()
    failures = []
    for page in PAGES:
        html = SITE / Path(page).with_suffix(".html")
        if not html.exists():
            continue
        raw = html.read_text(encoding="utf-8")
        built = re.search(r'"built_on":\s*"(20\d\d-\d\d-\d\d)"', raw)
        assert built, f"{page}: no build day in the page (_ext/dated_prose.py)"
        day = _dt.date.fromisoformat(built.group(1))
        for s in sentences(built_prose(raw)):
            s, wrong = strip_computed(s, day)
            for p in wrong + problems(s, dates, day):
                failures.append(f"{page}: {p}: {s[:160]}")
    assert not failures, "\n".join(failures)
