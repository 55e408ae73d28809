from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from mptt.models import TreeForeignKey
from simple_history.models import HistoricalRecords

from .bodies import Body, BodyKind
from .organisations import Organisation
from .people import Person


class MeetingKind(models.TextChoices):
    """Area Assemblies meet four times a year (agreement, LAP Area Assemblies)."""

    MEETING = "meeting", "Meeting"
    SUMMER_ASSEMBLY = "summer_assembly", "Summer Assembly: review of the year"
    SEPTEMBER_ASSEMBLY = "september_assembly", "September Assembly: next year's Area Plan"
    NOVEMBER_ASSEMBLY = "november_assembly", "November Assembly: public spend"
    THEMED_ASSEMBLY = "themed_assembly", "Themed Assembly"
    #: The partnership's Assembly meets once a year (agreement 2) and receives the
    #: Executive Board's annual report (5.5).
    ANNUAL_ASSEMBLY = "annual_assembly", "Annual Assembly: the partnership's year"


AREA_ASSEMBLY_KINDS = frozenset(
    {
        MeetingKind.SUMMER_ASSEMBLY,
        MeetingKind.SEPTEMBER_ASSEMBLY,
        MeetingKind.NOVEMBER_ASSEMBLY,
        MeetingKind.THEMED_ASSEMBLY,
    }
)


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"


class MeetingQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def upcoming(self):
        return self.filter(starts_at__gte=timezone.now()).order_by("starts_at")

    def past(self):
        return self.filter(starts_at__lt=timezone.now()).order_by("-starts_at")


class Meeting(models.Model):
    body = TreeForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=MeetingKind.choices, default=MeetingKind.MEETING)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField(
        null=True, blank=True, help_text="Optional: when the meeting is expected to finish."
    )
    location = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    is_public = models.BooleanField(
        "open to the public",
        default=True,
        help_text="Meetings not open to the public are listed only to the body's members.",
    )
    minutes_published = models.BooleanField(
        default=False, help_text="Publish the minutes of the public agenda items."
    )
    agenda_published_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When the agenda was sent to the body's members and subscribers.",
    )
    wards = models.ManyToManyField(
        "partnerships.Ward",
        blank=True,
        related_name="meetings",
        help_text="The wards the meeting's business affects, if it is local.",
    )
    # When the record last changed: the calendar feed's DTSTAMP and LAST-MODIFIED,
    # so a calendar program can tell an edited meeting from an unchanged one.
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["body", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_it_starts",
                violation_error_message="A meeting must end after it starts.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({timezone.localtime(self.starts_at):%d %B %Y})"

    def get_absolute_url(self) -> str:
        return reverse("partnerships:meeting-detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = ValidationError(
                "The meeting must end after it starts.", code="dates_order"
            )
        if (
            self.kind in AREA_ASSEMBLY_KINDS
            and self.body_id
            and self.body.kind != BodyKind.AREA_ASSEMBLY
        ):
            errors["kind"] = ValidationError(
                "Only an Area Assembly holds a %(kind)s.",
                code="assembly_kind",
                params={"kind": MeetingKind(self.kind).label},
            )
        if (
            self.kind == MeetingKind.ANNUAL_ASSEMBLY
            and self.body_id
            and self.body.kind != BodyKind.ASSEMBLY
        ):
            errors["kind"] = ValidationError(
                "Only the partnership's Assembly holds the Annual Assembly.",
                code="annual_assembly_kind",
            )
        if self.pk and not self.minutes_published and self._has_approved_minutes():
            errors["minutes_published"] = ValidationError(
                "These minutes were approved and published: they stay published. To change "
                "them, publish a correction.",
                code="minutes_stay_published",
            )
        if errors:
            raise ValidationError(errors)

    def _has_approved_minutes(self) -> bool:
        from django.contrib.contenttypes.models import ContentType

        from pace.core.models import PublishedVersion

        return PublishedVersion.objects.filter(
            content_type=ContentType.objects.get_for_model(Meeting),
            object_id=self.pk,
            document="minutes",
        ).exists()


class AgendaItem(models.Model):
    """An item on a meeting's agenda. A confidential item (agreement 5.7) is shown to
    the public only as "Confidential item": no title, papers, minutes or decision.

    Its decisions are records of their own (``decisions.Decision``). The papers
    summary and minutes are plain text, as is every text field in PACE:
    templates escape them (``linebreaksbr`` keeps the line breaks) and never mark
    them safe, so no HTML sanitiser is needed."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(max_length=200)
    papers = models.TextField(blank=True, help_text="Summary of the papers for this item.")
    is_confidential = models.BooleanField(
        default=False,
        help_text="Information not in the public domain (agreement 5.7): "
        "only the body's members and officers see it.",
    )
    minutes = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"],
                name="agenda_item_position_unique",
                violation_error_message="Another item already has this number on the agenda.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class InterestType(models.TextChoices):
    """Agreement 5.6: "any financial, personal, business or organisational interest"."""

    FINANCIAL = "financial", "Financial"
    PERSONAL = "personal", "Personal"
    BUSINESS = "business", "Business"
    ORGANISATIONAL = "organisational", "Organisational"


INTEREST_TYPE_REQUIRED = (
    "Choose the type of interest declared: financial, personal, business or organisational."
)
DESCRIPTION_REQUIRED = "Give the interest declared, as it is noted in the minutes."


class Declaration(models.Model):
    """A declaration of interest noted at a meeting. Declarations are "available for
    public scrutiny at all times" (agreement 5.6), even on a confidential item: the
    declaration is public, the item's confidential content is not."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="declarations")
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="declarations",
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="declarations")
    interest_type = models.CharField(
        "type of interest",
        max_length=20,
        choices=InterestType.choices,
        error_messages={"blank": INTEREST_TYPE_REQUIRED, "null": INTEREST_TYPE_REQUIRED},
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="declarations",
        help_text="The organisation the interest is in, if any (used to flag conflicts).",
    )
    description = models.TextField(
        help_text="The interest declared, as noted in the minutes.",
        error_messages={"blank": DESCRIPTION_REQUIRED},
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "person__name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(interest_type__in=InterestType.values),
                name="declaration_has_a_type",
                violation_error_message=INTEREST_TYPE_REQUIRED,
            )
        ]
        indexes = [models.Index(fields=["person", "meeting"])]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_interest_type_display()} interest"

    def clean(self) -> None:
        if (
            self.agenda_item_id
            and self.meeting_id
            and self.agenda_item.meeting_id != self.meeting_id
        ):
            raise ValidationError(
                {
                    "agenda_item": ValidationError(
                        "Choose an item on this meeting's agenda.", code="item_other_meeting"
                    )
                }
            )
