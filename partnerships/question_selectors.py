"""Reads of residents' questions at Area Assemblies, for the meeting's page, its
approved minutes and the Area Assembly's page: the only public reads of
``Question``, and each goes through ``QuestionQuerySet.public``."""

from django.db.models import QuerySet

from .models import Body, BodyKind, Meeting, Question
from .models.questions import questions_close_on, takes_questions


def public_questions(meeting: Meeting) -> list[Question]:
    """The accepted questions at ``meeting``, in the order they were asked. No query
    for a meeting that is not an Area Assembly's, which takes no questions."""
    if meeting.body.kind != BodyKind.AREA_ASSEMBLY:
        return []
    return list(
        Question.objects.public()
        .filter(meeting=meeting)
        .only("pk", "meeting_id", "reference", "name", "show_name", "text", "answer", "status")
        .order_by("created_at", "pk")
    )


def meetings_taking_questions(body: Body, upcoming: list[Meeting]) -> list[Meeting]:
    """Of ``upcoming`` (``body``'s meetings to come, read already), those taking
    questions now, each with its ``questions_close_on``. No query of its own."""
    if body.kind != BodyKind.AREA_ASSEMBLY:
        return []
    asking = []
    for meeting in upcoming:
        meeting.body = body  # spares a query per meeting
        if takes_questions(meeting):
            meeting.questions_close_on = questions_close_on(meeting)
            asking.append(meeting)
    return asking


def questions_waiting() -> QuerySet[Question]:
    """For officers: questions no officer has decided yet, meeting first."""
    return Question.objects.filter(status="pending").select_related("meeting__body")
