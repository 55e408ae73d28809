"""The record of strategies, current and previous; the aims, objectives and lead
boards on the strategy pages."""

import datetime

import pytest
from django.utils.timezone import localdate as today

from partnerships.models import BodyKind
from strategy.models import Strategy, StrategyStatus

from ..partnerships import factories as pf
from . import factories as sf

pytestmark = pytest.mark.django_db


def _dated(strategy: Strategy, starts_on: datetime.date, ends_on: datetime.date, **fields):
    strategy.starts_on, strategy.ends_on = starts_on, ends_on
    for name, value in fields.items():
        setattr(strategy, name, value)
    strategy.save()
    return strategy


@pytest.fixture
def record():
    day = today()
    year = datetime.timedelta(days=365)
    old = _dated(sf.strategy(StrategyStatus.SUPERSEDED), day - 9 * year, day - 2 * year)
    ended = _dated(sf.strategy(), day - 4 * year, day - year, title="Ended strategy Sigma")
    current = _dated(sf.strategy(), day - year, day + year, title="Current strategy Tau")
    consulting = _dated(sf.strategy(StrategyStatus.CONSULTATION), day + year, day + 3 * year)
    draft = _dated(
        sf.strategy(StrategyStatus.DRAFT), day + year, day + 3 * year, title="Draft Omicron"
    )
    return {
        "old": old,
        "ended": ended,
        "current": current,
        "consulting": consulting,
        "draft": draft,
    }


def _rows(html: str) -> list[str]:
    body = html.split('<tbody class="govuk-table__body">', 1)[1].split("</tbody>", 1)[0]
    return [row.split("</tr>")[0] for row in body.split('<tr class="govuk-table__row">')[1:]]


def test_the_record_lists_every_published_strategy_with_where_it_stands(
    client, record, django_assert_num_queries
):
    # One query, however many strategies: they are listed with nothing joined.
    with django_assert_num_queries(1):
        html = client.get("/strategies/").content.decode()
    rows = _rows(html)
    assert len(rows) == 4 and "Draft Omicron" not in html
    standing = {
        s: next(r for r in rows if record[s].title + "</a>" in r)
        for s in ("old", "ended", "current", "consulting")
    }
    assert "Superseded" in standing["old"]
    assert "Ended" in standing["ended"] and "Current" not in standing["ended"]
    assert "Current" in standing["current"]
    assert "Out for consultation" in standing["consulting"]
    # Latest first.
    assert rows.index(standing["consulting"]) < rows.index(standing["current"])


def test_drafts_are_on_the_record_for_officers_only(client, record):
    member = pf.person(with_login=True)
    pf.member(pf.body(), member)
    client.force_login(member.user)
    assert "Draft Omicron" not in client.get("/strategies/").content.decode()
    client.force_login(pf.officer())
    assert "Draft Omicron" in client.get("/strategies/").content.decode()


def test_an_ended_strategy_is_never_presented_as_current(client, record):
    record["current"].replaces = record["ended"]
    record["current"].save()
    html = client.get(record["ended"].get_absolute_url()).content.decode()
    assert "ended on" in html and "Current strategy Tau" in html
    assert "/strategies/" in html
    assert "Current" not in html.split("<h1", 1)[0].split("govuk-caption-l", 1)[1]
    # The current one links to the record.
    assert "/strategies/" in client.get(record["current"].get_absolute_url()).content.decode()


def test_a_draft_successor_is_not_named_to_visitors(client, record):
    record["draft"].replaces = record["current"]
    record["draft"].save()
    assert "Draft Omicron" not in client.get(record["current"].get_absolute_url()).content.decode()


def test_aims_objectives_and_lead_boards_are_on_the_strategy_pages(client):
    strategy = sf.strategy()
    strategy.aims = "To agree a vision\nTo jointly develop review mechanisms"
    strategy.objectives = "To improve engagement and consultation"
    strategy.save()
    board = pf.body(BodyKind.THEMATIC_BOARD, pf.body(), name="Health Board Upsilon")
    priority = strategy.priorities.first()
    priority.lead_body = board
    priority.save()
    html = client.get(strategy.get_absolute_url()).content.decode()
    assert "a) To agree a vision" in html and "b) To jointly develop review mechanisms" in html
    assert "a) To improve engagement and consultation" in html
    assert f'href="{board.get_absolute_url()}">Health Board Upsilon</a>' in html
    page = client.get(priority.get_absolute_url()).content.decode()
    assert "Led by" in page and "Health Board Upsilon" in page
