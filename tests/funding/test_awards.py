"""Funds and awards: money rules, recipients, financial years, commissioning."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from funding import services
from funding.models import AwardStatus, Fund, GrantAward, Mechanism, OutcomeTarget
from partnerships.models import BodyKind
from tests.partnerships import factories as pf

from . import factories as ff

pytestmark = pytest.mark.django_db


def errors_of(excinfo) -> dict[str, list[str]]:
    return excinfo.value.message_dict


def test_nine_town_partnership_awards_fill_the_fund_and_a_tenth_is_refused():
    leaders = pf.body(BodyKind.LEADERS_BOARD)
    board = pf.body(BodyKind.AREA_BOARD, leaders)
    fund = ff.fund(amount="72000", decided_by=leaders, name="Town Partnerships Fund 2016/17")
    towns = [pf.body(BodyKind.TOWN_PARTNERSHIP, board) for _ in range(10)]
    for town in towns[:9]:
        ff.award(fund, to=town, amount="8000")
    assert fund.committed() == Decimal("72000.00")
    with pytest.raises(ValidationError) as excinfo:
        ff.award(fund, to=towns[9], amount="8000")
    message = errors_of(excinfo)["amount"][0]
    assert "Town Partnerships Fund 2016/17" in message
    assert "£72,000" in message and "£0 is left" in message
    assert GrantAward.objects.count() == 9


def test_an_award_that_fits_what_is_left_passes_and_a_penny_more_fails():
    fund = ff.fund(amount="10000")
    ff.award(fund, amount="6000")
    with pytest.raises(ValidationError) as excinfo:
        ff.award(fund, amount="4000.01")
    assert "£4,000 is left" in errors_of(excinfo)["amount"][0]
    ff.award(fund, amount="4000")
    assert fund.committed() == Decimal("10000")


def test_proposed_and_withdrawn_awards_do_not_spend_the_fund():
    fund = ff.fund(amount="8000")
    proposed = ff.award(fund, amount="8000", status=AwardStatus.PROPOSED)
    approved = ff.award(fund, amount="8000")
    assert fund.committed() == Decimal("8000")
    proposed.status = AwardStatus.APPROVED
    with pytest.raises(ValidationError):
        services.award_save(award=proposed)
    approved.status = AwardStatus.WITHDRAWN
    services.award_save(award=approved)
    proposed.status = AwardStatus.APPROVED
    services.award_save(award=proposed)
    assert fund.committed() == Decimal("8000")


def test_raising_an_award_is_checked_against_the_rest_of_the_fund():
    fund = ff.fund(amount="10000")
    first = ff.award(fund, amount="5000")
    ff.award(fund, amount="4000")
    first.amount = Decimal("6000")
    services.award_save(award=first)
    first.amount = Decimal("6000.01")
    with pytest.raises(ValidationError):
        services.award_save(award=first)


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("0", "more than £0"),
        ("-5", "more than £0"),
        ("12.345", "2 decimal places"),
    ],
)
def test_bad_amounts_are_refused_on_the_amount_field(amount, message):
    fund = ff.fund()
    with pytest.raises(ValidationError) as excinfo:
        ff.award(fund, amount=amount)
    assert message in " ".join(errors_of(excinfo)["amount"])
    assert not GrantAward.objects.exists()
    with pytest.raises(ValidationError) as excinfo:
        ff.fund(amount=amount)
    assert message in " ".join(errors_of(excinfo)["amount"])


@pytest.mark.parametrize(
    ("year", "code_text"),
    [
        ("2016/18", "Write 2016/17"),
        ("2016-17", "Write the financial year like 2016/17"),
        ("16/17", "Write the financial year like 2016/17"),
        ("2099/01", "Write 2099/00"),
    ],
)
def test_a_financial_year_that_is_not_one_is_refused(year, code_text):
    with pytest.raises(ValidationError) as excinfo:
        ff.fund(financial_year=year)
    assert code_text in errors_of(excinfo)["financial_year"][0]
    assert not Fund.objects.exists()


def test_good_financial_years_pass_including_across_a_century():
    assert ff.fund(financial_year="2016/17").period == (
        datetime.date(2016, 4, 1),
        datetime.date(2017, 3, 31),
    )
    ff.fund(financial_year="2099/00")


def test_an_award_has_exactly_one_recipient():
    fund = ff.fund()
    town = pf.body(BodyKind.TOWN_PARTNERSHIP, pf.body(BodyKind.AREA_BOARD, fund.decided_by))
    base = {
        "fund": fund,
        "title": "Grant",
        "description": "x",
        "amount": Decimal("100"),
        "award_date": datetime.date(2016, 8, 1),
    }
    with pytest.raises(ValidationError) as excinfo:
        services.award_save(award=GrantAward(**base))
    assert "Choose the recipient" in errors_of(excinfo)["recipient_organisation"][0]
    with pytest.raises(ValidationError) as excinfo:
        services.award_save(
            award=GrantAward(**base, recipient_body=town, recipient_organisation=pf.organisation())
        )
    assert "not both" in errors_of(excinfo)["recipient_organisation"][0]
    services.award_save(award=GrantAward(**base, recipient_body=town))


def test_the_database_refuses_two_recipients_even_without_validation():
    from django.db import IntegrityError, transaction

    fund = ff.fund()
    town = pf.body(BodyKind.TOWN_PARTNERSHIP, pf.body(BodyKind.AREA_BOARD, fund.decided_by))
    with pytest.raises(IntegrityError), transaction.atomic():
        GrantAward.objects.create(
            fund=fund,
            recipient_body=town,
            recipient_organisation=pf.organisation(),
            title="x",
            description="x",
            amount=Decimal("1"),
            award_date=datetime.date(2016, 8, 1),
        )


def test_a_fund_cannot_shrink_below_its_approved_awards():
    fund = ff.fund(amount="20000")
    ff.award(fund, amount="15000")
    fund.amount = Decimal("14999.99")
    with pytest.raises(ValidationError) as excinfo:
        services.fund_save(fund=fund)
    assert "£15,000" in errors_of(excinfo)["amount"][0]
    fund.amount = Decimal("15000")
    services.fund_save(fund=fund)


def test_commissioning_for_outcomes_needs_targets_before_approval():
    fund = ff.fund(mechanism=Mechanism.COMMISSIONING, financial_year="2017/18")
    with pytest.raises(ValidationError) as excinfo:
        ff.award(fund, status=AwardStatus.APPROVED)
    assert "outcome targets" in errors_of(excinfo)["status"][0]
    award = ff.award(fund, status=AwardStatus.PROPOSED)
    services.outcome_target_save(
        target=OutcomeTarget(
            award=award,
            description="More people walking",
            measure="People at weekly health walks",
            target_value="200 people by March 2018",
        )
    )
    award.status = AwardStatus.APPROVED
    services.award_save(award=award)
    assert GrantAward.objects.get(pk=award.pk).status == AwardStatus.APPROVED


def test_outcome_targets_belong_to_commissioning_and_need_evidence_when_met():
    direct = ff.award(ff.fund(), status=AwardStatus.PROPOSED)
    target = OutcomeTarget(award=direct, description="x", measure="y", target_value="z")
    with pytest.raises(ValidationError) as excinfo:
        services.outcome_target_save(target=target)
    assert "commissioned for outcomes" in errors_of(excinfo)["award"][0]

    commissioned = ff.award(ff.fund(mechanism=Mechanism.COMMISSIONING), status=AwardStatus.PROPOSED)
    target = OutcomeTarget(
        award=commissioned,
        description="x",
        measure="y",
        target_value="z",
        met_on=datetime.date(2018, 3, 1),
    )
    with pytest.raises(ValidationError) as excinfo:
        services.outcome_target_save(target=target)
    assert "evidence" in errors_of(excinfo)["evidence"][0]
    target.evidence = "Attendance registers: 240 people."
    services.outcome_target_save(target=target)
    assert target.is_met
