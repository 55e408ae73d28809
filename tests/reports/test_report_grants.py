"""The grants appendix of a cabinet report: the chosen funds' public grants, live."""

from decimal import Decimal

import pytest

from funding import services as funding_services
from funding.models import AwardStatus, Fund, GrantAward
from pace.reports.models import CabinetReport

from ..example_snapshot import load_example
from ..partnerships import factories as pf
from .test_reports import flat, in_order, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed_report():
    load_example()
    return CabinetReport.objects.get(meeting_on="2016-07-12")


def test_seed_report_appends_the_town_partnership_grants(client, seed_report):
    text = flat(pdf_text(client.get(seed_report.get_pdf_url()).content))
    assert in_order(
        text,
        [
            "Appendix 3",
            "Appendix 4: Grants",
            "Town Partnerships Fund 2016/17",
            "Total awarded £72,000",
        ],
    )
    assert text.count("£8,000") >= 9
    page = client.get(seed_report.get_absolute_url()).content.decode()
    assert "Appendix 4: Grants" in page and "£72,000" in page


def test_the_grants_table_of_a_draft_is_live_and_public_only(client, seed_report):
    CabinetReport.objects.filter(pk=seed_report.pk).update(status="draft")
    client.force_login(pf.officer())
    fund = Fund.objects.get(name="Town Partnerships Fund 2016/17")
    award = fund.awards.first()
    funding_services.award_save(award=_with(award, status=AwardStatus.WITHDRAWN))
    text = flat(pdf_text(client.get(seed_report.get_pdf_url()).content))
    assert "Total awarded £64,000" in text
    assert (
        award.recipient.name not in text.split("Appendix 4: Grants")[-1].split("Total awarded")[0]
    )


def _with(award: GrantAward, **changes) -> GrantAward:
    for field, value in changes.items():
        setattr(award, field, value)
    return award


def test_report_without_chosen_funds_has_no_grants_appendix(client, seed_report):
    CabinetReport.objects.filter(pk=seed_report.pk).update(status="draft")
    client.force_login(pf.officer())
    seed_report.grant_funds.clear()
    text = flat(pdf_text(client.get(seed_report.get_pdf_url()).content))
    assert "Grants" not in text.split("Appendix 3")[-1]


def test_officer_chooses_funds_on_the_report_form(client, seed_report):
    client.force_login(pf.officer())
    page = client.get(f"/admin/reports/cabinetreport/{seed_report.pk}/change/").content.decode()
    assert "Grants tables for these funds" in page
    fund = Fund.objects.get(name="Town Partnerships Fund 2016/17")
    assert f'<option value="{fund.pk}" selected>{fund}</option>' in page
    assert fund.amount == Decimal("72000")
