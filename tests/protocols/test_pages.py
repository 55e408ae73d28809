"""The public pages and forms, the members' cases page and the officers' admin, for
each role of the permission matrix: anonymous, a member of the body a complaint is
routed to, a member of another body, an officer, an officer trusted with
whistle-blowing, a superuser."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pace.protocols import services
from pace.protocols.models import CaseStatus, Complaint, Dispute, WhistleblowingReport
from partnerships.models import Decision

from .conftest import terms

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "routed_member", "other_member", "officer", "wb_officer", "superuser"]
C_MARK = "COMPLAINT-MARK-4401"
C_NAME = "COMPLAINANT-NAME-4402"
W_MARK = "WHISTLE-MARK-4403"
D_MARK = "DISPUTE-MARK-4404"

GOOD = {
    "about_body": "",
    "summary": "The agenda was late",
    "details": "Published the night before the meeting.",
    "name": "Ann Resident",
    "email": "ann@example.org",
}


@pytest.fixture
def records(tree, people):
    terms(tree["area_board"], receives_complaints=True, receives_whistleblowing=True)
    complaint = services.complaint_receive(
        about_body=tree["amg"],
        summary=C_MARK,
        details=f"{C_MARK} details",
        name=C_NAME,
        email="c.sender@example.org",
        client=None,
    )
    report = services.whistleblowing_receive(
        about_body=tree["amg"], summary=W_MARK, details=W_MARK, name=W_MARK, client=None
    )
    dispute = services.dispute_refer(
        body_a=tree["thematic"],
        body_b=tree["amg"],
        subject=D_MARK,
        position_a=D_MARK,
        position_b=D_MARK,
    )
    return {"complaint": complaint, "report": report, "dispute": dispute}


def client_for(people, role) -> Client:
    client = Client()
    if people[role] is not None:
        client.force_login(people[role])
    return client


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "url",
    [
        "/complaints/",
        "/complaints/new/",
        "/whistleblowing/new/",
        "/complaints/received/",
        "/whistleblowing/received/",
    ],
)
def test_the_public_pages_are_open_to_all_and_list_nothing(records, people, role, url):
    page = client_for(people, role).get(url)
    assert page.status_code == 200
    text = page.content.decode()
    for mark in (C_MARK, C_NAME, W_MARK, D_MARK):
        assert mark not in text


@pytest.mark.parametrize("role", ROLES)
def test_the_cases_page_shows_each_role_what_is_theirs(records, people, role):
    page = client_for(people, role).get("/complaints/cases/")
    if role == "anonymous":
        assert page.status_code == 302
        assert page["Location"].startswith(reverse("login"))
        return
    assert page.status_code == 200
    text = page.content.decode()
    complaint, dispute = {
        "routed_member": (True, False),
        "other_member": (False, True),
        "officer": (True, True),
        "wb_officer": (True, True),
        "superuser": (True, True),
    }[role]
    assert (C_MARK in text) is complaint
    assert (D_MARK in text) is dispute
    assert W_MARK not in text
    # The sender's name and address are for officers writing to them, in the admin.
    assert C_NAME not in text and "c.sender@example.org" not in text


def test_a_membership_that_ended_shows_nothing_today(records, people):
    from partnerships.models import Membership

    user = people["routed_member"]
    Membership.objects.filter(person__user=user).update(
        ends_on=timezone.localdate().replace(year=2021)
    )
    page = client_for(people, "routed_member").get("/complaints/cases/")
    assert C_MARK not in page.content.decode()


def test_the_cases_page_costs_the_same_however_many(
    records, people, tree, django_assert_num_queries
):
    client = client_for(people, "routed_member")
    with django_assert_num_queries(5):
        client.get("/complaints/cases/")
    for n in range(3):
        services.complaint_receive(
            about_body=tree["area_board"],
            summary=f"More {n}",
            details="D",
            name="N",
            email=f"n{n}@example.org",
            client=None,
        )
    with django_assert_num_queries(5):
        page = client.get("/complaints/cases/")
    assert page.content.decode().count('govuk-summary-card__title"') == 4


def _admin_urls(records) -> dict[str, list[str]]:
    urls = {}
    for key, model in (
        ("complaint", Complaint),
        ("report", WhistleblowingReport),
        ("dispute", Dispute),
    ):
        name = f"admin:protocols_{model._meta.model_name}"
        pk = records[key].pk
        urls[key] = [
            reverse(f"{name}_changelist"),
            reverse(f"{name}_change", args=[pk]),
            reverse(f"{name}_history", args=[pk]),
        ]
    return urls


ADMIN_SEES = {
    "officer": {"complaint": 200, "report": 403, "dispute": 200},
    "wb_officer": {"complaint": 200, "report": 200, "dispute": 200},
    "superuser": {"complaint": 200, "report": 200, "dispute": 200},
}


@pytest.mark.parametrize("role", ROLES)
def test_the_admin_pages_for_each_role(records, people, role):
    client = client_for(people, role)
    for key, urls in _admin_urls(records).items():
        for url in urls:
            page = client.get(url)
            if role in ADMIN_SEES:
                assert page.status_code == ADMIN_SEES[role][key], (role, url)
            else:  # not staff: sent to the admin's sign-in
                assert page.status_code == 302, (role, url)
                assert "/admin/login/" in page["Location"]
            if page.status_code != 200 or key != "report":
                assert W_MARK not in page.content.decode()
    index = client.get("/admin/").content.decode()
    assert ("whistleblowingreport" in index) is (role in ("wb_officer", "superuser"))


def test_the_officer_without_the_permission_cannot_change_a_report(records, people):
    client = client_for(people, "officer")
    url = reverse("admin:protocols_whistleblowingreport_change", args=[records["report"].pk])
    page = client.post(
        url, {"routed_to": records["report"].routed_to_id, "status": "withdrawn", "outcome": "x"}
    )
    assert page.status_code == 403
    assert WhistleblowingReport.objects.get().status == CaseStatus.RECEIVED


def test_officers_close_a_complaint_in_the_admin_through_the_service(records, people):
    client = client_for(people, "officer")
    complaint = records["complaint"]
    url = reverse("admin:protocols_complaint_change", args=[complaint.pk])
    data = {"routed_to": complaint.routed_to_id, "status": "upheld", "outcome": ""}
    page = client.post(url, data)
    assert page.status_code == 200
    assert "Give the outcome" in page.content.decode()
    data["outcome"] = "We apologised."
    assert client.post(url, data).status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == CaseStatus.UPHELD
    assert complaint.closed_on == timezone.localdate()
    # Nobody adds or deletes a complaint in the admin.
    assert client.get(reverse("admin:protocols_complaint_add")).status_code == 403
    assert (
        client.get(reverse("admin:protocols_complaint_delete", args=[complaint.pk])).status_code
        == 403
    )


def test_officers_refer_and_decide_a_dispute_in_the_admin(records, people, tree):
    client = client_for(people, "officer")
    today = timezone.localdate()
    page = client.post(
        reverse("admin:protocols_dispute_add"),
        {
            "body_a": tree["area_board"].pk,
            "body_b": tree["thematic"].pk,
            "subject": "Shared venue",
            "position_a": "Ours",
            "position_b": "Theirs",
            "referred_on": today.isoformat(),
            "status": "referred",
            "decision": "",
            "decided_on": "",
        },
    )
    assert page.status_code == 302, page.content.decode()[:2000]
    dispute = Dispute.objects.get(subject="Shared venue")
    assert dispute.referred_to == tree["leaders"] and dispute.reference.startswith("D")
    url = reverse("admin:protocols_dispute_change", args=[dispute.pk])
    data = {
        "body_a": tree["area_board"].pk,
        "body_b": tree["thematic"].pk,
        "subject": "Shared venue",
        "position_a": "Ours",
        "position_b": "Theirs",
        "referred_on": today.isoformat(),
        "status": "decided",
        "decision": "",
        "decided_on": today.isoformat(),
        "publish_decision": "on",
    }
    page = client.post(url, data)
    assert (
        page.status_code == 200 and "Give what the Leaders Board decided." in page.content.decode()
    )
    data["decision"] = "Alternate months"
    assert client.post(url, data).status_code == 302
    dispute.refresh_from_db()
    assert dispute.status == "decided" and dispute.decision_record.text == "Alternate months"
    assert Decision.objects.public().filter(pk=dispute.decision_record_id).exists()


def test_a_resident_complains_and_sees_nothing_of_it_again(tree, people):
    client = Client(enforce_csrf_checks=False)
    page = client.post("/complaints/new/", {**GOOD, "about_body": tree["amg"].pk})
    assert page.status_code == 302 and page["Location"] == "/complaints/received/"
    complaint = Complaint.objects.get()
    assert complaint.about_body == tree["amg"] and complaint.routed_to == tree["leaders"]
    received = client.get(page["Location"]).content.decode()
    assert "Complaint received" in received
    for sent in (
        GOOD["summary"],
        GOOD["details"],
        GOOD["name"],
        GOOD["email"],
        complaint.reference,
    ):
        assert sent not in received


def test_a_resident_reports_anonymously(tree, people):
    page = Client().post("/whistleblowing/new/", {**GOOD, "name": "", "email": ""})
    assert page["Location"] == "/whistleblowing/received/"
    report = WhistleblowingReport.objects.get()
    assert (report.name, report.email) == ("", "")


def test_bad_input_shows_the_error_summary_and_saves_nothing(tree, people):
    page = Client().post(
        "/complaints/new/", {**GOOD, "summary": "", "email": "nope", "about_body": "99999"}
    )
    assert page.status_code == 400
    text = page.content.decode()
    assert "There is a problem" in text
    assert 'href="#id_summary">Enter a summary in a sentence.' in text
    assert 'href="#id_email">Enter an e-mail address in the right form' in text
    assert 'href="#id_about_body">Choose a body from the list.' in text
    assert "<title>Error: Make a complaint" in text
    assert not Complaint.objects.exists()


def test_the_forms_need_the_csrf_token(tree, people):
    client = Client(enforce_csrf_checks=True)
    assert client.post("/complaints/new/", GOOD).status_code == 403
    assert client.post("/whistleblowing/new/", GOOD).status_code == 403
    assert not Complaint.objects.exists() and not WhistleblowingReport.objects.exists()


def test_the_honeypot_answers_as_if_it_worked_and_saves_nothing(tree, people):
    page = Client().post("/complaints/new/", {**GOOD, "website": "http://spam.example"})
    assert page["Location"] == "/complaints/received/"
    assert not Complaint.objects.exists()


def test_a_flood_from_one_client_is_refused_with_a_message(tree, people, settings):
    settings.PACE_PROTOCOLS_PER_CLIENT_PER_HOUR = 2
    client = Client()
    for _ in range(2):
        assert client.post("/whistleblowing/new/", {**GOOD, "email": ""}).status_code == 302
    page = client.post("/whistleblowing/new/", {**GOOD, "email": ""})
    assert page.status_code == 429
    assert "Too many requests from your connection" in page.content.decode()
    assert WhistleblowingReport.objects.count() == 2


def test_one_address_is_limited_per_day(tree, people, settings):
    settings.PACE_PROTOCOLS_PER_ADDRESS_PER_DAY = 1
    assert Client().post("/complaints/new/", GOOD).status_code == 302
    page = Client(REMOTE_ADDR="10.0.0.9").post("/complaints/new/", GOOD)
    assert page.status_code == 429
    assert "This address has been used several times today" in page.content.decode()
    assert Complaint.objects.count() == 1


@pytest.mark.parametrize(
    "value", ["\x00", "<script>alert(1)</script>", "x" * 6000, "😀" * 10, "' OR 1=1 --"]
)
def test_nasty_input_gets_a_message_never_a_server_error(tree, people, value):
    page = Client().post("/complaints/new/", {**GOOD, "details": value, "about_body": value})
    assert page.status_code in (302, 400)
    assert "<script>alert(1)</script>" not in page.content.decode()
