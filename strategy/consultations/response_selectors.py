"""Reads of the online form and the responses: the questions a resident answers, the
officers' summary of each question, the written answers to read and tag, the
rows of the exports, and the aggregate counts a published outcome shows.

Officers' reads count only counted responses (not held, not rejected). Each
function's query count is fixed, whatever the number of responses (pinned in
tests/consultations/test_officer_pages.py)."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from .models import (
    Answer,
    AnswerChoice,
    Consultation,
    Question,
    QuestionKind,
    Response,
    ResponseChannel,
    ResponseStatus,
    Theme,
)
from .monitoring import MonitoringTable, monitoring_table
from .selectors import can_preview_consultations, consultations_visible


def questions_for_form(consultation: Consultation) -> list[Question]:
    """The questions in the order they are asked, with their choices: two queries."""
    return list(consultation.questions.prefetch_related("choices"))


def consultation_for_responding(user, slug: str) -> Consultation:
    """A consultation whose online form may be shown: published with the online
    form on, or any with questions for an officer (a preview). 404 otherwise."""
    consultation = consultations_visible(user).filter(slug=slug).first()
    if consultation is None:
        raise Http404("No consultation found")
    if not consultation.online_form and not can_preview_consultations(user):
        raise Http404("This consultation takes no responses online")
    return consultation


# --- The officers' summary -----------------------------------------------------------------


@dataclass(frozen=True)
class OptionCount:
    label: str
    count: int
    #: Of the counted responses that answered the question (not "I'd rather not say").
    percent: int


@dataclass
class QuestionSummary:
    number: int
    question: Question
    answered: int = 0
    prefer_not: int = 0
    not_answered: int = 0
    options: list[OptionCount] = field(default_factory=list)
    tagged: int = 0

    @property
    def largest(self) -> int:
        return max((o.count for o in self.options), default=0)


@dataclass
class ResponsesSummary:
    consultation: Consultation
    counted: int
    held: int
    rejected: int
    by_channel: list[tuple[str, int]]
    questions: list[QuestionSummary]
    themes: list[Theme]
    monitoring: MonitoringTable


def _percent(n: int, of: int) -> int:
    return round(100 * n / of) if of else 0


def responses_summary(consultation: Consultation) -> ResponsesSummary:
    """Each question's counts (and, for choices and scales, each option's), the
    themes with how many answers and responses raise them, and the equality
    monitoring in aggregate: nine queries."""
    counted_answers = Answer.objects.filter(
        response__consultation=consultation, response__status=ResponseStatus.ACCEPTED
    )
    statuses: dict[str, int] = {}
    channels: dict[str, int] = {}
    for row in (
        Response.objects.filter(consultation=consultation)
        .order_by()
        .values("status", "channel")
        .annotate(n=Count("pk"))
    ):
        statuses[row["status"]] = statuses.get(row["status"], 0) + row["n"]
        if row["status"] == ResponseStatus.ACCEPTED:
            channels[row["channel"]] = channels.get(row["channel"], 0) + row["n"]
    counted = statuses.get(ResponseStatus.ACCEPTED, 0)
    per_question = {
        row["question"]: row
        for row in counted_answers.order_by()
        .values("question")
        .annotate(
            answered=Count("pk", filter=Q(prefer_not=False), distinct=True),
            prefer_not=Count("pk", filter=Q(prefer_not=True), distinct=True),
            tagged=Count("pk", filter=Q(themes__isnull=False), distinct=True),
        )
    }
    per_choice = dict(
        AnswerChoice.objects.filter(answer__in=counted_answers)
        .order_by()
        .values("choice")
        .annotate(n=Count("pk"))
        .values_list("choice", "n")
    )
    per_point = {
        (row["question"], row["value"]): row["n"]
        for row in counted_answers.filter(value__isnull=False)
        .order_by()
        .values("question", "value")
        .annotate(n=Count("pk"))
    }
    questions = []
    for number, question in enumerate(questions_for_form(consultation), 1):
        row = per_question.get(question.pk, {})
        summary = QuestionSummary(
            number=number,
            question=question,
            answered=row.get("answered", 0),
            prefer_not=row.get("prefer_not", 0),
            tagged=row.get("tagged", 0),
        )
        summary.not_answered = counted - summary.answered - summary.prefer_not
        if question.is_choice:
            summary.options = [
                OptionCount(
                    c.label,
                    per_choice.get(c.pk, 0),
                    _percent(per_choice.get(c.pk, 0), summary.answered),
                )
                for c in question.choices.all()
            ]
        elif question.kind == QuestionKind.SCALE:
            summary.options = [
                OptionCount(
                    label,
                    per_point.get((question.pk, n), 0),
                    _percent(per_point.get((question.pk, n), 0), summary.answered),
                )
                for n, label in question.scale_options()
            ]
        questions.append(summary)
    return ResponsesSummary(
        consultation=consultation,
        counted=counted,
        held=statuses.get(ResponseStatus.HELD, 0),
        rejected=statuses.get(ResponseStatus.REJECTED, 0),
        by_channel=[
            (label, channels[value])
            for value, label in ResponseChannel.choices
            if value in channels
        ],
        questions=questions,
        themes=list(themes_with_counts(consultation)),
        monitoring=monitoring_table([consultation]),
    )


def themes_with_counts(consultation: Consultation) -> QuerySet[Theme]:
    """The consultation's themes, each with how many counted answers and responses
    it is tagged on, and its "you said, we did" point: one query."""
    counted = Q(answers__response__status=ResponseStatus.ACCEPTED)
    return (
        Theme.objects.filter(consultation=consultation)
        .select_related("feedback")
        .annotate(
            n_answers=Count("answers", filter=counted, distinct=True),
            n_responses=Count("answers__response", filter=counted, distinct=True),
        )
        .order_by("name")
    )


def text_answers(question: Question, *, theme: str = "") -> QuerySet[Answer]:
    """The written answers to ``question`` in counted responses, oldest first, with
    their response and themes; ``theme``: a theme's id, or "none" for the answers
    not tagged yet."""
    answers = (
        Answer.objects.filter(question=question, response__status=ResponseStatus.ACCEPTED)
        .exclude(text="")
        .select_related("response")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("name")))
        .order_by("response__received_on", "response__pk")
    )
    if theme == "none":
        answers = answers.filter(themes__isnull=True)
    elif theme.isdigit():
        answers = answers.filter(themes__pk=int(theme))
    return answers


def question_of(consultation: Consultation, number: int) -> Question:
    """The ``number``th question (from 1), or 404."""
    questions = (
        list(consultation.questions.all()[max(number - 1, 0) : number]) if number > 0 else []
    )
    if not questions:
        raise Http404("No such question")
    return questions[0]


# --- Exports ---------------------------------------------------------------------------


def responses_for_export(consultation: Consultation) -> QuerySet[Response]:
    """The counted responses with their answers, chosen choices and themes: four
    queries, whatever their number."""
    return (
        Response.objects.counted()
        .filter(consultation=consultation)
        .order_by("received_on", "pk")
        .prefetch_related(
            Prefetch(
                "answers",
                queryset=Answer.objects.prefetch_related(
                    Prefetch("choices"), Prefetch("themes", queryset=Theme.objects.order_by("name"))
                ),
            )
        )
    )
