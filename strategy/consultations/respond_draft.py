"""The answers a resident has given so far, kept in their session until they send
the response (``SessionDraft``), and how "check your answers" shows them."""

from django.core.exceptions import ValidationError
from django.urls import reverse

from .models import PREFER_NOT_LABEL, AnswerData, Consultation, ProtectedCharacteristic, Question
from .models.monitoring import QUESTIONS, answer_choices

SESSION_PREFIX = "consultation-response:"


def question_url(consultation: Consultation, number: int, *, change: bool = False) -> str:
    url = reverse("consultations:respond-question", args=[consultation.slug, number])
    return f"{url}?change=1" if change else url


class SessionDraft:
    """The answers so far, in the session: ``{"answers": {question id: answer},
    "monitoring": {characteristic: value} or None (not reached yet), "saved": the
    hash of the saved draft they came from, or ""}``."""

    def __init__(self, request, consultation: Consultation) -> None:
        self.session = request.session
        self.key = f"{SESSION_PREFIX}{consultation.pk}"
        data = self.session.get(self.key)
        self.is_new = not isinstance(data, dict)
        self.data = data if isinstance(data, dict) else {}
        if not isinstance(self.data.get("answers"), dict):
            self.data["answers"] = {}

    def answer(self, question: Question) -> AnswerData:
        return AnswerData.from_json(self.data["answers"].get(str(question.pk)))

    def answers(self) -> dict[int, AnswerData]:
        return {
            int(pk): AnswerData.from_json(value)
            for pk, value in self.data["answers"].items()
            if str(pk).isdigit()
        }

    def set_answer(self, question: Question, answer: AnswerData) -> None:
        self.data["answers"][str(question.pk)] = answer.as_json()

    @property
    def monitoring(self) -> dict | None:
        value = self.data.get("monitoring")
        return value if isinstance(value, dict) else None

    def set_monitoring(self, answers: dict) -> None:
        self.data["monitoring"] = answers

    @property
    def saved(self) -> str:
        value = self.data.get("saved")
        return value if isinstance(value, str) else ""

    def set_saved(self, token_hash: str) -> None:
        self.data["saved"] = token_hash

    @property
    def has_answers(self) -> bool:
        return any(not a.is_empty for a in self.answers().values())

    def save(self) -> None:
        self.session[self.key] = self.data
        self.session.modified = True

    def clear(self) -> None:
        self.session.pop(self.key, None)


def answer_rows(consultation, questions, draft: SessionDraft) -> list[dict]:
    rows = []
    for number, question in enumerate(questions, 1):
        answer = draft.answer(question)
        rows.append(
            {
                "number": number,
                "question": question,
                "answer": _answer_text(question, answer),
                "change_url": question_url(consultation, number, change=True),
            }
        )
    return rows


def _answer_text(question: Question, answer: AnswerData) -> str:
    if answer.prefer_not:
        return PREFER_NOT_LABEL
    if question.is_free_text:
        return answer.text
    if question.is_scale:
        labels = dict(question.scale_options())
        return labels.get(answer.value, "") if answer.value is not None else ""
    labels = {c.pk: c.label for c in question.choices.all()}
    return "\n".join(labels[pk] for pk in answer.choices if pk in labels)


def monitoring_rows(draft: SessionDraft) -> list[dict]:
    given = draft.monitoring or {}
    rows = []
    for characteristic in ProtectedCharacteristic:
        labels = dict(answer_choices(characteristic))
        rows.append(
            {
                "question": QUESTIONS[characteristic][0],
                "answer": labels.get(given.get(characteristic.value), "Not answered"),
            }
        )
    return rows


def problems_of(consultation, questions, error: ValidationError) -> list[tuple[str, str]]:
    """The error summary's lines: each question's message links to its page."""
    if not hasattr(error, "error_dict"):
        return [(message, "#main-content") for message in error.messages]
    problems = []
    for key, errors in error.error_dict.items():
        number = key.removeprefix("question-")
        link = (
            question_url(consultation, int(number), change=True)
            if number.isdigit()
            else "#main-content"
        )
        for e in errors:
            for message in e.messages:
                prefix = f"Question {number}: " if number.isdigit() else ""
                problems.append((prefix + message, link))
    return problems
