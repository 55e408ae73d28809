"""An annual report is presented to a body its body reports to (issue 21, part 5):
the body it is accountable to, or one it reports to by relation; the Leaders Board's
goes to the Assembly (agreement 5.5). ``partnerships.routing`` decides."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from pace.reports import services
from pace.reports.models import AnnualReport
from partnerships.models import AccountabilityLink, BodyKind, RelationKind

from ..partnerships import factories as f

pytestmark = pytest.mark.django_db


def _year() -> int:
    today = timezone.localdate()
    return today.year if today.month >= 4 else today.year - 1


def _relate(from_body, kind, to_body):
    link = AccountabilityLink(from_body=from_body, to_body=to_body, kind=kind)
    link.full_clean()
    link.save()
    return link


@pytest.fixture
def bodies():
    made = f.area()
    made["assembly_top"] = f.body(BodyKind.ASSEMBLY, name="Cheshire East Assembly")
    return made


def _present(body, to, on=None):
    return services.annual_report_present(
        report=AnnualReport(
            body=body, year=_year(), presented_to=to, presented_on=on or timezone.localdate()
        )
    )


def test_the_leaders_board_presents_to_the_assembly_it_reports_to(bodies):
    leaders, assembly = bodies["leaders"], bodies["assembly_top"]
    with pytest.raises(ValidationError) as refused:
        _present(leaders, assembly)
    assert refused.value.message_dict["presented_to"] == [
        f"{leaders.name} is accountable to no body and reports to none on "
        f"{timezone.localdate():%-d %B %Y}: record the relation “reports to” first."
    ]
    _relate(leaders, RelationKind.REPORTS_TO, assembly)
    report = _present(leaders, assembly)
    assert report.presented_to == assembly


def test_a_body_presents_to_its_parent_or_a_body_it_reports_to_and_no_other(bodies):
    amg, board, leaders = bodies["amg"], bodies["area_board"], bodies["leaders"]
    with pytest.raises(ValidationError) as refused:
        _present(amg, leaders)
    assert refused.value.message_dict["presented_to"] == [
        f"{amg.name} presents its annual report to a body it reports to. On "
        f"{timezone.localdate():%-d %B %Y} that is {board.name}."
    ]
    # Taking guidance carries no reports.
    _relate(amg, RelationKind.TAKES_GUIDANCE_FROM, bodies["assembly"])
    with pytest.raises(ValidationError):
        _present(amg, bodies["assembly"])
    _relate(amg, RelationKind.REPORTS_TO, bodies["assembly"])
    assert _present(amg, bodies["assembly"]).presented_to == bodies["assembly"]
    assert not AnnualReport.objects.exclude(presented_to=bodies["assembly"]).exists()


def test_the_rule_is_read_on_the_day_it_was_presented(bodies):
    """A body reported to that has since ended still received the report it was given
    while it existed."""
    leaders, assembly = bodies["leaders"], bodies["assembly_top"]
    _relate(leaders, RelationKind.REPORTS_TO, assembly)
    presented = timezone.localdate() - datetime.timedelta(days=1)
    if presented.year * 100 + presented.month < _year() * 100 + 4:
        pytest.skip("the first day of the financial year")
    assembly.ends_on = presented
    assembly.save()
    assert _present(leaders, assembly, on=presented).presented_to == assembly
    with pytest.raises(ValidationError):
        AnnualReport(
            body=leaders,
            year=_year() - 1,
            presented_to=assembly,
            presented_on=timezone.localdate(),
        ).full_clean()


def test_a_record_is_not_judged_again_by_later_relations(bodies):
    leaders, assembly = bodies["leaders"], bodies["assembly_top"]
    link = _relate(leaders, RelationKind.REPORTS_TO, assembly)
    report = _present(leaders, assembly)
    link.delete()
    report.refresh_from_db()
    report.full_clean()  # unchanged: still valid
    report.presented_to = bodies["area_board"]
    with pytest.raises(ValidationError) as changed:
        report.full_clean()
    assert "presented_to" in changed.value.message_dict


def test_the_admin_says_which_bodies_on_the_field(client, bodies):
    client.force_login(f.officer())
    response = client.post(
        "/admin/reports/annualreport/add/",
        {
            "body": bodies["amg"].pk,
            "year": _year(),
            "presented_to": bodies["leaders"].pk,
            "presented_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["presented_to"] == [
        f"{bodies['amg'].name} presents its annual report to a body it reports to. On "
        f"{timezone.localdate():%-d %B %Y} that is {bodies['area_board'].name}."
    ]
    assert not AnnualReport.objects.exists()
