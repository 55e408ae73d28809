"""The other doors to the decision log: the admin (which writes through the
services), the cabinet report whose "decision taken" is read from the log, and the
migration of the decisions once kept as text on agenda items and reports."""

import datetime

import pytest
from django.utils import timezone

from pace.reports import services as report_services
from partnerships import services
from partnerships.models import AgendaItem, Decision, Meeting
from tests.partnerships import factories as f
from tests.reports import factories as rf


@pytest.fixture
def meetings(db):
    board = f.area()["area_board"]
    when = timezone.now() - datetime.timedelta(days=7)
    held = Meeting.objects.create(body=board, title="Spring", starts_at=when, status="held")
    other = Meeting.objects.create(
        body=board, title="Winter", starts_at=when - datetime.timedelta(days=60), status="held"
    )
    return {
        "held": held,
        "item": AgendaItem.objects.create(meeting=held, position=1, title="Parks"),
        "other_item": AgendaItem.objects.create(meeting=other, position=1, title="Budget"),
    }


def _post(meetings, **fields) -> dict:
    return {
        "meeting": meetings["held"].pk,
        "agenda_item": meetings["item"].pk,
        "decision_maker": "",
        "decided_on": "",
        "title": "Parks strategy",
        "text": "Agreed the parks strategy.",
        "reasons": "",
        "report": "",
        "votes_for": "8",
        "votes_against": "1",
        "abstentions": "",
        **fields,
    }


def test_the_admin_refuses_an_item_of_another_meeting_on_its_field(client, meetings):
    client.force_login(f.officer())
    url = f"/admin/partnerships/decision/add/?meeting={meetings['held'].pk}"
    response = client.post(url, _post(meetings, agenda_item=meetings["other_item"].pk))
    assert response.status_code == 200
    # Only the meeting's own items are offered; one sent anyway is refused.
    assert "Select a valid choice" in response.text
    assert not Decision.objects.exists()


def test_the_admin_records_a_decision_with_its_priorities(client, meetings):
    client.force_login(f.officer())
    strategy = rf.strategy(priorities=2)
    first = strategy.priorities.order_by("position").first()
    url = f"/admin/partnerships/decision/add/?meeting={meetings['held'].pk}"
    assert client.get(url).status_code == 200
    response = client.post(url, _post(meetings, priorities=[first.pk]))
    assert response.status_code == 302, response.context["adminform"].form.errors
    decision = Decision.objects.get()
    assert decision.decided_on == timezone.localdate(meetings["held"].starts_at)
    assert list(decision.priorities.all()) == [first]
    assert (decision.votes_for, decision.votes_against) == (8, 1)
    change = client.get(f"/admin/partnerships/decision/{decision.pk}/change/")
    assert change.status_code == 200
    # A vote half given is refused on its field, and the record is unchanged.
    response = client.post(
        f"/admin/partnerships/decision/{decision.pk}/change/",
        _post(meetings, votes_against="", priorities=[first.pk]),
    )
    assert response.status_code == 200
    assert "votes_against" in response.context["adminform"].form.errors
    decision.refresh_from_db()
    assert decision.votes_against == 1


def test_the_forward_plan_in_the_admin(client, meetings):
    client.force_login(f.officer())
    body = meetings["held"].body
    response = client.post(
        "/admin/partnerships/forwardplanentry/add/",
        {
            "body": body.pk,
            "title": "Leisure contract",
            "summary": "Award it.",
            "expected_on": "2099-01-01",
            "meeting": "",
            "papers_expected": "",
            "is_private": "on",
            "private_reason": "",
            "contact": "",
            "decision": "",
        },
    )
    assert response.status_code == 200
    assert "Say why the decision will be taken in private." in response.text
    assert client.get("/admin/partnerships/forwardplanentry/").status_code == 200


@pytest.mark.django_db
def test_the_cabinet_reports_decision_taken_is_read_from_the_log(client):
    report = rf.report(status="draft")
    report_services.cabinet_report_publish(report=report)
    page = client.get(report.get_absolute_url()).text
    assert "Decision taken" not in page
    (laid,) = report_services.report_versions(report)
    decision = services.decision_record(
        decision=Decision(
            decision_maker="Cabinet",
            decided_on=report.meeting_on,
            title=report.title,
            text="That Cabinet agrees the three recommendations.",
            report=laid,
        )
    )
    page = client.get(report.get_absolute_url()).text
    assert "Decision taken" in page and "That Cabinet agrees the three recommendations." in page
    assert decision.get_absolute_url() in page
    # The report as laid is unchanged: still one version, its text as published.
    assert [v.number for v in report_services.report_versions(report)] == [1]
    assert "three recommendations" not in laid.html
    entry = client.get(decision.get_absolute_url()).text
    assert f"/reports/{report.pk}/versions/1/" in entry and "Cabinet" in entry


@pytest.mark.django_db(transaction=True)
def test_decisions_kept_as_text_become_records_of_the_log():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [
        ("partnerships", "0012_decisions_and_forward_plan"),
        ("reports", "0003_annual_reports"),
    ]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    Body = apps.get_model("partnerships", "Body")
    body = Body.objects.create(
        name="Leaders", slug="leaders", kind="leaders_board", lft=1, rght=2, tree_id=1, level=0
    )
    meeting = apps.get_model("partnerships", "Meeting").objects.create(
        body=body,
        title="September",
        starts_at=datetime.datetime(2016, 9, 21, 9, tzinfo=datetime.UTC),
    )
    Item = apps.get_model("partnerships", "AgendaItem")
    Item.objects.create(meeting=meeting, position=1, title="Refresh", decision="Agreed the plan.")
    Item.objects.create(meeting=meeting, position=2, title="Noted", decision="")
    apps.get_model("reports", "CabinetReport").objects.create(
        committee="Cabinet",
        meeting_on=datetime.date(2016, 7, 12),
        title="Partnerships",
        report_of="Head of Communities",
        portfolio_holder="Cllr",
        contact_name="S",
        contact_designation="Head",
        decision="Agreed all three.",
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    decisions = {d.title: d for d in Decision.objects.all()}
    assert set(decisions) == {"Refresh", "Partnerships"}
    assert decisions["Refresh"].text == "Agreed the plan."
    assert decisions["Refresh"].decided_on == datetime.date(2016, 9, 21)
    assert decisions["Refresh"].agenda_item.title == "Refresh"
    assert decisions["Partnerships"].decision_maker == "Cabinet"
    assert decisions["Partnerships"].decided_on == datetime.date(2016, 7, 12)
