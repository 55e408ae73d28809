"""A published cabinet report stays what was published: its page and PDF are served
as they were when it was published, whatever happens to the data its appendices were
drawn from, and it changes only by a correction, a new version that says what
changed, with every version public. The PDF carries the SHA-256 of the text in its
metadata, and the page shows it."""

import datetime
import hashlib
import io

import pypdf
import pytest
from django.core.exceptions import ValidationError

from pace.core.models import PublishedVersion
from pace.core.publication import version_pdf_render_now
from pace.reports import services
from pace.reports.models import CabinetReport
from partnerships import services as partnership_services
from partnerships.models import Body
from tests.example_snapshot import load_example
from tests.partnerships import factories as f

from . import factories as rf
from .test_reports import flat, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed_report() -> CabinetReport:
    load_example()
    report = CabinetReport.objects.get(meeting_on=datetime.date(2016, 7, 12))
    # What the worker does once the publication commits: the PDF, kept once. (The
    # example's approved minutes are published versions too: not these tests'.)
    for version in services.report_versions(report):
        version_pdf_render_now(version)
    return report


def test_moving_and_renaming_bodies_leaves_the_published_report_as_it_was(client, seed_report):
    page, pdf = client.get(seed_report.get_absolute_url()), client.get(seed_report.get_pdf_url())
    assert page.status_code == pdf.status_code == 200
    assert "Crewe Town Partnership" in page.text and "Alsager Town Partnership" in page.text

    town = Body.objects.get(slug="alsager-town-partnership")
    partnership_services.body_move(body=town, target=Body.objects.get(slug="congleton-area-board"))
    crewe = Body.objects.get(slug="crewe-town-partnership")
    crewe.name = "Crewe Town Board"
    partnership_services.body_save(body=crewe)

    assert client.get(seed_report.get_absolute_url()).content == page.content
    again = client.get(seed_report.get_pdf_url()).content
    assert again == pdf.content
    assert "Crewe Town Board" not in flat(pdf_text(again))
    assert "Crewe Town Partnership" in flat(pdf_text(again))
    # The live structure page has moved on.
    assert "Crewe Town Board" in client.get("/partnerships/").text


def test_the_pdf_carries_the_texts_sha256_and_the_page_shows_it(client, seed_report):
    (version,) = services.report_versions(seed_report)
    assert version.sha256 == hashlib.sha256(version.html.encode()).hexdigest()
    pdf = client.get(seed_report.get_pdf_url()).content
    version.refresh_from_db()  # the first request made and kept it (the worker would have)
    assert hashlib.sha256(pdf).hexdigest() == version.pdf_sha256
    metadata = pypdf.PdfReader(io.BytesIO(pdf)).metadata
    assert metadata["/Keywords"] == f"sha256:{version.sha256}"
    page = client.get(seed_report.get_absolute_url()).text
    assert version.sha256 in page and version.pdf_sha256 in page
    # The PDF is rendered from the very text the page shows.
    assert "7.2.4" in version.html and "Appendix 1" in version.html


def test_a_correction_is_a_new_version_beside_the_old_one(client, seed_report):
    first_page = client.get(seed_report.get_absolute_url()).content
    first_pdf = client.get(seed_report.get_pdf_url()).content
    town = Body.objects.get(slug="alsager-town-partnership")
    partnership_services.body_move(body=town, target=Body.objects.get(slug="congleton-area-board"))
    with pytest.raises(ValidationError):
        services.cabinet_report_correct(report=seed_report, correction="  ")
    services.cabinet_report_correct(
        report=seed_report, correction="Appendix 1 shows Alsager under Congleton."
    )

    latest = client.get(seed_report.get_absolute_url()).text
    assert "Version 2, the latest" in latest
    assert "Appendix 1 shows Alsager under Congleton." in latest
    assert f"/reports/{seed_report.pk}/versions/1/" in latest
    assert client.get(f"/reports/{seed_report.pk}/versions/1.pdf").content == first_pdf
    old = client.get(f"/reports/{seed_report.pk}/versions/1/")
    assert old.status_code == 200 and b"Read the latest version" in old.content
    assert client.get(seed_report.get_pdf_url()).content != first_pdf
    assert client.get(f"/reports/{seed_report.pk}/versions/3/").status_code == 404
    assert first_page != latest.encode()


def test_a_published_version_is_never_changed():
    report = rf.report(status="published")
    version = services.cabinet_report_freeze(report=report)
    version.html = "Something else"
    with pytest.raises(ValueError, match="never changed"):
        version.save()


def test_drafts_have_no_versions_and_stay_live(client):
    report = rf.report(status="draft", title="A draft")
    client.force_login(f.officer())
    assert b"This report is a draft" in client.get(report.get_absolute_url()).content
    assert client.get(f"/reports/{report.pk}/versions/1/").status_code == 404
    assert not PublishedVersion.objects.exists()


def test_an_officer_publishes_a_correction_in_the_admin(client, seed_report):
    client.force_login(f.officer())
    url = f"/admin/reports/cabinetreport/{seed_report.pk}/correct/"
    change = client.get(f"/admin/reports/cabinetreport/{seed_report.pk}/change/").text
    assert url in change
    refused = client.post(url, {"correction": ""})
    assert refused.status_code == 200 and "This field is required." in refused.text
    assert len(services.report_versions(seed_report)) == 1
    done = client.post(url, {"correction": "Corrects a name in 5.6.1."})
    assert done.status_code == 302
    assert [v.correction for v in services.report_versions(seed_report)] == [
        "",
        "Corrects a name in 5.6.1.",
    ]


def test_publishing_in_the_admin_keeps_the_report_with_its_paragraphs(client):
    report = rf.report(status="draft")
    rf.paragraph(report, "Kept in the published copy")
    client.force_login(f.officer())
    client.post(
        "/admin/reports/cabinetreport/",
        {"action": "publish", "_selected_action": [report.pk]},
    )
    (version,) = services.report_versions(report)
    assert "Kept in the published copy" in version.html


def test_a_published_report_page_costs_the_same_whatever_the_data(
    client, seed_report, django_assert_num_queries
):
    client.get(seed_report.get_absolute_url())
    # the report, its versions, its decisions in the log (content types are cached)
    with django_assert_num_queries(3):
        client.get(seed_report.get_absolute_url())
    with django_assert_num_queries(2):
        client.get(seed_report.get_pdf_url())
