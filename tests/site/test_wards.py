"""The ward pages (cabinet report 6, "wards affected"): what the partnership does in
a ward, from the bodies covering it, the meetings, published plans and public grants
naming it; and the grants filtered by ward."""

import datetime

import pytest
from django.utils import timezone

from funding.models import AwardStatus
from partnerships.models import BodyKind, Meeting, Ward
from strategy.models import PlanStatus
from tests.funding import factories as ff
from tests.partnerships import factories as pf
from tests.strategy import factories as sf

pytestmark = pytest.mark.django_db


@pytest.fixture
def ward_world():
    places = pf.area()
    board = places["area_board"]
    ward = Ward.objects.create(name="Wistaston", slug="wistaston", area_board=board)
    other = Ward.objects.create(name="Leighton", slug="leighton", area_board=board)
    board.wards.add(ward)
    soon = timezone.now() + datetime.timedelta(days=7)
    meeting = Meeting.objects.create(body=board, title="Wistaston roads forum", starts_at=soon)
    private = Meeting.objects.create(
        body=board, title="Members' briefing on Wistaston", starts_at=soon, is_public=False
    )
    elsewhere = Meeting.objects.create(body=board, title="Leighton forum", starts_at=soon)
    meeting.wards.add(ward)
    private.wards.add(ward)
    elsewhere.wards.add(other)
    plan = sf.plan(board, title="Wistaston Area Plan")
    draft = sf.plan(board, title="Draft plan for Wistaston", status=PlanStatus.DRAFT)
    plan.wards.add(ward)
    draft.wards.add(ward)
    fund = ff.fund(decided_by=board, amount="50000")
    paid = ff.award(fund, amount="1200", status=AwardStatus.PAID, title="Wistaston lunch club")
    proposed = ff.award(fund, amount="900", status=AwardStatus.PROPOSED, title="Proposed for ward")
    unnamed = ff.award(fund, amount="700", title="Grant for the whole area")
    paid.wards.add(ward)
    proposed.wards.add(ward)
    return {"ward": ward, "board": board, "other": other, "unnamed": unnamed}


def test_a_ward_page_gathers_what_names_the_ward_and_only_what_is_public(client, ward_world):
    page = client.get("/wards/wistaston/").content.decode()
    board = ward_world["board"]
    assert board.name in page
    assert "Wistaston roads forum" in page and "Leighton forum" not in page
    assert "Members' briefing" not in page
    assert "Wistaston Area Plan" in page and "Draft plan for Wistaston" not in page
    assert "Wistaston lunch club" in page and "£1,200" in page
    assert "Proposed for ward" not in page and "Grant for the whole area" not in page
    assert client.get("/wards/nowhere/").status_code == 404


def test_the_ward_list_groups_wards_by_area_board(client, ward_world):
    page = client.get("/wards/").content.decode()
    assert ward_world["board"].name in page
    assert page.index("Leighton") < page.index("Wistaston")


def test_grants_filter_by_ward_and_a_bad_ward_filters_nothing(client, ward_world):
    page = client.get("/funding/", {"ward": "wistaston"}).content.decode()
    assert "Wistaston lunch club" in page and "Grant for the whole area" not in page
    bad = client.get("/funding/", {"ward": "atlantis"}).content.decode()
    assert "Choose a ward from the list." in bad and "Grant for the whole area" in bad


def test_pages_naming_wards_link_to_them(client, ward_world):
    grant = ward_world["ward"].grant_awards.get(title="Wistaston lunch club")
    assert "/wards/wistaston/" in client.get(grant.get_absolute_url()).content.decode()
    plan = ward_world["ward"].action_plans.get(title="Wistaston Area Plan")
    assert "/wards/wistaston/" in client.get(plan.get_absolute_url()).content.decode()


@pytest.mark.parametrize("extra", [1, 12])
def test_the_ward_page_query_count_does_not_grow(
    client, ward_world, extra, django_assert_num_queries
):
    ward, board = ward_world["ward"], ward_world["board"]
    fund = ff.fund(decided_by=board, amount="90000")
    for i in range(extra):
        meeting = Meeting.objects.create(
            body=board,
            title=f"Extra meeting {i}",
            starts_at=timezone.now() - datetime.timedelta(days=i + 1),
        )
        meeting.wards.add(ward)
        ff.award(fund, amount="10", status=AwardStatus.PAID).wards.add(ward)
        sf.plan(board).wards.add(ward)
        pf.body(BodyKind.TOWN_PARTNERSHIP, board).wards.add(ward)
    # The ward, its bodies, upcoming and past meetings, plans, grants and their totals.
    with django_assert_num_queries(7):
        assert client.get("/wards/wistaston/").status_code == 200
