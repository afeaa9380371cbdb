"""The volume bands are one table: the rule, the figures, the self-check and the pages read it."""

import re

import ftlib as ft
import ftlib.costs.lab
import ftlib.rules.lab
import ftlib.rules.plots
import ftlib.rules.selfcheck
from ftlib.rules import VOLUME_BANDS

# Stated by hand from the article: the edges and the order of the bands.
ARTICLE_EDGES = [0, 50_000, 100_000, 500_000, None]


def test_the_table_is_the_articles_edges_without_gaps():
    assert [b.low for b in VOLUME_BANDS] + [VOLUME_BANDS[-1].high] == ARTICLE_EDGES
    assert all(a.high == b.low for a, b in zip(VOLUME_BANDS, VOLUME_BANDS[1:], strict=False))


def test_volume_band_reads_the_table_at_every_edge():
    for band in VOLUME_BANDS:
        assert ft.volume_band(band.low).name == band.name
        assert ft.volume_band(band.low).advice == band.advice
        if band.high is not None:
            assert ft.volume_band(band.high - 0.5).name == band.name
            assert ft.volume_band(band.high).name != band.name


def test_the_figure_labels_each_band_with_the_tables_words():
    fig = ft.rules.plots.volume_bands()
    texts = [" ".join(t.get_text().split()) for t in fig.axes[0].texts]
    assert texts == [b.label for b in VOLUME_BANDS]


def test_the_self_check_accepts_exactly_the_tables_names_and_quotes_its_edges():
    for band in VOLUME_BANDS:
        assert ft.rules.selfcheck.volume_band_answer(band.low, band.name).correct
    wrong = ft.rules.selfcheck.volume_band_answer(0, VOLUME_BANDS[1].name)
    assert "50,000, 100,000 and 500,000" in str(wrong)


def _page_bands(html: str) -> list[dict]:
    import json

    data = re.search(r'class="ftlab-data">(.*?)</script>', html).group(1)
    return json.loads(data)["bands"]


def test_both_pages_ship_the_table_itself():
    table = [b.to_dict() for b in VOLUME_BANDS]
    rules_page = ft.rules.lab.volume_band_explorer()._repr_mimebundle_()["text/html"]
    costs_page = ft.costs.lab.break_even_calculator()._repr_mimebundle_()["text/html"]
    assert _page_bands(rules_page) == table
    assert _page_bands(costs_page) == table
