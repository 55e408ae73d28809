"""Cabinet-style reports (the seed: the cabinet report of 12 July 2016).

Officers write the text, paragraph by paragraph, in the seed's sections; the numbers
(1.1, 5.6.1, 7.2.1 ...) are worked out from the order, never typed. The appendices
are chosen here and drawn from live data when the report is shown (``appendices``);
the text's paragraphs and numbering are worked out in ``text``.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from mptt.models import TreeForeignKey

from pace.core.dates import financial_year_bounds, financial_year_label
from pace.core.history import HistoricalRecords
from partnerships.routing import report_recipients
from strategy.models import Strategy

from .text import ReportSection, TextBlock, text_blocks


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class CabinetReportQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ReportStatus.PUBLISHED)


class CabinetReport(models.Model):
    """A report to a decision-making meeting, laid out like the seed."""

    committee = models.CharField(max_length=100, default="Cabinet", help_text='e.g. "Cabinet".')
    meeting_on = models.DateField("date of meeting")
    report_of = models.CharField(
        max_length=200,
        help_text='Who the report is from, e.g. "Steph Cordon – Head of Communities".',
    )
    title = models.CharField("subject/title", max_length=300)
    portfolio_holder = models.CharField(max_length=200)
    status = models.CharField(
        max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )

    # 10. Contact Information. Published in the report itself, as in the seed: an
    # officer's work contact details.
    contact_name = models.CharField("name", max_length=200)
    contact_designation = models.CharField("designation", max_length=200)
    contact_telephone = models.CharField("telephone", max_length=40, blank=True)
    contact_email = models.EmailField("email", blank=True)

    # Appendices drawn from live data (pace.reports.appendices).
    include_structure_chart = models.BooleanField(
        "structure chart", default=False, help_text="The partnership structure, from the tree."
    )
    include_project_plan = models.BooleanField(
        "project plan", default=False, help_text="The chosen strategy's milestones."
    )
    include_risk_log = models.BooleanField(
        "risk log", default=False, help_text="The chosen strategy's risk log."
    )
    appendix_strategy = models.ForeignKey(
        Strategy,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cabinet_reports",
        verbose_name="strategy for the project plan and risk log",
    )
    summary_bodies = models.ManyToManyField(
        "partnerships.Body",
        blank=True,
        related_name="cabinet_reports",
        verbose_name="action plan summaries for",
        help_text="Bodies whose action plans are summarised, with their progress ratings.",
    )
    grant_funds = models.ManyToManyField(
        "funding.Fund",
        blank=True,
        related_name="cabinet_reports",
        verbose_name="grants tables for these funds",
        help_text="Funds whose grants are appended as tables.",
    )

    # The scorecards appendix (pace.reports.scorecards): each chosen outcome's and
    # priority's indicators, as the public see them.
    scorecard_outcomes = models.ManyToManyField(
        "strategy.Outcome",
        blank=True,
        related_name="cabinet_report_scorecards",
        verbose_name="scorecards of these outcomes",
        help_text="Outcomes whose indicators are appended with their latest values, "
        "targets and status.",
    )
    scorecard_priorities = models.ManyToManyField(
        "strategy.Priority",
        blank=True,
        related_name="cabinet_report_scorecards",
        verbose_name="scorecards of these priorities",
        help_text="Priorities whose indicators and plans' measures are appended with "
        "their latest values, targets and status.",
    )

    updated_at = models.DateTimeField(auto_now=True)

    objects = CabinetReportQuerySet.as_manager()

    history = HistoricalRecords(
        m2m_fields=[summary_bodies, grant_funds, scorecard_outcomes, scorecard_priorities]
    )

    class Meta:
        ordering = ["-meeting_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(include_project_plan=False, include_risk_log=False)
                | models.Q(appendix_strategy__isnull=False),
                name="report_plan_appendix_has_strategy",
                violation_error_message=(
                    "Choose the strategy whose project plan or risk log is appended."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.committee}, {self.meeting_on:%d/%m/%Y}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("reports:report-detail", args=[self.pk])

    def get_pdf_url(self) -> str:
        return reverse("reports:report-pdf", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == ReportStatus.PUBLISHED

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        if (self.include_project_plan or self.include_risk_log) and not self.appendix_strategy_id:
            errors["appendix_strategy"] = ValidationError(
                "Choose the strategy whose project plan or risk log is appended.",
                code="strategy_required",
            )
        if errors:
            raise ValidationError(errors)


class ReportParagraph(models.Model):
    """A numbered paragraph of a report, or a sub-paragraph of one (5.6.1). Its text
    is plain text: blank lines separate paragraphs within it, and lines starting
    with "- " make a bulleted list (the bullets of 5.3 and 7.2.1)."""

    report = models.ForeignKey(CabinetReport, on_delete=models.CASCADE, related_name="paragraphs")
    section = models.CharField(max_length=30, choices=ReportSection.choices)
    position = models.PositiveSmallIntegerField(
        default=1, help_text="Order within its section (or within its parent paragraph)."
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subparagraphs",
        verbose_name="sub-paragraph of",
        help_text="Leave empty for a paragraph; choose one to make this a sub-paragraph (5.6.1).",
    )
    text = models.TextField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "position", "pk"]
        indexes = [models.Index(fields=["report", "section", "position"])]

    def __str__(self) -> str:
        first_line = self.text.strip().splitlines()[0] if self.text.strip() else ""
        return first_line[:60] + ("…" if len(first_line) > 60 else "")

    @property
    def blocks(self) -> list[TextBlock]:
        return text_blocks(self.text)

    def clean(self) -> None:
        if not self.parent_id:
            return
        parent = self.parent
        if self.report_id and parent.report_id != self.report_id:
            message, code = "Choose a paragraph of the same report.", "parent_other_report"
        elif parent.parent_id:
            message, code = (
                "A sub-paragraph cannot have sub-paragraphs of its own: choose a paragraph.",
                "parent_nested",
            )
        elif self.section and parent.section != self.section:
            message, code = (
                "A sub-paragraph belongs to the section of its paragraph (%(section)s).",
                "parent_other_section",
            )
        elif self.pk and parent.pk == self.pk:
            message, code = "A paragraph cannot be its own sub-paragraph.", "parent_self"
        else:
            return
        raise ValidationError(
            {
                "parent": ValidationError(
                    message, code=code, params={"section": parent.get_section_display()}
                )
            }
        )


class AnnualReport(models.Model):
    """A body's annual progress report for a financial year, recorded as presented
    to the body it reports to (agreement 5.5). Once presented it is a record: it is
    kept as it stood on the day (``services.annual_report_present``) and changes only
    by a correction."""

    body = TreeForeignKey(
        "partnerships.Body", on_delete=models.PROTECT, related_name="annual_reports"
    )
    year = models.PositiveSmallIntegerField(
        "financial year", help_text="The year it starts: 2016 for 2016/17."
    )
    presented_to = TreeForeignKey(
        "partnerships.Body",
        on_delete=models.PROTECT,
        related_name="annual_reports_received",
        help_text="The body it was presented to: the one it is accountable to, or one it "
        "reports to (the Leaders Board's goes to the Assembly, agreement 5.5).",
    )
    presented_on = models.DateField()
    # Scorecards kept with the report when it is presented (pace.reports.scorecards).
    scorecard_outcomes = models.ManyToManyField(
        "strategy.Outcome",
        blank=True,
        related_name="annual_report_scorecards",
        verbose_name="scorecards of these outcomes",
        help_text="Appended with their indicators' latest values, targets and status.",
    )
    scorecard_priorities = models.ManyToManyField(
        "strategy.Priority",
        blank=True,
        related_name="annual_report_scorecards",
        verbose_name="scorecards of these priorities",
        help_text="Appended with their indicators' and plans' measures' latest values, "
        "targets and status.",
    )

    history = HistoricalRecords(m2m_fields=[scorecard_outcomes, scorecard_priorities])

    class Meta:
        ordering = ["body", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "year"],
                name="annual_report_once_a_year",
                violation_error_message="This body's annual report for that year is recorded.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.body}: annual report {financial_year_label(self.year)}"

    def get_absolute_url(self) -> str:
        return reverse("reports:annual-report-presented", args=[self.body.slug, self.year])

    @property
    def year_label(self) -> str:
        return financial_year_label(self.year)

    def _recipient_to_check(self) -> bool:
        """Whether the body it goes to is to be checked against the relations: when it
        is recorded, or its body or recipient change. A record of what happened is
        not judged again by the relations of a later day."""
        if not (self.body_id and self.presented_to_id and self.presented_on):
            return False
        if self.pk is None:
            return True
        stored = type(self).objects.filter(pk=self.pk).values("body_id", "presented_to_id")
        return stored.first() != {"body_id": self.body_id, "presented_to_id": self.presented_to_id}

    def _recipient_errors(self) -> dict[str, ValidationError]:
        # Where reports go is the relations' rule (``partnerships.routing``).
        allowed = report_recipients(self.body, on=self.presented_on)
        if any(body.pk == self.presented_to_id for body in allowed):
            return {}
        if not allowed:
            return {
                "presented_to": ValidationError(
                    "%(body)s is accountable to no body and reports to none on %(on)s: "
                    "record the relation “reports to” first.",
                    code="presented_to_no_recipient",
                    params={"body": self.body.name, "on": f"{self.presented_on:%-d %B %Y}"},
                )
            }
        return {
            "presented_to": ValidationError(
                "%(body)s presents its annual report to a body it reports to. On %(on)s "
                "that is %(allowed)s.",
                code="presented_to_not_recipient",
                params={
                    "body": self.body.name,
                    "on": f"{self.presented_on:%-d %B %Y}",
                    "allowed": " or ".join(body.name for body in allowed),
                },
            )
        }

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        if self.body_id and self.presented_to_id == self.body_id:
            errors["presented_to"] = ValidationError(
                "A body presents its annual report to another body: the one it reports to.",
                code="presented_to_itself",
            )
        if "presented_to" not in errors and self._recipient_to_check():
            errors.update(self._recipient_errors())
        if self.presented_on and self.year:
            starts, _ = financial_year_bounds(self.year)
            if self.presented_on < starts:
                errors["presented_on"] = ValidationError(
                    "It cannot be presented before its year (%(year)s) begins.",
                    code="presented_too_early",
                    params={"year": financial_year_label(self.year)},
                )
            if self.presented_on > timezone.localdate():
                errors["presented_on"] = ValidationError(
                    "Record it once it has been presented.", code="presented_in_future"
                )
        if errors:
            raise ValidationError(errors)
