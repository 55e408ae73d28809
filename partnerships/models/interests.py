"""The standing register of interests: what a member declares once and keeps
current (their employment, directorships, trusteeships, memberships), distinct from
a declaration made at a meeting on one item. Public, as declarations are (agreement
5.6: "available for public scrutiny at all times")."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .meetings import InterestType
from .organisations import Organisation
from .people import Person


class RegisteredInterestQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(registered_on__lte=on).filter(
            models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=on)
        )


class RegisteredInterest(models.Model):
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="registered_interests"
    )
    interest_type = models.CharField(
        "type of interest",
        max_length=20,
        choices=InterestType.choices,
        error_messages={"required": "Choose the type of interest."},
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registered_interests",
        help_text="The organisation the interest is in, if it is one of the partners.",
    )
    description = models.TextField(
        help_text='The interest as the register shows it, e.g. "Trustee of Crewe Food Bank".',
        error_messages={"required": "Say what the interest is, as the register shows it."},
    )
    registered_on = models.DateField(default=timezone.localdate)
    ended_on = models.DateField(
        null=True, blank=True, help_text="When the interest ended; leave empty while it lasts."
    )

    objects = RegisteredInterestQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["person", "-registered_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("registered_on")),
                name="registered_interest_ends_after_it_starts",
                violation_error_message="An interest cannot end before it was registered.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.description[:60]}"

    def clean(self) -> None:
        if self.ended_on and self.registered_on and self.ended_on < self.registered_on:
            raise ValidationError(
                {"ended_on": "An interest cannot end before it was registered."},
                code="ends_before_registered",
            )
