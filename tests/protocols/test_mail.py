"""What the protocols send, read from the outbox (``notifications.Message``): the
sender gets only their reference in the site's words; officers who handle complaints
get the summary and a link to the admin; the routed body's members only that a
complaint came, never its text; a whistle-blowing report is announced only to the
officers who may read it, with nothing of it but the link. Nothing leaves in the
request: delivery is queued for when the transaction commits."""

import pytest
from django.utils import timezone

from pace.notifications.models import Message
from pace.protocols import services
from pace.protocols.models import CaseStatus

from .conftest import terms

pytestmark = pytest.mark.django_db

SECRET_DETAILS = "DETAILS-MARKER-7731"
SECRET_SUMMARY = "SUMMARY-MARKER-5512"


def _by_address() -> dict[str, list[Message]]:
    found: dict[str, list[Message]] = {}
    for message in Message.objects.order_by("pk"):
        found.setdefault(message.to, []).append(message)
    return found


def _text(message: Message) -> str:
    return f"{message.subject}\n{message.text}\n{message.html}"


def test_a_complaint_tells_the_sender_officers_and_the_routed_body(
    tree, people, django_capture_on_commit_callbacks
):
    terms(tree["area_board"], receives_complaints=True)
    with django_capture_on_commit_callbacks() as callbacks:
        complaint = services.complaint_receive(
            about_body=tree["amg"],
            summary=SECRET_SUMMARY,
            details=SECRET_DETAILS,
            name="Ann",
            email="ann@example.org",
            client=None,
        )
    assert callbacks  # delivery is queued for the worker, after the commit
    sent = _by_address()
    # The sender: the reference, none of what they wrote.
    (ack,) = sent.pop("ann@example.org")
    assert complaint.reference in ack.text and complaint.reference in ack.html
    assert SECRET_SUMMARY not in _text(ack) and SECRET_DETAILS not in _text(ack)
    # Officers holding the complaint permissions: the summary and the admin link.
    for officer in ("officer@example.org", "wb.officer@example.org", "root@example.org"):
        (notice,) = sent.pop(officer)
        assert SECRET_SUMMARY in notice.text
        assert SECRET_DETAILS not in _text(notice)
        assert f"/admin/protocols/complaint/{complaint.pk}/change/" in notice.text
        assert notice.audience == "protocols:complaint"
    # The routed body's member: that it came, and where to read it.
    (member,) = sent.pop("rita@example.org")
    assert "/complaints/cases/" in member.text
    assert SECRET_SUMMARY not in _text(member) and SECRET_DETAILS not in _text(member)
    # Nobody else (the member of the thematic board is told nothing).
    assert sent == {}


def test_a_whistleblowing_report_is_announced_only_to_its_officers(
    tree, people, django_capture_on_commit_callbacks
):
    terms(tree["area_board"], receives_complaints=True, receives_whistleblowing=True)
    with django_capture_on_commit_callbacks():
        report = services.whistleblowing_receive(
            about_body=tree["amg"],
            summary=SECRET_SUMMARY,
            details=SECRET_DETAILS,
            name="Whistler",
            email="whistler@example.org",
            client=None,
        )
    sent = _by_address()
    # Not even the whistle-blower: the outbox, which every officer reads, would name them.
    assert set(sent) == {"wb.officer@example.org", "root@example.org"}
    for address in sent:
        (notice,) = sent[address]
        assert notice.subject == "A whistle-blowing report has arrived"
        assert notice.audience == "protocols:whistleblowing"
        assert f"/admin/protocols/whistleblowingreport/{report.pk}/change/" in notice.text
        for secret in (SECRET_SUMMARY, SECRET_DETAILS, "Whistler", "whistler@", report.reference):
            assert secret not in _text(notice)
    # Closed: still nothing to the whistle-blower.
    Message.objects.all().delete()
    services.case_close(case=report, status=CaseStatus.UPHELD, outcome="Acted on.")
    assert not Message.objects.exists()


def test_an_anonymous_report_tells_only_its_officers(tree, people):
    services.whistleblowing_receive(about_body=None, summary="S", details="D", client=None)
    assert set(_by_address()) == {"wb.officer@example.org", "root@example.org"}


def test_the_audiences_are_checked_again_when_sending(tree, people):
    from pace.notifications.audiences import audience_holds

    today = timezone.localdate()
    assert audience_holds("protocols:complaint", "officer@example.org", today)
    assert audience_holds("protocols:whistleblowing", "wb.officer@example.org", today)
    assert not audience_holds("protocols:whistleblowing", "officer@example.org", today)
    assert not audience_holds("protocols:complaint", "rita@example.org", today)
    assert not audience_holds("protocols:other", "officer@example.org", today)


def test_the_sender_is_told_the_outcome_once(tree, people):
    complaint = services.complaint_receive(
        about_body=None, summary="S", details="D", name="Ann", email="ann@example.org", client=None
    )
    Message.objects.all().delete()
    services.case_update(case=complaint, status=CaseStatus.INVESTIGATING)
    assert not Message.objects.exists()
    services.case_close(case=complaint, status=CaseStatus.UPHELD, outcome="We apologised.")
    (closed,) = Message.objects.all()
    assert closed.to == "ann@example.org"
    assert "upheld" in closed.text and "We apologised." in closed.text


def test_a_dispute_tells_the_leaders_board_without_either_position(tree, people):
    from .conftest import login_member

    login_member(tree["leaders"], "Lee Leader", "lee@example.org")
    services.dispute_refer(
        body_a=tree["thematic"],
        body_b=tree["area_board"],
        subject="Who pays",
        position_a="POSITION-A",
        position_b="POSITION-B",
    )
    (message,) = Message.objects.all()
    assert message.to == "lee@example.org"
    assert "POSITION" not in _text(message)
