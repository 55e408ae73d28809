"""Writes to funds and awards. Views, the admin, the CSV import and the example data
call these; nothing else saves an award that spends money.

Every write that can change what a fund has spent locks the fund's row first
(``SELECT ... FOR UPDATE`` on PostgreSQL), then validates and saves in the same
transaction, so two officers approving awards at the same moment are checked one
after the other. SQLite ignores the lock but takes its write lock when the
transaction begins (``IMMEDIATE`` in settings), which serialises the same way.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from partnerships.services import delete_or_refuse, unchanged

from ..models import AwardStatus, Fund, GrantAward, OutcomeTarget


def lock_fund(fund_id: int) -> Fund:
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
        delete_or_refuse(lock_fund(fund.pk))


def award_save(*, award: GrantAward) -> GrantAward:
    """Create or change an award. Approved and paid awards never add up to more than
    their fund: the check runs with the fund's row locked. Saving what is already
    stored (the same form sent twice, or by two officers at once) changes nothing
    and leaves no second entry in the award's history."""
    with transaction.atomic():
        if award.fund_id is not None:
            award.fund = lock_fund(award.fund_id)
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
        fund = lock_fund(award.fund_id)
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
        lock_fund(award.fund_id)
        delete_or_refuse(award, advice="Withdraw it instead.")


def outcome_target_save(*, target: OutcomeTarget) -> OutcomeTarget:
    target.full_clean()
    target.save()
    return target
