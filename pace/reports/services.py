"""Writes to cabinet reports. The admin and the example data call these."""

from django.db import transaction

from .models import CabinetReport, ReportParagraph, ReportStatus


@transaction.atomic
def cabinet_report_save(*, report: CabinetReport) -> CabinetReport:
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def report_paragraph_save(*, paragraph: ReportParagraph) -> ReportParagraph:
    """Save a paragraph. A sub-paragraph always sits in its paragraph's section."""
    if paragraph.parent_id and not paragraph.section:
        paragraph.section = paragraph.parent.section
    paragraph.full_clean()
    paragraph.save()
    return paragraph


@transaction.atomic
def cabinet_report_publish(*, report: CabinetReport) -> CabinetReport:
    report.status = ReportStatus.PUBLISHED
    return cabinet_report_save(report=report)


@transaction.atomic
def cabinet_report_record_decision(*, report: CabinetReport, decision: str) -> CabinetReport:
    """Record what the meeting decided; refused before the meeting has taken place."""
    report.decision = decision.strip()
    return cabinet_report_save(report=report)
