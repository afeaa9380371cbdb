"""The browser checks can fail: each planted fault is reported, and clean pages pass.

Static fixtures live in ``fixtures/``; the lab pages are generated here by ftlib, as the book
embeds them (a static lab: form controls, ftlib's data and an inline script, no widget manager).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from browser_checks import WIDGET_VIEW, inspect_page, serve

FIXTURES = Path(__file__).parent / "fixtures"


def page_with(body: str, title: str = "Lab fixture") -> str:
    """A page with ``body`` in its main column."""
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body><main><h1>{title}</h1>\n{body}</main></body></html>\n"
    )


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> Path:
    """The static fixtures, plus lab pages rendered by ftlib now."""
    ft = pytest.importorskip("ftlib")
    import ftlib.rules.lab  # noqa: F401  (labs are imported explicitly)

    root = tmp_path_factory.mktemp("fixture_site")
    (root / "labs").mkdir()
    lab = ft.rules.lab.volume_band_explorer(20_000)._repr_mimebundle_()["text/html"]
    view = {"version_major": 2, "version_minor": 0, "model_id": "0" * 32}
    pages = {
        "good_lab": lab,
        # The lab's markup without its script: the controls are dead.
        "lab_without_script": lab[: lab.rindex("<script>")],
        # A widget view as myst-nb writes it when text/html is not preferred.
        "widget_view": f'<script type="{WIDGET_VIEW}">{json.dumps(view)}</script>',
    }
    for name, body in pages.items():
        (root / "labs" / f"{name}.html").write_text(page_with(body), encoding="utf-8")
    for fixture in FIXTURES.glob("*.html"):
        (root / fixture.name).write_text(fixture.read_text(encoding="utf-8"), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def base_url(fixture_site):
    with serve(fixture_site) as url:
        yield url


@pytest.mark.parametrize("name", ["clean.html", "labs/good_lab.html"])
def test_clean_pages_pass_every_check(browser, axe, base_url, name):
    report = inspect_page(browser, base_url + name, axe=axe)
    assert report.problems() == []


def test_a_static_lab_starts_with_no_network_and_no_manager(browser, base_url):
    report = inspect_page(browser, base_url + "labs/good_lab.html")
    assert (report.static_labs, report.labs_not_started, report.widget_views) == (1, 0, 0)
    assert report.external_requests == [] and report.console_errors == []


PLANTED = [
    ("console_error", "console error: planted console error"),
    ("script_error", "uncaught script error: planted uncaught error"),
    ("missing_alt", "image without alt text: data:image/png"),
    ("filename_alt", "image without alt text: data:image/png"),
    ("figure_as_text", "figure shown as text, not an image: <Figure size 700x260 with 1 Axes>"),
    (
        "cdn_script",
        "request leaves the site (CDN or network dependency): https://cdn.jsdelivr.net/",
    ),
    ("unlabelled_button", "accessibility (serious+): button-name (critical"),
    (
        "duplicate_declaration",
        "uncaught script error: Identifier 'planted' has already been declared",
    ),
    ("labs/lab_without_script", "1 of 1 static lab(s) did not start"),
    ("labs/widget_view", "1 widget view(s) in the page"),
]


@pytest.mark.parametrize("name, expected", PLANTED, ids=[p[0] for p in PLANTED])
def test_each_planted_fault_is_reported(browser, axe, base_url, name, expected):
    scan = axe if expected.startswith("accessibility") else None  # axe takes a second a page
    report = inspect_page(browser, base_url + f"{name}.html", axe=scan)
    problems = report.problems()
    assert any(p.startswith(expected) for p in problems), problems


def test_missing_alt_is_also_an_axe_violation(browser, axe, base_url):
    report = inspect_page(browser, base_url + "missing_alt.html", axe=axe)
    assert any(v.startswith("image-alt (critical") for v in report.axe_violations), (
        report.axe_violations
    )
