"""Officers edit reports in the admin: paragraphs inline with their numbers, a
preview, the PDF, and the same rules as everywhere else."""

import pytest

from pace.reports.models import CabinetReport, ReportParagraph, ReportStatus
from pace.reports.text import ReportSection
from tests.partnerships import factories as f

from . import factories as rf

pytestmark = pytest.mark.django_db
S = ReportSection


@pytest.fixture
def officer_client(client):
    client.force_login(f.officer())
    return client


def form_data(report: CabinetReport | None = None, paragraphs=(), **changes) -> dict:
    data = {
        "committee": "Cabinet",
        "meeting_on": "2016-07-12",
        "report_of": "Steph Cordon – Head of Communities",
        "title": "A report",
        "portfolio_holder": "Cllr Paul Bates",
        "status": ReportStatus.DRAFT,
        "contact_name": "Steph Cordon",
        "contact_designation": "Head of Communities",
        "contact_telephone": "",
        "contact_email": "",
        "paragraphs-TOTAL_FORMS": len(paragraphs),
        "paragraphs-INITIAL_FORMS": sum(1 for p in paragraphs if p.get("id")),
        "paragraphs-MIN_NUM_FORMS": 0,
        "paragraphs-MAX_NUM_FORMS": 1000,
        # Funds whose grants are appended: none.
        "grant_funds": [],
    }
    for i, paragraph in enumerate(paragraphs):
        for key, value in paragraph.items():
            data[f"paragraphs-{i}-{key}"] = value
        data[f"paragraphs-{i}-report"] = report.pk if report else ""
    data.update(changes)
    return data


def test_officer_opens_the_report_admin_pages(officer_client):
    report = rf.report(status=ReportStatus.DRAFT)
    top = rf.paragraph(report, "The main changes", section=S.BACKGROUND)
    rf.paragraph(report, "First change", section=S.BACKGROUND, parent=top)
    listing = officer_client.get("/admin/reports/cabinetreport/")
    assert listing.status_code == 200
    assert report.get_pdf_url() in listing.content.decode()
    assert officer_client.get("/admin/reports/cabinetreport/add/").status_code == 200
    page = officer_client.get(f"/admin/reports/cabinetreport/{report.pk}/change/")
    content = page.content.decode()
    assert page.status_code == 200
    assert report.get_absolute_url() in content and report.get_pdf_url() in content
    # Numbers are shown, and a paragraph is offered as a parent by its number.
    assert "5.1.1" in content and ">5.1 The main changes<" in content
    # The officer can open the draft's preview and PDF.
    assert officer_client.get(report.get_absolute_url()).status_code == 200
    assert officer_client.get(report.get_pdf_url()).status_code == 200


def test_board_members_cannot_reach_the_report_admin(client):
    someone = f.person(with_login=True)
    f.member(f.area()["amg"], someone)
    client.force_login(someone.user)
    response = client.get("/admin/reports/cabinetreport/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_adding_a_report_with_paragraphs(officer_client):
    response = officer_client.post(
        "/admin/reports/cabinetreport/add/",
        form_data(
            paragraphs=[
                {"section": S.SUMMARY, "position": 1, "text": "First"},
                {"section": S.RECOMMENDATIONS, "position": 1, "text": "To agree"},
            ]
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    report = CabinetReport.objects.get()
    assert sorted(report.paragraphs.values_list("text", flat=True)) == ["First", "To agree"]


def test_admin_shows_the_rule_when_a_plan_appendix_has_no_strategy(officer_client):
    response = officer_client.post(
        "/admin/reports/cabinetreport/add/", form_data(include_project_plan="on")
    )
    assert response.status_code == 200
    assert "Choose the strategy whose project plan or risk log is appended." in (
        response.content.decode()
    )
    assert not CabinetReport.objects.exists()


def test_admin_refuses_a_sub_paragraph_in_another_section(officer_client):
    report = rf.report(status=ReportStatus.DRAFT)
    top = rf.paragraph(report, "Top", section=S.BACKGROUND)
    response = officer_client.post(
        f"/admin/reports/cabinetreport/{report.pk}/change/",
        form_data(
            report,
            paragraphs=[
                {"id": top.pk, "section": S.BACKGROUND, "position": 1, "text": "Top"},
                {"section": S.SUMMARY, "position": 1, "parent": top.pk, "text": "Stray"},
            ],
        ),
    )
    assert response.status_code == 200
    assert "A sub-paragraph belongs to the section of its paragraph" in response.content.decode()
    assert not ReportParagraph.objects.filter(text="Stray").exists()


def test_download_and_publish_actions(officer_client):
    report = rf.report(status=ReportStatus.DRAFT)
    other = rf.report(status=ReportStatus.DRAFT)
    response = officer_client.post(
        "/admin/reports/cabinetreport/",
        {"action": "download_pdf", "_selected_action": [report.pk]},
    )
    assert response.status_code == 302 and response["Location"] == report.get_pdf_url()
    response = officer_client.post(
        "/admin/reports/cabinetreport/",
        {"action": "download_pdf", "_selected_action": [report.pk, other.pk]},
        follow=True,
    )
    assert "Choose one report to download." in response.content.decode()
    officer_client.post(
        "/admin/reports/cabinetreport/",
        {"action": "publish", "_selected_action": [report.pk]},
    )
    assert CabinetReport.objects.get(pk=report.pk).is_published
    assert not CabinetReport.objects.get(pk=other.pk).is_published
