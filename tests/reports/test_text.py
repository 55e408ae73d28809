"""Cabinet reports: automatic numbering, plain text, and the rules on paragraphs,
appendices and decisions."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from pace.reports import services as report_services
from pace.reports.models import CabinetReport, ReportParagraph
from pace.reports.text import (
    HEADINGS,
    ReportSection,
    number_paragraphs,
    paragraph_numbers,
    text_blocks,
)

from . import factories as rf

pytestmark = pytest.mark.django_db
S = ReportSection


def numbers_of(report) -> dict[str, str]:
    """Paragraph text -> number."""
    numbers = paragraph_numbers(report.paragraphs.all())
    return {p.text: numbers[p.pk] for p in report.paragraphs.all()}


def test_the_ten_headings_follow_the_seed():
    assert [(h.number, h.title) for h in HEADINGS] == [
        ("1", "Report Summary"),
        ("2", "Recommendations"),
        ("3", "Reasons for Recommendations"),
        ("4", "Other Options Considered"),
        ("5", "Background"),
        ("6", "Wards Affected and Local Ward Members"),
        ("7", "Implications of Recommendation"),
        ("8", "Risk Management"),
        ("9", "Background Papers"),
        ("10", "Contact Information"),
    ]
    implications = HEADINGS[6]
    assert [S(s).label for s in implications.sections] == [
        "7.1. Policy Implications",
        "7.2. Legal Implications",
        "7.3. Financial Implications",
        "7.4. Human Resources Implications",
        "7.5. Equality Implications",
        "7.6. Rural Community Implications",
        "7.7. Public Health Implications",
    ]


def test_paragraphs_are_numbered_from_their_order_never_typed():
    report = rf.report()
    rf.paragraph(report, "second", section=S.SUMMARY, position=5)
    rf.paragraph(report, "first", section=S.SUMMARY, position=2)
    main = rf.paragraph(report, "main changes", section=S.BACKGROUND, position=1)
    rf.paragraph(report, "b", section=S.BACKGROUND, position=2, parent=main)
    rf.paragraph(report, "a", section=S.BACKGROUND, position=1, parent=main)
    rf.paragraph(report, "legal one", section=S.LEGAL, position=1)
    rf.paragraph(report, "legal two", section=S.LEGAL, position=2)
    assert numbers_of(report) == {
        "first": "1.1",
        "second": "1.2",
        "main changes": "5.1",
        "a": "5.1.1",
        "b": "5.1.2",
        "legal one": "7.2.1",
        "legal two": "7.2.2",
    }
    # Inserting a paragraph renumbers the ones after it.
    rf.paragraph(report, "new first", section=S.SUMMARY, position=1)
    numbers = numbers_of(report)
    assert (numbers["new first"], numbers["first"], numbers["second"]) == ("1.1", "1.2", "1.3")


def test_headings_carry_their_sections_and_empty_ones_stay():
    report = rf.report()
    rf.paragraph(report, "wards", section=S.WARDS)
    headings = number_paragraphs(report.paragraphs.all())
    assert [h.number for h in headings] == [str(i) for i in range(1, 11)]
    assert [p.number for p in headings[5].paragraphs] == ["6.1"]
    assert headings[0].paragraphs == []
    assert [s.number for s in headings[6].subsections] == [f"7.{i}" for i in range(1, 8)]


def test_text_is_split_into_paragraphs_and_bullets_and_markup_stays_text():
    blocks = text_blocks(
        "Intro line\nwraps on.\n\n- one\n- two\n  carries on\n\nAfter <b>bold</b>\n- three"
    )
    assert [(b.text, b.items) for b in blocks] == [
        ("Intro line wraps on.", ()),
        ("", ("one", "two carries on")),
        ("After <b>bold</b>", ()),
        ("", ("three",)),
    ]
    assert text_blocks("") == []


def test_a_sub_paragraph_must_be_of_the_same_report():
    report, other = rf.report(), rf.report()
    elsewhere = rf.paragraph(other, "elsewhere")
    with pytest.raises(ValidationError) as error:
        rf.paragraph(report, "stray", parent=elsewhere)
    assert error.value.error_dict["parent"][0].code == "parent_other_report"
    here = rf.paragraph(report, "here")
    assert rf.paragraph(report, "fine", parent=here).parent == here


def test_sub_paragraphs_go_one_level_deep():
    report = rf.report()
    top = rf.paragraph(report, "5.6", section=S.BACKGROUND)
    sub = rf.paragraph(report, "5.6.1", section=S.BACKGROUND, parent=top)
    with pytest.raises(ValidationError) as error:
        rf.paragraph(report, "5.6.1.1", section=S.BACKGROUND, parent=sub)
    assert error.value.error_dict["parent"][0].code == "parent_nested"
    assert ReportParagraph.objects.filter(text="5.6.1.1").count() == 0


def test_a_sub_paragraph_sits_in_its_paragraphs_section():
    report = rf.report()
    top = rf.paragraph(report, "top", section=S.BACKGROUND)
    with pytest.raises(ValidationError) as error:
        rf.paragraph(report, "elsewhere", section=S.SUMMARY, parent=top)
    assert error.value.error_dict["parent"][0].code == "parent_other_section"
    assert "5. Background" in error.value.messages[0]
    # Left without a section, it takes its paragraph's.
    sub = report_services.report_paragraph_save(
        paragraph=ReportParagraph(report=report, parent=top, text="sub", section="")
    )
    assert sub.section == S.BACKGROUND


def test_a_project_plan_or_risk_log_needs_a_strategy():
    with pytest.raises(ValidationError) as error:
        rf.report(include_risk_log=True)
    assert error.value.error_dict["appendix_strategy"][0].code == "strategy_required"
    assert not CabinetReport.objects.exists()
    report = rf.report(include_risk_log=True, appendix_strategy=rf.strategy())
    assert report.pk
    # The database holds the rule too.
    report.appendix_strategy = None
    with pytest.raises(IntegrityError), transaction.atomic():
        report.save()


def test_publishing_a_report():
    report = rf.report(status="draft")
    assert not CabinetReport.objects.published().exists()
    report_services.cabinet_report_publish(report=report)
    assert list(CabinetReport.objects.published()) == [report]
