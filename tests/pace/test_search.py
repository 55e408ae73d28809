"""Site search finds public records and nothing else."""

import datetime

import pytest
from django.utils import timezone

from partnerships.models import AgendaItem, Meeting
from strategy.models import PlanStatus

from ..partnerships import factories as pf
from ..strategy import factories as sf

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    bodies = pf.area()
    owner = pf.person()
    pf.member(bodies["amg"], owner)
    plan = sf.plan(bodies["amg"])
    sf.action(
        plan, owner, title="Community orchards in every ward", description="Planting fruit trees"
    )
    sf.action(plan, owner, title="Orchard land purchase negotiations", is_public=False)
    draft = sf.plan(bodies["amg"], plan.strategy, status=PlanStatus.DRAFT)
    sf.action(draft, owner, title="Orchard festival draft idea")
    meeting = Meeting.objects.create(body=bodies["amg"], title="AMG June", starts_at=timezone.now())
    AgendaItem.objects.create(meeting=meeting, position=1, title="Orchard volunteers update")
    AgendaItem.objects.create(
        meeting=meeting, position=2, title="Orchard site price secret", is_confidential=True
    )
    private = Meeting.objects.create(
        body=bodies["amg"],
        title="Closed session",
        is_public=False,
        starts_at=timezone.now() - datetime.timedelta(days=1),
    )
    AgendaItem.objects.create(meeting=private, position=1, title="Orchard closed session item")
    return bodies


@pytest.mark.parametrize("as_member", [False, True])
def test_search_finds_public_records_only(client, records, as_member):
    if as_member:
        member = pf.person(with_login=True)
        pf.member(records["amg"], member)
        client.force_login(member.user)
    page = client.get("/search/", {"q": "orchard"}).content.decode()
    assert "Community orchards in every ward" in page
    assert "Orchard volunteers update" in page
    for hidden in (
        "land purchase negotiations",
        "festival draft idea",
        "site price secret",
        "closed session item",
    ):
        assert hidden not in page


def test_search_matches_several_words_and_bodies(client, records):
    page = client.get("/search/", {"q": "fruit trees"}).content.decode()
    assert "Community orchards in every ward" in page
    assert (
        records["amg"].name in client.get("/search/", {"q": records["amg"].name}).content.decode()
    )


def test_search_needs_every_word(client, records):
    """On PostgreSQL as elsewhere: ranking alone once let any record through for a
    query of two or more words."""
    page = client.get("/search/", {"q": "fruit lorries"}).content.decode()
    assert "Community orchards in every ward" not in page


@pytest.mark.parametrize(
    "q",
    [
        "",
        "   ",
        "\x00\x01",
        "<script>alert(1)</script>",
        "a" * 5000,
        "' OR 1=1 --",
        "%%%",
        "orchard & | ! :*",
    ],
)
def test_any_query_gives_a_page_not_an_error(client, records, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_search_queries_are_bounded(client, records, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):  # one query per kind of record
        client.get("/search/", {"q": "orchard"})


def test_search_finds_public_grants_only(client):
    from io import StringIO

    from django.core.management import call_command

    from funding.models import GrantAward

    call_command("load_example_data", stdout=StringIO())
    public = GrantAward.objects.public().first()
    page = client.get("/search/", {"q": public.title}).content.decode()
    assert public.get_absolute_url() in page
    hidden = GrantAward.objects.exclude(pk__in=GrantAward.objects.public()).first()
    assert hidden is not None
    page = client.get("/search/", {"q": hidden.title}).content.decode()
    assert hidden.get_absolute_url() not in page


def test_search_finds_published_consultations_and_reports_only(client):
    from io import StringIO

    from django.core.management import call_command

    from strategy.models import CabinetReport, Consultation, ReportStatus

    call_command("load_example_data", stdout=StringIO())
    consultation = Consultation.objects.published().first()
    report = CabinetReport.objects.published().first()
    assert (
        consultation.get_absolute_url()
        in client.get("/search/", {"q": consultation.title}).content.decode()
    )
    assert (
        report.get_absolute_url()
        in client.get("/search/", {"q": "Partnerships Structure"}).content.decode()
    )
    Consultation.objects.filter(pk=consultation.pk).update(is_published=False)
    CabinetReport.objects.filter(pk=report.pk).update(status=ReportStatus.DRAFT)
    assert (
        consultation.get_absolute_url()
        not in client.get("/search/", {"q": consultation.title}).content.decode()
    )
    assert (
        report.get_absolute_url()
        not in client.get("/search/", {"q": "Partnerships Structure"}).content.decode()
    )
