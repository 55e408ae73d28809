"""Example questions and responses, all illustrative, loaded through the services.

- The Ambition for All refresh (closed in 2016): two questions and the responses
  received by post, e-mail and at the Area Assemblies, typed in by officers, their
  written answers tagged with the themes that the published "you said, we did"
  points answer, and equality monitoring that feeds the refreshed strategy's
  equality impact assessment.
- The Crewe and Nantwich consultation, open on the day the data is loaded: four
  questions (one of each kind) on the online form, responses sent online with
  their equality answers (and one held for moderation), and two themes tagged so
  far.

Idempotent: a consultation that already has questions is left alone."""

import datetime
import itertools
import secrets

from strategy.consultations import response_services, services
from strategy.consultations.models import (
    AnswerData,
    Choice,
    Consultation,
    EqualityMonitoring,
    Question,
    QuestionKind,
    ResponseChannel,
    Theme,
)

# --- The refresh of Ambition for All ------------------------------------------------------

REFRESH_OUTCOMES_CHOICES = ["Yes", "Partly", "No"]
#: (theme, what people wrote, index of the "you said, we did" point it answers)
REFRESH_THEMES = [
    (
        "Older people living alone",
        [
            "My mother lives alone in Alsager and sees nobody from one week to the next.",
            "Loneliness among older people should be a priority, not an afterthought.",
            "Older people who are on their own need someone to check on them in winter.",
        ],
        0,
    ),
    (
        "Rural transport",
        [
            "There is one bus a day from our village: I cannot get to the hospital or to work.",
            "Rural transport stops young people getting to college in Crewe.",
            "Without a car you cannot reach the services in Macclesfield from the hills.",
        ],
        1,
    ),
    (
        "Voluntary sector in commissioning",
        [
            "Community groups know what is needed: involve us in deciding, not just asking.",
            "Let the voluntary sector help design the services it is asked to deliver.",
        ],
        2,
    ),
]
#: How the refresh's responses came: (channel, how many).
REFRESH_CHANNELS = [
    (ResponseChannel.POST, 12),
    (ResponseChannel.EMAIL, 16),
    (ResponseChannel.EVENT, 20),
]

# --- The open Crewe and Nantwich consultation ------------------------------------------------

NEEDS = ["Healthy eating", "Getting active", "Loneliness", "Mental wellbeing"]
ACTIVITIES = ["Walking groups", "Cookery classes", "Coffee mornings", "Peer support groups"]
LOCAL_ANSWERS = [
    ("Loneliness", ["Coffee mornings"], 5, "Older neighbours on our estate rarely go out."),
    (
        "Getting active",
        ["Walking groups"],
        4,
        "The parks in Crewe are lovely but feel unsafe at dusk.",
    ),
    ("Mental wellbeing", ["Peer support groups"], 5, "Young people wait months for help."),
    ("Healthy eating", ["Cookery classes"], 3, "Cheap healthy food is hard to find in Nantwich."),
    ("Loneliness", ["Coffee mornings", "Walking groups"], 5, ""),
    ("Getting active", ["Walking groups", "Cookery classes"], 4, "More walking routes, please."),
    ("Mental wellbeing", [], 4, "Somewhere to talk without an appointment."),
    ("Loneliness", ["Peer support groups"], None, "Carers are lonely too."),
]
#: Two themes tagged so far, by a word the answers share.
LOCAL_THEMES = [
    ("Safe places to be active", ("parks", "walking")),
    ("Support without waiting", ("wait", "appointment")),
]
#: Equality answers that some residents gave (the rest skipped the questions).
LOCAL_MONITORING = [
    {"age": "65_74", "sex": "female", "disability": "no"},
    {"age": "25_34", "sex": "male", "race": "white"},
    {"age": "35_44", "sex": "female", "religion_belief": "none"},
    {"age": "75_over", "disability": "yes", "sex": "prefer_not"},
    {"age": "16_24", "sexual_orientation": "prefer_not"},
]
LOCAL_RESPONSES = 24


def _question(c: Consultation, position: int, kind: str, text: str, choices=(), **fields):
    question = services.question_save(
        question=Question(consultation=c, position=position, kind=kind, text=text, **fields)
    )
    for i, label in enumerate(choices, 1):
        services.choice_save(choice=Choice(question=question, position=i, label=label))
    return question


