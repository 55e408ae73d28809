"""A body's annual report, once recorded as presented to the body it reports to, is
kept as it stood that day (as the public may read it) and changes only by a
correction; the body's page lists it."""

import io

import pypdf
import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from pace.reports import services
from pace.reports.models import AnnualReport

from ..partnerships import factories as f
from ..strategy import factories as sf

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def amg_year():
    bodies = f.area()
    plan = sf.plan(bodies["amg"])
    sf.action(plan, title="Public survey of the town centre")
    sf.action(plan, title="Members only costing", is_public=False)
    today = timezone.localdate()
    year = today.year if today.month >= 4 else today.year - 1
    return bodies, plan, year


def _present(bodies, year):
    return services.annual_report_present(
        report=AnnualReport(
            body=bodies["amg"],
            year=year,
            presented_to=bodies["area_board"],
            presented_on=timezone.localdate(),
        )
    )


def test_a_presented_annual_report_is_kept_as_it_was(client, amg_year):
    bodies, plan, year = amg_year
    report = _present(bodies, year)
    kept = client.get(report.get_absolute_url())
    assert kept.status_code == 200
    text = _text(kept.content)
    assert "Public survey of the town centre" in text and "Members only costing" not in text

    sf.action(plan, title="Added after the meeting")
    assert client.get(report.get_absolute_url()).content == kept.content
    # The year-to-date report is live.
    assert "Added after the meeting" in _text(
        client.get(f"/partnerships/{bodies['amg'].slug}/annual-report.pdf").content
    )
    page = client.get(bodies["amg"].get_absolute_url()).text
    assert report.get_absolute_url() in page and "Annual reports as presented" in page

    services.annual_report_correct(report=report, correction="Adds the action agreed late.")
    assert [v.number for v in services.annual_report_versions(report)] == [1, 2]
    assert "Added after the meeting" in _text(client.get(report.get_absolute_url()).content)
    first = client.get(
        f"/partnerships/{bodies['amg'].slug}/annual-reports/{year}/versions/1.pdf"
    ).content
    assert first == kept.content


def test_presenting_refuses_bad_records(amg_year):
    bodies, _, year = amg_year
    with pytest.raises(ValidationError) as to_itself:
        services.annual_report_present(
            report=AnnualReport(
                body=bodies["amg"],
                year=year,
                presented_to=bodies["amg"],
                presented_on=timezone.localdate(),
            )
        )
    assert "presented_to" in to_itself.value.message_dict
    with pytest.raises(ValidationError) as early:
        services.annual_report_present(
            report=AnnualReport(
                body=bodies["amg"],
                year=year + 1,
                presented_to=bodies["area_board"],
                presented_on=timezone.localdate(),
            )
        )
    assert "presented_on" in early.value.message_dict
    assert not AnnualReport.objects.exists()
    _present(bodies, year)
    with pytest.raises(ValidationError):
        _present(bodies, year)


def test_an_officer_records_a_presentation_in_the_admin(client, amg_year):
    bodies, _, year = amg_year
    client.force_login(f.officer())
    response = client.post(
        "/admin/reports/annualreport/add/",
        {
            "body": bodies["amg"].pk,
            "year": year,
            "presented_to": bodies["area_board"].pk,
            "presented_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    (report,) = AnnualReport.objects.all()
    assert len(services.annual_report_versions(report)) == 1
    assert client.get(report.get_absolute_url()).status_code == 200


def test_a_year_never_presented_has_no_kept_report(client, amg_year):
    bodies, _, year = amg_year
    url = f"/partnerships/{bodies['amg'].slug}/annual-reports/{year}.pdf"
    assert client.get(url).status_code == 404
