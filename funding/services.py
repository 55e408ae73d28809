"""Writes to funds, awards and participatory budgeting. Views, the admin, the CSV
import and the example data call these; nothing else saves an award that spends
money.

Every write that can change what a fund has spent locks the fund's row first
(``SELECT ... FOR UPDATE`` on PostgreSQL), then validates and saves in the same
transaction, so two officers approving awards at the same moment are checked one
after the other. SQLite ignores the lock but takes its write lock when the
transaction begins (``IMMEDIATE`` in settings), which serialises the same way.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from pace.core.dates import format_date
from partnerships.services import delete_or_refuse, unchanged

from .models import (
    AwardStatus,
    BudgetingProject,
    BudgetingRound,
    Fund,
    GrantAward,
    OutcomeTarget,
    format_money,
)


def _lock_fund(fund_id: int) -> Fund:
    return Fund.objects.select_for_update().get(pk=fund_id)


def fund_save(*, fund: Fund) -> Fund:
    """Create or change a fund. Its amount can never drop below what its approved
    and paid awards, or its participatory budgeting rounds, already add up to."""
    with transaction.atomic():
        if fund.pk is not None:
            # filter(): a fund restored from its history has an id and no row yet.
            Fund.objects.select_for_update().filter(pk=fund.pk).first()
        fund.full_clean()
        fund.save()
    return fund


def fund_delete(*, fund: Fund) -> None:
    """Delete a fund recorded in error. A fund with awards or participatory
    budgeting rounds is refused with a message, and nothing is deleted."""
    with transaction.atomic():
        delete_or_refuse(_lock_fund(fund.pk))


def award_save(*, award: GrantAward) -> GrantAward:
    """Create or change an award. Approved and paid awards never add up to more than
    their fund: the check runs with the fund's row locked. Saving what is already
    stored (the same form sent twice, or by two officers at once) changes nothing
    and leaves no second entry in the award's history."""
    with transaction.atomic():
        if award.fund_id is not None:
            award.fund = _lock_fund(award.fund_id)
        award.full_clean()
        if unchanged(award, ignore=("modified_at",)):
            return award
        award.save()
    return award


def award_approve(*, award: GrantAward) -> GrantAward:
    """Approve a proposed award (an officer's decision to spend the money).

    Approving an award that is already approved is a no-op: a double click, a
    resent form or two officers approving at once give one approval and one entry
    in its history. The fund's row is locked first (the order every writer takes),
    then the award's, and the status is read again under the locks."""
    with transaction.atomic():
        fund = _lock_fund(award.fund_id)
        current = GrantAward.objects.select_for_update().get(pk=award.pk)
        if current.status == AwardStatus.APPROVED:
            return current
        if current.status != AwardStatus.PROPOSED:
            raise ValidationError(
                {
                    "status": ValidationError(
                        "Only a proposed award can be approved; %(award)s is %(status)s.",
                        code="not_proposed",
                        params={
                            "award": current.title,
                            "status": current.get_status_display().lower(),
                        },
                    )
                }
            )
        current.fund = fund
        current.status = AwardStatus.APPROVED
        current.full_clean()
        current.save()
    return current


def award_delete(*, award: GrantAward) -> None:
    """Delete an award recorded in error. One with outcome targets or a funded
    project is refused with a message (withdraw it instead: the record of what was
    offered stays)."""
    with transaction.atomic():
        _lock_fund(award.fund_id)
        delete_or_refuse(award, advice="Withdraw it instead.")


def outcome_target_save(*, target: OutcomeTarget) -> OutcomeTarget:
    target.full_clean()
    target.save()
    return target


def round_save(*, budgeting_round: BudgetingRound) -> BudgetingRound:
    """Create or change a participatory budgeting round; its fund's rounds never add
    up to more than the fund."""
    with transaction.atomic():
        if budgeting_round.fund_id is not None:
            budgeting_round.fund = _lock_fund(budgeting_round.fund_id)
        budgeting_round.full_clean()
        budgeting_round.save()
    return budgeting_round


def project_save(*, project: BudgetingProject) -> BudgetingProject:
    project.full_clean()
    project.save()
    return project


def project_fund(
    *,
    project: BudgetingProject,
    award_date: datetime.date,
    status: str = AwardStatus.APPROVED,
) -> GrantAward:
    """Fund a participatory budgeting project once voting has closed: it becomes an
    approved award to the group that proposed it, from the round's fund. The funded
    projects of a round never add up to more than the round's money, nor its fund's."""
    with transaction.atomic():
        # Fund first, then round: every writer takes the locks in this order.
        fund = _lock_fund(project.round.fund_id)
        budgeting_round = BudgetingRound.objects.select_for_update().get(pk=project.round_id)
        project = BudgetingProject.objects.select_for_update().get(pk=project.pk)
        if project.award_id is not None:
            raise ValidationError(
                {"award": ValidationError("This project is already funded.", code="funded")}
            )
        if award_date <= budgeting_round.voting_closes_on:
            raise ValidationError(
                {
                    "award": ValidationError(
                        "Voting in %(round)s closes on %(closes)s: fund projects after the "
                        "votes are counted.",
                        code="voting_open",
                        params={
                            "round": budgeting_round.name,
                            "closes": format_date(budgeting_round.voting_closes_on),
                        },
                    )
                }
            )
        left = budgeting_round.amount - budgeting_round.funded_total()
        if project.cost > left:
            raise ValidationError(
                {
                    "cost": ValidationError(
                        "%(project)s costs %(cost)s, more than is left in %(round)s: the round "
                        "has %(amount)s and %(left)s is left.",
                        code="round_overspent",
                        params={
                            "project": project.title,
                            "cost": format_money(project.cost),
                            "round": budgeting_round.name,
                            "amount": format_money(budgeting_round.amount),
                            "left": format_money(max(left, 0)),
                        },
                    )
                }
            )
        award = award_save(
            award=GrantAward(
                fund=fund,
                recipient_organisation=project.proposed_by,
                title=project.title,
                description=project.description,
                amount=project.cost,
                award_date=award_date,
                status=status,
            )
        )
        project.award = award
        project.save(update_fields=["award"])
    return award
