"""Officers work with the responses, in the admin: the summary of each question
(counts, a chart and the same figures as a table), the written answers to read and
tag with themes, "you said, we did" written from a theme, a response received by
post typed in, moderation, the CSV (formula-safe) and JSON exports; each page's
query count pinned; nobody else reaches any of it."""

import csv
import io
import json

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from strategy.consultations import response_services, services
from strategy.consultations.models import (
    AnswerData,
    Consultation,
    EqualityMonitoring,
    Response,
    ResponseStatus,
    Theme,
    YouSaidWeDid,
)
from tests.partnerships import factories as pf

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client):
    user = pf.officer()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def online():
    return f.online()


def admin_url(c, name, *args):
    return reverse(f"admin:consultations_consultation_{name}", args=[c.pk, *args])


def respond(c, questions, n=1, *, text="Buses please.", one="Loneliness", point=4, **kw):
    made = []
    for _ in range(n):
        made.append(
            f.submitted(
                c,
                {
                    questions["one"]: AnswerData(
                        choices=(questions["one"].choices.get(label=one).pk,)
                    ),
                    questions["scale"]: AnswerData(value=point),
                    questions["text"]: AnswerData(text=text)
                    if text
                    else AnswerData(prefer_not=True),
                },
                **kw,
            )
        )
    return made


