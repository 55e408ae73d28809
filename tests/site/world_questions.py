"""Residents' questions at an Area Assembly in the world of private records
(``world.py``), one of each state, with what must never be public marked:

- a meeting to come, taking questions: one waiting for an officer and one
  declined (their words, names, addresses and reasons marked), one accepted with
  the asker's name shown and one accepted without it (the name marked), the
  addresses and postcodes or wards of both marked, as is an officer's note;
- a meeting held, its minutes approved with an accepted question's answer, and a
  question never decided;
- a meeting not open to the public, with an accepted question (all marked).
"""

import datetime
import uuid

from django.utils import timezone
from django.utils.timezone import localdate as today

from partnerships import services
from partnerships.models import BodyKind, Meeting


def _at(days: int) -> datetime.datetime:
    day = today() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, 19))


def questions_world(world, mark) -> None:
    # Under an Area Board of its own: the members of ``b`` (an outsider in the crawl)
    # may see what is below their board, the private meeting here included.
    board = services.body_create(
        name="Macclesfield Area Board",
        slug="macclesfield-area-board",
        kind=BodyKind.AREA_BOARD,
        parent=world.leaders,
    )
    assembly = services.body_create(
        name="Macclesfield Area Assembly",
        slug="macclesfield-area-assembly",
        kind=BodyKind.AREA_ASSEMBLY,
        parent=board,
    )
    coming = Meeting.objects.create(
        body=assembly,
        title="Macclesfield Area Assembly, themed",
        kind="themed_assembly",
        starts_at=_at(30),
        location="Macclesfield Library",
    )
    # A fresh address each time a world is built (no marker is reused).
    fresh = uuid.uuid4().hex[:8]

    def ask(meeting, n: int, *, name: str, text: str, show_name: bool = False, where: str = ""):
        return services.question_ask(
            meeting=meeting,
            name=name,
            email=f"{mark(f'e-mail of an asker {n}')}.{fresh}@example.org",
            text=text,
            where=where or mark(f"postcode or ward of an asker {n}"),
            show_name=show_name,
            client=None,
        )

    waiting = ask(
        coming, 1, name=mark("name of an asker waiting"), text=mark("text of a question waiting")
    )
    declined = ask(
        coming, 2, name=mark("name of an asker declined"), text=mark("text of a question declined")
    )
    services.question_decline(question=declined, reason=mark("reason a question was declined"))
    named = ask(coming, 3, name="Nora Named", show_name=True, text="When will the library reopen?")
    services.question_accept(question=named, reason=mark("officer's note on accepting"))
    unnamed = ask(
        coming,
        4,
        name=mark("name of an asker who did not agree to it being shown"),
        text="Can the park gates stay open later?",
    )
    services.question_accept(question=unnamed)

    held = Meeting.objects.create(
        body=assembly,
        title="Macclesfield Area Assembly, summer",
        kind="summer_assembly",
        starts_at=_at(40),
        location="Macclesfield Library",
    )
    answered = ask(held, 5, name="Alan Answered", show_name=True, text="Is the pool staying?")
    never = ask(
        held,
        6,
        name=mark("name of an asker never decided"),
        text=mark("text of a question never decided"),
    )
    services.question_accept(question=answered)
    services.question_answer(question=answered, answer="Yes: the pool stays open.")
    Meeting.objects.filter(pk=held.pk).update(starts_at=_at(-20), status="held")
    held.refresh_from_db()
    services.meeting_minutes_approve(meeting=held, announce=False)

    private = Meeting.objects.create(
        body=assembly,
        title="Macclesfield Area Assembly, planning",
        starts_at=_at(35),
    )
    hidden = ask(
        private,
        7,
        name=mark("name of an asker at a private meeting"),
        text=mark("text of a question at a private meeting"),
        show_name=True,
    )
    services.question_accept(question=hidden)
    services.question_answer(question=hidden, answer=mark("answer at a private meeting"))
    Meeting.objects.filter(pk=private.pk).update(is_public=False)

    world.objects |= {
        "assembly": assembly,
        "assembly_meeting": coming,
        "question_waiting": waiting,
        "question_declined": declined,
        "question_named": named,
        "question_unnamed": unnamed,
        "question_answered": answered,
        "question_never_decided": never,
        "question_private": hidden,
    }
