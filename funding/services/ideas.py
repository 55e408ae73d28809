"""Residents' ideas for a participatory budgeting round: ``project_propose``, the
one door for an idea sent from the site (and for the example data's). An idea waits,
unseen, for the officers' check (``budgeting.project_save``)."""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pace.core.dates import format_date

from ..models import BudgetingProject, BudgetingRound, Phase, ProjectStatus, format_money
from .residents import allow, check_resident, clean_email, postcode_district

TITLE_MAX = 120
DESCRIPTION_MAX = 3000
#: What a money field holds (``money_field``: 12 digits, 2 after the point).
MONEY_LIMIT = Decimal("10000000000")


def _parse_cost(value) -> Decimal:
    try:
        cost = Decimal(str(value).strip().replace(",", "").removeprefix("£"))
    except (InvalidOperation, ValueError):
        raise ValidationError(
            {
                "cost": ValidationError(
                    "Enter the cost in pounds, like 2500 or 2500.50.", code="cost_format"
                )
            }
        ) from None
    if not cost.is_finite() or cost <= 0:
        raise ValidationError(
            {"cost": ValidationError("Enter a cost of more than £0.", code="cost_positive")}
        )
    if cost >= MONEY_LIMIT:
        raise ValidationError(
            {"cost": ValidationError("Enter a cost of less than £10 billion.", code="cost_huge")}
        )
    if cost != cost.quantize(Decimal("0.01")):
        raise ValidationError(
            {"cost": ValidationError("Enter the cost in pounds and pence.", code="cost_pence")}
        )
    return cost


def project_propose(
    *,
    budgeting_round: BudgetingRound,
    title: str,
    description: str,
    cost,
    email: str,
    postcode: str,
    group_name: str = "",
    client: str | None,
    on: datetime.date | None = None,
) -> BudgetingProject:
    """A resident sends an idea with its cost. It waits, unseen, for the officers'
    check (``project_save``), which is the moderation: spam never shows. Refused
    with messages on the fields: outside the round's ideas phase, a postcode outside
    the area, a cost over the round's money, too many ideas from one connection or
    address. ``client`` is the address the request came from; ``None`` for ideas
    entered other than from the web (the example data), which no allowance limits."""
    today = on or timezone.localdate()
    if budgeting_round.phase(today) != Phase.PROPOSALS:
        if budgeting_round.takes_ideas_online:
            raise ValidationError(
                "%(round)s takes ideas from %(opens)s to %(closes)s.",
                code="ideas_closed",
                params={
                    "round": budgeting_round.name,
                    "opens": format_date(budgeting_round.proposals_open_on),
                    "closes": format_date(budgeting_round.proposals_close_on),
                },
            )
        raise ValidationError(
            "%(round)s does not take ideas online.",
            code="ideas_closed",
            params={"round": budgeting_round.name},
        )
    errors: dict[str, list[str]] = {}
    title = " ".join((title or "").split())
    description = (description or "").strip()
    if not title:
        errors["title"] = ["Enter a name for your idea."]
    elif len(title) > TITLE_MAX:
        errors["title"] = [f"Enter a name of {TITLE_MAX} characters or fewer."]
    if not description:
        errors["description"] = ["Say what the project would do."]
    elif len(description) > DESCRIPTION_MAX:
        errors["description"] = [f"Say it in {DESCRIPTION_MAX} characters or fewer."]
    if len(group_name or "") > 200:
        errors["group_name"] = ["Enter a name of 200 characters or fewer."]
    try:
        cost = _parse_cost(cost)
    except ValidationError as error:
        errors |= error.message_dict
    try:
        email = clean_email(email)
    except ValidationError as error:
        errors |= error.message_dict
    try:
        district = postcode_district(postcode)
        check_resident(budgeting_round, district)
    except ValidationError as error:
        errors |= error.message_dict
    if "cost" not in errors and cost > budgeting_round.amount:
        errors["cost"] = [
            f"The round has {format_money(budgeting_round.amount)} in all: enter a cost of "
            "no more than that."
        ]
    if errors:
        raise ValidationError(errors)
    if client is not None:
        allow(client=client, email=email)
    project = BudgetingProject(
        round=budgeting_round,
        title=title,
        description=description,
        group_name=" ".join((group_name or "").split()),
        proposed_cost=cost,
        cost=cost,
        status=ProjectStatus.SUBMITTED,
        proposer_email=email,
        proposer_district=district,
        submitted_on=today,
    )
    with transaction.atomic():
        project.full_clean()
        project.save()
    return project
