"""Receiving, handling and closing complaints and whistle-blowing reports; referring
disputes and recording the Leaders Board's decision; forgetting who sent what."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from pace.protocols import services
from pace.protocols.models import (
    CaseStatus,
    Complaint,
    Dispute,
    DisputeStatus,
    WhistleblowingReport,
)
from partnerships.models import Decision

from .conftest import terms

pytestmark = pytest.mark.django_db

GOOD = {
    "summary": "The meeting started without notice.",
    "details": "The agenda was published the night before.",
    "name": "Ann Resident",
    "email": "Ann@Example.org ",
}


def complaint(tree, **changes):
    return services.complaint_receive(
        about_body=changes.pop("about_body", tree["amg"]), client=None, **{**GOOD, **changes}
    )


def test_a_complaint_is_received_routed_and_waits(tree):
    terms(tree["area_board"], receives_complaints=True)
    received = complaint(tree)
    assert received.status == CaseStatus.RECEIVED
    assert received.routed_to == tree["area_board"]
    assert received.email == "ann@example.org"
    assert received.reference.startswith("C") and len(received.reference) == 9
    assert received.received_on == timezone.localdate()


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("summary", "", "Enter a summary in a sentence."),
        ("details", " ", "Enter the details."),
        ("name", "", "Enter your name."),
        ("email", "", "Enter your e-mail address."),
        ("email", "nope", "Enter an e-mail address in the right form, like name@example.com."),
        ("summary", "x" * 201, "Ensure this value has at most 200 characters (it has 201)."),
    ],
)
def test_bad_input_is_refused_on_its_field_and_nothing_is_saved(tree, field, value, message):
    with pytest.raises(ValidationError) as raised:
        complaint(tree, **{field: value})
    assert message in raised.value.message_dict[field]
    assert not Complaint.objects.exists()


def test_every_field_is_reported_at_once(tree):
    with pytest.raises(ValidationError) as raised:
        services.complaint_receive(
            about_body=None, summary="", details="", name="", email="", client=None
        )
    assert set(raised.value.message_dict) == {"summary", "details", "name", "email"}


def test_a_whistleblowing_report_may_be_anonymous(tree):
    terms(tree["amg"], receives_whistleblowing=True)
    report = services.whistleblowing_receive(
        about_body=tree["amg"], summary="A concern", details="Details", client=None
    )
    assert (report.name, report.email) == ("", "")
    assert report.routed_to == tree["amg"]
    assert report.reference.startswith("W")
    with pytest.raises(ValidationError) as raised:
        services.whistleblowing_receive(
            about_body=None, summary="A concern", details="Details", email="bad", client=None
        )
    assert "email" in raised.value.message_dict
    assert WhistleblowingReport.objects.count() == 1


def test_closing_needs_an_outcome_and_sets_the_day(tree):
    received = complaint(tree)
    with pytest.raises(ValidationError) as raised:
        services.case_close(case=received, status=CaseStatus.UPHELD, outcome=" ")
    assert raised.value.message_dict["outcome"] == [
        "Give the outcome: a case is closed with what was found and done."
    ]
    received.refresh_from_db()
    assert received.status == CaseStatus.RECEIVED
    with pytest.raises(ValidationError) as raised:
        services.case_close(case=received, status=CaseStatus.INVESTIGATING, outcome="x")
    assert "status" in raised.value.message_dict
    closed = services.case_close(
        case=received, status=CaseStatus.PARTLY_UPHELD, outcome="We apologised."
    )
    assert closed.closed_on == timezone.localdate()
    reopened = services.case_update(case=closed, status=CaseStatus.INVESTIGATING, outcome="")
    assert reopened.closed_on is None


def test_the_database_refuses_a_closed_case_without_an_outcome(tree):
    received = complaint(tree)
    with pytest.raises(IntegrityError), transaction.atomic():
        Complaint.objects.filter(pk=received.pk).update(
            status=CaseStatus.UPHELD, closed_on=timezone.localdate()
        )


def test_a_case_can_be_routed_elsewhere(tree):
    received = complaint(tree)
    moved = services.case_update(
        case=received, status=CaseStatus.INVESTIGATING, routed_to=tree["thematic"]
    )
    assert moved.routed_to == tree["thematic"]


def test_senders_are_forgotten_after_the_retention_period(tree, settings):
    settings.PACE_PROTOCOLS_KEEP_DAYS = 30
    old = complaint(tree)
    services.case_close(case=old, status=CaseStatus.NOT_UPHELD, outcome="No fault found.")
    Complaint.objects.filter(pk=old.pk).update(
        closed_on=timezone.localdate() - datetime.timedelta(days=31)
    )
    recent = complaint(tree, email="b@example.org")
    services.case_close(case=recent, status=CaseStatus.UPHELD, outcome="Sorry.")
    still_open = complaint(tree, email="c@example.org")
    report = services.whistleblowing_receive(
        about_body=None, summary="S", details="D", name="Wendy", email="w@example.org", client=None
    )
    services.case_close(case=report, status=CaseStatus.UPHELD, outcome="Acted on.")
    WhistleblowingReport.objects.filter(pk=report.pk).update(
        closed_on=timezone.localdate() - datetime.timedelta(days=40)
    )
    assert services.cases_forget_people() == 2
    old.refresh_from_db()
    assert (old.name, old.email, old.people_forgotten) == ("", "", True)
    assert old.outcome == "No fault found." and old.summary == GOOD["summary"]
    report.refresh_from_db()
    assert (report.name, report.email) == ("", "")
    for kept in (recent, still_open):
        kept.refresh_from_db()
        assert kept.email and kept.name
    # The history never kept them.
    assert not hasattr(Complaint.history.model, "email")
    assert not hasattr(WhistleblowingReport.history.model, "name")
    assert services.cases_forget_people() == 0


def test_the_daily_duty_forgets_them(tree, settings):
    from pace.notifications.schedule import duty_specs

    settings.PACE_PROTOCOLS_KEEP_DAYS = 0
    old = complaint(tree)
    services.case_close(case=old, status=CaseStatus.UPHELD, outcome="Sorry.")
    spec = duty_specs()["forget complainants' names and addresses"]
    assert spec.run(timezone.localdate() + datetime.timedelta(days=1)) == "1 senders forgotten"


def dispute(tree, **changes):
    return services.dispute_refer(
        **{
            "body_a": tree["thematic"],
            "body_b": tree["area_board"],
            "subject": "Who pays",
            "position_a": "They should",
            "position_b": "No, they should",
            **changes,
        }
    )


def test_a_dispute_is_referred_to_the_leaders_board(tree):
    referred = dispute(tree)
    assert referred.referred_to == tree["leaders"]
    assert referred.status == DisputeStatus.REFERRED
    assert referred.reference.startswith("D")


def test_a_dispute_is_between_two_bodies(tree):
    with pytest.raises(ValidationError) as raised:
        dispute(tree, body_b=tree["thematic"])
    assert "body_b" in raised.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        Dispute.objects.create(
            reference="DX",
            body_a=tree["thematic"],
            body_b=tree["thematic"],
            subject="s",
            position_a="a",
            position_b="b",
            referred_on=timezone.localdate(),
            referred_to=tree["leaders"],
        )


def test_a_decision_needs_its_text_and_a_date_not_to_come(tree):
    referred = dispute(tree)
    today = timezone.localdate()
    with pytest.raises(ValidationError) as raised:
        services.dispute_decide(dispute=referred, decision="", decided_on=today)
    assert raised.value.message_dict["decision"] == ["Give what the Leaders Board decided."]
    with pytest.raises(ValidationError) as raised:
        services.dispute_decide(
            dispute=referred, decision="Split it", decided_on=today + datetime.timedelta(days=1)
        )
    assert "still to come" in raised.value.message_dict["decided_on"][0]
    with pytest.raises(ValidationError) as raised:
        services.dispute_decide(
            dispute=referred, decision="Split it", decided_on=today - datetime.timedelta(days=9)
        )
    assert "before the dispute was referred" in raised.value.message_dict["decided_on"][0]


def test_an_unpublished_decision_stays_out_of_the_decision_log(tree):
    decided = services.dispute_decide(
        dispute=dispute(tree), decision="Split it", decided_on=timezone.localdate()
    )
    assert decided.status == DisputeStatus.DECIDED
    assert decided.decision_record is None
    assert not Decision.objects.exists()


def test_a_published_decision_is_in_the_log_without_either_position(tree):
    decided = services.dispute_decide(
        dispute=dispute(tree, position_a="POSITION-A-SECRET"),
        decision="Split it equally",
        decided_on=timezone.localdate(),
        publish=True,
    )
    record = Decision.objects.public().get()
    assert decided.decision_record == record
    assert record.decided_by == tree["leaders"].name
    assert record.text == "Split it equally"
    assert "Health Board" in record.title and tree["area_board"].name in record.title
    assert "POSITION-A-SECRET" not in f"{record.title} {record.text} {record.reasons}"
    # Changed later: the log's entry is corrected, not duplicated.
    services.dispute_decide(
        dispute=decided, decision="Split it 60:40", decided_on=timezone.localdate()
    )
    assert Decision.objects.get().text == "Split it 60:40"


def test_a_withdrawn_dispute_is_not_decided_and_a_decided_one_not_withdrawn(tree):
    withdrawn = services.dispute_withdraw(dispute=dispute(tree))
    with pytest.raises(ValidationError):
        services.dispute_decide(dispute=withdrawn, decision="x", decided_on=timezone.localdate())
    decided = services.dispute_decide(
        dispute=dispute(tree), decision="x", decided_on=timezone.localdate()
    )
    with pytest.raises(ValidationError):
        services.dispute_withdraw(dispute=decided)
