"""Audit history of funds and awards; approving twice approves once; a fund or award
that others depend on is not deleted."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from funding import services
from funding.models import AwardStatus, Fund, GrantAward, Mechanism, OutcomeTarget
from partnerships.models import BodyKind
from tests.partnerships import factories as pf

from . import factories as ff

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    return pf.officer()


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def approve_in_admin(client, *awards):
    return client.post(
        "/admin/funding/grantaward/",
        {"action": "approve", "_selected_action": [a.pk for a in awards]},
        follow=True,
    )


def test_approving_in_the_admin_records_the_officer(officer_client, officer):
    award = ff.award(ff.fund(), status=AwardStatus.PROPOSED)
    response = approve_in_admin(officer_client, award)
    assert "is approved" in response.content.decode()
    award.refresh_from_db()
    assert award.status == AwardStatus.APPROVED
    latest = award.history.latest()
    assert latest.history_user == officer and latest.status == AwardStatus.APPROVED
    assert latest.diff_against(latest.prev_record).changed_fields == ["status"]


def test_approving_again_is_a_no_op_with_no_second_history_entry(officer_client):
    award = ff.award(ff.fund(), status=AwardStatus.PROPOSED)
    approve_in_admin(officer_client, award)
    entries = award.history.count()
    approve_in_admin(officer_client, award)
    again = services.award_approve(award=award)
    assert again.status == AwardStatus.APPROVED
    assert award.history.count() == entries == 2
    assert GrantAward.objects.count() == 1


def test_saving_an_award_unchanged_records_nothing():
    award = ff.award(ff.fund(), status=AwardStatus.PROPOSED)
    copy = GrantAward.objects.get(pk=award.pk)
    copy.status = AwardStatus.APPROVED
    services.award_save(award=copy)
    twice = GrantAward.objects.get(pk=award.pk)
    twice.status = AwardStatus.APPROVED
    services.award_save(award=twice)
    assert [r.history_type for r in award.history.order_by("history_id")] == ["+", "~"]


def test_only_a_proposed_award_is_approved():
    award = ff.award(ff.fund(), status=AwardStatus.WITHDRAWN)
    with pytest.raises(ValidationError) as refused:
        services.award_approve(award=award)
    assert refused.value.message_dict["status"] == [
        f"Only a proposed award can be approved; {award.title} is withdrawn."
    ]
    award.refresh_from_db()
    assert award.status == AwardStatus.WITHDRAWN


def test_approval_still_cannot_overspend_the_fund():
    fund = ff.fund(amount="10000")
    ff.award(fund, amount="8000")
    award = ff.award(fund, amount="4000", status=AwardStatus.PROPOSED)
    with pytest.raises(ValidationError, match="is left"):
        services.award_approve(award=award)
    award.refresh_from_db()
    assert award.status == AwardStatus.PROPOSED and award.history.count() == 1


def test_a_fund_with_awards_or_rounds_is_not_deleted():
    fund = ff.fund()
    ff.award(fund)
    with pytest.raises(ValidationError) as refused:
        services.fund_delete(fund=fund)
    assert refused.value.code == "protected" and "grant awards" in refused.value.messages[0]
    board = pf.body(BodyKind.AREA_BOARD, pf.body(BodyKind.LEADERS_BOARD))
    pb = ff.fund(mechanism=Mechanism.PARTICIPATORY_BUDGETING, amount="400000")
    ff.budgeting_round(pb, board)
    with pytest.raises(ValidationError, match="budgeting rounds"):
        services.fund_delete(fund=pb)
    assert Fund.objects.count() == 2
    assert not Fund.history.filter(history_type="-").exists()


def test_a_fund_recorded_in_error_is_deleted_and_restored_from_history(officer):
    fund = ff.fund(name="Recorded in error", amount="1234.50")
    pk = fund.pk
    services.fund_delete(fund=fund)
    assert not Fund.objects.filter(pk=pk).exists()
    record = Fund.history.get(id=pk, history_type="-")
    restored = services.fund_save(fund=record.instance)
    restored = Fund.objects.get(pk=pk)
    assert (restored.name, restored.amount, restored.financial_year) == (
        "Recorded in error",
        Decimal("1234.50"),
        "2016/17",
    )


def test_the_admin_refuses_to_delete_a_fund_with_awards(officer_client):
    fund = ff.fund()
    ff.award(fund)
    url = f"/admin/funding/fund/{fund.pk}/delete/"
    assert "Cannot delete fund" in officer_client.get(url).content.decode()
    response = officer_client.post(url, {"post": "yes"}, follow=True)
    assert response.status_code == 200
    assert Fund.objects.filter(pk=fund.pk).exists()


def test_an_award_with_outcome_targets_or_a_project_is_not_deleted():
    fund = ff.fund(mechanism=Mechanism.COMMISSIONING, financial_year="2017/18")
    award = ff.award(fund, status=AwardStatus.PROPOSED)
    services.outcome_target_save(
        target=OutcomeTarget(award=award, description="Walks", measure="people", target_value="200")
    )
    with pytest.raises(ValidationError, match="outcome targets"):
        services.award_delete(award=award)
    board = pf.body(BodyKind.AREA_BOARD, pf.body(BodyKind.LEADERS_BOARD))
    pb = ff.fund(mechanism=Mechanism.PARTICIPATORY_BUDGETING, amount="400000")
    budgeting_round = ff.budgeting_round(pb, board)
    project = ff.project(budgeting_round)
    ff.districts(board, "CW1")
    ff.vote(budgeting_round, [project])
    funded = services.project_fund(project=project, award_date=datetime.date(2017, 6, 30))
    with pytest.raises(ValidationError, match="budgeting projects"):
        services.award_delete(award=funded)
    assert GrantAward.objects.count() == 2 and OutcomeTarget.objects.count() == 1
    # One with nothing depending on it may go.
    spare = ff.award(ff.fund(), status=AwardStatus.PROPOSED)
    services.award_delete(award=spare)
    assert not GrantAward.objects.filter(pk=spare.pk).exists()


def test_award_history_page_lists_changes_to_its_outcome_targets(officer_client):
    fund = ff.fund(mechanism=Mechanism.COMMISSIONING, financial_year="2017/18")
    award = ff.award(fund, status=AwardStatus.PROPOSED)
    services.outcome_target_save(
        target=OutcomeTarget(
            award=award, description="Weekly walks", measure="people", target_value="200"
        )
    )
    page = officer_client.get(f"/admin/funding/grantaward/{award.pk}/history/")
    assert page.status_code == 200
    assert "Changes to its outcome targets" in page.content.decode()
    assert "Weekly walks" in page.content.decode()


def test_every_funding_record_keeps_history():
    """Every record officers edit. Not the voters and ballots of participatory
    budgeting, on purpose: nobody edits them, and a history row's time and user would
    tie a voter to the ballot written with them."""
    from django.apps import apps

    from funding.models import Ballot, BallotChoice, BudgetingVoter

    unaudited = {Ballot, BallotChoice, BudgetingVoter}
    for model in apps.get_app_config("funding").get_models():
        if not model.__name__.startswith("Historical") and model not in unaudited:
            assert hasattr(model, "history"), model
    assert not any(hasattr(model, "history") for model in unaudited)


def test_the_priorities_a_fund_serves_are_in_its_history(officer_client):
    """Many-to-many choices are audited too: each change to them is a version
    holding the choices as they then were, shown on the History page."""
    from tests.strategy import factories as sf

    first, second, _ = sf.strategy().priorities.order_by("position")
    fund = ff.fund()
    fund.priorities.add(first)
    fund.priorities.add(second)
    fund.priorities.remove(first)
    versions = list(fund.history.order_by("history_date", "history_id"))
    held = [sorted(p.priority_id for p in v.priorities.all()) for v in versions]
    assert held == [[], [first.pk], [first.pk, second.pk], [second.pk]]
    fund.priorities.set([second])  # what the admin sends when nothing changed
    assert fund.history.count() == len(versions)
    latest = versions[-1]
    delta = latest.diff_against(latest.prev_record)
    assert delta.changed_fields == ["priorities"]
    page = officer_client.get(f"/admin/funding/fund/{fund.pk}/history/")
    html = re.sub(r"\s+", " ", page.content.decode())
    assert page.status_code == 200
    assert (
        f"<strong>Priorities:</strong> [{first}, {second}] &nbsp;&rarr;&nbsp;&nbsp;[{second}]"
        in (html)
    )
