"""The first lab: where does a monthly volume fall among the article's thresholds?"""

from __future__ import annotations

import html

import ipywidgets as W

from ..labkit import page as _page
from ..labkit.base import Lab, View
from ..labkit.controls import request_steps, volume_slider
from . import thresholds as rules
from .plots import volume_bands

__all__ = ["volume_band_explorer"]


def volume_band_explorer(requests_per_month: float = 20_000) -> Lab:
    """A log slider for monthly requests; shows the band, the advice and the figure.

    Examples
    --------
    >>> lab = volume_band_explorer(20_000)
    >>> lab.controls["requests_per_month"].value = 800_000
    >>> "pays-in-weeks" in lab.summary.value
    True
    """
    slider = volume_slider(
        requests_per_month,
        "requests/month",
        style={"description_width": "initial"},
        layout=W.Layout(width="95%"),
    )

    def render(requests_per_month: float) -> View:
        band = rules.volume_band(requests_per_month)
        summary = f"<p><strong>{band.requests_per_month:,.0f} requests a month: <code>{band.name}</code>.</strong> {html.escape(band.advice)}</p>"
        alt = f"Log-scale bar of the article's volume thresholds at 50,000, 100,000 and 500,000 requests a month, with a marker at {band.requests_per_month:,.0f}, in the {band.name} band."
        return View(
            lambda: volume_bands(requests_per_month), alt, summary, figure_key=requests_per_month
        )

    def static() -> str:
        steps = request_steps(slider.value)
        control = _page.slider(
            "requests_per_month",
            "requests/month",
            steps,
            slider.value,
            [f"{v:,.0f}" for v in steps],
        )
        return _page.lab_page(
            "volume_band",
            [control],
            {"bands": [b.to_dict() for b in rules.VOLUME_BANDS]},
            package=__package__,
        )

    return Lab({"requests_per_month": slider}, render, static=static)
