"""Residents' questions for the next Area Assembly meeting taking them: one accepted
for its agenda (the asker agreed to their name being shown) and one waiting for an
officer, so the meeting's page, its question form and the officers' admin have
something to show. Asked through the same service as the public form; loading
again adds nothing to a meeting that has questions already."""

from django.db import transaction

from partnerships import services
from partnerships.models import BodyKind, Meeting, Question
from partnerships.models.questions import takes_questions


def _next_meeting() -> Meeting | None:
    upcoming = Meeting.objects.upcoming().filter(body__kind=BodyKind.AREA_ASSEMBLY, is_public=True)
    return next((m for m in upcoming.select_related("body") if takes_questions(m)), None)


@transaction.atomic
def load() -> dict[str, int]:
    meeting = _next_meeting()
    if meeting is not None and not meeting.questions.exists():
        accepted = services.question_ask(
            meeting=meeting,
            name="Margaret Hollins",
            email="margaret.hollins@example.org",
            where="Crewe Central ward",
            text="The pedestrian crossing on Nantwich Road outside the station has been out "
            "of order since the summer. When will it be repaired, and can a temporary "
            "crossing patrol be provided in the meantime?",
            show_name=True,
            client=None,
        )
        services.question_accept(
            question=accepted,
            reason="The council's Highways team will be at the meeting to answer it.",
        )
        services.question_ask(
            meeting=meeting,
            name="D. Shaw",
            email="d.shaw@example.org",
            where="CW1 3AB",
            text="Could the Area Assembly support a litter pick in Queens Park before the "
            "spring? Several residents would volunteer.",
            client=None,
        )
    return {"questions at Area Assemblies": Question.objects.count()}
