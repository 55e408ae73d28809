"""A red progress update tells the members of the body the exception report goes to,
through the queue and a real SMTP server: they may see the action, whatever its
privacy; the action's own body, and anyone who has left, are not written to."""

import datetime

import pytest
from django.utils import timezone

from pace.notifications.models import Message
from strategy import services

from ..partnerships import factories as f
from ..strategy import factories as sf
from .conftest import run_worker

pytestmark = pytest.mark.django_db


def _with_address(person, address):
    person.email = address
    person.save()
    return person


def test_a_red_update_mails_the_body_it_is_reported_to(smtp, django_capture_on_commit_callbacks):
    bodies = f.area()
    board_member = _with_address(f.person("Bob Board"), "bob@example.org")
    f.member(bodies["area_board"], board_member)
    left = _with_address(f.person("Lena Left"), "lena@example.org")
    f.member(
        bodies["area_board"],
        left,
        starts_on=datetime.date(2015, 1, 1),
        ends_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    owner = _with_address(f.person("Olive Owner"), "olive@example.org")
    f.member(bodies["amg"], owner)
    action = sf.action(
        sf.plan(bodies["amg"]), owner, is_public=False, title="Private costing of the hub"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.progress_update_post(action=action, rag="green", narrative="Fine")
    assert not Message.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.progress_update_post(action=action, rag="red", narrative="Stalled")
    run_worker()
    assert smtp.to() == ["bob@example.org"]
    (mail,) = smtp.messages
    assert "Private costing of the hub" in mail["Subject"]
    text = next(p for p in mail.walk() if p.get_content_type() == "text/plain")
    assert f"/actions/{action.pk}/" in text.get_payload(decode=True).decode()
    # A second red update while the report is open opens no report and sends nothing.
    with django_capture_on_commit_callbacks(execute=True):
        services.progress_update_post(action=action, rag="red", narrative="Still stalled")
    run_worker()
    assert len(smtp.messages) == 1
