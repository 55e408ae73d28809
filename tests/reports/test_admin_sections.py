"""A long cabinet report is edited one section at a time, with the printed numbers,
and its History says what each paragraph change was."""

import pytest

from pace.reports.models import ReportParagraph, ReportStatus
from pace.reports.text import ReportSection
from tests.partnerships import factories as f

from ..site.html_forms import form_data
from . import factories as rf

pytestmark = pytest.mark.django_db
S = ReportSection


@pytest.fixture
def officer_client(client):
    client.force_login(f.officer())
    return client


@pytest.fixture
def report():
    report = rf.report(status=ReportStatus.DRAFT)
    rf.paragraph(report, "Summary paragraph", section=S.SUMMARY)
    top = rf.paragraph(report, "The main changes", section=S.BACKGROUND)
    rf.paragraph(report, "First change", section=S.BACKGROUND, parent=top)
    return report


def _url(report, section: str = "") -> str:
    url = f"/admin/reports/cabinetreport/{report.pk}/change/"
    return f"{url}?section={section}" if section else url


def test_the_page_opens_on_one_section_and_names_them_all(officer_client, report):
    page = officer_client.get(_url(report)).text
    # The first section with paragraphs, and a way to each section with its count.
    assert "showing 1. Report Summary" in page
    assert "Summary paragraph" in page and "First change" not in page
    assert '<a href="?section=background">5. Background</a> (2)' in page
    assert '<a href="?section=all">All sections</a>' in page

    background = officer_client.get(_url(report, "background")).text
    assert "First change" in background and "Summary paragraph" not in background
    # Numbered as printed, across the whole report.
    assert "5.1.1" in background
    every = officer_client.get(_url(report, "all")).text
    assert "Summary paragraph" in every and "First change" in every
    # A section the page does not know shows the first one, not an error.
    assert officer_client.get(_url(report, "nonsense")).status_code == 200


def test_saving_a_section_changes_only_it_and_comes_back_to_it(officer_client, report):
    url = _url(report, "background")
    data = form_data(officer_client.get(url).text, "cabinetreport_form")
    texts = {k: v for k, v in data.items() if k.endswith("-text")}
    changed = next(k for k, v in texts.items() if v == "First change")
    data[changed] = "First change, as amended"
    # The empty row offered for a new paragraph is in the section shown.
    new = max(int(k.split("-")[1]) for k in texts)
    assert data[f"paragraphs-{new}-section"] == "background"
    data[f"paragraphs-{new}-text"] = "A new background paragraph"
    data[f"paragraphs-{new}-position"] = "2"
    data["_continue"] = "Save and continue editing"
    response = officer_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    assert response["Location"].endswith("?section=background")
    assert ReportParagraph.objects.get(text="A new background paragraph").section == "background"
    assert ReportParagraph.objects.filter(text="First change, as amended").exists()
    assert ReportParagraph.objects.filter(text="Summary paragraph").exists()

    history = officer_client.get(f"/admin/reports/cabinetreport/{report.pk}/history/").text
    assert "Changes to its report paragraphs" in history
    assert "text: “First change” → “First change, as amended”" in history
