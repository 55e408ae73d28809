"""The online form's questions and the rules around them: each kind's answers and
their validation, "I'd rather not say", what may change once people have
answered, a consultation cannot open without a way to respond (nor take
responses online without questions) and must say whom to contact; and the
fourth Gunning principle counts responses and themes from their records."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from strategy.consultations import response_services, services
from strategy.consultations.gunning import Principle
from strategy.consultations.models import (
    AnswerData,
    Choice,
    Consultation,
    Question,
    QuestionKind,
    ResponseStatus,
    Theme,
)
from tests.partnerships import factories as pf

from . import factories as f

pytestmark = pytest.mark.django_db


def codes(excinfo, field: str) -> set[str]:
    return {e.code for e in excinfo.value.error_dict[field]}


def clean(question: Question, **answer) -> AnswerData:
    return question.clean_answer(AnswerData(**answer), choices=list(question.choices.all()))


# --- Each kind of question ----------------------------------------------------------------


def test_free_text_is_plain_text_within_its_limit():
    q = f.free_text_question(f.consultation(), max_length=10)
    assert clean(q, text="  short  ") == AnswerData(text="short")
    with pytest.raises(ValidationError, match="10 characters or fewer \\(it has 11\\)"):
        clean(q, text="x" * 11)
    assert clean(q, text="") == AnswerData()  # optional: skipped
    q.required = True
    with pytest.raises(ValidationError, match="Enter your answer."):
        clean(q, text="   ")


def test_one_choice_takes_one_of_its_own_choices():
    c = f.consultation()
    q = f.question(c, QuestionKind.ONE_CHOICE, choices=["Yes", "No"], required=True)
    other = f.question(c, QuestionKind.ONE_CHOICE, choices=["Elsewhere", "Other"])
    yes, no = q.choices.all()
    assert clean(q, choices=(yes.pk,)) == AnswerData(choices=(yes.pk,))
    with pytest.raises(ValidationError, match="Choose one answer."):
        clean(q, choices=(yes.pk, no.pk))
    with pytest.raises(ValidationError, match="Choose from the answers given."):
        clean(q, choices=(other.choices.first().pk,))
    with pytest.raises(ValidationError, match="Select an answer."):
        clean(q)


def test_several_choices_take_any_of_them_once():
    q = f.question(f.consultation(), QuestionKind.SEVERAL_CHOICES, choices=["A", "B", "C"])
    a, b, _ = q.choices.all()
    assert clean(q, choices=(a.pk, b.pk, a.pk)) == AnswerData(choices=(a.pk, b.pk))
    q.required = True
    with pytest.raises(ValidationError, match="Select at least one answer."):
        clean(q)


def test_a_scale_takes_a_point_on_it():
    q = f.question(f.consultation(), QuestionKind.SCALE, scale_points=5)
    assert q.scale_options()[0] == (1, "1: Strongly disagree")
    assert q.scale_options()[-1] == (5, "5: Strongly agree") and q.scale_options()[2] == (3, "3")
    assert clean(q, value=5) == AnswerData(value=5)
    for off in (0, 6):
        with pytest.raises(ValidationError, match="Choose a point on the scale."):
            clean(q, value=off)


def test_i_would_rather_not_say_only_where_offered_and_only_alone():
    c = f.consultation()
    offered = f.question(c, QuestionKind.ONE_CHOICE, choices=["A", "B"], allow_prefer_not=True)
    offered.required = True
    assert clean(offered, prefer_not=True) == AnswerData(prefer_not=True)  # an answer
    with pytest.raises(ValidationError, match="not both"):
        clean(offered, prefer_not=True, choices=(offered.choices.first().pk,))
    plain = f.free_text_question(c)
    with pytest.raises(ValidationError, match="Choose one of the answers given."):
        clean(plain, prefer_not=True)


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"kind": QuestionKind.SCALE, "scale_points": 1}, "scale_points", "scale_points"),
        ({"kind": QuestionKind.SCALE, "scale_points": 12}, "scale_points", "scale_points"),
        (
            {"kind": QuestionKind.SCALE, "scale_points": 5, "scale_low_label": ""},
            "scale_low_label",
            "scale_label",
        ),
        ({"kind": QuestionKind.FREE_TEXT, "scale_points": 5}, "scale_points", "scale_not_scale"),
        ({"kind": QuestionKind.FREE_TEXT, "max_length": 10001}, "max_length", "text_limit"),
    ],
)
def test_a_question_is_refused_with_a_message_on_the_field(fields, field, code):
    fields = {"scale_low_label": "Low", "scale_high_label": "High"} | fields
    if fields["kind"] != QuestionKind.SCALE:
        fields = {k: v for k, v in fields.items() if not k.startswith("scale_") or k == field}
    question = Question(consultation=f.consultation(), text="Q", **fields)
    with pytest.raises(ValidationError) as excinfo:
        services.question_save(question=question)
    assert code in codes(excinfo, field)


def test_what_people_answered_stays_as_they_answered_it():
    c, questions = f.online()
    one = questions["one"]
    chosen = one.choices.first()
    f.submitted(c, {one: AnswerData(choices=(chosen.pk,))})
    one.kind = QuestionKind.SEVERAL_CHOICES
    with pytest.raises(ValidationError) as excinfo:
        services.question_save(question=one)
    assert "kind_answered" in codes(excinfo, "kind")
    with pytest.raises(ValidationError, match="cannot be deleted"):
        services.question_delete(question=Question.objects.get(pk=one.pk))
    with pytest.raises(ValidationError, match="cannot be deleted"):
        services.choice_delete(choice=chosen)
    unchosen = one.choices.exclude(pk=chosen.pk).first()
    services.choice_delete(choice=unchosen)
    assert not Choice.objects.filter(pk=unchosen.pk).exists()


# --- Opening: a way to respond, the questions, and whom to contact --------------------------


def test_a_consultation_cannot_open_without_a_way_to_respond():
    c = f.consultation_unsaved(response_email="")
    with pytest.raises(ValidationError) as excinfo:
        services.consultation_save(consultation=c, audiences=f.audiences())
    assert codes(excinfo, "online_form") == {"no_way_to_respond"}
    message = excinfo.value.message_dict["online_form"][0]
    assert "at least one way to respond" in message and "an event" in message
    for way in (
        {"response_postal_address": "Westfields, Sandbach CW11 1HZ"},
        {"response_events": "Crewe library, 3 May, 10am to 2pm"},
        {"response_email": "have-your-say@example.org"},
        {"response_url": "https://example.org/survey"},
    ):
        made = f.consultation(**({"response_email": ""} | way))
        assert made.pk and made.ways_to_respond()
    # A draft may wait for one; so may a consultation that has closed.
    assert f.consultation(response_email="", is_published=False).pk
    assert f.consultation(response_email="", opens_in=-90).pk


def test_taking_responses_online_needs_the_questions_and_their_choices():
    c = f.consultation(is_published=False, response_email="")
    c.online_form, c.is_published = True, True
    with pytest.raises(ValidationError) as excinfo:
        services.consultation_save(consultation=c)
    assert codes(excinfo, "online_form") == {"online_form_without_questions"}
    f.question(c, QuestionKind.ONE_CHOICE, text="Pick", choices=["Only one"])
    with pytest.raises(ValidationError) as excinfo:
        services.consultation_save(consultation=c)
    assert codes(excinfo, "online_form") == {"question_without_choices"}
    assert "Question 1 (Pick) needs at least two choices." in str(excinfo.value)
    services.choice_save(choice=Choice(question=c.questions.get(), position=2, label="Another"))
    services.consultation_save(consultation=c)
    assert Consultation.objects.get(pk=c.pk).is_taking_responses_online()


def test_a_consultation_says_whom_to_contact_and_how():
    with pytest.raises(ValidationError) as excinfo:
        f.consultation(contact_name="")
    assert codes(excinfo, "contact_name") == {"contact_missing"}
    with pytest.raises(ValidationError) as excinfo:
        f.consultation(contact_email="", contact_telephone="")
    assert codes(excinfo, "contact_email") == {"contact_how_missing"}
    assert f.consultation(contact_email="", contact_telephone="01270 686000").pk


def test_the_admin_refuses_to_open_without_a_way_with_the_message_on_the_field(client):
    from .test_admin import form_data

    client.force_login(pf.officer())
    data = form_data(f.strategy(), response_email="", closes_on=None)
    data["closes_on"] = (timezone.localdate() + datetime.timedelta(days=40)).isoformat()
    page = client.post("/admin/consultations/consultation/add/", data)
    html = page.content.decode()
    assert page.status_code == 200 and not Consultation.objects.exists()
    field = html.split('class="form-row')[1:]
    row = next(r for r in field if "field-online_form" in r)
    assert "errorlist" in row and "at least one way to respond" in row


# --- The fourth principle counts from the records ---------------------------------------------


def _closed_with_records():
    c = f.consultation(
        opens_in=-60,
        responses_summary="Summary.",
        outcome="Decided.",
        response_email="x@example.org",
    )
    text = f.free_text_question(c, text="Your views")
    choice = f.question(c, QuestionKind.ONE_CHOICE, text="Agree?", choices=["Yes", "No"])
    return c, text, choice


def principle_4(c: Consultation):
    return {
        check.principle: check for check in Consultation.objects.get(pk=c.pk).gunning_checklist()
    }[Principle.CONSIDERATION]


def test_principle_4_counts_responses_and_themes_from_the_records():
    c, text, choice = _closed_with_records()
    check = principle_4(c)
    assert check.passed and check.reason.startswith("No responses were received")
    # Responses with written answers: a theme and "you said, we did" are needed.
    first = f.recorded(c, {text: AnswerData(text="More buses.")})
    f.recorded(c, {choice: AnswerData(choices=(choice.choices.first().pk,))})
    check = principle_4(c)
    assert not check.passed
    assert (
        '"you said, we did"' in check.reason
        and "themes drawn from the written answers" in check.reason
    )
    theme = response_services.theme_save(theme=Theme(consultation=c, name="Buses"))
    response_services.answer_tags_set(consultation=c, tags={first.answers.get().pk: {theme.pk}})
    check = principle_4(c)
    assert "1 theme not yet answered" in check.reason
    response_services.feedback_from_theme(
        theme=theme, you_said="More buses.", we_did="A new route."
    )
    check = principle_4(c)
    assert check.passed, check.reason
    assert check.reason.startswith("2 responses were received and summarised")
    assert "tagged with 1 theme, each answered, and 1 point records" in check.reason
    # A response held for moderation must be counted or rejected first; rejected
    # ones are not counted.
    held = f.recorded(c, {text: AnswerData(text="Spam spam.")})
    type(held).objects.filter(pk=held.pk).update(status=ResponseStatus.HELD)
    assert "1 response held for moderation" in principle_4(c).reason
    response_services.response_moderate(response=held, accept=False, by=pf.officer())
    assert principle_4(c).passed and principle_4(c).reason.startswith("2 responses")
    # Nothing typed counts: the record's count is the only count.
    assert not [
        f
        for f in Consultation._meta.get_fields()
        if getattr(f, "editable", False) and f.name == "response_count"
    ]


def test_a_count_from_before_records_is_kept_for_outcomes_published_then():
    c = f.closed_with_outcome(responses=0)
    Consultation.objects.filter(pk=c.pk).update(response_count=412)
    assert Consultation.objects.get(pk=c.pk).consideration().responses == 412
    assert principle_4(c).reason.startswith("412 responses were received")


def test_the_officers_overview_counts_from_the_records_in_fixed_queries(
    client, django_assert_num_queries
):
    from strategy.consultations.selectors import officers_overview

    for _ in range(2):
        f.closed_with_outcome(responses=2)
    with django_assert_num_queries(2):
        rows = officers_overview(on=timezone.localdate())["consultations"]
    assert len(rows) == 2 and all(not row.not_met for row in rows)
    f.closed_with_outcome(responses=3)
    with django_assert_num_queries(2):
        officers_overview(on=timezone.localdate())
