"""Residents' alerts, end to end through the pages, the worker and a real SMTP
server: double opt-in (nothing but the confirmation is sent until the link is
followed, and a mail scanner opening the link confirms nothing), an alert with
one-click unsubscribe (RFC 8058) from the header and from the link, the manage
page, and every bad link or bad address answered with a message, nothing changed
and nothing sent."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from pace.notifications.models import Message, Subscription
from partnerships import services
from partnerships.models import Meeting

from ..partnerships import factories as f
from .conftest import addressed, part, run_worker

# Real commits: the pages queue their messages when their transaction commits.
pytestmark = pytest.mark.django_db(transaction=True)

LINK = re.compile(r"http://testserver(/alerts/\w+/[\w:.\-]+/)")


@pytest.fixture
def settings_for_links(settings):
    settings.PACE_SITE_URL = "http://testserver"
    return settings


@pytest.fixture
def area(settings_for_links):
    return f.area()


def _subscribe(client, address: str, topic: str):
    return client.post(reverse("notifications:subscribe"), {"email": address, "topic": topic})


def _link(message, kind: str) -> str:
    paths = [p for p in LINK.findall(part(message, "text/plain")) if f"/alerts/{kind}/" in p]
    assert paths, f"no {kind} link in the message"
    return paths[0]


def _meeting(body, *, public=True):
    return Meeting.objects.create(
        body=body, title="Area Board", starts_at=timezone.now(), is_public=public
    )


def _confirmed(client, smtp, address, topic):
    _subscribe(client, address, topic)
    run_worker()
    confirm = _link(smtp.messages[-1], "confirm")
    client.post(confirm)
    smtp.clear()
    return Subscription.objects.get(email=address, topic=topic)


def test_double_opt_in_then_an_alert_with_one_click_unsubscribe(client, smtp, area):
    topic = f"body:{area['area_board'].slug}"
    page = client.get(reverse("notifications:subscribe"), {"topic": topic})
    assert page.status_code == 200 and area["area_board"].name in page.content.decode()

    answer = _subscribe(client, "Resident@Example.org ", topic)
    assert answer.status_code == 200 and "Check your e-mail" in answer.content.decode()
    run_worker()
    (confirmation,) = smtp.messages
    assert smtp.to() == ["resident@example.org"]
    assert "Confirm your alerts" in confirmation["Subject"]
    assert "List-Unsubscribe" not in confirmation  # nothing to unsubscribe from yet

    # Before the link is followed nothing is sent: minutes published now reach nobody.
    meeting = _meeting(area["area_board"])
    services.meeting_minutes_approve(meeting=meeting)
    run_worker()
    assert len(smtp.messages) == 1

    confirm = _link(confirmation, "confirm")
    opened = client.get(confirm)  # what a mail scanner does: confirms nothing
    assert opened.status_code == 200 and b"Confirm" in opened.content
    assert not Subscription.objects.get().is_confirmed
    done = client.post(confirm)
    assert done.status_code == 200 and b"Alerts confirmed" in done.content
    again = client.post(confirm)  # used twice: says so, changes nothing
    assert again.status_code == 200 and b"already confirmed" in again.content

    smtp.clear()
    services.meeting_agenda_publish(meeting=_meeting(area["area_board"]))
    run_worker()
    (alert,) = smtp.messages
    assert alert["X-Envelope-To"] == "resident@example.org"
    assert alert["Subject"].startswith("Agenda published: Area Board")
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header = re.fullmatch(
        r"<http://testserver(/alerts/unsubscribe/[\w\-]+/)>", alert["List-Unsubscribe"].strip()
    )
    assert header, alert["List-Unsubscribe"]
    assert "/alerts/manage/" in part(alert, "text/html")

    # RFC 8058: the mail program POSTs, with no cookie and no CSRF token.
    csrf_checked = client.__class__(enforce_csrf_checks=True)
    one_click = csrf_checked.post(header.group(1), {"List-Unsubscribe": "One-Click"})
    assert one_click.status_code == 200 and b"Unsubscribed" in one_click.content
    assert not Subscription.objects.exists()
    # The address followed nothing else, so the alerts it was sent are forgotten too.
    assert not Message.objects.filter(to="resident@example.org").exists()

    smtp.clear()
    services.meeting_agenda_publish(meeting=_meeting(area["area_board"]))
    run_worker()
    assert smtp.messages == []


def test_unsubscribing_from_the_link_in_the_message(client, smtp, area):
    topic = f"body:{area['area_board'].slug}"
    _confirmed(client, smtp, "r@example.org", topic)
    services.meeting_minutes_approve(meeting=_meeting(area["area_board"]))
    run_worker()
    link = _link(smtp.messages[0], "unsubscribe")
    page = client.get(link)  # a scanner again: unsubscribes nobody
    assert page.status_code == 200 and Subscription.objects.exists()
    assert client.post(link).status_code == 200
    assert not Subscription.objects.exists()
    gone = client.post(link)  # twice: a clear message, not an error
    assert gone.status_code == 404 and b"already cancelled" in gone.content


def test_only_confirmed_subscribers_of_that_body_and_only_for_public_meetings(client, smtp, area):
    board, amg = area["area_board"], area["amg"]
    _confirmed(client, smtp, "board-follower@example.org", f"body:{board.slug}")
    _confirmed(client, smtp, "amg-follower@example.org", f"body:{amg.slug}")
    _subscribe(client, "unconfirmed@example.org", f"body:{board.slug}")
    run_worker()
    smtp.clear()
    member = addressed(f.person("Mo Member"), "mo@example.org")
    f.member(board, member)

    services.meeting_minutes_approve(meeting=_meeting(board))
    run_worker()
    assert smtp.to() == ["board-follower@example.org", "mo@example.org"]

    smtp.clear()
    services.meeting_agenda_publish(meeting=_meeting(board, public=False))
    run_worker()
    assert smtp.to() == ["mo@example.org"]  # a private meeting: members only


def test_a_member_who_also_follows_the_body_gets_one_message(client, smtp, area):
    board = area["area_board"]
    f.member(board, addressed(f.person("Both Ways"), "both@example.org"))
    _confirmed(client, smtp, "both@example.org", f"body:{board.slug}")
    services.meeting_minutes_approve(meeting=_meeting(board))
    run_worker()
    assert smtp.to() == ["both@example.org"]


@pytest.mark.parametrize(
    ("address", "topic", "field", "message"),
    [
        ("", "consultations", "email", "Enter your e-mail address"),
        ("not-an-address", "consultations", "email", "in the right form"),
        ("a" * 250 + "@example.org", "consultations", "email", "254 characters or fewer"),
        ("r@example.org\nBcc: victim@example.org", "consultations", "email", "right form"),
    ],
)
def test_bad_addresses_are_refused_on_the_field(
    client, smtp, settings_for_links, address, topic, field, message
):
    answer = _subscribe(client, address, topic)
    assert answer.status_code == 400
    body = answer.content.decode()
    assert message in body and 'id="id_email-error"' in body
    run_worker()
    assert not Subscription.objects.exists() and smtp.messages == []


def test_a_topic_that_does_not_exist_is_refused(client, smtp, settings_for_links):
    for topic in ["", "body:no-such-body", "grants:", "reports:1", "x" * 500]:
        answer = client.get(reverse("notifications:subscribe"), {"topic": topic})
        assert answer.status_code == 404
        assert _subscribe(client, "r@example.org", topic).status_code == 404
    assert not Subscription.objects.exists()


@pytest.mark.parametrize("kind", ["confirm", "unsubscribe"])
def test_tampered_links_say_so_and_change_nothing(client, smtp, area, kind):
    _subscribe(client, "r@example.org", "consultations")
    run_worker()
    link = _link(smtp.messages[0], "confirm").replace("/confirm/", f"/{kind}/")
    for bad in [link[:-5] + "/", link[:-1] + "x" * 300 + "/"]:
        for method in (client.get, client.post):
            answer = method(bad)
            assert answer.status_code in (404, 400)
            assert b"not right" in answer.content
    subscription = Subscription.objects.get()
    assert not subscription.is_confirmed


def test_an_expired_confirmation_link_changes_nothing(client, smtp, area):
    _subscribe(client, "r@example.org", "consultations")
    run_worker()
    confirm = _link(smtp.messages[0], "confirm")
    Subscription.objects.update(created_at=timezone.now() - datetime.timedelta(days=8))
    for method in (client.get, client.post):
        answer = method(confirm)
        assert answer.status_code == 404 and b"expired" in answer.content
    assert not Subscription.objects.get().is_confirmed


def test_one_confirmation_per_address_and_topic_and_the_limits(client, smtp, settings_for_links):
    settings_for_links.PACE_ALERTS_PER_ADDRESS_PER_DAY = 2
    settings_for_links.PACE_ALERTS_PER_CLIENT_PER_HOUR = 6
    amg = f.area()["amg"]
    for _ in range(3):  # asked again and again: one confirmation, same answer
        assert _subscribe(client, "target@example.org", "consultations").status_code == 200
    assert _subscribe(client, "target@example.org", "reports").status_code == 200
    third = _subscribe(client, "target@example.org", f"body:{amg.slug}")
    assert third.status_code == 400 and "try again tomorrow" in third.content.decode()
    run_worker()
    assert smtp.to() == ["target@example.org", "target@example.org"]
    # Now the client has spent its allowance, whatever address it tries.
    for n in range(3):
        _subscribe(client, f"other{n}@example.org", "consultations")
    limited = _subscribe(client, "fresh@example.org", "consultations")
    assert limited.status_code == 400 and "try again in an hour" in limited.content.decode()
    assert not Subscription.objects.filter(email="fresh@example.org").exists()


def test_the_manage_page_lists_and_deletes_everything(client, smtp, area):
    _confirmed(client, smtp, "r@example.org", "consultations")
    _confirmed(client, smtp, "r@example.org", "reports")
    _subscribe(client, "someone-else@example.org", "reports")
    run_worker()
    confirmation = next(
        m for m in smtp.messages if m["X-Envelope-To"] == "someone-else@example.org"
    )
    assert "/alerts/manage/" not in part(confirmation, "text/plain")  # only once confirmed
    manage = client.get(
        reverse(
            "notifications:confirm",
            args=[Subscription.objects.filter(email="r@example.org").first().token],
        )
    )
    manage_path = re.search(r'href="(/alerts/manage/[^"]+/)"', manage.content.decode()).group(1)
    page = client.get(manage_path)
    body = page.content.decode()
    assert page.status_code == 200 and "Consultations" in body and "Reports" in body
    assert "someone-else" not in body
    tampered = client.get(manage_path.replace("/manage/", "/manage/x"))
    assert tampered.status_code == 400 and b"not right" in tampered.content
    deleted = client.post(manage_path)
    assert deleted.status_code == 200 and b"Alerts deleted" in deleted.content
    assert list(Subscription.objects.values_list("email", flat=True)) == [
        "someone-else@example.org"
    ]
    assert not Message.objects.filter(to="r@example.org").exists()


def test_an_address_the_server_refuses_is_stopped(client, smtp, area):
    from pace.notifications.models import MessageStatus, Suppression

    _confirmed(client, smtp, "gone@example.org", f"body:{area['area_board'].slug}")
    _confirmed(client, smtp, "here@example.org", f"body:{area['area_board'].slug}")
    smtp.unknown.add("gone@example.org")
    services.meeting_minutes_approve(meeting=_meeting(area["area_board"]))
    run_worker()
    assert smtp.to() == ["here@example.org"]
    refused = Message.objects.get(to="gone@example.org", topic__startswith="minutes:")
    assert refused.status == MessageStatus.FAILED and refused.attempts == 1  # not retried
    assert "550" in refused.last_error
    assert Suppression.objects.filter(email="gone@example.org").exists()
    assert not Subscription.objects.filter(email="gone@example.org").exists()
    again = _subscribe(client, "gone@example.org", "consultations")
    assert again.status_code == 400 and "refused before" in again.content.decode()


def test_the_alerts_page_lists_what_may_be_followed(client, area):
    page = client.get(reverse("notifications:alerts"))
    body = page.content.decode()
    assert page.status_code == 200
    for text in [area["area_board"].name, "Consultations", "Reports", "Grants in"]:
        assert text in body
    assert client.get(reverse("notifications:privacy")).status_code == 200


def test_an_officer_deleting_an_alert_forgets_the_address(admin_client, client, smtp, area):
    _confirmed(client, smtp, "r@example.org", "consultations")
    subscription = Subscription.objects.get()
    admin_client.post(
        reverse("admin:notifications_subscription_delete", args=[subscription.pk]),
        {"post": "yes"},
    )
    assert not Subscription.objects.exists()
    assert not Message.objects.filter(to="r@example.org").exists()
