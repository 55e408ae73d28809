"""Residents' questions at Area Assemblies: when they close, what the service
accepts and refuses, the public form's bad input, officers' moderation in the
admin, and where accepted questions and their answers are shown (the agenda, and
the approved minutes, which are frozen)."""

import datetime

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from pace.notifications.models import Message
from partnerships import services
from partnerships.models import Meeting, Question, QuestionStatus
from partnerships.models.questions import questions_close_at, questions_close_on, takes_questions

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()


def _at(day: datetime.date, hour: int = 18) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def assembly():
    return f.area()["assembly"]


@pytest.fixture
def meeting(assembly):
    return Meeting.objects.create(
        body=assembly,
        title="Crewe Area Assembly, November",
        kind="november_assembly",
        starts_at=timezone.now() + datetime.timedelta(days=21),
        location="Crewe Library",
    )


def ask(meeting, **fields) -> Question:
    data = {
        "name": "Rosa Resident",
        "email": "rosa@example.org",
        "text": "When will the Mill Street crossing be mended?",
        "where": "CW1 2BJ",
        "show_name": False,
        "client": "192.0.2.1",
    }
    data.update(fields)
    return services.question_ask(meeting=meeting, **data)


# --- When questions close ----------------------------------------------------------


@pytest.mark.parametrize(
    "meeting_day, closes",
    [
        (datetime.date(2026, 12, 10), datetime.date(2026, 12, 3)),  # Thursday: Thursday before
        (datetime.date(2026, 12, 7), datetime.date(2026, 11, 30)),  # Monday: Monday before
        (datetime.date(2026, 12, 12), datetime.date(2026, 12, 7)),  # Saturday: Monday before
    ],
)
def test_questions_close_five_working_days_before(assembly, meeting_day, closes):
    meeting = Meeting(body=assembly, title="x", starts_at=_at(meeting_day))
    assert questions_close_on(meeting) == closes
    assert questions_close_at(meeting) == timezone.make_aware(
        datetime.datetime.combine(closes + datetime.timedelta(days=1), datetime.time())
    )


def test_the_working_days_are_a_setting(assembly, settings):
    settings.PACE_QUESTIONS_CLOSE_WORKING_DAYS = 2
    meeting = Meeting(body=assembly, title="x", starts_at=_at(datetime.date(2026, 12, 7)))
    assert questions_close_on(meeting) == datetime.date(2026, 12, 3)


def test_only_an_area_assemblys_public_meetings_to_come_take_questions(meeting):
    assert takes_questions(meeting)
    other = Meeting.objects.create(body=f.area()["amg"], title="AMG", starts_at=meeting.starts_at)
    assert not takes_questions(other)
    meeting.is_public = False
    assert not takes_questions(meeting)
    meeting.is_public, meeting.status = True, "cancelled"
    assert not takes_questions(meeting)
    meeting.status = "scheduled"
    meeting.starts_at = timezone.now() + datetime.timedelta(days=3)  # inside the closing days
    assert not takes_questions(meeting)


# --- Asking ---------------------------------------------------------------------------


def test_a_question_waits_for_an_officer_and_the_asker_is_emailed(
    meeting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks():
        question = ask(meeting, text="Will the <b>bus</b> run?")
    assert question.status == QuestionStatus.PENDING
    assert len(question.reference) == 8
    assert question.text == "Will the <b>bus</b> run?"
    message = Message.objects.get(topic=f"question:{question.pk}:received")
    assert message.to == "rosa@example.org"
    assert question.reference in message.text
    # The e-mail carries none of the visitor's words (the form cannot send a stranger's
    # text to someone else's address).
    assert "bus" not in message.text and "bus" not in message.html
    assert "Rosa" not in message.text


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"name": "  "}, "name", "Enter your name."),
        ({"email": ""}, "email", "Enter your e-mail address."),
        ({"email": "rosa@"}, "email", "Enter an e-mail address in the right form"),
        ({"text": ""}, "text", "Enter your question."),
        ({"text": "x" * 1001}, "text", "at most 1000 characters"),
        ({"name": "n" * 101}, "name", "at most 100 characters"),
    ],
)
def test_bad_input_is_refused_on_its_field_and_nothing_is_saved(meeting, fields, field, message):
    with pytest.raises(ValidationError) as raised:
        ask(meeting, **fields)
    assert field in raised.value.message_dict
    assert message in " ".join(raised.value.message_dict[field])
    assert not Question.objects.exists() and not Message.objects.exists()


