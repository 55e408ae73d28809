"""Cabinet-style reports (the seed: the cabinet report of 12 July 2016).

Officers write the text, paragraph by paragraph, in the seed's sections; the numbers
(1.1, 5.6.1, 7.2.1 ...) are worked out from the order, never typed. The appendices
are chosen here and drawn from live data when the report is shown (``pace.reports``).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from pace.core.history import HistoricalRecords

from .strategies import Strategy


class ReportSection(models.TextChoices):
    """The seed's sections that hold paragraphs, in order. Section 7 holds no
    paragraphs of its own, only its seven implications; section 10 is the contact
    information, kept in fields of the report."""

    SUMMARY = "summary", "1. Report Summary"
    RECOMMENDATIONS = "recommendations", "2. Recommendations"
    REASONS = "reasons", "3. Reasons for Recommendations"
    OPTIONS = "options", "4. Other Options Considered"
    BACKGROUND = "background", "5. Background"
    WARDS = "wards", "6. Wards Affected and Local Ward Members"
    POLICY = "policy", "7.1. Policy Implications"
    LEGAL = "legal", "7.2. Legal Implications"
    FINANCIAL = "financial", "7.3. Financial Implications"
    HUMAN_RESOURCES = "human_resources", "7.4. Human Resources Implications"
    EQUALITY = "equality", "7.5. Equality Implications"
    RURAL = "rural", "7.6. Rural Community Implications"
    PUBLIC_HEALTH = "public_health", "7.7. Public Health Implications"
    RISK = "risk", "8. Risk Management"
    BACKGROUND_PAPERS = "background_papers", "9. Background Papers"


S = ReportSection


@dataclass(frozen=True)
class SectionHeading:
    number: str
    title: str
    sections: tuple[str, ...]  # the paragraph sections under this heading, in order


#: The ten headings of the seed, in order. A heading with one section holds that
#: section's paragraphs; section 7 is a heading over its seven implications.
HEADINGS: tuple[SectionHeading, ...] = (
    SectionHeading("1", "Report Summary", (S.SUMMARY,)),
    SectionHeading("2", "Recommendations", (S.RECOMMENDATIONS,)),
    SectionHeading("3", "Reasons for Recommendations", (S.REASONS,)),
    SectionHeading("4", "Other Options Considered", (S.OPTIONS,)),
    SectionHeading("5", "Background", (S.BACKGROUND,)),
    SectionHeading("6", "Wards Affected and Local Ward Members", (S.WARDS,)),
    SectionHeading(
        "7",
        "Implications of Recommendation",
        (
            S.POLICY,
            S.LEGAL,
            S.FINANCIAL,
            S.HUMAN_RESOURCES,
            S.EQUALITY,
            S.RURAL,
            S.PUBLIC_HEALTH,
        ),
    ),
    SectionHeading("8", "Risk Management", (S.RISK,)),
    SectionHeading("9", "Background Papers", (S.BACKGROUND_PAPERS,)),
    SectionHeading("10", "Contact Information", ()),
)

#: Each section's number and title: "5" and "Background", "7.2" and "Legal Implications".
SECTION_NUMBERS: dict[str, tuple[str, str]] = {
    section.value: tuple(section.label.split(". ", 1)) for section in ReportSection
}
SECTION_ORDER: dict[str, int] = {section.value: i for i, section in enumerate(ReportSection)}


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
    decision = models.TextField(
        "decision taken",
        blank=True,
        help_text="What the meeting decided. Recorded after the meeting.",
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

    updated_at = models.DateTimeField(auto_now=True)

    objects = CabinetReportQuerySet.as_manager()

    history = HistoricalRecords(m2m_fields=[summary_bodies])

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
        if self.decision.strip() and self.meeting_on and self.meeting_on > timezone.localdate():
            errors["decision"] = ValidationError(
                "The meeting is on %(date)s: record the decision after it has been taken.",
                code="decision_before_meeting",
                params={"date": self.meeting_on.strftime("%-d %B %Y")},
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
    def blocks(self) -> list["TextBlock"]:
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


@dataclass(frozen=True)
class TextBlock:
    """A paragraph of text, or a bulleted list when ``items`` is set."""

    text: str = ""
    items: tuple[str, ...] = ()


def text_blocks(text: str) -> list[TextBlock]:
    """Split officer-typed plain text into paragraphs and bulleted lists. Nothing in
    the text is interpreted as markup: templates escape every block."""
    blocks: list[TextBlock] = []
    lines: list[str] = []
    items: list[str] = []

    def flush_lines() -> None:
        if lines:
            blocks.append(TextBlock(text=" ".join(lines)))
            lines.clear()

    def flush_items() -> None:
        if items:
            blocks.append(TextBlock(items=tuple(items)))
            items.clear()

    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            flush_lines()
            flush_items()
        elif line.startswith("- ") or line == "-":
            flush_lines()
            items.append(line[2:].strip())
        elif items and raw[:1].isspace():
            # An indented line carries on the bullet above it.
            items[-1] = f"{items[-1]} {line}"
        else:
            flush_items()
            lines.append(line)
    flush_lines()
    flush_items()
    return blocks


@dataclass
class NumberedParagraph:
    number: str
    paragraph: ReportParagraph
    children: list["NumberedParagraph"] = field(default_factory=list)

    @property
    def blocks(self) -> list[TextBlock]:
        return self.paragraph.blocks


@dataclass
class SectionContent:
    number: str
    title: str
    paragraphs: list[NumberedParagraph]


@dataclass
class HeadingContent:
    number: str
    title: str
    paragraphs: list[NumberedParagraph]  # a heading with one section holds them directly
    subsections: list[SectionContent]  # section 7's implications


def number_paragraphs(paragraphs: Iterable[ReportParagraph]) -> list[HeadingContent]:
    """The report's ten headings with their paragraphs numbered: a section's
    paragraphs 5.1, 5.2, ... in order of position, and a paragraph's sub-paragraphs
    5.6.1, 5.6.2, ... Numbers come from the order alone, so inserting a paragraph
    renumbers the ones after it."""
    top: dict[str, list[ReportParagraph]] = {}
    below: dict[int, list[ReportParagraph]] = {}
    for paragraph in sorted(paragraphs, key=lambda p: (p.position, p.pk or 0)):
        if paragraph.parent_id:
            below.setdefault(paragraph.parent_id, []).append(paragraph)
        else:
            top.setdefault(paragraph.section, []).append(paragraph)

    def numbered(section: str) -> list[NumberedParagraph]:
        prefix = SECTION_NUMBERS[section][0]
        result = []
        for i, paragraph in enumerate(top.get(section, []), 1):
            number = f"{prefix}.{i}"
            children = [
                NumberedParagraph(f"{number}.{j}", child)
                for j, child in enumerate(below.get(paragraph.pk, []), 1)
            ]
            result.append(NumberedParagraph(number, paragraph, children))
        return result

    headings = []
    for heading in HEADINGS:
        if len(heading.sections) == 1:
            headings.append(
                HeadingContent(heading.number, heading.title, numbered(heading.sections[0]), [])
            )
        else:
            subsections = [
                SectionContent(*SECTION_NUMBERS[section], numbered(section))
                for section in heading.sections
            ]
            headings.append(HeadingContent(heading.number, heading.title, [], subsections))
    return headings


def paragraph_numbers(paragraphs: Iterable[ReportParagraph]) -> dict[int, str]:
    """Each paragraph's number by primary key (for the admin)."""
    numbers: dict[int, str] = {}
    for heading in number_paragraphs(paragraphs):
        for section in [heading, *heading.subsections]:
            for numbered in section.paragraphs:
                numbers[numbered.paragraph.pk] = numbered.number
                for child in numbered.children:
                    numbers[child.paragraph.pk] = child.number
    return numbers
