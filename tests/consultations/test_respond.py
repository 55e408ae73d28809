"""A resident responds online, through the pages: one question a page, the GOV.UK
error summary on every page, "I'd rather not say", the equality questions, check
your answers, and a confirmation with a reference number. Markup comes back as
typed. Floods are held back (a honeypot, limits per client) and nothing is taken
when the consultation is not open online."""

import re

import pytest
from django.urls import reverse

from strategy.consultations import services
from strategy.consultations.models import (
    Answer,
    EqualityMonitoring,
    HeldReason,
    Response,
    ResponseStatus,
)
from strategy.consultations.response_services import REFERENCE_ALPHABET
from tests.partnerships import factories as pf

from . import factories as f

pytestmark = pytest.mark.django_db

REFERENCE = re.compile(
    rf"<strong>([{REFERENCE_ALPHABET}]{{4}}-[{REFERENCE_ALPHABET}]{{4}})</strong>"
)


@pytest.fixture
def online():
    return f.online()


def url(c, name, *args):
    return reverse(f"consultations:{name}", args=[c.slug, *args])


def q(c, n, change=False):
    return url(c, "respond-question", n) + ("?change=1" if change else "")


def answer_all(client, c, questions, *, text="Walks by the canal, please."):
    """Answer the four questions of ``factories.online``."""
    one = questions["one"].choices.get(label="Loneliness")
    several = list(questions["several"].choices.filter(label__in=["Walks", "Cookery"]))
    steps = [
        (1, {"answer": str(one.pk)}),
        (2, {"answer": [str(c_.pk) for c_ in several]}),
        (3, {"answer": "4"}),
        (4, {"answer": text}),
    ]
    for number, data in steps:
        response = client.post(q(c, number), data)
        assert response.status_code == 302, (number, response.content.decode()[:3000])
    return response


def has_error_summary(html: str, message: str, href: str) -> bool:
    summary = html.split('class="govuk-error-summary"')[1].split("</div>")[0]
    return message in summary and f'href="{href}"' in summary


def test_a_resident_responds_end_to_end(client, online):
    c, questions = online
    start = client.get(url(c, "respond"))
    assert start.status_code == 200
    html = start.content.decode()
    assert "There are 4 questions" in html and "Start now" in html
    assert 'href="/consultations/privacy/"' in html
    page = client.get(q(c, 1)).content.decode()
    assert (
        "Question 1 of 4" in page
        and "Which need first?" in page
        and "I&#x27;d rather not say" in page
    )
    last = answer_all(client, c, questions)
    assert last["Location"] == url(c, "respond-equality")
    equality = client.get(url(c, "respond-equality")).content.decode()
    assert equality.count('class="govuk-fieldset"') == 9 and "Prefer not to say" in equality
    answer = client.post(
        url(c, "respond-equality"), {"age": "65_74", "religion_belief": "prefer_not"}
    )
    assert answer["Location"] == url(c, "respond-check")
    check = client.get(url(c, "respond-check")).content.decode()
    for text in ("Loneliness", "Walks<br>Cookery", "4", "Walks by the canal, please.", "65 to 74"):
        assert text in check, text
    assert f'href="{q(c, 2, change=True)}"' in check
    sent = client.post(url(c, "respond-check"), {"website": ""})
    assert sent["Location"] == url(c, "respond-sent")
    confirmation = client.get(url(c, "respond-sent")).content.decode()
    reference = REFERENCE.search(confirmation).group(1)
    assert "Response sent" in confirmation

    response = Response.objects.get()
    assert response.reference == reference and response.status == ResponseStatus.ACCEPTED
    assert response.channel == "online"
    answers = {a.question_id: a for a in response.answers.all()}
    assert answers[questions["scale"].pk].value == 4
    assert set(answers[questions["several"].pk].choices.values_list("label", flat=True)) == {
        "Walks",
        "Cookery",
    }
    # The equality answers are kept apart: a row with no link to the response.
    (monitoring,) = EqualityMonitoring.objects.all()
    assert monitoring.age == "65_74" and monitoring.religion_belief == "prefer_not"
    assert monitoring.sex == ""
    fields = {f.name for f in EqualityMonitoring._meta.get_fields()}
    assert not {"response", "reference", "created_at", "received_on"} & fields
    # The draft is gone from the session: starting again starts afresh.
    assert "Carry on with the answers" not in client.get(url(c, "respond")).content.decode()


