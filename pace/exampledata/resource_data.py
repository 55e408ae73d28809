"""What partners commit (agreement 5.1: partners "commit resources" and commission
through shared resources), and the wards on plans and grants.

Illustrative: the seeds name the partners but no figures. Each year's pooled
Stronger Communities fund takes money from four partners; the council and the
partners put staff time into the current plans of the boards they sit on. The
wards of a local body's plans and of its grants are the body's own wards (set by
``ward_data``). Loading is idempotent: what is there is found, not made again.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from funding.models import (
    Fund,
    GrantAward,
    Mechanism,
    ResourceCommitment,
    ResourceKind,
)
from funding.services import commitment_save, fund_save
from pace.core.dates import financial_year_label, financial_year_of
from partnerships.models import Body, Organisation
from strategy.models import ActionPlan

#: The pooled fund's contributors and what each puts in a year.
POOLED = [
    ("cheshire-east-council", Decimal("60000")),
    ("cheshire-constabulary", Decimal("25000")),
    ("central-east-cheshire-pct", Decimal("25000")),
    ("cheshire-fire-rescue", Decimal("10000")),
]

#: Staff time in the current plans: (partner, plan's body, FTE, what).
STAFF = [
    ("cheshire-east-council", "leaders-board", "1.0", "the partnership's support officer"),
    ("cheshire-east-council", "health-and-wellbeing-board", "2.0", "two public health officers"),
    ("central-east-cheshire-pct", "health-and-wellbeing-board", "1.5", "commissioning managers"),
    ("mmu-cheshire", "learning-and-skills", "0.4", "a researcher two days a week"),
    ("cheshire-constabulary", "crewe-and-nantwich-area-board", "0.5", "a neighbourhood inspector"),
    ("cheshire-east-council", "macclesfield-area-board", "1.0", "a community development officer"),
    ("cheshire-east-council", "congleton-area-board", "1.0", "a community development officer"),
    ("vcs-congress", "congleton-area-board", "0.2", "a volunteer co-ordinator one day a week"),
]


@transaction.atomic
def load() -> dict[str, int]:
    leaders = Body.objects.get(slug="leaders-board")
    partners = {org.slug: org for org in Organisation.objects.all()}
    today = timezone.localdate()
    for year in range(financial_year_of(today) - 1, financial_year_of(today) + 1):
        _pooled_fund(year, leaders, partners)
    _staff(today, partners)
    _wards_on_plans_and_grants()
    return {"resource commitments": ResourceCommitment.objects.count()}


def _pooled_fund(year: int, leaders: Body, partners: dict[str, Organisation]) -> None:
    label = financial_year_label(year)
    name = f"Stronger Communities Pooled Fund {label}"
    fund = Fund.objects.filter(name=name).first() or fund_save(
        fund=Fund(
            name=name,
            budget_holder="Partnerships and Communities (pooled with partners)",
            financial_year=label,
            amount=sum((amount for _, amount in POOLED), Decimal("0")),
            mechanism=Mechanism.COMPETITIVE_GRANT,
            decided_by=leaders,
            approved_by="The Leaders Board",
            approved_on=datetime.date(year, 4, 1) - datetime.timedelta(days=30),
            description="A pooled budget: the council, the police, health and the fire "
            "service put money into one fund for community safety and wellbeing projects, "
            "commissioned through shared resources (partnership agreement 5.1).",
        )
    )
    for slug, amount in POOLED:
        if not fund.commitments.filter(partner__slug=slug).exists():
            commitment_save(
                commitment=ResourceCommitment(
                    partner=partners[slug],
                    kind=ResourceKind.REVENUE,
                    amount=amount,
                    financial_year=label,
                    fund=fund,
                    description="Its share of the pooled fund",
                )
            )


def _staff(today: datetime.date, partners: dict[str, Organisation]) -> None:
    label = financial_year_label(financial_year_of(today))
    for slug, body_slug, fte, what in STAFF:
        plan = (
            ActionPlan.objects.published()
            .filter(body__slug=body_slug, starts_on__lte=today, ends_on__gte=today)
            .order_by("-starts_on")
            .first()
        )
        if plan is None or plan.resource_commitments.filter(partner__slug=slug).exists():
            continue
        commitment_save(
            commitment=ResourceCommitment(
                partner=partners[slug],
                kind=ResourceKind.STAFF,
                staff_fte=Decimal(fte),
                financial_year=label,
                plan=plan,
                description=what,
            )
        )


def _wards_on_plans_and_grants() -> None:
    """A local body's plans and the grants to it, or decided by it, name its wards."""
    bodies = {body.pk: body for body in Body.objects.filter(wards__isnull=False).distinct()}
    wards_of = {pk: list(body.wards.all()) for pk, body in bodies.items()}
    for plan in ActionPlan.objects.filter(body_id__in=bodies):
        plan.wards.add(*wards_of[plan.body_id])
    grants = GrantAward.objects.filter(recipient_body_id__in=bodies)
    for grant in grants:
        grant.wards.add(*wards_of[grant.recipient_body_id])
    for grant in GrantAward.objects.filter(
        recipient_body__isnull=True, budgeting_project__round__area_board_id__in=bodies
    ).select_related("budgeting_project__round"):
        wards = wards_of[grant.budgeting_project.round.area_board_id]
        grant.wards.add(wards[grant.pk % len(wards)])
