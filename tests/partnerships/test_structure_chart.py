"""The structure page draws the cabinet report's chart of each top body and those
accountable to it, with the whole structure as a list: the chart's text twin."""

import re

import pytest

from partnerships.models import BodyKind

from . import factories as pf

pytestmark = pytest.mark.django_db


def test_the_structure_page_draws_the_top_body_and_those_accountable_to_it(client):
    bodies = pf.area()
    thematic = pf.body(BodyKind.THEMATIC_BOARD, bodies["leaders"], name="Health & Wellbeing")
    page = client.get("/partnerships/").content.decode()
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert 'role="img"' in svg and f'aria-labelledby="chart-{bodies["leaders"].pk}-title' in svg
    drawn = re.findall(r'font-weight="bold" fill="#0b0c0c">([^<]+)</text>', svg)
    assert drawn == [bodies["leaders"].name, bodies["area_board"].name, "Health &amp; Wellbeing"]
    # The list that follows names every body the chart draws, and those below.
    listed = page[page.index("Every body") :]
    for body in (*bodies.values(), thematic):
        assert body.name.replace("&", "&amp;") in listed
    assert "<script" not in svg
