"""The scale data command, and every public page's query count at two data sizes ten
times apart."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count, Q, Sum
from django.test.utils import CaptureQueriesContext

from funding.models import Fund, GrantAward
from pace.documents.registry import documents
from partnerships.models import Body, BodyKind, Membership, Role
from partnerships.models.bodies import ALLOWED_PARENT_KINDS
from strategy.models import Action, ExceptionReport, ExceptionStatus, ProgressUpdate
from tests.documents.helpers import build_queries

from ..public_pages import public_pages

pytestmark = pytest.mark.django_db

SMALL = {"bodies": 30, "actions": 60, "updates": 180, "awards": 20, "meetings": 30}
TEN_TIMES = {name: 10 * n for name, n in SMALL.items()}


def make(prefix="scale", **sizes):
    args = [f"--{name}={n}" for name, n in (sizes or SMALL).items()]
    call_command("make_scale_data", *args, f"--prefix={prefix}", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_it_makes_what_was_asked():
    make()
    assert Body.objects.filter(slug__startswith="scale-").count() == SMALL["bodies"]
    assert Action.objects.count() == SMALL["actions"]
    assert ProgressUpdate.objects.count() == SMALL["updates"]
    assert GrantAward.objects.count() == SMALL["awards"]
    assert Body.objects.filter(slug__startswith="scale-").aggregate(m=Count("meetings"))["m"] == 30


def test_the_tree_is_whole_and_every_kind_sits_where_it_may():
    make()
    bodies = list(Body.objects.select_related("parent"))
    for body in bodies:
        parent_kind = body.parent.kind if body.parent else None
        assert parent_kind in ALLOWED_PARENT_KINDS[body.kind], body
        if body.kind == BodyKind.WORKING_GROUP:
            assert body.ends_on is not None
    # The nested-set fields agree with the parents (django-mptt rebuilt them).
    for body in bodies:
        if body.parent:
            assert body.parent.lft < body.lft < body.rght < body.parent.rght
            assert body.level == body.parent.level + 1
    assert Body.objects.filter(parent=None).count() == 1


def test_memberships_follow_the_bodies_rules():
    make()
    chairs = Membership.objects.filter(role=Role.CHAIR).values("body").annotate(n=Count("pk"))
    assert {row["n"] for row in chairs} == {1}
    per_group = (
        Membership.objects.current()
        .filter(body__kind=BodyKind.AREA_MANAGEMENT_GROUP)
        .values("body")
        .annotate(n=Count("pk"))
    )
    assert per_group and max(row["n"] for row in per_group) <= 10
    amg_chairs = Membership.objects.filter(
        role=Role.CHAIR, body__kind=BodyKind.AREA_MANAGEMENT_GROUP
    )
    assert not amg_chairs.filter(Q(organisation=None) | Q(organisation__is_council=True)).exists()


def test_actions_are_owned_rated_and_reported_as_the_services_would():
    make()
    for action in Action.objects.select_related("plan"):
        assert action.owner_is_member(), action
        assert action.due_on <= action.plan.ends_on
        latest = action.updates.order_by("-reported_on", "-pk").first()
        assert action.latest_rag == (latest.rag if latest else "")
    open_red = Action.objects.filter(latest_rag="red", status__in=["not_started", "in_progress"])
    assert open_red.exists()
    assert ExceptionReport.objects.filter(status=ExceptionStatus.OPEN).count() == open_red.count()


def test_no_fund_is_overspent():
    make()
    for fund in Fund.objects.annotate(
        spent=Sum("awards__amount", filter=Q(awards__status__in=["approved", "paid"]))
    ):
        assert (fund.spent or 0) <= fund.amount


def test_a_second_run_with_the_same_prefix_is_refused():
    make()
    with pytest.raises(CommandError, match="already has scale data"):
        make()


@pytest.mark.parametrize("bad", [["--bodies=0"], ["--actions=-1"], ["--actions=0"]])
def test_bad_sizes_are_refused(bad):
    with pytest.raises(CommandError):
        call_command("make_scale_data", *bad)


def query_counts(client) -> dict[str, int]:
    counts = {}
    for name, address in public_pages().items():
        client.get(address)  # PDFs are rendered and stored the first time
        with CaptureQueriesContext(connection) as queries:
            response = client.get(address)
        assert response.status_code == 200, (name, address)
        counts[name] = len(queries)
    return counts


def test_no_public_page_costs_more_queries_with_ten_times_the_data(client, monkeypatch):
    """Every public page type, for an anonymous visitor, on the example data plus scale
    data, then with ten times as much again; and the build of every open-data document
    (its address serves what was built). PDFs are stubbed: WeasyPrint runs no
    queries, and rendering them would only make the test slow."""
    monkeypatch.setattr("pace.core.pdf.html_to_pdf", lambda html, **kwargs: b"%PDF-1.7 stub")
    call_command("load_example_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    make()
    small = query_counts(client)
    small_builds = {name: build_queries(name) for name in documents}
    make(prefix="more", **TEN_TIMES)
    assert Action.objects.count() == 11 * SMALL["actions"] + small_example_actions()
    large = query_counts(client)
    assert large == small
    assert {name: build_queries(name) for name in documents} == small_builds
    assert len(small) == 42


def small_example_actions() -> int:
    return Action.objects.exclude(
        Q(plan__body__slug__startswith="scale-") | Q(plan__body__slug__startswith="more-")
    ).count()
