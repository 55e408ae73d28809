"""Save and come back later: the answers so far kept, and a signed, expiring link
e-mailed through the outbox, the worker and a real SMTP server. The link opens
the answers in another browser; an expired, forged, replaced or used link is
refused with a message; the address is never kept with the answers; the limits
per client and per address hold; expired drafts are forgotten by a duty."""

import datetime
import re
import time
from unittest import mock

import pytest
from django.apps import apps
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pace.notifications.models import Message
from strategy.consultations import saved_responses as services
from strategy.consultations.duties import forget_saved_responses
from strategy.consultations.models import AnswerData, Response, SavedDraft

from ..notifications.conftest import part
from . import factories as f
from .conftest import run_worker

# Real commits: the pages queue their e-mail when their transaction commits.
pytestmark = pytest.mark.django_db(transaction=True)

LINK = re.compile(r"http://testserver(/consultations/[\w-]+/respond/resume/[\w:.\-]+/)")


@pytest.fixture
def site(settings):
    settings.PACE_SITE_URL = "http://testserver"
    return settings


@pytest.fixture
def online(site):
    return f.online()


def url(c, name, *args):
    return reverse(f"consultations:{name}", args=[c.slug, *args])


def link_in(message) -> str:
    (path,) = LINK.findall(part(message, "text/plain"))
    assert path in part(message, "text/html")
    return path


def saved_by(client, c, questions, email="resident@example.org"):
    one = questions["one"].choices.get(label="Getting active")
    client.post(url(c, "respond-question", 1), {"answer": str(one.pk)})
    response = client.post(url(c, "respond-question", 2), {"answer": [], "save": "1"})
    assert response["Location"] == url(c, "respond-save")
    return client.post(url(c, "respond-save"), {"email": email})


def test_the_link_brings_the_answers_back_in_another_browser(client, smtp, online):
    c, questions = online
    page = saved_by(client, c, questions, email=" Resident@Example.org ")
    html = page.content.decode()
    assert "Check your e-mail" in html and "resident@example.org" in html.lower()
    run_worker()
    (message,) = smtp.messages
    assert smtp.to() == ["resident@example.org"]
    assert message["Subject"] == f"Your saved response: {c.title}"
    path = link_in(message)
    draft = SavedDraft.objects.get()
    assert draft.expires_at.date() == c.closes_on + datetime.timedelta(days=1) or (
        draft.expires_at <= timezone.now() + datetime.timedelta(days=28)
    )

    other = Client()  # another device
    shown = other.get(path)
    assert shown.status_code == 200 and "Carry on with my answers" in shown.content.decode()
    assert "Getting active" not in shown.content.decode()  # a GET shows nothing of them
    back = other.post(path)
    assert back["Location"] == url(c, "respond-question", 2)  # the first not answered
    check = other.get(url(c, "respond-check")).content.decode()
    assert "Getting active" in check
    other.post(url(c, "respond-question", 4), {"answer": "Finished on my phone."})
    other.post(url(c, "respond-equality"), {"skip": "1"})
    assert other.post(url(c, "respond-check"), {})["Location"] == url(c, "respond-sent")
    # Sent: the draft and the message that carried its link are gone, and the link
    # says so.
    assert Response.objects.get().answers.count() == 2
    assert not SavedDraft.objects.exists()
    assert not Message.objects.filter(topic__startswith="consultation-return:").exists()
    used = Client().get(path)
    assert (
        used.status_code == 404 and "no longer leads to a saved response" in used.content.decode()
    )


def test_the_address_is_never_kept_with_the_answers(client, smtp, online):
    c, questions = online
    saved_by(client, c, questions, email="private.person@example.org")
    run_worker()
    for model in apps.get_app_config("consultations").get_models():
        text = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        for row in model._default_manager.values_list(*text) if text else []:
            assert "private.person" not in repr(row), model
    assert Message.objects.filter(to="private.person@example.org").count() == 1


