"""Residents' questions at Area Assemblies, which "listen to community issues"
(agreement, LAP Area Assemblies).

A resident asks, with no account, before the meeting's questions close
(``questions_close_at``); officers accept or decline each one with a reason; an
accepted question is on the meeting's public agenda, with the asker's name only if
they agreed to it, and the answer given at the meeting is published with the
approved minutes (``services.meetings``: the minutes, questions included, are
frozen when approved, so an answer changed later reaches the public only as a
correction).

What never reaches the public: the asker's e-mail address and postcode or ward, a
question not accepted, a declined question's reason (it is written to the asker),
and the name of an asker who did not agree to it being shown. ``public()`` is the
one rule for what may be shown."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .bodies import BodyKind
from .meetings import Meeting, MeetingStatus

#: The limits stated on the form.
NAME_MAX = 100
TEXT_MAX = 1000
WHERE_MAX = 100
REASON_MAX = 1000
ANSWER_MAX = 5000


def questions_close_on(meeting: Meeting) -> datetime.date:
    """The last day questions are taken for ``meeting``: the day
    ``PACE_QUESTIONS_CLOSE_WORKING_DAYS`` working days (Monday to Friday; bank
    holidays are not counted out) before the meeting's day. For a Thursday meeting
    and 5 working days, the Thursday before. Officers then have those days to
    consider the questions and prepare answers."""
    day = timezone.localtime(meeting.starts_at).date()
    left = settings.PACE_QUESTIONS_CLOSE_WORKING_DAYS
    while left:
        day -= datetime.timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day


def questions_close_at(meeting: Meeting) -> datetime.datetime:
    """The end of ``questions_close_on``: midnight, local time."""
    after = questions_close_on(meeting) + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(after, datetime.time()))


def takes_questions(meeting: Meeting) -> bool:
    """An Area Assembly's public meeting, still to come, whose questions have not
    closed. The meeting's body must have been read with it (``select_related``)."""
    return (
        meeting.body.kind == BodyKind.AREA_ASSEMBLY
        and meeting.is_public
        and meeting.status == MeetingStatus.SCHEDULED
        and timezone.now() < questions_close_at(meeting)
    )


class QuestionStatus(models.TextChoices):
    PENDING = "pending", "Waiting for an officer"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class QuestionQuerySet(models.QuerySet):
    def public(self):
        """What may be shown wherever the meeting is shown (a meeting not open to
        the public is shown only to those who may see it: ``_meeting_or_404``):
        accepted questions, and nothing else."""
        return self.filter(status=QuestionStatus.ACCEPTED)


class Question(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="questions")
    reference = models.CharField(max_length=12, unique=True, editable=False)
    name = models.CharField(max_length=NAME_MAX, error_messages={"blank": "Enter your name."})
    # Blank once forgotten (``services.questions_forget_addresses``); the resident's
    # form requires it.
    email = models.EmailField("e-mail address", max_length=254, blank=True)
    where = models.CharField(
        "postcode or ward",
        max_length=WHERE_MAX,
        blank=True,
        help_text="As the resident gave it, so officers can tell a local issue. Never published.",
    )
    text = models.TextField(
        "question",
        max_length=TEXT_MAX,
        validators=[MaxLengthValidator(TEXT_MAX)],
        error_messages={"blank": "Enter your question."},
    )
    show_name = models.BooleanField(
        "name may be shown",
        default=False,
        help_text="The resident agreed to their name being shown with the question.",
    )
    status = models.CharField(
        max_length=20, choices=QuestionStatus.choices, default=QuestionStatus.PENDING
    )
    reason = models.TextField(
        blank=True,
        max_length=REASON_MAX,
        validators=[MaxLengthValidator(REASON_MAX)],
        help_text="Why it was declined (required), or a note on accepting it. It is sent "
        "to the resident: write it for them.",
    )
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    answer = models.TextField(
        blank=True,
        max_length=ANSWER_MAX,
        validators=[MaxLengthValidator(ANSWER_MAX)],
        help_text="The answer given at the meeting, as minuted. It is published with the "
        "approved minutes; once they are approved, a change reaches the public only as a "
        "correction of the minutes.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = QuestionQuerySet.as_manager()

    # The address is not kept in the history: it is personal data, and the history
    # is kept longer than the question needs it.
    history = HistoricalRecords(excluded_fields=["email", "where"])

    class Meta:
        ordering = ["meeting", "created_at", "pk"]
        indexes = [models.Index(fields=["meeting", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=QuestionStatus.values),
                name="question_status_known",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=QuestionStatus.DECLINED) | ~models.Q(reason=""),
                name="question_declined_with_a_reason",
                violation_error_message="Give the reason the question is declined.",
            ),
            models.CheckConstraint(
                condition=models.Q(answer="") | models.Q(status=QuestionStatus.ACCEPTED),
                name="question_answered_only_if_accepted",
                violation_error_message="Only an accepted question is answered.",
            ),
        ]

    def __str__(self) -> str:
        return f"Question {self.reference}"

    @property
    def asker(self) -> str:
        """The name shown in public: theirs only if they agreed."""
        return self.name if self.show_name else "A resident"

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        if self.status == QuestionStatus.DECLINED and not self.reason.strip():
            errors["reason"] = ValidationError(
                "Give the reason the question is declined: it is sent to the resident.",
                code="reason_required",
            )
        if self.answer.strip() and self.status != QuestionStatus.ACCEPTED:
            errors["answer"] = ValidationError(
                "Only an accepted question is answered: accept it first.",
                code="answer_not_accepted",
            )
        if errors:
            raise ValidationError(errors)
