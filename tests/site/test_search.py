"""Site search finds public records and nothing else."""

import datetime
import re

import pytest
from django.db import connection
from django.utils import timezone

from funding.models import AwardStatus
from pace.site import search as site_search
from partnerships import services as partnership_services
from partnerships.models import AgendaItem, Decision, Meeting
from strategy.models import PlanStatus

from ..funding import factories as ff
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
    held = Meeting.objects.create(
        body=bodies["amg"],
        title="AMG May",
        starts_at=timezone.now() - datetime.timedelta(days=30),
        status="held",
    )
    orchard = AgendaItem.objects.create(meeting=held, position=1, title="Orchards")
    secret = AgendaItem.objects.create(meeting=held, position=2, title="Land", is_confidential=True)
    for item, text in [(orchard, "Agreed to plant orchards"), (secret, "Orchard land bid agreed")]:
        partnership_services.decision_record(
            decision=Decision(meeting=held, agenda_item=item, title=item.title, text=text)
        )
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
    assert "Agreed to plant orchards" in page  # a decision, from the log
    for hidden in (
        "land bid agreed",
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


def test_search_finds_agenda_items_by_their_meeting_title(client, records):
    page = client.get("/search/", {"q": "AMG June"}).content.decode()
    assert "Orchard volunteers update" in page
    assert "site price secret" not in page


def test_search_finds_grants_by_their_recipient(client):
    fund = ff.fund()
    trust = pf.organisation("Wistaston Wildlife Trust")
    partnership = pf.body(name="Poynton Partnership")
    to_trust = ff.award(fund, to=trust, title="Hedgerow planting")
    to_partnership = ff.award(fund, to=partnership, title="Bulb planting")
    proposed = ff.award(fund, to=trust, title="Pond dipping", status=AwardStatus.PROPOSED)
    page = client.get("/search/", {"q": "wildlife trust"}).content.decode()
    assert to_trust.get_absolute_url() in page
    assert proposed.get_absolute_url() not in page
    assert to_partnership.get_absolute_url() not in page
    page = client.get("/search/", {"q": "Poynton"}).content.decode()
    assert to_partnership.get_absolute_url() in page


#: The GIN indexes each kind's match must use (pace/migrations/0001_search_indexes.py):
#: its own table's and those of the records it shows text from.
SEARCH_INDEXES = {
    "Partnership bodies": {"search_body"},
    "Actions": {"search_action"},
    "Meeting agenda items": {"search_agendaitem", "search_meeting"},
    "Decisions": {"search_decision"},
    "Grants": {"search_grantaward", "search_body_name", "search_organisation"},
    "Consultations": {"search_consultation"},
    "Reports": {"search_cabinetreport"},
}


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the GIN indexes exist on PostgreSQL only"
)
@pytest.mark.parametrize("q", ["orchard", "fruit trees", '"community orchards"'])
def test_every_match_uses_its_gin_index(records, q):
    """An index is used only for the very expression it was built on: a source whose
    fields change without a migration for the new index would compute the text of
    every row again."""
    assert {source.kind for source in site_search._sources} == set(SEARCH_INDEXES)
    with connection.cursor() as cursor:
        # A few rows are cheaper to read than an index; make the planner show
        # whether it could use one.
        cursor.execute("SET LOCAL enable_seqscan = off")
    for source in site_search._sources:
        # The match alone: on a few rows the planner may rightly prefer another
        # index for the rest of the query (approved grants, say).
        model = source.queryset().model
        plan = model._base_manager.filter(site_search.text_match(source, model, q)).explain()
        used = set(re.findall(r"Bitmap Index Scan on (\w+)", plan))
        assert used >= SEARCH_INDEXES[source.kind], plan
        text_matches = [line.strip() for line in plan.splitlines() if "@@" in line]
        assert text_matches, plan
        # Every text match is answered by an index, none by reading rows.
        assert all(line.startswith(("Index Cond:", "Recheck Cond:")) for line in text_matches), plan


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
    with django_assert_max_num_queries(7):  # one query per kind of record
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

    from pace.reports.models import CabinetReport, ReportStatus
    from strategy.consultations.models import Consultation

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