def test_an_expired_link_is_refused(client, smtp, online, settings):
    c, questions = online
    saved_by(client, c, questions)
    run_worker()
    path = link_in(smtp.messages[0])
    later = time.time() + (settings.PACE_CONSULTATION_DRAFT_DAYS + 1) * 86400
    with mock.patch("django.core.signing.time.time", return_value=later):
        page = Client().get(path)
    assert page.status_code == 404 and "This link has expired" in page.content.decode()
    # And once the consultation has closed, whatever the link's age.
    type(c).objects.filter(pk=c.pk).update(
        opens_on=c.opens_on - datetime.timedelta(days=60),
        closes_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    page = Client().get(path)
    assert page.status_code == 404 and "responses can no longer be sent" in page.content.decode()


def test_a_forged_or_replaced_link_is_refused(client, smtp, online):
    c, questions = online
    saved_by(client, c, questions)
    run_worker()
    path = link_in(smtp.messages[0])
    token = path.rstrip("/").rsplit("/", 1)[1]
    raw, stamp, signature = token.split(":")
    for forged in (
        f"{raw[:-1]}{'A' if raw[-1] != 'A' else 'B'}:{stamp}:{signature}",
        f"{raw}:{stamp}:{signature[::-1]}",
        "not-a-token",
        "x" * 300,
    ):
        page = Client().get(url(c, "respond-resume", forged))
        assert page.status_code == 404, forged
        assert "This link is not right" in page.content.decode(), forged
    # A real link under another consultation's address leads nowhere.
    other, _ = f.online()
    page = Client().get(url(other, "respond-resume", token))
    assert page.status_code == 404 and "no longer leads" in page.content.decode()
    # Saving again replaces the draft: the first link stops working.
    client.post(url(c, "respond-save"), {"email": "resident@example.org"})
    run_worker()
    assert SavedDraft.objects.count() == 1
    assert "no longer leads" in Client().get(path).content.decode()
    assert Client().get(link_in(smtp.messages[-1])).status_code == 200


def test_the_limits_per_address_and_per_client(client, smtp, online, settings):
    settings.PACE_CONSULTATION_LINKS_PER_ADDRESS_PER_DAY = 2
    settings.PACE_CONSULTATION_LINKS_PER_CLIENT_PER_HOUR = 3
    c, questions = online
    saved_by(client, c, questions)
    run_worker()
    assert (
        "Check your e-mail"
        in client.post(url(c, "respond-save"), {"email": "resident@example.org"}).content.decode()
    )
    page = client.post(url(c, "respond-save"), {"email": "resident@example.org"})
    assert page.status_code == 400
    assert "We have sent this address several links today" in page.content.decode()
    # The per-client count went up with that refused request; one more is too many.
    page = client.post(url(c, "respond-save"), {"email": "someone.else@example.org"})
    assert "Too many e-mails asked for from your connection" in page.content.decode()
    run_worker()
    # The second link replaced the first (which no longer works), each was sent.
    assert smtp.to() == ["resident@example.org", "resident@example.org"]


def test_the_honeypot_sends_nothing(client, smtp, online):
    c, questions = online
    one = questions["one"].choices.first()
    client.post(url(c, "respond-question", 1), {"answer": str(one.pk)})
    page = client.post(
        url(c, "respond-save"), {"email": "victim@example.org", "website": "http://spam"}
    )
    assert "Check your e-mail" in page.content.decode()
    run_worker()
    assert smtp.messages == [] and not SavedDraft.objects.exists()


def test_nothing_to_save_is_refused(client, online):
    c, _ = online
    page = client.post(url(c, "respond-save"), {"email": "resident@example.org"})
    assert "There is nothing to save yet" in page.content.decode()
    assert not Message.objects.exists()


def test_expired_drafts_and_their_messages_are_forgotten(online):
    c, questions = online
    kept = services.draft_save(
        consultation=c,
        answers={questions["text"].pk: AnswerData(text="Still thinking.")},
        email="a@example.org",
        client="192.0.2.9",
    )
    gone = services.draft_save(
        consultation=c,
        answers={questions["text"].pk: AnswerData(text="Forgotten.")},
        email="b@example.org",
        client="192.0.2.9",
    )
    SavedDraft.objects.filter(pk=gone.draft.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert forget_saved_responses(timezone.localdate()) == "1 saved responses deleted"
    assert list(SavedDraft.objects.values_list("pk", flat=True)) == [kept.draft.pk]
    assert list(Message.objects.values_list("to", flat=True)) == ["a@example.org"]


def test_the_link_never_outlives_the_consultation(online, settings):
    settings.PACE_CONSULTATION_DRAFT_DAYS = 365
    c, questions = online
    link = services.draft_save(
        consultation=c,
        answers={questions["text"].pk: AnswerData(text="x")},
        email="a@example.org",
        client="192.0.2.9",
    )
    closing = timezone.make_aware(
        datetime.datetime.combine(c.closes_on + datetime.timedelta(days=1), datetime.time())
    )
    assert link.draft.expires_at == closing