def test_a_meeting_whose_questions_closed_takes_none(meeting):
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() + datetime.timedelta(days=2)
    )
    meeting.refresh_from_db()
    with pytest.raises(ValidationError) as raised:
        ask(meeting)
    assert raised.value.code == "closed"
    assert not Question.objects.exists()


def test_floods_are_held_back_per_client_and_per_address(meeting, settings):
    settings.PACE_QUESTIONS_PER_CLIENT_PER_HOUR = 2
    settings.PACE_QUESTIONS_PER_ADDRESS_PER_DAY = 100
    ask(meeting, email="a@example.org")
    ask(meeting, email="b@example.org")
    with pytest.raises(ValidationError) as raised:
        ask(meeting, email="c@example.org")
    assert raised.value.error_dict["email"][0].code == "rate_limited"
    assert ask(meeting, email="c@example.org", client="192.0.2.2")  # another client

    settings.PACE_QUESTIONS_PER_ADDRESS_PER_DAY = 1
    with pytest.raises(ValidationError) as raised:
        ask(meeting, email="A@example.org ", client="192.0.2.3")  # same address, other case
    assert "try again tomorrow" in raised.value.messages[0]
    assert Question.objects.count() == 3


# --- Deciding and answering --------------------------------------------------------


def test_a_decline_needs_a_reason_which_is_sent_to_the_asker(
    meeting, django_capture_on_commit_callbacks
):
    question = ask(meeting)
    with pytest.raises(ValidationError) as raised:
        services.question_decline(question=question, reason="  ")
    assert "reason" in raised.value.message_dict
    question.refresh_from_db()
    assert question.status == QuestionStatus.PENDING
    services.question_decline(question=question, reason="The council's Highways team answers this.")
    message = Message.objects.get(topic=f"question:{question.pk}:declined")
    assert "Highways team" in message.text


def test_the_database_refuses_a_decline_without_a_reason_and_an_answer_unaccepted(meeting):
    question = ask(meeting)
    with pytest.raises(IntegrityError), transaction.atomic():
        Question.objects.filter(pk=question.pk).update(status="declined", reason="")
    with pytest.raises(IntegrityError), transaction.atomic():
        Question.objects.filter(pk=question.pk).update(answer="Yes.")


def test_accepting_tells_the_asker_once_and_only_accepted_questions_are_answered(meeting):
    question = ask(meeting)
    with pytest.raises(ValidationError) as raised:
        services.question_answer(question=question, answer="Next spring.")
    assert "answer" in raised.value.message_dict
    services.question_accept(question=question)
    services.question_accept(question=question, reason="Thank you.")
    assert Message.objects.filter(topic=f"question:{question.pk}:accepted").count() == 1
    services.question_answer(question=question, answer="Next spring.")
    question.refresh_from_db()
    assert question.answer == "Next spring." and question.decided_at is not None


# --- The public form ------------------------------------------------------------------


def test_the_form_states_its_limits_and_when_questions_close(client, meeting):
    page = client.get(f"/meetings/{meeting.pk}/questions/").content.decode()
    assert "up to 1000 characters" in page
    assert f"{questions_close_on(meeting):%A} {questions_close_on(meeting).day}" in page
    assert 'name="website"' in page  # the honeypot


