"""Who came to a meeting: each member of the body on the day it met is expected;
each is recorded as present, as having sent apologies, or as absent. People who
are not members come as invitees (the Area Management Group "will invite other
people to attend individual meetings when required", agreement, LAP Area
Management Groups)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .meetings import Meeting
from .people import Membership, Person


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Present"
    APOLOGIES = "apologies", "Sent apologies"
    ABSENT = "absent", "Absent"


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="attendance")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="attendance")
    status = models.CharField(
        max_length=10, choices=AttendanceStatus.choices, default=AttendanceStatus.PRESENT
    )
    is_invitee = models.BooleanField(
        "invited (not a member)",
        default=False,
        help_text="Someone invited to this meeting who is not a member of the body.",
    )
    invited_as = models.CharField(
        max_length=200,
        blank=True,
        help_text='For an invitee: why they came, e.g. "Service Manager, Highways".',
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "is_invitee", "person__name"]
        verbose_name_plural = "attendance"
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                name="attendance_once_per_meeting",
                violation_error_message="This person's attendance at the meeting is recorded "
                "already.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_status_display()}"

    def clean(self) -> None:
        try:
            meeting, person = self.meeting, self.person
        except (Meeting.DoesNotExist, Person.DoesNotExist):
            return  # the missing field has its own message
        if meeting.body_id is None or meeting.starts_at is None:
            return
        day = timezone.localdate(meeting.starts_at)
        is_member = (
            Membership.objects.current(day).filter(body_id=meeting.body_id, person=person).exists()
        )
        if self.is_invitee and is_member:
            raise ValidationError(
                {
                    "is_invitee": ValidationError(
                        "%(person)s was a member of %(body)s on %(day)s: record them as a "
                        "member, not an invitee.",
                        code="member_not_invitee",
                        params={"person": person, "body": meeting.body, "day": f"{day:%-d %B %Y}"},
                    )
                }
            )
        if not self.is_invitee and not is_member:
            raise ValidationError(
                {
                    "person": ValidationError(
                        "%(person)s was not a member of %(body)s on %(day)s. Tick “invited” "
                        "for someone who came at the body's invitation.",
                        code="not_a_member",
                        params={"person": person, "body": meeting.body, "day": f"{day:%-d %B %Y}"},
                    )
                }
            )
        if self.is_invitee and self.status != AttendanceStatus.PRESENT:
            raise ValidationError(
                {
                    "status": ValidationError(
                        "Record an invitee only when they came.", code="invitee_present"
                    )
                }
            )