def test_changing_an_answer_returns_to_check_your_answers(client, online):
    c, questions = online
    answer_all(client, c, questions)
    client.post(url(c, "respond-equality"), {"skip": "1"})
    page = client.get(q(c, 4, change=True)).content.decode()
    assert 'name="change" value="1"' in page and "Walks by the canal" in page
    response = client.post(q(c, 4), {"answer": "Something else.", "change": "1"})
    assert response["Location"] == url(c, "respond-check")
    assert "Something else." in client.get(url(c, "respond-check")).content.decode()


def test_every_page_gives_the_gov_uk_error_summary(client, online):
    c, questions = online
    # A required question left blank.
    page = client.post(q(c, 1), {})
    html = page.content.decode()
    assert page.status_code == 400 and html.startswith("<!DOCTYPE html>")
    assert "<title>Error: " in html
    assert has_error_summary(
        html, "Select an answer, or choose &quot;I&#x27;d rather not say&quot;.", "#answer"
    )
    assert 'id="answer-error"' in html and "govuk-form-group--error" in html
    # A choice that is not one, and "I'd rather not say" with an answer.
    choice = questions["several"].choices.first()
    html = client.post(q(c, 2), {"answer": ["999999"]}).content.decode()
    assert has_error_summary(html, "Choose from the answers given.", "#answer")
    html = client.post(q(c, 2), {"answer": [str(choice.pk), "prefer_not"]}).content.decode()
    assert has_error_summary(html, "Either answer the question or choose", "#answer")
    # Off the scale.
    html = client.post(q(c, 3), {"answer": "9"}).content.decode()
    assert has_error_summary(html, "Choose from the answers given.", "#answer")
    # Too long for the limit the page states.
    page = client.get(q(c, 4)).content.decode()
    assert "You can enter up to 200 characters." in page and 'data-maxlength="200"' in page
    html = client.post(q(c, 4), {"answer": "x" * 201}).content.decode()
    assert has_error_summary(
        html, "Your answer must be 200 characters or fewer (it has 201).", "#answer"
    )
    # The equality questions: an answer that is not one of theirs.
    html = client.post(url(c, "respond-equality"), {"age": "200"}).content.decode()
    assert has_error_summary(html, "Choose one of the answers, or leave it blank.", "#age")
    # The e-mail for a saved response.
    client.post(q(c, 4), {"answer": "Fine."})
    html = client.post(url(c, "respond-save"), {"email": "not an address"}).content.decode()
    assert has_error_summary(html, "Enter an e-mail address in the right form", "#email")
    # Sending with a required question unanswered: linked to that question.
    html = client.post(url(c, "respond-check"), {}).content.decode()
    assert has_error_summary(html, "Question 1: Select an answer", q(c, 1, change=True))
    assert not Response.objects.exists()


def test_i_would_rather_not_say_is_an_answer(client, online):
    c, questions = online
    client.post(q(c, 1), {"answer": "prefer_not"})
    client.post(q(c, 4), {"answer": "", "prefer_not": "on"})
    client.post(url(c, "respond-check"), {})
    answers = Answer.objects.filter(response__consultation=c)
    assert answers.count() == 2 and all(a.prefer_not for a in answers)
    # Not offered, not accepted.
    plain = f.free_text_question(f.consultation(), text="Plain")
    from strategy.consultations.models import AnswerData

    with pytest.raises(Exception, match="Choose one of the answers given"):
        plain.clean_answer(AnswerData(prefer_not=True), choices=[])


def test_markup_in_an_answer_shows_as_typed(client, online):
    c, questions = online
    typed = "<script>alert(1)</script> & <b>bold</b>"
    client.post(q(c, 1), {"answer": str(questions["one"].choices.first().pk)})
    client.post(q(c, 4), {"answer": typed})
    check = client.get(url(c, "respond-check")).content.decode()
    assert "<script>alert(1)" not in check
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in check
    client.post(url(c, "respond-check"), {})
    assert Answer.objects.get(question=questions["text"]).text == typed


def test_the_honeypot_holds_a_response_and_drops_its_equality_answers(client, online):
    c, questions = online
    answer_all(client, c, questions)
    client.post(url(c, "respond-equality"), {"age": "16_24"})
    sent = client.post(url(c, "respond-check"), {"website": "http://spam.example"})
    # The same confirmation as anyone gets: nothing tells the program it was caught.
    assert sent["Location"] == url(c, "respond-sent")
    response = Response.objects.get()
    assert response.status == ResponseStatus.HELD and response.held_reason == HeldReason.HONEYPOT
    assert not EqualityMonitoring.objects.exists()
    assert c.consideration().responses == 0 and c.consideration().held == 1