def page(client, url, status=200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def test_the_summary_counts_each_question(officer, online):
    c, questions = online
    respond(c, questions, 3, one="Loneliness", point=5)
    respond(c, questions, 1, one="Getting active", point=2, text="")
    f.recorded(
        c,
        {
            questions["one"]: AnswerData(
                choices=(questions["one"].choices.get(label="Loneliness").pk,)
            ),
            questions["text"]: AnswerData(text="By post."),
        },
    )
    response_services.response_moderate(
        response=respond(c, questions, 1, client="203.0.113.5", honeypot="x")[0],
        accept=False,
        by=officer.user,
    )
    html = page(officer, admin_url(c, "responses"))
    assert "Counted responses only: 5 in all (4 online form, 1 post)." in html
    # (question 1: four online, one by post)
    assert "1 rejected." in html
    # Question 1: a chart (hidden from screen readers) and the same figures as a table.
    q1 = html.split('id="question-1"')[1].split('id="question-2"')[0]
    assert "Answered by 5" in q1 and "not answered: 0" in q1
    assert '<svg width="100%"' in q1 and 'aria-hidden="true"' in q1
    assert "<caption>Answers to question 1</caption>" in q1
    assert '<th scope="row">Loneliness</th><td>4</td><td>80%</td>' in q1
    assert '<th scope="row">Getting active</th><td>1</td><td>20%</td>' in q1
    q3 = html.split('id="question-3"')[1].split('id="question-4"')[0]
    assert "Answered by 4" in q3 and "not answered: 1" in q3
    assert '<th scope="row">5: Strongly agree</th><td>3</td><td>75%</td>' in q3
    q4 = html.split('id="question-4"')[1]
    assert '"I\'d rather not say": 1' in q4
    assert "4 written answers, 0 tagged with a theme." in q4
    assert admin_url(c, "responses_question", 4) in q4
    assert "Fewer than 5 respondents answered the equality questions" in html


def test_the_summary_links_to_responses_held_for_moderation(officer, online, settings):
    settings.PACE_CONSULTATION_RESPONSES_PER_CLIENT_PER_HOUR = 1
    c, questions = online
    respond(c, questions, 3)
    html = page(officer, admin_url(c, "responses"))
    assert "2 held for moderation" in html
    held_list = page(
        officer,
        reverse("admin:consultations_response_changelist")
        + f"?consultation__id__exact={c.pk}&status__exact=held",
    )
    assert held_list.count("Many responses from one connection") == 2
    # Counting them through the admin's action.
    held = Response.objects.filter(status=ResponseStatus.HELD)
    officer.post(
        reverse("admin:consultations_response_changelist"),
        {"action": "count_responses", "_selected_action": [r.pk for r in held]},
    )
    assert Response.objects.counted().count() == 3
    assert Response.objects.filter(moderated_by=officer.user).count() == 2


def test_the_summary_and_the_answers_page_cost_fixed_queries(
    officer, online, django_assert_num_queries
):
    c, questions = online
    respond(c, questions, 2)
    urls = [admin_url(c, "responses"), admin_url(c, "responses_question", 4)]
    theme = response_services.theme_save(theme=Theme(consultation=c, name="Buses"))
    for url in urls:
        officer.get(url)  # warm the session and the permissions
    # The admin's own (session, user, the user's permissions and groups' ones: 4),
    # the consultation (1), then the summary: questions and choices (2), responses
    # by status and channel (1), each question's counts (1), each choice's (1), each
    # scale point's (1), the themes (1), the equality monitoring (1): 13. The answers
    # page: the question (1), the themes (1), the answers counted and their page (2),
    # their themes (1): 10.
    pins = {urls[0]: 13, urls[1]: 10}
    for url in urls:
        with django_assert_num_queries(pins[url]):
            officer.get(url)
    answers = respond(c, questions, 30, text="Trains too.")
    response_services.answer_tags_set(
        consultation=c,
        tags={r.answers.get(question=questions["text"]).pk: {theme.pk} for r in answers},
    )
    for url in urls:
        with django_assert_num_queries(pins[url]):
            officer.get(url)


def test_an_officer_reads_tags_and_answers_the_themes(officer, online):
    c, questions = online
    first, second = respond(c, questions, 1, text="<b>More buses</b>") + respond(
        c, questions, 1, text="Safer crossings."
    )
    url = admin_url(c, "responses_question", 4)
    html = page(officer, url)
    assert "&lt;b&gt;More buses&lt;/b&gt;" in html and "<b>More buses" not in html
    # Add two themes, then tag the answers on the page.
    officer.post(url, {"add_theme": "1", "theme-name": "Buses", "theme-description": "More buses."})
    officer.post(url, {"add_theme": "1", "theme-name": "Road safety"})
    refused = officer.post(url, {"add_theme": "1", "theme-name": "Buses"})
    assert (
        refused.status_code == 400
        and "already has a theme of that name" in refused.content.decode()
    )
    buses, safety = Theme.objects.order_by("name")
    a1 = first.answers.get(question=questions["text"])
    a2 = second.answers.get(question=questions["text"])
    officer.post(
        url,
        {
            "answers": [a1.pk, a2.pk],
            f"tags-{a1.pk}": [buses.pk],
            f"tags-{a2.pk}": [safety.pk, buses.pk],
        },
    )
    assert set(a2.themes.values_list("name", flat=True)) == {"Buses", "Road safety"}
    untagged = page(officer, url + "?theme=none")
    assert "Written answers (0)" in untagged
    assert "Written answers (2)" in page(officer, url + f"?theme={buses.pk}")
    # A theme of another consultation, or another consultation's answer, is ignored.
    other, other_questions = f.online()
    foreign = response_services.theme_save(theme=Theme(consultation=other, name="Elsewhere"))
    officer.post(url, {"answers": [a1.pk], f"tags-{a1.pk}": [foreign.pk, buses.pk]})
    assert list(a1.themes.values_list("name", flat=True)) == ["Buses"]

    # Themes page: "you said, we did" written from a theme, another linked to it.
    themes_url = admin_url(c, "themes")
    html = page(officer, themes_url)
    assert "Raised in 2 responses" in html and "More buses." in html
    officer.post(
        themes_url,
        {
            "theme": buses.pk,
            "write_feedback": "1",
            f"t{buses.pk}-you_said": "More buses, and later ones.",
            f"t{buses.pk}-we_did": "An evening service from April.",
        },
    )
    point = YouSaidWeDid.objects.get()
    assert point.themes.get() == buses and point.consultation == c
    officer.post(
        themes_url, {"theme": safety.pk, "link_feedback": "1", f"l{safety.pk}-feedback": point.pk}
    )
    assert set(point.themes.values_list("name", flat=True)) == {"Buses", "Road safety"}
    assert c.consideration().unanswered_themes == 0


def test_a_response_received_by_post_is_typed_in(officer, online):
    c, questions = online
    url = admin_url(c, "record")
    assert "How it was received" in page(officer, url)
    refused = officer.post(url, {"channel": "online", "received_on": "2999-01-01"})
    html = refused.content.decode()
    assert refused.status_code == 400
    assert "Select a valid choice" in html and "Please correct the errors" in html
    one = questions["one"].choices.first()
    done = officer.post(
        url,
        {
            "channel": "post",
            "received_on": c.opens_on.isoformat(),
            "q1-answer": str(one.pk),
            "q4-answer": "Written on a postcard.",
        },
    )
    assert done.status_code == 302
    response = Response.objects.get()
    assert response.channel == "post" and response.recorded_by == officer.user
    assert response.answers.get(question=questions["text"]).text == "Written on a postcard."


def test_the_csv_export_is_safe_in_a_spreadsheet(officer, online):
    c, questions = online
    dangerous = ['=HYPERLINK("http://evil")', "+1+1", "-2", "@SUM(A1)"]
    for text in dangerous:
        respond(c, questions, 1, text=text)
    response_services.response_submit(
        consultation=c,
        answers={
            questions["one"].pk: AnswerData(prefer_not=True),
            questions["text"].pk: AnswerData(text="Held, not exported."),
        },
        monitoring={"age": "16_24"},
        client="198.51.100.1",
        honeypot="spam",
    )
    export = officer.get(admin_url(c, "export_csv"))
    assert export["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in export["Content-Disposition"]
    assert "no-store" in export["Cache-Control"]
    rows = list(csv.reader(io.StringIO(export.content.decode())))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["Reference", "Received on", "How it was received"]
    assert "Q4. Anything else?" in header and "Q4 themes" in header
    texts = [row[header.index("Q4. Anything else?")] for row in body]
    assert texts == ["'" + text for text in dangerous]
    assert all(
        not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row
    )
    assert "Held, not exported." not in export.content.decode()
    # Answers are stripped of leading space, so tab and carriage return are tested
    # on the cell function every CSV cell goes through.
    from pace.core.spreadsheets import safe_cell

    assert [safe_cell(v) for v in ("\tTab", "\rReturn", "Fine", None, 3)] == [
        "'\tTab",
        "'\rReturn",
        "Fine",
        "",
        "3",
    ]
    assert "16_24" not in export.content.decode()


def test_the_json_export_keeps_the_text_as_typed_for_analysis(officer, online):
    c, questions = online
    (made,) = respond(c, questions, 1, text="=1+1 is what I think")
    theme = response_services.theme_save(theme=Theme(consultation=c, name="Sums"))
    response_services.answer_tags_set(
        consultation=c, tags={made.answers.get(question=questions["text"]).pk: {theme.pk}}
    )
    export = officer.get(admin_url(c, "export_json"))
    assert export["Content-Type"] == "application/json"
    document = json.loads(export.content)
    assert [q["kind"] for q in document["questions"]] == [
        "one_choice",
        "several_choices",
        "scale",
        "free_text",
    ]
    (response,) = document["responses"]
    assert response["reference"] == made.reference
    answer = next(a for a in response["answers"] if a["question"] == 4)
    assert answer["text"] == "=1+1 is what I think" and answer["themes"] == ["Sums"]
    assert document["themes"][0] == {
        "id": theme.pk,
        "name": "Sums",
        "description": "",
        "responses": 1,
        "you_said": None,
        "we_did": None,
    }


def test_exports_cost_fixed_queries(officer, online, django_assert_num_queries):
    c, questions = online
    respond(c, questions, 2)
    url = admin_url(c, "export_csv")
    officer.get(url)
    # The admin's (4), the consultation (1), questions and choices (2), responses,
    # answers, their choices and themes (4).
    with django_assert_num_queries(11):
        officer.get(url)
    respond(c, questions, 20)
    with django_assert_num_queries(11):
        officer.get(url)


def test_no_one_else_reaches_the_responses(client, online):
    c, questions = online
    respond(c, questions, 1)
    urls = [
        admin_url(c, name)
        for name in ("responses", "themes", "record", "export_csv", "export_json")
    ] + [admin_url(c, "responses_question", 4)]
    for url in urls:
        assert client.get(url)["Location"].startswith("/admin/login/"), url
    member = pf.person(with_login=True)
    pf.member(pf.area()["amg"], member)
    client.force_login(member.user)
    for url in urls:
        assert client.get(url)["Location"].startswith("/admin/login/"), url
    # Staff without the permission on responses.
    staff = pf.officer()
    staff.groups.clear()
    staff.user_permissions.set(Permission.objects.filter(codename="view_consultation"))
    client.force_login(staff)
    for url in urls:
        assert client.get(url).status_code == 403, url
    # Wrong addresses are not found.
    officer = pf.officer()
    client.force_login(officer)
    base = f"/admin/consultations/consultation/{c.pk}"
    assert client.get("/admin/consultations/consultation/abc/responses/").status_code == 404
    assert client.get(f"{base}/change/responses/").status_code == 404
    assert client.get(f"{base}/responses/questions/9/").status_code == 404


def test_a_response_is_deleted_with_its_answers_but_not_the_equality_answers(officer, online):
    c, questions = online
    (made,) = respond(c, questions, 1, monitoring={"sex": "female"})
    theme = response_services.theme_save(theme=Theme(consultation=c, name="T"))
    response_services.answer_tags_set(
        consultation=c, tags={made.answers.get(question=questions["text"]).pk: {theme.pk}}
    )
    url = reverse("admin:consultations_response_delete", args=[made.pk])
    assert officer.post(url, {"post": "yes"}).status_code == 302
    assert not Response.objects.exists() and Theme.objects.filter(pk=theme.pk).exists()
    assert EqualityMonitoring.objects.count() == 1  # by design, it cannot be found from it


def test_a_response_is_never_edited_in_the_admin(officer, online):
    c, questions = online
    (made,) = respond(c, questions, 1)
    html = page(officer, reverse("admin:consultations_response_change", args=[made.pk]))
    assert "Buses please." in html and 'name="_save"' not in html
    assert officer.get(reverse("admin:consultations_response_add")).status_code == 403


def test_questions_are_built_in_the_admin(officer):
    c = f.consultation(is_published=False)
    change = page(officer, reverse("admin:consultations_consultation_change", args=[c.pk]))
    add = reverse("admin:consultations_question_add") + f"?consultation={c.pk}"
    assert add.replace("&", "&amp;") in change or add in change
    data = {
        "consultation": c.pk,
        "position": 1,
        "text": "Which day suits you?",
        "help_text": "",
        "kind": "one_choice",
        "max_length": 2000,
        "choices-TOTAL_FORMS": 3,
        "choices-INITIAL_FORMS": 0,
        "choices-0-position": 1,
        "choices-0-label": "Saturday",
        "choices-1-position": 1,
        "choices-1-label": "",
        "choices-2-position": 1,
        "choices-2-label": "",
    }
    refused = officer.post(reverse("admin:consultations_question_add"), data)
    assert refused.status_code == 200 and "Give at least two choices." in refused.content.decode()
    data["choices-1-label"] = "Sunday"
    data["choices-1-position"] = 2
    assert officer.post(reverse("admin:consultations_question_add"), data).status_code == 302
    question = c.questions.get()
    assert list(question.choices.values_list("label", flat=True)) == ["Saturday", "Sunday"]
    assert "Which day suits you?" in page(
        officer, reverse("admin:consultations_consultation_change", args=[c.pk])
    )
    # Published with the online form on.
    c.online_form = True
    c.is_published = True
    services.consultation_save(consultation=c)
    assert Consultation.objects.get(pk=c.pk).is_taking_responses_online()


def test_the_themes_page_and_the_list_of_responses_cost_fixed_queries(
    officer, online, django_assert_num_queries
):
    c, questions = online
    urls = [
        admin_url(c, "themes"),
        reverse("admin:consultations_response_changelist") + f"?consultation__id__exact={c.pk}",
    ]

    def more(n: int) -> None:
        made = respond(c, questions, n)
        for i in range(n):
            theme = response_services.theme_save(
                theme=Theme(consultation=c, name=f"Theme {Theme.objects.count()}")
            )
            response_services.answer_tags_set(
                consultation=c,
                tags={made[i].answers.get(question=questions["text"]).pk: {theme.pk}},
            )
            if i % 2:
                response_services.feedback_from_theme(theme=theme, you_said="s", we_did="d")

    more(2)
    counts = {}
    for url in urls:
        officer.get(url)
        with CaptureQueriesContext(connection) as captured:
            officer.get(url)
        counts[url] = len(captured)
    # The themes page: the admin's (4), the consultation (1), its points (1), the
    # themes with their counts and points (1).
    assert counts[urls[0]] == 7
    more(6)
    for url in urls:
        with django_assert_num_queries(counts[url]):
            officer.get(url)
