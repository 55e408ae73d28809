from django.db import models
from django.urls import reverse

from pace.core.history import HistoricalRecords
from partnerships.models import Body
from strategy.models import ActionPlan

from .indicators import Indicator


class CurveReportStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class CurveReport(models.Model):
    """A "turn the curve" report on one indicator: the story behind its curve, the
    partners with a part to play, what works, and what the body will do. Published
    as a record (``services.curve_report_publish``): its page and PDF are then what
    was published, with the indicator's figures of that day."""

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="curve_reports")
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="curve_reports", verbose_name="written by"
    )
    title = models.CharField(max_length=200)
    story = models.TextField("the story behind the curve")
    partners = models.TextField("partners with a role to play")
    what_works = models.TextField("what works")
    action_plan = models.TextField("what we will do")
    plan = models.ForeignKey(
        ActionPlan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="curve_reports",
        help_text="The action plan that carries it out, if there is one.",
    )
    status = models.CharField(
        max_length=10,
        choices=CurveReportStatus.choices,
        default=CurveReportStatus.DRAFT,
        editable=False,
    )
    published_on = models.DateField(null=True, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "-published_on", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("indicators:curve-report", args=[self.indicator.slug, self.pk])
