import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from mptt.models import TreeForeignKey
from simple_history.models import HistoricalRecords


class StrategyStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    CONSULTATION = "consultation", "Out for consultation"
    ADOPTED = "adopted", "Adopted"
    SUPERSEDED = "superseded", "Superseded"


class StrategyQuerySet(models.QuerySet):
    def in_force(self, on: datetime.date):
        """Adopted strategies whose period includes ``on``."""
        return self.filter(status=StrategyStatus.ADOPTED, starts_on__lte=on, ends_on__gte=on)

    def live(self, on: datetime.date):
        """Strategies still being worked on, on ``on``: in preparation (a draft, out
        for consultation) or adopted and not yet ended. Their risk logs and project
        plans are what people are told about."""
        return self.filter(
            models.Q(status__in=[StrategyStatus.DRAFT, StrategyStatus.CONSULTATION])
            | models.Q(status=StrategyStatus.ADOPTED, ends_on__gte=on)
        )


class Strategy(models.Model):
    """The partnership strategy: Ambition for All 2010-2025 and its refresh, live from
    April 2017 for three years (cabinet report 1.3)."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    starts_on = models.DateField("period starts")
    ends_on = models.DateField("period ends")
    goes_live_on = models.DateField("goes live on", null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=StrategyStatus.choices, default=StrategyStatus.DRAFT
    )
    vision = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    # The partnership's aims and objectives (agreement section 4): short statements,
    # one a line, shown as lettered lists as the agreement sets them out. Text, not
    # rows: they are read and amended as a whole, like the vision beside them.
    aims = models.TextField(
        blank=True, help_text="One aim a line (agreement section 4); shown as a lettered list."
    )
    objectives = models.TextField(
        blank=True,
        help_text="One objective a line (agreement section 4); shown as a lettered list.",
    )
    owner = TreeForeignKey(
        "partnerships.Body",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="strategies",
        help_text="The board that adopts and owns the strategy (cabinet report 5.6.2).",
    )
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        help_text="The strategy this one refreshes.",
    )

    objects = StrategyQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on"]
        verbose_name_plural = "strategies"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gt=models.F("starts_on")),
                name="strategy_ends_after_it_starts",
                violation_error_message="A strategy's period must end after it starts.",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("strategy:strategy-detail", args=[self.slug])

    def clean(self) -> None:
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            errors["ends_on"] = ValidationError(
                "The period must end after it starts.", code="dates_order"
            )
        if (
            self.goes_live_on
            and self.starts_on
            and self.ends_on
            and not (self.starts_on <= self.goes_live_on <= self.ends_on)
        ):
            errors["goes_live_on"] = ValidationError(
                "The go-live date must fall within the strategy's period.", code="live_outside"
            )
        if self.replaces_id and self.replaces_id == self.pk:
            errors["replaces"] = ValidationError("A strategy cannot replace itself.", code="self")
        if errors:
            raise ValidationError(errors)

    def has_ended(self, on: datetime.date) -> bool:
        return self.ends_on < on

    def standing(self, on: datetime.date) -> str:
        """Where the strategy stands on ``on``, as the list of strategies says it:
        current (adopted and in its period), ended, not yet started, superseded, out
        for consultation or draft."""
        if self.status == StrategyStatus.ADOPTED:
            if self.ends_on < on:
                return "ended"
            return "current" if self.starts_on <= on else "adopted"
        return self.status

    @property
    def aim_list(self) -> list[tuple[str, str]]:
        """The aims, each with its letter as the agreement gives them: a), b), ..."""
        return _lettered(self.aims)

    @property
    def objective_list(self) -> list[tuple[str, str]]:
        return _lettered(self.objectives)


def _lettered(text: str) -> list[tuple[str, str]]:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return [("abcdefghijklmnopqrstuvwxyz"[i % 26], line) for i, line in enumerate(lines)]


class Outcome(models.Model):
    """What the strategy wants to achieve for people (cabinet report 5.3)."""

    strategy = models.ForeignKey(Strategy, on_delete=models.PROTECT, related_name="outcomes")
    position = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["strategy", "position"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "position"], name="outcome_position_unique")
        ]

    def __str__(self) -> str:
        return self.title


class Priority(models.Model):
    """A priority for action: Ambition for All has seven (agreement section 4)."""

    strategy = models.ForeignKey(Strategy, on_delete=models.PROTECT, related_name="priorities")
    position = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200)
    description = models.TextField(blank=True)
    lead_body = TreeForeignKey(
        "partnerships.Body",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_priorities",
        verbose_name="lead board",
        help_text="The board that owns the priority and answers for it to the Leaders Board.",
    )
    # The decisions taken to deliver the priority: the decision log's filter. Held
    # here, as the partnership's records come before the strategy (README, "Layout").
    decisions = models.ManyToManyField(
        "partnerships.Decision", blank=True, related_name="priorities"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["strategy", "position"]
        verbose_name_plural = "priorities"
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "position"], name="priority_position_unique"
            ),
            models.UniqueConstraint(fields=["strategy", "slug"], name="priority_slug_unique"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("strategy:priority-detail", args=[self.strategy.slug, self.slug])

    @property
    def letter(self) -> str:
        return "abcdefghijklmnopqrstuvwxyz"[(self.position - 1) % 26]
