"""Subsidy-control and conflict-of-interest flags on hand-built cases."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from funding import selectors
from funding.models import AwardStatus, GrantAward, Mechanism
from partnerships.models import BodyKind, Declaration, InterestType, Meeting
from tests.partnerships import factories as pf

from . import factories as ff

pytestmark = pytest.mark.django_db


def checked(award: GrantAward) -> GrantAward:
    return selectors.with_checks(GrantAward.objects.filter(pk=award.pk)).get()


@pytest.fixture
def big_fund():
    return ff.fund(amount="2000000", financial_year="2016/17")


def test_exactly_the_threshold_passes_and_a_penny_over_is_flagged(big_fund, settings):
    settings.PACE_SUBSIDY_MFA_THRESHOLD = Decimal("315000")
    group = pf.organisation("Community Group")
    first = ff.award(big_fund, to=group, amount="300000", on=datetime.date(2016, 5, 1))
    at_threshold = ff.award(big_fund, to=group, amount="15000", on=datetime.date(2016, 6, 1))
    assert checked(at_threshold).recipient_window_total == Decimal("315000")
    assert not checked(at_threshold).needs_subsidy_review
    over = ff.award(big_fund, to=group, amount="0.01", on=datetime.date(2016, 7, 1))
    flagged = checked(over)
    assert flagged.recipient_window_total == Decimal("315000.01")
    assert flagged.needs_subsidy_review
    # Earlier awards are judged by what the recipient had had up to their own date.
    assert not checked(first).needs_subsidy_review
    flagged_ids = set(
        selectors.with_checks(GrantAward.objects.all())
        .filter(needs_subsidy_review=True)
        .values_list("pk", flat=True)
    )
    assert flagged_ids == {over.pk}


def test_the_window_is_this_financial_year_so_far_and_the_two_before(big_fund):
    group = pf.organisation()
    # 2013/14 is outside the window of an award in 2016/17 (2014/15 to 2016/17).
    ff.award(big_fund, to=group, amount="200000", on=datetime.date(2014, 3, 31))
    ff.award(big_fund, to=group, amount="200000", on=datetime.date(2014, 4, 1))
    later = ff.award(big_fund, to=group, amount="115000", on=datetime.date(2017, 3, 31))
    result = checked(later)
    assert selectors.subsidy_window_label(result) == "2014/15 to 2016/17"
    assert result.recipient_window_total == Decimal("315000")
    assert not result.needs_subsidy_review
    # One day later is 2017/18: the window starts at 2015/16 and drops 2014's award.
    next_year = ff.award(big_fund, to=group, amount="1", on=datetime.date(2017, 4, 1))
    assert checked(next_year).recipient_window_total == Decimal("115001")
    # Awards made after an award's date do not count towards it ("so far").
    assert checked(later).recipient_window_total == Decimal("315000")


def test_a_proposed_award_that_would_take_the_recipient_over_is_flagged(big_fund):
    group = pf.organisation()
    ff.award(big_fund, to=group, amount="310000")
    proposed = ff.award(big_fund, to=group, amount="5000.01", status=AwardStatus.PROPOSED)
    assert checked(proposed).needs_subsidy_review
    proposed.status = AwardStatus.WITHDRAWN
    proposed.save()
    assert not checked(proposed).needs_subsidy_review


def test_other_recipients_and_competitive_awards_are_not_counted_or_flagged():
    group, other = pf.organisation(), pf.organisation()
    direct = ff.fund(amount="2000000")
    competitive = ff.fund(amount="2000000", mechanism=Mechanism.COMPETITIVE_GRANT)
    ff.award(direct, to=other, amount="400000")
    ff.award(direct, to=group, amount="300000")
    won = ff.award(competitive, to=group, amount="100000")
    result = checked(won)
    assert result.recipient_window_total == Decimal("400000")
    assert not result.needs_subsidy_review
    after = ff.award(direct, to=group, amount="1", on=datetime.date(2016, 9, 1))
    assert checked(after).needs_subsidy_review


def test_bodies_are_recipients_in_their_own_right(big_fund):
    board = pf.body(BodyKind.AREA_BOARD, big_fund.decided_by)
    town = pf.body(BodyKind.TOWN_PARTNERSHIP, board)
    ff.award(big_fund, to=town, amount="315000")
    other_town = ff.award(big_fund, to=pf.body(BodyKind.TOWN_PARTNERSHIP, board), amount="1")
    assert not checked(other_town).needs_subsidy_review
    assert checked(ff.award(big_fund, to=town, amount="1")).needs_subsidy_review


def seat(body, person=None, **fields):
    """A membership in force on the awards' dates (2016 and 2017)."""
    return pf.member(body, person, starts_on=datetime.date(2015, 1, 1), **fields)


