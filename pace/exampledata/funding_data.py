"""Funds and grants for the example site.

Sources: the cabinet report of 12 July 2016. 5.6.5: £8,000 to each town partnership
by direct grant award in 2016/17, £72,000 in all, accounted to Partnerships and
Communities, and from 2017/18 to 2019/20 commissioning "for outcomes". 5.6.3: the
Area Boards run participatory budgeting, a first phase of £400,000 for public
health outcomes. How the £400,000 is shared between the Area Boards, the community
groups, their projects, votes and outcome targets are illustrative: the seeds name
none. Idempotent: everything is found by a natural key first.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from funding import services
from funding.models import (
    AwardStatus,
    BudgetingProject,
    BudgetingRound,
    Fund,
    GrantAward,
    Mechanism,
    OutcomeTarget,
)
from pace.exampledata.report_data import MEETING_ON, TITLE
from pace.reports.models import CabinetReport
from partnerships.models import (
    Body,
    BodyKind,
    Declaration,
    InterestType,
    Meeting,
    Organisation,
    Person,
    Sector,
)
from strategy.models import Outcome, Priority

CABINET = {"approved_by": "Cabinet", "approved_on": datetime.date(2016, 7, 12)}
TOWN_GRANT = Decimal("8000")
TOWN_AWARD_DATE = datetime.date(2016, 8, 1)
PB_VOTING = (datetime.date(2017, 6, 1), datetime.date(2017, 6, 30))
PB_AWARD_DATE = datetime.date(2017, 7, 14)

#: (Area Board slug, round's share of the £400,000, projects as
#:  (title, community group, cost, votes, funded))
PB_ROUNDS = [
    (
        "crewe-and-nantwich-area-board",
        Decimal("140000"),
        [
            ("Grow Well allotment sessions", "Crewe Community Allotments", "12500", 412, True),
            ("Walking for Health in Nantwich", "Nantwich Walkers Group", "4800", 388, True),
            ("Fit for Life youth boxing", "Alsager Youth Boxing Club", "18000", 120, False),
        ],
    ),
    (
        "macclesfield-area-board",
        Decimal("140000"),
        [
            ("Men's Shed workshop", "Macclesfield Men's Shed", "9750", 350, True),
            ("Dementia cafe", "Wilmslow Dementia Friends", "6200", 301, True),
            ("Cook and Eat family classes", "Knutsford Family Kitchen", "7400", 95, False),
        ],
    ),
    (
        "congleton-area-board",
        Decimal("120000"),
        [
            ("Junior parkrun volunteers", "Congleton Running Club", "3500", 276, True),
            ("Mental health peer support", "Sandbach Peer Support", "11000", 240, True),
        ],
    ),
]


@transaction.atomic
def load() -> dict[str, int]:
    leaders = Body.objects.get(slug="leaders-board")
    _town_partnerships_2016(leaders)
    _commissioning_2017(leaders)
    _participatory_budgeting(leaders)
    return {
        "funds": Fund.objects.count(),
        "grant awards": GrantAward.objects.count(),
        "budgeting projects": BudgetingProject.objects.count(),
    }


def _fund(name: str, *, priorities=(), outcomes=(), **fields) -> Fund:
    fund = Fund.objects.filter(name=name).first()
    if fund is None:
        fund = services.fund_save(fund=Fund(name=name, **CABINET, **fields))
        fund.priorities.set(priorities)
        fund.outcomes.set(outcomes)
    return fund


def _priorities(strategy_slug: str, *slugs: str) -> list[Priority]:
    return list(Priority.objects.filter(strategy__slug=strategy_slug, slug__in=slugs))


def _award(fund: Fund, *, title: str, priorities=(), **fields) -> GrantAward:
    recipient = {
        k: fields.pop(k) for k in ("recipient_body", "recipient_organisation") if k in fields
    }
    award = GrantAward.objects.filter(fund=fund, title=title, **recipient).first()
    if award is None:
        award = services.award_save(award=GrantAward(fund=fund, title=title, **recipient, **fields))
        award.priorities.set(priorities)
    return award


TOWN_FUND_NAME = "Town Partnerships Fund 2016/17"


def _town_partnerships_2016(leaders: Body) -> None:
    fund = _fund(
        TOWN_FUND_NAME,
        budget_holder="Partnerships and Communities",
        financial_year="2016/17",
        amount=Decimal("72000"),
        mechanism=Mechanism.DIRECT_GRANT,
        decided_by=leaders,
        decision_reference="Cabinet report, 12 July 2016, paragraph 5.6.5",
        description="£8,000 for each of the nine town partnerships by direct grant award, as "
        "previously agreed, to strengthen joint working on aligned priorities.",
        priorities=_priorities(
            "ambition-for-all-2010-2025",
            "unlock-the-potential-of-our-towns",
            "nurture-strong-communities",
        ),
    )
    towns = Body.objects.filter(kind=BodyKind.TOWN_PARTNERSHIP).order_by("name")
    for town in towns:
        _award(
            fund,
            recipient_body=town,
            title=f"{town.name}: town partnership grant 2016/17",
            description=f"Core grant for {town.name} to bring partners in {town.area_name} "
            "together on the town's priorities.",
            amount=TOWN_GRANT,
            award_date=TOWN_AWARD_DATE,
            status=AwardStatus.PAID,
            planned_start_on=TOWN_AWARD_DATE,
            planned_end_on=datetime.date(2017, 3, 31),
            conditions="Report progress on the town's priorities to the Area Board, with "
            "evidence of success, by 31 March 2017.",
            priorities=fund.priorities.all(),
        )


def _commissioning_2017(leaders: Body) -> None:
    refresh = "ambition-for-all-2017-2020"
    healthy = Outcome.objects.filter(strategy__slug=refresh, position=2).first()
    fund = _fund(
        "Town Partnerships: Commissioning for Outcomes 2017/18",
        budget_holder="Partnerships and Communities",
        financial_year="2017/18",
        amount=Decimal("72000"),
        mechanism=Mechanism.COMMISSIONING,
        decided_by=leaders,
        decision_reference="Cabinet report, 12 July 2016, paragraph 5.6.5",
        description="From 2017/18 to 2019/20 town partnerships are commissioned for outcomes "
        "aligned to the refreshed partnership strategy. The targets shown are illustrative.",
        priorities=_priorities(refresh, "unlock-the-potential-of-our-towns"),
        outcomes=[healthy] if healthy else [],
    )
    crewe = Body.objects.get(slug="crewe-town-partnership")
    nantwich = Body.objects.get(slug="nantwich-town-partnership")
    for town, status, targets in [
        (
            crewe,
            AwardStatus.APPROVED,
            [
                (
                    "More people walking in the town centre",
                    "People joining weekly health walks",
                    "150 people by March 2018",
                    datetime.date(2018, 3, 9),
                    "Walk leaders' registers: 186 people joined at least one walk.",
                ),
                (
                    "Empty shop units brought back into use",
                    "Units let to community or business use",
                    "4 units by March 2018",
                    None,
                    "",
                ),
            ],
        ),
        (
            nantwich,
            AwardStatus.PROPOSED,
            [
                (
                    "Older people less isolated",
                    "People attending weekly lunch clubs",
                    "80 people by March 2018",
                    None,
                    "",
                )
            ],
        ),
    ]:
        award = _award(
            fund,
            recipient_body=town,
            title=f"{town.name}: outcomes commission 2017/18",
            description=f"{town.name} is commissioned to deliver outcomes of the partnership "
            "strategy in the town.",
            amount=TOWN_GRANT,
            award_date=datetime.date(2017, 5, 2),
            status=AwardStatus.PROPOSED,
            planned_start_on=datetime.date(2017, 5, 2),
            planned_end_on=datetime.date(2018, 3, 31),
        )
        for description, measure, value, met_on, evidence in targets:
            if not award.outcome_targets.filter(description=description).exists():
                services.outcome_target_save(
                    target=OutcomeTarget(
                        award=award,
                        outcome=healthy,
                        description=description,
                        measure=measure,
                        target_value=value,
                        met_on=met_on,
                        evidence=evidence,
                    )
                )
        if award.status != status:
            award.status = status
            services.award_save(award=award)


def _participatory_budgeting(leaders: Body) -> None:
    refresh = "ambition-for-all-2017-2020"
    fund = _fund(
        "Participatory Budgeting for Public Health: First Phase",
        budget_holder="Public Health",
        financial_year="2017/18",
        amount=Decimal("400000"),
        mechanism=Mechanism.PARTICIPATORY_BUDGETING,
        decided_by=leaders,
        decision_reference="Cabinet report, 12 July 2016, paragraph 5.6.3",
        description="The Area Boards' first phase of participatory budgeting, for public "
        "health outcomes. Residents vote on projects that community groups propose. The "
        "share between the Area Boards, the groups and their projects are illustrative.",
        priorities=_priorities(refresh, "drive-out-the-sources-of-poor-health"),
        outcomes=list(Outcome.objects.filter(strategy__slug=refresh, position=2)),
    )
    for board_slug, amount, projects in PB_ROUNDS:
        board = Body.objects.get(slug=board_slug)
        name = f"{board.name}: participatory budgeting 2017/18"
        budgeting_round = BudgetingRound.objects.filter(name=name).first()
        if budgeting_round is None:
            budgeting_round = services.round_save(
                budgeting_round=BudgetingRound(
                    fund=fund,
                    area_board=board,
                    name=name,
                    theme="public health outcomes",
                    amount=amount,
                    voting_opens_on=PB_VOTING[0],
                    voting_closes_on=PB_VOTING[1],
                )
            )
        for title, group, cost, votes, funded in projects:
            organisation, _ = Organisation.objects.get_or_create(
                slug=slugify(group), defaults={"name": group, "sector": Sector.VCF}
            )
            project = BudgetingProject.objects.filter(round=budgeting_round, title=title).first()
            if project is None:
                project = services.project_save(
                    project=BudgetingProject(
                        round=budgeting_round,
                        title=title,
                        proposed_by=organisation,
                        description=f"{title}, proposed by {group} for residents' votes.",
                        cost=Decimal(cost),
                        votes=votes,
                    )
                )
            if funded and project.award_id is None:
                services.project_fund(project=project, award_date=PB_AWARD_DATE)
    _pb_declaration()


def _pb_declaration() -> None:
    """An Area Board member declares an interest in a group whose project was funded,
    so the example shows a conflict-of-interest flag."""
    board = Body.objects.get(slug="crewe-and-nantwich-area-board")
    meeting, _ = Meeting.objects.get_or_create(
        body=board,
        title="Crewe and Nantwich Area Board: participatory budgeting results",
        defaults={
            "starts_at": timezone.make_aware(datetime.datetime(2017, 7, 10, 18)),
            "location": "Municipal Buildings, Crewe",
            "status": "held",
            "minutes_published": True,
        },
    )
    person = Person.objects.filter(slug="nadia-carter").first()
    allotments = Organisation.objects.filter(slug="crewe-community-allotments").first()
    if person and allotments:
        Declaration.objects.get_or_create(
            meeting=meeting,
            person=person,
            organisation=allotments,
            defaults={
                "interest_type": InterestType.PERSONAL,
                "description": "Her partner chairs Crewe Community Allotments, which proposed "
                "a project in the vote.",
            },
        )


def link_to_reports() -> None:
    """The seed cabinet report of 12 July 2016 asks Cabinet to agree the 2016/17 town
    partnership funding (recommendation 2.3): append that fund's grants to it."""
    report = CabinetReport.objects.filter(meeting_on=MEETING_ON, title=TITLE).first()
    fund = Fund.objects.filter(name=TOWN_FUND_NAME).first()
    if report and fund:
        fund.cabinet_reports.add(report)
