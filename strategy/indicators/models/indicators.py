import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from pace.core.history import HistoricalRecords
from partnerships.models import Body
from strategy.models import ActionPlan, Direction, Outcome, Priority

from .geographies import Geography


class IndicatorKind(models.TextChoices):
    POPULATION = "population", "Population indicator"
    PERFORMANCE = "performance", "Performance measure"


class MeasureType(models.TextChoices):
    """Results-Based Accountability's three questions of a performance measure."""

    HOW_MUCH = "how_much", "How much did we do?"
    HOW_WELL = "how_well", "How well did we do it?"
    BETTER_OFF = "better_off", "Is anyone better off?"


class Frequency(models.TextChoices):
    ANNUAL = "annual", "Yearly (financial years, ending 31 March)"
    QUARTERLY = "quarterly", "Quarterly (ending 30 June, 30 September, 31 December, 31 March)"
    MONTHLY = "monthly", "Monthly (ending the month's last day)"


class Unit(models.TextChoices):
    PERCENT = "percent", "%"
    NUMBER = "number", "number"
    RATE_1000 = "rate_1000", "per 1,000 people"
    RATE_100000 = "rate_100000", "per 100,000 people"
    YEARS = "years", "years"
    GBP = "gbp", "£"
    SCORE = "score", "score"


@dataclass(frozen=True)
class UnitSpec:
    """What a value in a unit may be."""

    low: Decimal | None = Decimal(0)
    high: Decimal | None = None
    whole: bool = False


UNITS = {
    Unit.PERCENT: UnitSpec(high=Decimal(100)),
    Unit.NUMBER: UnitSpec(whole=True),
    Unit.RATE_1000: UnitSpec(high=Decimal(1000)),
    Unit.RATE_100000: UnitSpec(high=Decimal(100000)),
    Unit.YEARS: UnitSpec(high=Decimal(150)),
    Unit.GBP: UnitSpec(),
    Unit.SCORE: UnitSpec(low=None),
}


#: Addresses under /indicators/ that are not an indicator's (``urls``).
RESERVED_SLUGS = frozenset({"indicators", "schema"})


class IndicatorQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)


class Indicator(models.Model):
    """A population indicator (how an outcome or priority is doing for the whole
    area: its outcomes and priorities) or a performance measure (how a plan's work
    is doing: its plan and which of the three questions it answers). Its values
    and targets are for ``geography`` and the places within it; ``owner`` is the
    body whose members enter its values."""

    kind = models.CharField(max_length=12, choices=IndicatorKind.choices)
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    definition = models.TextField(help_text="What is counted, and how, in plain language.")
    unit = models.CharField(max_length=12, choices=Unit.choices)
    decimal_places = models.PositiveSmallIntegerField(
        default=1, help_text="How many decimal places a value is given to (0 to 3)."
    )
    polarity = models.CharField(
        "which way is better", max_length=4, choices=Direction.choices, default=Direction.UP
    )
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    source = models.CharField(max_length=200, help_text="Who publishes the figures.")
    source_url = models.URLField("source link", blank=True)
    geography = models.ForeignKey(
        Geography,
        on_delete=models.PROTECT,
        related_name="indicators",
        help_text="The place the indicator is for; values may also be given for the places "
        "within it, to compare them.",
    )
    owner = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        related_name="indicators",
        help_text="The body whose members keep its values.",
    )
    outcomes = models.ManyToManyField(Outcome, blank=True, related_name="indicators")
    priorities = models.ManyToManyField(Priority, blank=True, related_name="indicators")
    plan = models.ForeignKey(
        ActionPlan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        help_text="For a performance measure: the plan whose work it measures.",
    )
    measure_type = models.CharField(
        "question answered", max_length=12, choices=MeasureType.choices, blank=True
    )
    baseline = models.DecimalField(max_digits=14, decimal_places=3, null=True, blank=True)
    baseline_on = models.DateField("baseline date", null=True, blank=True)
    is_public = models.BooleanField(
        "published", default=True, help_text="Shown to the public, with its values."
    )

    history = HistoricalRecords(m2m_fields=[outcomes, priorities])
    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("indicators:indicator-detail", args=[self.slug])

    @property
    def unit_label(self) -> str:
        return Unit(self.unit).label

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = ValidationError(
                "This address is taken by the site's open data: choose another",
                code="reserved_slug",
            )
        if self.decimal_places is not None and self.decimal_places > 3:
            errors["decimal_places"] = ValidationError(
                "Decimal places must be 3 or fewer", code="decimal_places"
            )
        if self.kind == IndicatorKind.PERFORMANCE:
            if not self.plan_id:
                errors["plan"] = ValidationError(
                    "Select the plan whose work this measure measures", code="plan_required"
                )
            if not self.measure_type:
                errors["measure_type"] = ValidationError(
                    "Select which question this measure answers", code="measure_type_required"
                )
        elif self.kind == IndicatorKind.POPULATION:
            if self.plan_id:
                errors["plan"] = ValidationError(
                    "A population indicator is for the whole area, not one plan: leave the "
                    "plan empty, or make it a performance measure",
                    code="plan_on_population",
                )
            if self.measure_type:
                errors["measure_type"] = ValidationError(
                    "Only a performance measure answers one of the three questions",
                    code="measure_type_on_population",
                )
        if (self.baseline is None) != (self.baseline_on is None):
            field = "baseline_on" if self.baseline_on is None else "baseline"
            errors[field] = ValidationError(
                "Give the baseline and its date together", code="baseline_pair"
            )
        if errors:
            raise ValidationError(errors)

    def period_ends(self, day: datetime.date) -> bool:
        """Whether ``day`` ends one of this indicator's periods."""
        return period_ends(self.frequency, day)


def _month_end(day: datetime.date) -> datetime.date:
    following = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return following - datetime.timedelta(days=1)


def period_ends(frequency: str, day: datetime.date) -> bool:
    if day != _month_end(day):
        return False
    if frequency == Frequency.ANNUAL:
        return day.month == 3
    if frequency == Frequency.QUARTERLY:
        return day.month in (3, 6, 9, 12)
    return True


def next_period_end(frequency: str, day: datetime.date) -> datetime.date:
    """The first day on or after ``day`` that ends a period of ``frequency``."""
    end = _month_end(day)
    while not period_ends(frequency, end):
        end = _month_end(end + datetime.timedelta(days=1))
    return end
