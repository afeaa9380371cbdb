"""The browser checks can fail: each planted fault is reported, and clean pages pass.

Static fixtures live in ``fixtures/``; widget pages are generated here from real ipywidgets
state and load the vendored html-manager from ``_static/widgets`` exactly as the book does.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from browser_checks import REPO, WIDGET_SCRIPTS, WIDGET_STATE, WIDGET_VIEW, inspect_page, serve

FIXTURES = Path(__file__).parent / "fixtures"


# What Sphinx writes into the head of a page that holds math (MathJax itself is left out here).
MATHJAX_CONFIG = '<script>window.MathJax = {"options": {"processHtmlClass": "math"}}</script>\n'


def widget_page(
    state: dict | None,
    views: list[dict],
    extra: str = "",
    *,
    head: str = "",
    scripts=WIDGET_SCRIPTS,
) -> str:
    """A page laid out as myst-nb lays out a lab one folder down: state and scripts in the head."""
    if state is not None:
        head += f'<script type="{WIDGET_STATE}">{json.dumps(state)}</script>\n'
    head += "".join(f'<script src="../_static/{src}"></script>\n' for src in scripts)
    body = "".join(
        f'<div class="output"><script type="{WIDGET_VIEW}">{json.dumps(v)}</script></div>\n'
        for v in views
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Widget fixture</title>\n'
        f"{head}</head><body><main><h1>Widget fixture</h1>\n{body}{extra}</main></body></html>\n"
    )


@pytest.fixture(scope="module")
def widget_site(tmp_path_factory) -> Path:
    """Generated widget pages next to a link to the repository's ``_static``."""
    W = pytest.importorskip("ipywidgets")
    from ipywidgets.embed import embed_data

    root = tmp_path_factory.mktemp("widget_site")
    (root / "_static").symlink_to(REPO / "_static", target_is_directory=True)
    (root / "labs").mkdir()
    slider = W.IntSlider(value=3, min=0, max=10, description="Runs")
    data = embed_data(views=[slider])
    state, views = data["manager_state"], data["view_specs"]

    missing = [dict(views[0], model_id="0" * 32)]
    no_view_class = copy.deepcopy(state)
    for model in no_view_class["state"].values():
        if model["model_name"] == "IntSliderModel":
            model["state"]["_view_name"] = "NoSuchView"
    invalid = {
        "version_major": 2,
        "version_minor": 0,
        "state": {"abc": {"model_name": "IntSliderModel"}},
    }

    output = W.Output()
    out_data = embed_data(views=[output])
    out_state = out_data["manager_state"]
    for model in out_state["state"].values():
        if model["model_name"] == "OutputModel":
            model["state"]["outputs"] = [
                {"output_type": "display_data", "metadata": {}, "data": {WIDGET_VIEW: missing[0]}}
            ]

    button = W.Button(description="Run the sweep", button_style="primary")
    button_data = embed_data(views=[button])
    contrast_css = '<link rel="stylesheet" href="../_static/widgets/button-contrast.css">\n'

    pages = {
        "primary_button": widget_page(
            button_data["manager_state"], button_data["view_specs"], head=contrast_css
        ),
        "primary_button_no_css": widget_page(
            button_data["manager_state"], button_data["view_specs"]
        ),
        # The icon makes the page fetch the bundle's font: a wrong font path is a console 404.
        "good_widget": widget_page(
            state, views, '<p><i class="fa fa-check" aria-hidden="true"></i> ready</p>'
        ),
        "slider_unnamed": widget_page(
            state, views, scripts=[s for s in WIDGET_SCRIPTS if "label-sliders" not in s]
        ),
        "math_page_widget": widget_page(state, views, head=MATHJAX_CONFIG),
        "math_page_widget_no_shim": widget_page(
            state, views, head=MATHJAX_CONFIG, scripts=WIDGET_SCRIPTS[:-1]
        ),
        "missing_model": widget_page(state, missing),
        "no_state": widget_page(None, views),
        "unknown_view": widget_page(no_view_class, views),
        "invalid_state": widget_page(invalid, views),
        "output_missing_model": widget_page(out_state, out_data["view_specs"]),
    }
    for name, text in pages.items():
        (root / "labs" / f"{name}.html").write_text(text, encoding="utf-8")
    for fixture in FIXTURES.glob("*.html"):
        (root / fixture.name).write_text(fixture.read_text(encoding="utf-8"), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def base_url(widget_site):
    with serve(widget_site) as url:
        yield url


@pytest.mark.parametrize(
    "name",
    [
        "clean.html",
        "labs/good_widget.html",
        "labs/math_page_widget.html",
        "labs/primary_button.html",
    ],
)
def test_clean_pages_pass_every_check(browser, axe, base_url, name):
    report = inspect_page(browser, base_url + name, axe=axe)
    assert report.problems() == []


def test_vendored_manager_renders_a_saved_slider_with_its_icon_font(browser, base_url):
    report = inspect_page(browser, base_url + "labs/good_widget.html")
    assert (report.widget_views, report.rendered_widgets) == (1, 1)
    assert report.console_errors == []  # a font the bundle cannot find shows up here as a 404


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
    (
        "math_page_widget_no_shim",
        "uncaught script error: Cannot read properties of undefined (reading 'Queue')",
    ),
    ("primary_button_no_css", "accessibility (serious+): color-contrast (serious"),
    ("slider_unnamed", "accessibility (serious+): aria-input-field-name (serious"),
    ("missing_model", "widget page with no rendered widget"),
    ("no_state", "1 widget view(s) but no saved widget state"),
    ("unknown_view", "widget error in page: 'error widget"),
    ("invalid_state", "uncaught script error: Model state has errors"),
    ("output_missing_model", "widget error in page: 'Error creating widget'"),
]


WIDGET_FIXTURES = (
    "slider_unnamed",
    "primary_button_no_css",
    "math_page_widget_no_shim",
    "missing_model",
    "no_state",
    "unknown_view",
    "invalid_state",
    "output_missing_model",
)


@pytest.mark.parametrize("name, expected", PLANTED, ids=[p[0] for p in PLANTED])
def test_each_planted_fault_is_reported(browser, axe, base_url, name, expected):
    scan = axe if expected.startswith("accessibility") else None  # axe takes a second a page
    path = f"labs/{name}.html" if name in WIDGET_FIXTURES else f"{name}.html"
    report = inspect_page(browser, base_url + path, axe=scan, widget_timeout_s=2.0)
    problems = report.problems()
    assert any(p.startswith(expected) for p in problems), problems


def test_missing_alt_is_also_an_axe_violation(browser, axe, base_url):
    report = inspect_page(browser, base_url + "missing_alt.html", axe=axe)
    assert any(v.startswith("image-alt (critical") for v in report.axe_violations), (
        report.axe_violations
    )