def test_past_the_hourly_limit_of_a_client_responses_are_held_not_refused(client, online, settings):
    settings.PACE_CONSULTATION_RESPONSES_PER_CLIENT_PER_HOUR = 2
    c, questions = online
    for _ in range(3):
        answer_all(client, c, questions)
        client.post(url(c, "respond-equality"), {"skip": "1"})
        assert client.post(url(c, "respond-check"), {})["Location"] == url(c, "respond-sent")
    statuses = list(Response.objects.order_by("pk").values_list("status", "held_reason"))
    assert statuses == [
        ("accepted", ""),
        ("accepted", ""),
        ("held", "flood"),
    ]
    # Another connection is counted on its own.
    f.submitted(c, {questions["one"]: _one(questions)}, client="198.51.100.7")
    assert Response.objects.counted().count() == 3


def _one(questions):
    from strategy.consultations.models import AnswerData

    return AnswerData(choices=(questions["one"].choices.first().pk,))


def test_starting_many_responses_from_one_connection_is_refused(client, online, settings):
    settings.PACE_CONSULTATION_STARTS_PER_CLIENT_PER_HOUR = 1
    c, questions = online
    data = {"answer": str(questions["one"].choices.first().pk)}
    assert client.post(q(c, 1), data).status_code == 302
    client.cookies.clear()  # a new session: another response started
    page = client.post(q(c, 1), data)
    assert page.status_code == 429
    assert "Too many responses have been started from your connection" in page.content.decode()


def test_nothing_is_taken_unless_the_consultation_is_open_online(client):
    planned, _ = f.online(opens_in=5)
    page = client.get(url(planned, "respond"))
    assert "It opens on" in page.content.decode()
    closed, questions = f.online(opens_in=-60)
    assert (
        "responses can no longer be sent"
        in client.get(url(closed, "respond-check")).content.decode()
    )
    client.post(q(closed, 1), {"answer": str(questions["one"].choices.first().pk)})
    assert not Response.objects.exists()
    # A draft is not found at all; nor one taking no responses online.
    draft = f.consultation(is_published=False)
    assert client.get(url(draft, "respond")).status_code == 404
    offline = f.consultation()
    assert client.get(url(offline, "respond")).status_code == 404
    assert client.get(url(offline, "respond-question", 1)).status_code == 404


def test_an_officer_previews_a_draft_but_cannot_send(client):
    c, questions = f.online()
    c.is_published = False
    services.consultation_save(consultation=c)
    client.force_login(pf.officer())
    page = client.get(q(c, 1)).content.decode()
    assert "Preview for officers" in page
    client.post(q(c, 1), {"answer": str(questions["one"].choices.first().pk)})
    html = client.post(url(c, "respond-check"), {}).content.decode()
    assert "not taking responses online now" in html and not Response.objects.exists()


def test_the_consultation_page_links_to_the_online_form_and_gives_the_contact(client, online):
    c, _ = online
    html = client.get(c.get_absolute_url()).content.decode()
    assert f'href="{url(c, "respond")}"' in html and "Respond online" in html
    assert "Who to contact" in html and "partnerships@example.org" in html


def test_the_privacy_notice_says_who_sees_what_and_for_how_long(client):
    html = client.get(reverse("consultations:privacy")).content.decode()
    for text in ("Who sees them", "How long", "apart from your response", "smaller than 5"):
        assert text in html, text


def test_the_pages_cost_fixed_queries(client, online, django_assert_num_queries):
    """The consultation (1), its questions and their choices (2); with a session,
    reading it (1), and the check page's choices for the answers shown (0: they
    came with the questions)."""
    c, questions = online
    pages = [url(c, "respond"), q(c, 1), url(c, "respond-equality"), url(c, "respond-check")]
    for page in pages:
        with django_assert_num_queries(3):
            assert client.get(page).status_code == 200, page
    answer_all(client, c, questions)
    for extra in range(4):
        f.question(c, "one_choice", text=f"Extra {extra}", choices=["A", "B"])
    for page in pages:
        with django_assert_num_queries(4):
            assert client.get(page).status_code == 200, page
