import datetime

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from mptt.models import TreeForeignKey
from simple_history.models import HistoricalRecords

from .bodies import Body, BodyKind
from .organisations import Organisation

#: Agreement, Area Management Group: "a maximum membership of 10 people".
AREA_MANAGEMENT_GROUP_MAX_MEMBERS = 10


Period = tuple[datetime.date, datetime.date | None]


def busiest_day_count(
    periods: list[Period], starts_on: datetime.date, ends_on: datetime.date | None
) -> int:
    """The most of ``periods`` in force on any one day from ``starts_on`` to ``ends_on``.

    The busiest day is the first day or a day another period starts, so only those
    days are counted."""
    days = {starts_on} | {
        start for start, _ in periods if start > starts_on and (ends_on is None or start <= ends_on)
    }
    return max(
        sum(1 for start, end in periods if start <= day and (end is None or end >= day))
        for day in days
    )


def periods_overlap(a: Period, b: Period) -> bool:
    return (a[1] is None or a[1] >= b[0]) and (b[1] is None or b[1] >= a[0])


class Person(models.Model):
    """Someone who sits on a body. Contact details are for officers only: no public
    page, feed or export shows them."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    public_title = models.CharField(
        max_length=200, blank=True, help_text='Shown in public, e.g. "Chief Superintendent".'
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        help_text="The login this person uses as a board member, if any.",
    )
    email = models.EmailField(blank=True, help_text="Private: officers only.")
    telephone = models.CharField(max_length=40, blank=True, help_text="Private: officers only.")
    is_illustrative = models.BooleanField(
        default=False, help_text="A fictional person in the example data."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnerships:person-detail", args=[self.slug])


class Role(models.TextChoices):
    CHAIR = "chair", "Chair"
    VICE_CHAIR = "vice_chair", "Vice chair"
    MEMBER = "member", "Member"
    CO_OPTED = "co_opted", "Co-opted member"
    ADVISER = "adviser", "Adviser"


class MembershipQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None):
        """Memberships in force on ``on`` (today by default)."""
        on = on or timezone.localdate()
        return self.filter(starts_on__lte=on).filter(
            models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=on)
        )

    def overlapping(self, starts_on: datetime.date, ends_on: datetime.date | None):
        """Memberships in force on any day from ``starts_on`` to ``ends_on``."""
        qs = self.filter(models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=starts_on))
        if ends_on is not None:
            qs = qs.filter(starts_on__lte=ends_on)
        return qs


class Membership(models.Model):
    """A person's seat on a body, for a period. Dated, so the structure can be shown as
    it stood on any day. Write through ``partnerships.services.memberships``: joining
    and leaving grant and revoke the person's permissions on the body."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    body = TreeForeignKey(Body, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name="organisation represented",
    )
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["body__name", "role", "person__name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="membership_ends_after_it_starts",
                violation_error_message="A membership cannot end before it starts.",
            )
        ]
        indexes = [models.Index(fields=["body", "starts_on", "ends_on"])]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()}, {self.body}"

    def is_current(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.starts_on <= on and (self.ends_on is None or self.ends_on >= on)

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {
                    "ends_on": ValidationError(
                        "The end date must be on or after the start date.", code="dates_order"
                    )
                }
            )
        if not (self.starts_on and self.body_id and self.person_id):
            return
        errors: dict[str, ValidationError] = {}
        others = (
            Membership.objects.filter(body_id=self.body_id)
            .exclude(pk=self.pk)
            .overlapping(self.starts_on, self.ends_on)
        )
        if others.filter(person_id=self.person_id).exists():
            errors["person"] = ValidationError(
                "%(person)s is already a member of %(body)s for part of this period.",
                code="duplicate_membership",
                params={"person": self.person.name, "body": self.body.name},
            )
        errors.update(
            self.body_rule_errors(
                list(others.values_list("role", "starts_on", "ends_on", "person__name"))
            )
        )
        if errors:
            raise ValidationError(errors)

    def body_rule_errors(self, others: list[tuple]) -> dict[str, ValidationError]:
        """The body's rules for this membership beside ``others``, the body's other
        memberships as ``(role, starts_on, ends_on, person name)``: one chair at a
        time; an Area Management Group chaired by a partner organisation and of at
        most ten members at a time. ``clean`` passes those in the database; the
        admin's page of a body passes those on the page too, so that the row that
        breaks a rule says so."""
        mine = (self.starts_on, self.ends_on)
        overlapping = [o for o in others if periods_overlap(mine, (o[1], o[2]))]
        errors: dict[str, ValidationError] = {}
        if self.role == Role.CHAIR:
            chair = next((name for role, _, _, name in overlapping if role == Role.CHAIR), None)
            if chair is not None:
                errors["role"] = ValidationError(
                    "%(body)s already has a chair for part of this period (%(chair)s). "
                    "End that membership first.",
                    code="one_chair",
                    params={"body": self.body.name, "chair": chair},
                )
        if self.body.kind == BodyKind.AREA_MANAGEMENT_GROUP:
            errors.update(self._area_management_group_errors(overlapping))
        return errors

    def _area_management_group_errors(self, others: list[tuple]) -> dict[str, ValidationError]:
        errors: dict[str, ValidationError] = {}
        if self.role == Role.CHAIR:
            if self.organisation is None:
                errors["organisation"] = ValidationError(
                    "The chair of an Area Management Group represents a partner organisation: "
                    "choose the organisation.",
                    code="amg_chair_organisation",
                )
            elif self.organisation.is_council:
                errors["organisation"] = ValidationError(
                    "The chair of an Area Management Group must come from a partner "
                    "organisation, not %(council)s, to show shared ownership of the Local "
                    "Area Partnership.",
                    code="amg_chair_council",
                    params={"council": self.organisation.name},
                )
        busiest = busiest_day_count([(o[1], o[2]) for o in others], self.starts_on, self.ends_on)
        if busiest >= AREA_MANAGEMENT_GROUP_MAX_MEMBERS:
            # Not the body's fault, nor any one field's: said on the membership itself.
            errors[NON_FIELD_ERRORS] = ValidationError(
                "%(body)s already has %(limit)s members for part of this period; an Area "
                "Management Group has at most %(limit)s. End a membership first.",
                code="amg_full",
                params={"body": self.body.name, "limit": AREA_MANAGEMENT_GROUP_MAX_MEMBERS},
            )
        return errors
