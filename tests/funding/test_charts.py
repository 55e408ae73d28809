"""The charts of /funding/: grants by year and mechanism, and by the board or area
that decided them, each with its table twin, following the filters."""

from decimal import Decimal

import pytest

from funding.models import AwardStatus, Mechanism

from ..charts import assert_chart_matches_table
from ..partnerships import factories as pf
from . import factories as ff

pytestmark = pytest.mark.django_db


@pytest.fixture
def grants():
    bodies = pf.area()
    towns = ff.fund(decided_by=bodies["leaders"], amount="72000", name="Towns 2016/17")
    commissioned = ff.fund(
        decided_by=bodies["area_board"],
        amount="50000",
        name="Small grants 2017/18",
        financial_year="2017/18",
        mechanism=Mechanism.COMPETITIVE_GRANT,
    )
    ff.award(towns, to=bodies["amg"], amount="8000")
    ff.award(towns, to=bodies["assembly"], amount="8000")
    ff.award(commissioned, to=bodies["amg"], amount="12500.50")
    ff.award(commissioned, to=bodies["amg"], amount="999", status=AwardStatus.PROPOSED)
    return bodies


def test_the_charts_show_the_tables_figures_and_the_totals(client, grants):
    page = client.get("/funding/").content.decode()
    by_year = assert_chart_matches_table(page, "grants-by-year")
    # Oldest year first; only the mechanisms used are series; a proposed award is not
    # counted.
    assert by_year == {
        (0, "direct_grant"): Decimal("16000"),
        (0, "competitive_grant"): Decimal("0"),
        (1, "direct_grant"): Decimal("0"),
        (1, "competitive_grant"): Decimal("12500.50"),
    }
    by_area = assert_chart_matches_table(page, "grants-by-area")
    assert by_area == {(0, "total"): Decimal("16000"), (1, "total"): Decimal("12500.50")}
    leaders, board = grants["leaders"].name, grants["area_board"].name
    assert page.index(f"{leaders} (2 grants)") < page.index(f"{board} (1 grant)")


def test_the_charts_follow_the_filters(client, grants):
    page = client.get("/funding/", {"year": "2017/18"}).content.decode()
    assert assert_chart_matches_table(page, "grants-by-year") == {
        (0, "competitive_grant"): Decimal("12500.50")
    }


def test_no_grants_no_charts(client):
    page = client.get("/funding/").content.decode()
    assert "grants-by-year" not in page and 'role="img"' not in page
