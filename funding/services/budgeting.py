"""Writes to participatory budgeting rounds, their projects and the postcode
districts of the Area Boards: the officers' check of residents' ideas
(``project_save``: feasible, or rejected with a public reason, or removed as spam;
the ideas themselves arrive through ``ideas.project_propose``), and funding what
the published rule selected (``project_fund``).

Once a round's voting has opened, what its ballots were cast on is fixed: the
round's money and kind of ballot, and the projects on the ballot and their costs.
Locks are taken in one order by every writer: the fund, then the round, then a
project.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pace.core.dates import format_date
from pace.notifications.services import message_queue, site_url
from partnerships.services import delete_or_refuse

from ..models import (
    AwardStatus,
    BudgetingProject,
    BudgetingRound,
    GrantAward,
    PostcodeDistrict,
    ProjectStatus,
    format_money,
)
from .awards import award_save, lock_fund

#: What a round's ballots rely on: fixed once its voting opens.
ROUND_BALLOT_FIELDS = ("amount", "ballot_kind", "max_choices")
PROJECT_BALLOT_FIELDS = ("round_id", "status", "cost")


def _today(on: datetime.date | None) -> datetime.date:
    return on or timezone.localdate()


def _voting_opened(budgeting_round: BudgetingRound, field: str) -> ValidationError:
    return ValidationError(
        {
            field: ValidationError(
                "Voting in %(round)s opened on %(opens)s: what its ballots were cast on "
                "cannot change now.",
                code="voting_opened",
                params={
                    "round": budgeting_round.name,
                    "opens": format_date(budgeting_round.voting_opens_on),
                },
            )
        }
    )


def round_change_error(
    budgeting_round: BudgetingRound, on: datetime.date | None = None
) -> ValidationError | None:
    """Why this change to a round is refused, if it is: its money or kind of ballot
    changed after voting opened. The admin's form asks this too."""
    if budgeting_round.pk is None:
        return None
    stored = BudgetingRound.objects.filter(pk=budgeting_round.pk).first()
    if stored is None or stored.voting_opens_on > _today(on):
        return None
    for field in ROUND_BALLOT_FIELDS:
        if getattr(stored, field) != getattr(budgeting_round, field):
            return _voting_opened(stored, field)
    return None


def round_save(
    *, budgeting_round: BudgetingRound, on: datetime.date | None = None
) -> BudgetingRound:
    """Create or change a participatory budgeting round; its fund's rounds never add
    up to more than the fund. Its dates may move (voting extended, or closed early),
    but not its money or its kind of ballot once voting has opened."""
    with transaction.atomic():
        if budgeting_round.fund_id is not None:
            budgeting_round.fund = lock_fund(budgeting_round.fund_id)
        if budgeting_round.pk is not None:
            BudgetingRound.objects.select_for_update().filter(pk=budgeting_round.pk).first()
        if error := round_change_error(budgeting_round, on):
            raise error
        budgeting_round.full_clean()
        budgeting_round.save()
    return budgeting_round


def project_change_error(
    project: BudgetingProject, on: datetime.date | None = None
) -> ValidationError | None:
    """Why this change to a project is refused, if it is: once its round's voting
    has opened, no project joins the ballot or leaves it, and none changes its cost.
    The admin's forms ask this too."""
    budgeting_round = BudgetingRound.objects.filter(pk=project.round_id).first()
    if budgeting_round is None or budgeting_round.voting_opens_on > _today(on):
        return None
    stored = None
    if project.pk is not None:
        stored = BudgetingProject.objects.filter(pk=project.pk).first()
    if stored is None:
        return _voting_opened(budgeting_round, "round")
    for field in PROJECT_BALLOT_FIELDS:
        if getattr(stored, field) != getattr(project, field):
            return _voting_opened(budgeting_round, field.removesuffix("_id"))
    return None


def project_save(*, project: BudgetingProject, on: datetime.date | None = None) -> BudgetingProject:
    """Create or change a project: the officers' door (the admin, the example data).
    Rejecting one needs a public reason, and so does changing its cost from the
    cost proposed. When officers first decide on a resident's idea (on the ballot or
    not), the resident is e-mailed the decision and their address is then deleted;
    an idea removed as spam is deleted from view and its address with it, unmailed."""
    today = _today(on)
    with transaction.atomic():
        budgeting_round = BudgetingRound.objects.select_for_update().get(pk=project.round_id)
        stored = None
        if project.pk is not None:
            stored = BudgetingProject.objects.select_for_update().filter(pk=project.pk).first()
        if error := project_change_error(project, today):
            raise error
        project.round = budgeting_round
        project.full_clean()
        decided = (
            stored is not None
            and stored.status == ProjectStatus.SUBMITTED
            and project.status != ProjectStatus.SUBMITTED
        )
        address = project.proposer_email
        if decided:
            project.proposer_email = ""
        project.save()
        if decided and address and project.is_public:
            _tell_proposer(project, address)
    return project


def _tell_proposer(project: BudgetingProject, address: str) -> None:
    on_ballot = project.status == ProjectStatus.FEASIBLE
    message_queue(
        to=[address],
        topic=f"budgeting-check:{project.pk}",
        subject=f"Your idea has been checked: {project.round.name}",
        template="funding/email/idea_checked",
        context={
            "project": project,
            "on_ballot": on_ballot,
            "project_url": site_url(project.get_absolute_url()),
            "voting_opens": format_date(project.round.voting_opens_on),
        },
    )


def project_fund(
    *,
    project: BudgetingProject,
    award_date: datetime.date,
    status: str = AwardStatus.APPROVED,
) -> GrantAward:
    """Fund a participatory budgeting project once voting has closed: it becomes an
    approved award to the group that runs it, from the round's fund. Only a project
    the published rule selected is funded, so the funded projects of a round never
    add up to more than the round's money, nor its fund's."""
    from ..selectors import round_results

    with transaction.atomic():
        # Fund first, then round: every writer takes the locks in this order.
        fund = lock_fund(project.round.fund_id)
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
        if project.proposed_by_id is None:
            raise ValidationError(
                {
                    "proposed_by": ValidationError(
                        "Name the group that receives the grant before funding %(project)s.",
                        code="no_recipient",
                        params={"project": project.title},
                    )
                }
            )
        results = round_results(budgeting_round, on=award_date)
        if project.pk not in results.selected_ids:
            raise ValidationError(
                {
                    "award": ValidationError(
                        "%(project)s was not selected by the results rule, so it is not "
                        "funded from the residents' vote.",
                        code="not_selected",
                        params={"project": project.title},
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


def postcode_district_save(*, district: PostcodeDistrict) -> PostcodeDistrict:
    district.code = (district.code or "").strip().upper()
    with transaction.atomic():
        district.full_clean()
        district.save()
    return district


def postcode_district_delete(*, district: PostcodeDistrict) -> None:
    with transaction.atomic():
        delete_or_refuse(district)