def test_the_form_with_bad_input_shows_the_error_summary_and_saves_nothing(client, meeting):
    response = client.post(
        f"/meetings/{meeting.pk}/questions/",
        {"name": "", "email": "not an address", "text": "x" * 1200},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert '<a href="#id_name">Enter your name.</a>' in page
    assert 'href="#id_email"' in page and "in the right form" in page
    assert 'href="#id_text"' in page and "1000 characters or fewer: it has 1200" in page
    assert "<title>Error:" in page
    assert not Question.objects.exists() and not Message.objects.exists()


def test_a_resident_asks_and_sees_the_confirmation(client, meeting):
    response = client.post(
        f"/meetings/{meeting.pk}/questions/",
        {
            "name": "Rosa Resident",
            "email": "rosa@example.org",
            "text": "When will the crossing be mended?",
            "show_name": "on",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/meetings/{meeting.pk}/questions/sent/"
    question = Question.objects.get()
    assert question.show_name and question.status == QuestionStatus.PENDING
    page = client.get(response["Location"]).content.decode()
    assert "Question sent" in page and question.reference in page
    # Another browser has no confirmation to see.
    client.session.flush()
    assert client.get(f"/meetings/{meeting.pk}/questions/sent/").status_code == 302


def test_the_honeypot_answers_as_if_it_worked_and_saves_nothing(client, meeting):
    response = client.post(
        f"/meetings/{meeting.pk}/questions/",
        {"name": "Bot", "email": "bot@example.org", "text": "Buy pills", "website": "x"},
    )
    assert response.status_code == 302
    assert "Question sent" in client.get(response["Location"]).content.decode()
    assert not Question.objects.exists() and not Message.objects.exists()


def test_a_flood_from_one_client_is_refused_with_a_message(client, meeting, settings):
    settings.PACE_QUESTIONS_PER_CLIENT_PER_HOUR = 1
    data = {"name": "R", "email": "r@example.org", "text": "Why?"}
    assert client.post(f"/meetings/{meeting.pk}/questions/", data).status_code == 302
    response = client.post(f"/meetings/{meeting.pk}/questions/", {**data, "email": "s@x.org"})
    assert response.status_code == 429
    assert "Too many requests from your connection" in response.content.decode()
    assert Question.objects.count() == 1


@pytest.mark.parametrize("kind", ["closed", "other body", "private"])
def test_a_meeting_not_taking_questions_says_so_and_takes_none(client, meeting, kind):
    if kind == "closed":
        Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now())
    elif kind == "other body":
        meeting = Meeting.objects.create(
            body=f.area()["amg"], title="AMG", starts_at=meeting.starts_at
        )
    else:
        Meeting.objects.filter(pk=meeting.pk).update(is_public=False)
    url = f"/meetings/{meeting.pk}/questions/"
    response = client.post(url, {"name": "R", "email": "r@example.org", "text": "Why?"})
    if kind == "private":  # not found, as the meeting itself is to a visitor
        assert response.status_code == 404
    else:
        assert response.status_code == 200
        assert "This meeting is not taking questions" in response.content.decode()
    assert not Question.objects.exists()


def test_the_meeting_and_the_area_assemblys_page_lead_to_the_form(client, meeting, assembly):
    form_url = f"/meetings/{meeting.pk}/questions/"
    assert form_url in client.get(meeting.get_absolute_url()).content.decode()
    assert form_url in client.get(assembly.get_absolute_url()).content.decode()
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() + datetime.timedelta(days=2)
    )
    assert form_url not in client.get(meeting.get_absolute_url()).content.decode()


# --- Moderation in the admin ---------------------------------------------------------


def _change(admin_client, question, **data):
    return admin_client.post(
        f"/admin/partnerships/question/{question.pk}/change/",
        {"status": question.status, "reason": "", "answer": "", **data},
    )


def test_officers_accept_and_decline_in_the_admin_through_the_services(admin_client, meeting):
    first, second = ask(meeting), ask(meeting, email="sam@example.org")
    response = _change(admin_client, first, status="declined")
    assert response.status_code == 200
    assert "Give the reason the question is declined" in response.content.decode()
    first.refresh_from_db()
    assert first.status == QuestionStatus.PENDING
    assert (
        _change(admin_client, first, status="declined", reason="Not for this assembly.").status_code
        == 302
    )
    assert _change(admin_client, second, status="accepted").status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == "declined" and first.decided_by is not None
    assert second.status == "accepted"
    assert Message.objects.filter(topic=f"question:{first.pk}:declined").exists()
    assert Message.objects.filter(topic=f"question:{second.pk}:accepted").exists()
    # Back to waiting is refused; an answer is recorded.
    response = _change(admin_client, second, status="pending")
    assert "cannot go back to waiting" in response.content.decode()
    assert _change(admin_client, second, status="accepted", answer="In March.").status_code == 302
    second.refresh_from_db()
    assert second.answer == "In March."


def test_officers_add_no_questions_in_the_admin(admin_client):
    assert admin_client.get("/admin/partnerships/question/add/").status_code == 403


# --- Where they are shown ------------------------------------------------------------


def test_only_accepted_questions_are_on_the_agenda_with_a_name_only_if_agreed(client, meeting):
    named = ask(meeting, name="Nell Named", show_name=True, text="Named <script>question</script>")
    anonymous = ask(meeting, name="Una Unnamed", text="Unnamed question", email="una@example.org")
    waiting = ask(meeting, text="Waiting question", email="w@example.org")
    declined = ask(meeting, text="Declined question", email="d@example.org")
    services.question_accept(question=named)
    services.question_accept(question=anonymous)
    services.question_decline(question=declined, reason="Off topic reason")
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Questions from residents" in page
    assert "Nell Named asked:" in page
    assert "Named &lt;script&gt;question&lt;/script&gt;" in page  # shown as typed
    assert "Unnamed question" in page and "Una Unnamed" not in page and "A resident asked:" in page
    for secret in (
        "Waiting question",
        "Declined question",
        "Off topic reason",
        "@example.org",
        "CW1 2BJ",
        waiting.reference,
    ):
        assert secret not in page


def test_answers_are_published_with_the_approved_minutes_and_frozen(client, meeting):
    question = ask(meeting, text="When will the crossing be mended?")
    services.question_accept(question=question)
    services.question_answer(question=question, answer="In the spring, said the chair.")
    url = meeting.get_absolute_url()
    assert "In the spring" not in client.get(url).content.decode()
    Meeting.objects.filter(pk=meeting.pk).update(status="held")
    services.meeting_minutes_approve(meeting=meeting, announce=False)
    page = client.get(url).content.decode()
    assert "In the spring, said the chair." in page
    # Changed later: the public still see the answer as approved ...
    services.question_answer(question=question, answer="In the summer.")
    page = client.get(url).content.decode()
    assert "In the spring, said the chair." in page and "In the summer." not in page
    # ... until a correction is published, which says what changed.
    services.meeting_minutes_correct(
        meeting=meeting, correction="The answer to a resident's question corrected."
    )
    page = client.get(url).content.decode()
    assert "In the summer." in page
    assert "The answer to a resident&#x27;s question corrected." in page


def test_the_meeting_page_costs_the_same_however_many_questions(
    client, meeting, django_assert_num_queries
):
    services.question_accept(question=ask(meeting))
    url = meeting.get_absolute_url()
    client.get(url)
    # The meeting's own page (as for any meeting, with its wards) and one query for
    # the questions.
    with django_assert_num_queries(8):
        client.get(url)
    for n in range(5):
        services.question_accept(question=ask(meeting, email=f"r{n}@example.org", client=f"c{n}"))
    with django_assert_num_queries(8):
        page = client.get(url).content.decode()
    assert page.count("A resident asked:") == 6


@pytest.mark.parametrize(
    "value",
    ["\x00", "a\x00b", "\r\n", "\x1b[31m", "<svg onload=alert(1)>", "9" * 5000, "ßü漢字😀", " "],
)
def test_nasty_input_gets_a_message_never_a_server_error(client, meeting, value):
    url = f"/meetings/{meeting.pk}/questions/"
    for field in ("name", "email", "where", "text"):
        data = {"name": "R", "email": "r@example.org", "text": "Why?", field: value}
        response = client.post(url, data)
        assert response.status_code in (302, 400), (field, value)
        if response.status_code == 400:
            assert "There is a problem" in response.content.decode()
    for question in Question.objects.all():
        assert "\x00" not in question.name + question.text + question.where


def test_the_officers_list_of_questions_costs_the_same_however_long(admin_client, meeting):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def cost() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get("/admin/partnerships/question/").status_code == 200
        return len(queries)

    ask(meeting)
    small = cost()
    for n in range(6):
        services.question_accept(question=ask(meeting, email=f"q{n}@example.org", client=f"c{n}"))
    assert cost() == small


# --- Forgetting the asker's address ------------------------------------------------


def test_the_askers_address_is_forgotten_months_after_the_meeting(meeting, settings, client):
    from pace.notifications.schedule import duty_specs

    settings.PACE_QUESTIONS_KEEP_DAYS = 90
    question = ask(meeting)
    services.question_accept(question=question)
    services.question_answer(question=question, answer="In the spring.")
    held_on = meeting.starts_at.date()
    # The day after the meeting, and 90 days after it, the address is still needed.
    assert services.questions_forget_addresses(on=held_on + datetime.timedelta(days=90)) == 0
    question.refresh_from_db()
    assert (question.email, question.where) == ("rosa@example.org", "CW1 2BJ")
    # The day after that, it is forgotten; the question and its answer stay.
    assert services.questions_forget_addresses(on=held_on + datetime.timedelta(days=91)) == 1
    question.refresh_from_db()
    assert (question.email, question.where) == ("", "")
    assert question.text.startswith("When will") and question.answer == "In the spring."
    assert services.questions_forget_addresses(on=held_on + datetime.timedelta(days=92)) == 0
    # The daily duty does it, and the form says how long the address is kept.
    assert "forget questioners' addresses" in duty_specs()
    page = client.get(f"/meetings/{meeting.pk}/questions/").text
    assert "We delete them 90 days after the meeting" in page