@pytest.fixture
def decision():
    leaders = pf.body(BodyKind.LEADERS_BOARD)
    fund = ff.fund(decided_by=leaders, amount="100000")
    return leaders, fund


def test_a_member_representing_the_recipient_is_a_conflict(decision):
    leaders, fund = decision
    charity = pf.organisation("Helping Hands")
    member = seat(leaders, pf.person("Sam Trustee"), organisation_=charity)
    award = ff.award(fund, to=charity)
    assert checked(award).has_conflict
    conflicts = selectors.conflicts_for([checked(award)])[award.pk]
    assert [c.person_name for c in conflicts] == ["Sam Trustee"]
    assert "represents Helping Hands" in conflicts[0].reason
    # No conflict once the membership ended before the award was decided.
    member.ends_on = datetime.date(2016, 7, 31)
    member.save()
    assert not checked(award).has_conflict
    assert selectors.conflicts_for([checked(award)])[award.pk] == []


def test_a_member_who_declared_an_interest_in_the_recipient_is_a_conflict(decision):
    leaders, fund = decision
    charity = pf.organisation("Helping Hands")
    person = pf.person("Jo Declarer")
    seat(leaders, person, organisation_=pf.organisation("Police"))
    award = ff.award(fund, to=charity)
    assert not checked(award).has_conflict
    meeting = Meeting.objects.create(body=leaders, title="Board", starts_at=timezone.now())
    Declaration.objects.create(
        meeting=meeting,
        person=person,
        interest_type=InterestType.FINANCIAL,
        organisation=charity,
        description="Paid adviser to Helping Hands",
    )
    assert checked(award).has_conflict
    conflicts = selectors.conflicts_for([checked(award)])[award.pk]
    assert "declared a financial interest" in conflicts[0].reason


def test_a_declaration_by_someone_not_on_the_deciding_body_is_not_a_conflict(decision):
    leaders, fund = decision
    charity = pf.organisation()
    outsider = pf.person()
    seat(pf.body(BodyKind.LEADERS_BOARD), outsider)
    Declaration.objects.create(
        meeting=Meeting.objects.create(body=leaders, title="B", starts_at=timezone.now()),
        person=outsider,
        interest_type=InterestType.PERSONAL,
        organisation=charity,
        description="x",
    )
    # A member of the deciding body representing some other organisation.
    seat(leaders, organisation_=pf.organisation())
    assert not checked(ff.award(fund, to=charity)).has_conflict


def test_a_member_who_also_sits_on_the_recipient_body_is_a_conflict(decision):
    leaders, fund = decision
    board = pf.body(BodyKind.AREA_BOARD, leaders)
    town = pf.body(BodyKind.TOWN_PARTNERSHIP, board)
    award = ff.award(fund, to=town)
    person = pf.person("Lee Both")
    seat(leaders, person)
    assert not checked(award).has_conflict
    seat(town, person)
    assert checked(award).has_conflict
    reason = selectors.conflicts_for([checked(award)])[award.pk][0].reason
    assert f"also a member of {town.name}" in reason


def test_a_participatory_budgeting_award_is_decided_by_the_rounds_area_board():
    leaders = pf.body(BodyKind.LEADERS_BOARD)
    board = pf.body(BodyKind.AREA_BOARD, leaders)
    fund = ff.fund(decided_by=leaders, amount="400000", mechanism=Mechanism.PARTICIPATORY_BUDGETING)
    budgeting_round = ff.budgeting_round(fund, board)
    group = pf.organisation("Allotments")
    project = ff.project(budgeting_round, by=group)
    ff.districts(board, "CW1")
    ff.vote(budgeting_round, [project])
    from funding import services

    award = services.project_fund(project=project, award_date=datetime.date(2017, 7, 1))
    seat(leaders, organisation_=group)  # on the Leaders Board: not the decider here
    assert checked(award).deciding_body_id == board.pk
    assert not checked(award).has_conflict
    seat(board, pf.person("Area Member"), organisation_=group)
    assert checked(award).has_conflict
