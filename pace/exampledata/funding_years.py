"""The example's funding after the first year: the town partnerships commissioned
for outcomes in 2018/19 and 2019/20 (cabinet report 5.6.5: "from 2017/18 to
2019/20"), and from 2020/21 to the financial year of the day of loading a
community grants fund a year, shared across the three areas by competitive grant.
Amounts, groups, targets and evidence are illustrative. Every write goes through
the services (``funding_data``'s helpers); idempotent, as they are.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from funding.models import AwardStatus, Mechanism, OutcomeTarget
from funding.services import award_save, outcome_target_save
from pace.core.dates import financial_year_bounds, financial_year_label, financial_year_of
from partnerships.models import Body, BodyKind

#: What each town was commissioned for in the strategy's later years, and what it
#: achieved: (outcome, measure, target, evidence).
TOWN_OUTCOMES = [
    (
        "Older people less isolated",
        "People attending weekly lunch clubs and friendship groups",
        "80 people by March",
        "Group registers: 94 people came at least monthly; 7 in 10 said they felt less alone.",
    ),
    (
        "More young people in training or work",
        "Young people placed with local employers",
        "15 placements by March",
        "Employers' letters: 18 placements, 11 of them leading to an apprenticeship or a job.",
    ),
    (
        "A town centre people choose to visit",
        "Footfall on market days, from the town's counters",
        "5% more than the year before",
        "Footfall counters: 7% more visits on market days than the year before.",
    ),
]

#: Community grants by area, a year: (recipient group, what for). Illustrative.
COMMUNITY_GRANTS = [
    ("Crewe Food Bank", "a cold store, so fresh food reaches families in Crewe"),
    ("Macclesfield Youth Theatre", "drama workshops for young carers"),
    ("Sandbach Repair Café", "monthly repair sessions and volunteer training"),
    ("Nantwich Riverside Volunteers", "clearing and planting the riverside path"),
    ("Wilmslow Refugee Welcome", "English conversation clubs"),
    ("Congleton Men's Shed", "a workshop for men at risk of isolation"),
]
COMMUNITY_FUND = Decimal("30000")


def load(leaders: Body, *, fund, award, group) -> None:
    """``fund``, ``award`` and ``group`` are ``funding_data``'s finders-or-makers."""
    towns = list(Body.objects.filter(kind=BodyKind.TOWN_PARTNERSHIP).order_by("name"))
    for year in (2018, 2019):
        _commissioning(year, towns, leaders, fund=fund, award=award)
    today = timezone.localdate()
    for year in range(2020, financial_year_of(today) + 1):
        _community_grants(year, today, leaders, fund=fund, award=award, group=group)


def _commissioning(year: int, towns, leaders: Body, *, fund, award) -> None:
    label = financial_year_label(year)
    starts, ends = financial_year_bounds(year)
    pot = fund(
        f"Town Partnerships: Commissioning for Outcomes {label}",
        budget_holder="Partnerships and Communities",
        financial_year=label,
        amount=Decimal("8000") * len(towns),
        mechanism=Mechanism.COMMISSIONING,
        decided_by=leaders,
        decision_reference="Cabinet report, 12 July 2016, paragraph 5.6.5",
        description="Each town partnership commissioned for outcomes of the partnership "
        "strategy in the town, £8,000 a year. The targets shown are illustrative.",
    )
    for n, town in enumerate(towns):
        grant = award(
            pot,
            recipient_body=town,
            title=f"{town.name}: outcomes commission {label}",
            description=f"{town.name} is commissioned to deliver outcomes of the partnership "
            "strategy in the town.",
            amount=Decimal("8000"),
            award_date=starts + datetime.timedelta(days=31),
            status=AwardStatus.PROPOSED,
            planned_start_on=starts + datetime.timedelta(days=31),
            planned_end_on=ends,
        )
        outcome, measure, target, evidence = TOWN_OUTCOMES[(n + year) % len(TOWN_OUTCOMES)]
        if not grant.outcome_targets.exists():
            outcome_target_save(
                target=OutcomeTarget(
                    award=grant,
                    description=outcome,
                    measure=measure,
                    target_value=f"{target} {year + 1}",
                    met_on=ends - datetime.timedelta(days=20),
                    evidence=evidence,
                )
            )
        if grant.status == AwardStatus.PROPOSED:
            grant.status = AwardStatus.PAID
            grant.evidence_of_success = evidence
            award_save(award=grant)


def _community_grants(year: int, today, leaders: Body, *, fund, award, group) -> None:
    label = financial_year_label(year)
    starts, ends = financial_year_bounds(year)
    pot = fund(
        f"Community Grants {label}",
        budget_holder="Partnerships and Communities",
        financial_year=label,
        amount=COMMUNITY_FUND,
        mechanism=Mechanism.COMPETITIVE_GRANT,
        decided_by=leaders,
        approved_by="Leaders Board",
        approved_on=starts - datetime.timedelta(days=30),
        decision_reference=f"Leaders Board: community grants {label}",
        description="Small grants to community groups across the three areas for projects "
        "that serve the partnership's priorities, awarded by competition. Illustrative.",
    )
    for n in range(4):
        name, purpose = COMMUNITY_GRANTS[(year + n) % len(COMMUNITY_GRANTS)]
        # Awarded through the year, none after the day of loading.
        awarded = min(starts + datetime.timedelta(days=20 + 60 * n), today)
        ended = ends < today
        award(
            pot,
            recipient_organisation=group(name),
            title=f"{name}: community grant {label}",
            description=f"For {purpose}.",
            amount=Decimal(4000 + 1500 * ((year + n) % 4)),
            award_date=awarded,
            status=AwardStatus.PAID if ended else AwardStatus.APPROVED,
            planned_start_on=awarded,
            planned_end_on=ends,
            evidence_of_success=f"The group's report: {purpose} went ahead as planned."
            if ended
            else "",
        )
