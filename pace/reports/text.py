"""The text of a cabinet report: officer-typed plain text split into paragraphs and
bulleted lists, and the report's paragraphs numbered under the seed's ten headings
(1.1, 5.6.1, 7.2.1 ...). Nothing here reads the database."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from .models import ReportParagraph


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
    paragraph: "ReportParagraph"
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


def number_paragraphs(paragraphs: Iterable["ReportParagraph"]) -> list[HeadingContent]:
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


def paragraph_numbers(paragraphs: Iterable["ReportParagraph"]) -> dict[int, str]:
    """Each paragraph's number by primary key (for the admin)."""
    numbers: dict[int, str] = {}
    for heading in number_paragraphs(paragraphs):
        for section in [heading, *heading.subsections]:
            for numbered in section.paragraphs:
                numbers[numbered.paragraph.pk] = numbered.number
                for child in numbered.children:
                    numbers[child.paragraph.pk] = child.number
    return numbers
