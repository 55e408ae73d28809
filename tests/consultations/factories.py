"""Builders for strategy records; consultations, their questions and responses go
through the services so the rules apply."""

import datetime
import itertools

from django.utils import timezone

from partnerships.models import Body
from strategy.consultations import response_services
from strategy.consultations import services as services
from strategy.consultations.models import (
    AnswerData,
    Audience,
    Choice,
    Consultation,
    ProposalStage,
    Question,
    QuestionKind,
    ResponseChannel,
    Theme,
)
from strategy.models import ActionPlan, PlanStatus, Strategy, StrategyStatus

_seq = itertools.count(1)


def strategy(status=StrategyStatus.DRAFT, **fields) -> Strategy:
    n = next(_seq)
    return Strategy.objects.create(
        title=fields.pop("title", f"Strategy {n}"),
        # Its own prefix: tests/strategy/factories.py counts "strategy-N" separately, and
        # a test that uses both builders once met the same slug from each.
        slug=f"consulted-strategy-{n}",
        starts_on=datetime.date(2017, 4, 1),
        ends_on=datetime.date(2020, 3, 31),
        status=status,
        **fields,
    )


def plan(body: Body, strategy_: Strategy | None = None) -> ActionPlan:
    return ActionPlan.objects.create(
        body=body,
        strategy=strategy_ or strategy(),
        title=f"{body.name} action plan {next(_seq)}",
        starts_on=datetime.date(2017, 4, 1),
        ends_on=datetime.date(2018, 3, 31),
        status=PlanStatus.ADOPTED,
    )


def audiences(*slugs: str) -> list[Audience]:
    # A migration seeds them; a transactional test before this one may have flushed them.
    slugs = slugs or ("general-public", "stakeholders")
    return [
        Audience.objects.get_or_create(slug=slug, defaults={"name": slug.replace("-", " ")})[0]
        for slug in slugs
    ]


def consultation_unsaved(
    *, opens_in: int = -10, days: int = 42, subject: Strategy | None = None, **fields
) -> Consultation:
    """A consultation (not saved) opening ``opens_in`` days from today, open for
    ``days`` days counting both ends, on a strategy unless another subject is given."""
    n = next(_seq)
    today = timezone.localdate()
    opens_on = today + datetime.timedelta(days=opens_in)
    if not {"strategy", "action_plan", "area_board"} & set(fields):
        fields["strategy"] = subject or strategy()
    defaults = {
        "title": f"Consultation {n}",
        "slug": f"consultation-{n}",
        "purpose": "To hear what people think.",
        "stage": ProposalStage.FORMATIVE,
        "reasons": "Because the current arrangements are not effective.",
        "decision_criteria": "What communities need, and what partners will resource.",
        "opens_on": opens_on,
        "closes_on": opens_on + datetime.timedelta(days=days - 1),
        "is_published": True,
        "response_email": "consultations@example.org",
        "contact_name": "Partnerships and Communities team",
        "contact_email": "partnerships@example.org",
    }
    return Consultation(**(defaults | fields))


def consultation(*, by=None, **kwargs) -> Consultation:
    return services.consultation_save(
        consultation=consultation_unsaved(**kwargs), audiences=audiences(), by=by
    )


def closed_with_outcome(*, responses: int = 12, **kwargs) -> Consultation:
    """A consultation that has closed with everything the fourth principle needs:
    ``responses`` responses received by post, answering its one written question,
    each tagged with a theme that a "you said, we did" point answers."""
    kwargs.setdefault("opens_in", -60)
    c = consultation(
        responses_summary="Most supported the proposal.",
        outcome="The proposal was adopted with changes.",
        **kwargs,
    )
    if responses:
        question = free_text_question(c, text="What do you think?")
        theme = response_services.theme_save(theme=Theme(consultation=c, name="Bus routes"))
        for _ in range(responses):
            response = recorded(c, {question: AnswerData(text="Bus routes matter to me.")})
            response_services.answer_tags_set(
                consultation=c, tags={response.answers.get().pk: {theme.pk}}
            )
        response_services.feedback_from_theme(
            theme=theme, you_said="Bus routes matter.", we_did="We added rural transport."
        )
    else:
        services.consultation_feedback_add(
            consultation=c, you_said="Bus routes matter.", we_did="We added rural transport."
        )
    return c


# --- Questions and responses -------------------------------------------------------------


def question(
    c: Consultation, kind: str = QuestionKind.FREE_TEXT, *, choices=(), **fields
) -> Question:
    fields.setdefault("text", f"Question {next(_seq)}")
    fields.setdefault("position", c.questions.count() + 1)
    if kind == QuestionKind.SCALE:
        fields.setdefault("scale_points", 5)
        fields.setdefault("scale_low_label", "Strongly disagree")
        fields.setdefault("scale_high_label", "Strongly agree")
    made = services.question_save(question=Question(consultation=c, kind=kind, **fields))
    for i, label in enumerate(choices, 1):
        services.choice_save(choice=Choice(question=made, position=i, label=label))
    return made


def free_text_question(c: Consultation, **fields) -> Question:
    return question(c, QuestionKind.FREE_TEXT, **fields)


def online(**kwargs) -> tuple[Consultation, dict[str, Question]]:
    """An open consultation taking responses online, with one question of each kind
    (``text``, ``one``, ``several``, ``scale``), published once they exist."""
    c = consultation(is_published=False, **kwargs)
    questions = {
        "one": question(
            c,
            QuestionKind.ONE_CHOICE,
            text="Which need first?",
            choices=["Healthy eating", "Getting active", "Loneliness"],
            required=True,
            allow_prefer_not=True,
        ),
        "several": question(
            c,
            QuestionKind.SEVERAL_CHOICES,
            text="Which would you join?",
            choices=["Walks", "Cookery", "Coffee mornings"],
            allow_prefer_not=True,
        ),
        "scale": question(c, QuestionKind.SCALE, text="How much do you agree?"),
        "text": free_text_question(c, text="Anything else?", max_length=200, allow_prefer_not=True),
    }
    c.online_form = True
    c.is_published = True
    services.consultation_save(consultation=c)
    return c, questions


def recorded(c: Consultation, answers: dict, *, channel=ResponseChannel.POST, by=None):
    """A response received ``channel`` and typed in by an officer."""
    return response_services.response_record(
        consultation=c,
        answers={q.pk: a for q, a in answers.items()},
        channel=channel,
        received_on=timezone.localdate() if c.opens_on <= timezone.localdate() else c.opens_on,
        by=by,
    )


def submitted(c: Consultation, answers: dict, *, monitoring=None, client="192.0.2.1", **kw):
    """A response sent online."""
    return response_services.response_submit(
        consultation=c,
        answers={q.pk: a for q, a in answers.items()},
        monitoring=monitoring,
        client=client,
        **kw,
    )