def refresh_responses(consultation: Consultation, points: list) -> None:
    """Before the outcome is published: the questions, the responses, the themes
    answered by ``points`` (the "you said, we did" points, in order) and equality
    monitoring. Every principle is then met from the records."""
    if consultation.questions.exists():
        return
    outcomes = _question(
        consultation,
        1,
        QuestionKind.ONE_CHOICE,
        "Do you support the three proposed outcomes?",
        REFRESH_OUTCOMES_CHOICES,
        help_text="People realise their potential; live independent, active and healthy "
        "lives; and are involved in local decisions.",
    )
    more = _question(
        consultation,
        2,
        QuestionKind.FREE_TEXT,
        "What should the refreshed strategy say more about?",
        allow_prefer_not=True,
    )
    questions = list(consultation.questions.prefetch_related("choices"))
    yes, partly, no = outcomes.choices.all()
    themes = [
        response_services.theme_save(
            theme=Theme(consultation=consultation, name=name, feedback=points[point])
        )
        for name, _, point in REFRESH_THEMES
    ]
    texts = itertools.cycle(
        [
            (theme, text)
            for theme, (_, said, _) in zip(themes, REFRESH_THEMES, strict=True)
            for text in said
        ]
    )
    days = (consultation.closes_on - consultation.opens_on).days
    n = 0
    tags: dict[int, set[int]] = {}
    for channel, count in REFRESH_CHANNELS:
        for _ in range(count):
            theme, text = next(texts)
            choice = (yes, yes, partly, yes, no)[n % 5]
            response = response_services.response_record(
                consultation=consultation,
                answers={
                    outcomes.pk: AnswerData(choices=(choice.pk,)),
                    more.pk: AnswerData(text=text),
                },
                channel=channel,
                received_on=consultation.opens_on + datetime.timedelta(days=(n * 7) % days),
                by=None,
                questions=questions,
            )
            tags[response.stored_answers[more.pk].pk] = {theme.pk}
            n += 1
    response_services.answer_tags_set(consultation=consultation, tags=tags)
    ages = itertools.cycle(["35_44", "45_54", "55_64", "65_74", "25_34", "75_over"])
    EqualityMonitoring.objects.bulk_create(
        EqualityMonitoring(
            consultation=consultation,
            age=next(ages),
            sex=("female", "male")[i % 2],
            disability=("no", "no", "yes")[i % 3],
        )
        for i in range(30)
    )


def local_responses(consultation: Consultation) -> None:
    """The open consultation's online form and its responses so far."""
    if consultation.questions.exists():
        return
    need = _question(
        consultation,
        1,
        QuestionKind.ONE_CHOICE,
        "Which health need should the first projects tackle?",
        NEEDS,
        required=True,
        help_text="Choose the one that matters most to you.",
    )
    join = _question(
        consultation,
        2,
        QuestionKind.SEVERAL_CHOICES,
        "Which activities would you take part in?",
        ACTIVITIES,
        allow_prefer_not=True,
    )
    agree = _question(
        consultation,
        3,
        QuestionKind.SCALE,
        "How far do you agree that local people should choose the projects?",
        scale_points=5,
        scale_low_label="Strongly disagree",
        scale_high_label="Strongly agree",
        allow_prefer_not=True,
    )
    more = _question(
        consultation,
        4,
        QuestionKind.FREE_TEXT,
        "Is there anything else you want to tell us?",
        help_text="Please do not include names or anything that identifies you or others.",
        max_length=1500,
        allow_prefer_not=True,
    )
    consultation.online_form = True
    consultation.is_published = True
    services.consultation_save(consultation=consultation)

    questions = list(consultation.questions.prefetch_related("choices"))
    labels = {c.label: c.pk for q in (need, join) for c in q.choices.all()}
    themes = [
        (response_services.theme_save(theme=Theme(consultation=consultation, name=name)), words)
        for name, words in LOCAL_THEMES
    ]
    tags: dict[int, set[int]] = {}
    for i in range(LOCAL_RESPONSES):
        first, activities, point, text = LOCAL_ANSWERS[i % len(LOCAL_ANSWERS)]
        answers = {
            need.pk: AnswerData(choices=(labels[first],)),
            join.pk: AnswerData(choices=tuple(labels[a] for a in activities))
            if activities
            else AnswerData(prefer_not=True),
            agree.pk: AnswerData(value=point) if point else AnswerData(prefer_not=True),
        }
        if text:
            answers[more.pk] = AnswerData(text=text)
        response = response_services.response_submit(
            consultation=consultation,
            answers=answers,
            monitoring=LOCAL_MONITORING[i % len(LOCAL_MONITORING)] if i % 4 else None,
            # A connection each, as residents at home: a new name on every load, so
            # the hourly limit per client (in the cache) never holds one back.
            client=f"example-resident-{secrets.token_hex(8)}",
            questions=questions,
        )
        if text and i < LOCAL_RESPONSES // 2:  # officers have tagged the first half
            tagged = {theme.pk for theme, words in themes if any(w in text.lower() for w in words)}
            if tagged:
                tags[response.stored_answers[more.pk].pk] = tagged
    response_services.answer_tags_set(consultation=consultation, tags=tags)
    # And one sent by a program that filled the field people cannot see: held.
    response_services.response_submit(
        consultation=consultation,
        answers={
            need.pk: AnswerData(choices=(labels[NEEDS[0]],)),
            more.pk: AnswerData(text="Cheap pills at http://pills.example, best prices!!!"),
        },
        monitoring=None,
        client=f"example-program-{secrets.token_hex(8)}",
        honeypot="http://pills.example",
    )
