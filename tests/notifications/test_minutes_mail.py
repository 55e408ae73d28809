"""Approving minutes tells the body's members by e-mail, through the task queue and
a real SMTP server: exactly the members of the day, each once, with a plain-text and
an HTML part and a stable Message-ID; a failing server is retried, then the message
is marked failed with its error, for officers to see."""

import datetime

import pytest
from django.utils import timezone

from pace.notifications.models import Message, MessageStatus
from pace.notifications.tasks import MAX_ATTEMPTS
from partnerships import services
from partnerships.models import Meeting

from ..partnerships import factories as f
from .conftest import run_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    bodies = f.area()
    amg = bodies["amg"]
    current = f.person("Carla Current")
    current.email = "carla@example.org"
    current.save()
    f.member(amg, current)
    former = f.person("Fred Former")
    former.email = "fred@example.org"
    former.save()
    f.member(
        amg,
        former,
        starts_on=datetime.date(2015, 1, 1),
        ends_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    elsewhere = f.person("Otto Other")
    elsewhere.email = "otto@example.org"
    elsewhere.save()
    f.member(bodies["area_board"], elsewhere)
    return Meeting.objects.create(
        body=amg, title="Management group", starts_at=timezone.now(), is_public=True
    )


def test_approving_minutes_mails_the_members_of_the_day_once(
    smtp, meeting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_minutes_approve(meeting=meeting)
    assert smtp.messages == []  # nothing leaves in the request: the worker sends it
    run_worker()
    assert smtp.to() == ["carla@example.org"]
    (mail,) = smtp.messages
    assert mail["Subject"] == f"Minutes published: Management group, {meeting.body.name}"
    assert mail["Message-ID"] == Message.objects.get().message_id
    parts = {part.get_content_type(): part for part in mail.walk()}
    assert "are approved and published" in parts["text/plain"].get_payload(decode=True).decode()
    assert (
        f"/meetings/{meeting.pk}/#minutes" in parts["text/html"].get_payload(decode=True).decode()
    )
    # Approved again (it cannot be unapproved, but the service may be called twice):
    # nothing more is sent.
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_minutes_approve(meeting=meeting)
    run_worker()
    assert len(smtp.messages) == 1
    assert Message.objects.get().status == MessageStatus.SENT


def test_a_failing_server_is_retried_then_the_failure_is_kept(
    smtp, meeting, django_capture_on_commit_callbacks, monkeypatch
):
    from pace.notifications import tasks

    # No waiting between attempts in the test: the back-off is what the worker obeys.
    monkeypatch.setattr(tasks, "_wait_before", lambda attempt: datetime.timedelta(0))
    smtp.refuse = True
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_minutes_approve(meeting=meeting)
    for _ in range(MAX_ATTEMPTS):
        with django_capture_on_commit_callbacks(execute=True):
            run_worker()
    message = Message.objects.get()
    assert message.status == MessageStatus.FAILED and message.attempts == MAX_ATTEMPTS
    assert "451" in message.last_error
    assert smtp.messages == []
