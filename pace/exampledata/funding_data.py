"""Funds and grants for the example site.

Sources: the cabinet report of 12 July 2016. 5.6.5: £8,000 to each town partnership
by direct grant award in 2016/17, £72,000 in all, accounted to Partnerships and
Communities, and from 2017/18 to 2019/20 commissioning "for outcomes". 5.6.3: the
Area Boards run participatory budgeting, a first phase of £400,000 for public
health outcomes. How the £400,000 is shared between the Area Boards, the community
groups, their projects, votes and outcome targets are illustrative: the seeds name
none. The second phase (the Leaders Board's minutes in the example meetings) is
dated around the day the example is loaded, so that a round is taking ideas, one is
being checked and one is voting. Every vote is a ballot cast through the services,
and the projects funded are those the published rule selects. The postcode
districts of the example areas are loaded here, not by a migration: they belong to
the example's Area Boards, which a real site does not have, and officers keep their
own in the admin. Idempotent: everything is found by a natural key first, and a
round's ballots are cast only if it has none.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from funding import selectors as budgeting_selectors
from funding import services
from funding.models import (
    AwardStatus,
    Ballot,
    BudgetingProject,
    BudgetingRound,
    Fund,
    GrantAward,
    Mechanism,
    OutcomeTarget,
    PostcodeDistrict,
    ProjectStatus,
    VoteChannel,
)
from pace.core.dates import financial_year_label, financial_year_of
from pace.exampledata import funding_years
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
from strategy.selectors import current_strategy

CABINET = {"approved_by": "Cabinet", "approved_on": datetime.date(2016, 7, 12)}
TOWN_GRANT = Decimal("8000")
TOWN_AWARD_DATE = datetime.date(2016, 8, 1)
PB_VOTING = (datetime.date(2017, 6, 1), datetime.date(2017, 6, 30))
PB_AWARD_DATE = datetime.date(2017, 7, 14)

#: (Area Board slug, round's share of the £400,000, projects as
#:  (title, community group, cost, votes)). The votes are counted from ballots the
#: loader casts; the rule then selects, and the selected projects are funded. In
#: Crewe and Nantwich the rule skips the youth boxing (it costs more than the
#: £29,500 left) and takes the cheaper chair yoga after it.
PB_ROUNDS = [
    (
        "crewe-and-nantwich-area-board",
        Decimal("140000"),
        [
            ("Grow Well allotment sessions", "Crewe Community Allotments", "62500", 21),
            ("Walking for Health in Nantwich", "Nantwich Walkers Group", "48000", 19),
            ("Fit for Life youth boxing", "Alsager Youth Boxing Club", "38000", 6),
            ("Chair yoga for carers", "Crewe Carers Together", "9500", 4),
        ],
    ),
    (
        "macclesfield-area-board",
        Decimal("140000"),
        [
            ("Men's Shed workshop", "Macclesfield Men's Shed", "59750", 18),
            ("Dementia cafe", "Wilmslow Dementia Friends", "56200", 15),
            ("Cook and Eat family classes", "Knutsford Family Kitchen", "27400", 5),
        ],
    ),
    (
        "congleton-area-board",
        Decimal("120000"),
        [
            ("Junior parkrun volunteers", "Congleton Running Club", "43500", 14),
            ("Mental health peer support", "Sandbach Peer Support", "61000", 12),
        ],
    ),
]

#: The postcode districts of each example area (officers edit them in the admin).
#: Illustrative: real districts straddle council and area boundaries.
POSTCODE_DISTRICTS = {
    "crewe-and-nantwich-area-board": [
        ("CW1", "Crewe"),
        ("CW2", "Crewe (south) and Shavington"),
        ("CW3", "Audlem and Wybunbury"),
        ("CW5", "Nantwich"),
        ("ST7", "Alsager"),
    ],
    "macclesfield-area-board": [
        ("SK9", "Wilmslow and Alderley Edge"),
        ("SK10", "Macclesfield (north) and Bollington"),
        ("SK11", "Macclesfield (south)"),
        ("SK12", "Poynton and Disley"),
        ("WA16", "Knutsford"),
    ],
    "congleton-area-board": [
        ("CW4", "Holmes Chapel"),
        ("CW10", "Middlewich"),
        ("CW11", "Sandbach"),
        ("CW12", "Congleton"),
    ],
}


@transaction.atomic
def load() -> dict[str, int]:
    leaders = Body.objects.get(slug="leaders-board")
    _town_partnerships_2016(leaders)
    _commissioning_2017(leaders)
    _participatory_budgeting(leaders)
    funding_years.load(leaders, fund=_fund, award=_award, group=_group)
    return {
        "funds": Fund.objects.count(),
        "grant awards": GrantAward.objects.count(),
        "budgeting projects": BudgetingProject.objects.count(),
        "ballots": Ballot.objects.count(),
    }


def _fund(name: str, *, priorities=(), outcomes=(), **fields) -> Fund:
    fund = Fund.objects.filter(name=name).first()
    if fund is None:
        fund = services.fund_save(fund=Fund(name=name, **(CABINET | fields)))
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

#: What each town partnership reported to its Area Board by 31 March 2017
#: (illustrative).
TOWN_EVIDENCE = {
    "crewe-town-partnership": "Market Square events drew 4,200 visitors over the year; six "
    "empty shop windows were dressed by local artists (Area Board report, March 2017).",
    "nantwich-town-partnership": "Forty volunteers joined the riverside clean-ups; the "
    "partnership's survey found 8 in 10 residents aware of its work.",
    "alsager-town-partnership": "A joint youth programme with the college reached 120 young "
    "people; anti-social behaviour reports in the centre fell by a fifth.",
    "macclesfield-town-partnership": "The Treacle Market's community stalls gave 30 groups a "
    "pitch; footfall counters showed 6% more visits on market Sundays.",
    "wilmslow-town-partnership": "A dementia-friendly town centre scheme signed up 45 "
    "businesses, checked by the Alzheimer's Society's assessment.",
    "knutsford-town-partnership": "Knutsford's community transport pilot made 1,100 trips for "
    "older residents to shops and appointments.",
    "poynton-town-partnership": "The shared-space high street's users' forum met four times; "
    "its audit led to three new crossing points agreed with highways.",
    "congleton-town-partnership": "Congleton's town centre health walks enrolled 210 people, "
    "60 of them still walking weekly in March 2017.",
    "sandbach-town-partnership": "The Sandbach markets' volunteer team grew to 25; stallholder "
    "numbers rose from 40 to 52 over the year.",
}


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
        grant = _award(
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
            evidence_of_success=TOWN_EVIDENCE[town.slug],
            priorities=fund.priorities.all(),
        )
        if not grant.evidence_of_success:  # loaded before the evidence was written
            grant.evidence_of_success = TOWN_EVIDENCE[town.slug]
            services.award_save(award=grant)


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
    _postcode_districts()
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
        budgeting_round = _round(
            fund,
            board,
            f"{board.name}: participatory budgeting 2017/18",
            theme="public health outcomes",
            amount=amount,
            voting=PB_VOTING,
        )
        votes = {}
        for title, group, cost, count in projects:
            project = _project(budgeting_round, title, group, cost, on=PB_VOTING[0])
            votes[project.pk] = count
        _cast_example_ballots(budgeting_round, votes, on=PB_VOTING[0])
        results = budgeting_selectors.round_results(budgeting_round, on=PB_AWARD_DATE)
        funded = set(budgeting_round.projects.exclude(award=None).values_list("pk", flat=True))
        for project in budgeting_round.projects.filter(pk__in=results.selected_ids - funded):
            services.project_fund(project=project, award_date=PB_AWARD_DATE)
    _pb_declaration()
    _second_phase(leaders)


def _postcode_districts() -> None:
    for slug, districts in POSTCODE_DISTRICTS.items():
        board = Body.objects.get(slug=slug)
        for code, places in districts:
            if not PostcodeDistrict.objects.filter(area_board=board, code=code).exists():
                services.postcode_district_save(
                    district=PostcodeDistrict(area_board=board, code=code, places=places)
                )


def _round(fund, board, name, *, theme, amount, voting, ideas=(None, None)) -> BudgetingRound:
    budgeting_round = BudgetingRound.objects.filter(name=name).first()
    if budgeting_round is None:
        budgeting_round = services.round_save(
            budgeting_round=BudgetingRound(
                fund=fund,
                area_board=board,
                name=name,
                theme=theme,
                amount=amount,
                proposals_open_on=ideas[0],
                proposals_close_on=ideas[1],
                voting_opens_on=voting[0],
                voting_closes_on=voting[1],
            ),
            on=voting[0] - datetime.timedelta(days=1),
        )
    return budgeting_round


def _group(name: str) -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(
        slug=slugify(name), defaults={"name": name, "sector": Sector.VCF}
    )
    return organisation


def _project(
    budgeting_round,
    title,
    group,
    cost,
    *,
    on,
    description="",
    status=ProjectStatus.FEASIBLE,
    proposed_cost=None,
    reason="",
) -> BudgetingProject:
    """A project as officers entered or checked it, before voting opened."""
    project = BudgetingProject.objects.filter(round=budgeting_round, title=title).first()
    if project is None:
        project = services.project_save(
            project=BudgetingProject(
                round=budgeting_round,
                title=title,
                proposed_by=_group(group) if status == ProjectStatus.FEASIBLE else None,
                group_name=group,
                description=description or f"{title}, proposed by {group} for residents' votes.",
                proposed_cost=Decimal(proposed_cost or cost),
                cost=Decimal(cost),
                status=status,
                decision_reason=reason,
            ),
            on=on - datetime.timedelta(days=1),
        )
    return project


def _cast_example_ballots(budgeting_round, votes: dict[int, int], *, on) -> None:
    """Ballots that give each project its number of votes, every one within the
    round's money: each project goes on the next ballots round the circle that have
    room for it. One in eight is a paper ballot from the Area Assembly."""
    if budgeting_round.ballots.exists():
        return
    costs = dict(budgeting_round.projects.values_list("pk", "cost"))
    size = max(votes.values()) + max(votes.values()) // 2
    ballots: list[list[int]] = [[] for _ in range(size)]
    spent = [Decimal("0")] * size
    start = 0
    for pk, count in votes.items():
        placed, turn = 0, 0
        while placed < count and turn < size:
            n = (start + turn) % size
            turn += 1
            if spent[n] + costs[pk] <= budgeting_round.amount:
                ballots[n].append(pk)
                spent[n] += costs[pk]
                placed += 1
        start = (start + count) % size
    districts = list(budgeting_round.area_board.postcode_districts.values_list("code", flat=True))
    for n, chosen in enumerate(b for b in ballots if b):
        district = districts[n % len(districts)]
        if n % 8 == 7:
            services.paper_ballot_record(
                budgeting_round=budgeting_round,
                project_ids=chosen,
                name=f"Example voter {n}",
                postcode=f"{district} 1AA",
                on=on,
            )
            continue
        services.ballot_cast(
            budgeting_round=budgeting_round,
            identity=services.voter_identity(budgeting_round.pk, email=f"voter{n}@example.org"),
            district=district,
            channel=VoteChannel.ONLINE,
            project_ids=chosen,
            on=on,
        )


#: The Leaders Board's next phase (its minutes: £300,000 shared equally between the
#: three Area Boards, for isolation among older people), dated around the day the
#: example is loaded so that every phase has a round: Crewe and Nantwich takes
#: ideas, Congleton's officers are checking them, Macclesfield is voting.
SECOND_PHASE_THEME = "less isolation among older people"


def _second_phase(leaders: Body) -> None:
    today = timezone.localdate()
    year = financial_year_label(financial_year_of(today))
    fund = _fund(
        f"Participatory Budgeting: Second Phase {year}",
        budget_holder="Public Health",
        financial_year=year,
        amount=Decimal("300000"),
        mechanism=Mechanism.PARTICIPATORY_BUDGETING,
        decided_by=leaders,
        approved_by="Leaders Board",
        approved_on=today - datetime.timedelta(days=120),
        decision_reference="Leaders Board: participatory budgeting, the next phase",
        description="The next phase of participatory budgeting, shared equally between the "
        "three Area Boards, for projects that reduce isolation among older people. The "
        "projects and votes are illustrative.",
        priorities=_priorities(
            current_strategy(today).slug,
            "prepare-for-an-increasingly-older-population",
            "drive-out-the-sources-of-poor-health",
        ),
    )
    day = datetime.timedelta(days=1)
    macclesfield = _round(
        fund,
        Body.objects.get(slug="macclesfield-area-board"),
        f"Macclesfield Area Board: participatory budgeting {year}",
        theme=SECOND_PHASE_THEME,
        amount=Decimal("100000"),
        ideas=(today - 70 * day, today - 35 * day),
        voting=(today - 7 * day, today + 21 * day),
    )
    opens = macclesfield.voting_opens_on
    votes = {}
    for title, group, cost, count, proposed in [
        ("Tea dances at the Town Hall", "Macclesfield Over Sixties Club", "18000", 9, None),
        ("Befriending by telephone", "Wilmslow Good Neighbours", "32000", 7, "28000"),
        ("Community minibus to lunch clubs", "Knutsford Community Transport", "45000", 6, None),
        ("Digital skills for older people", "Poynton Library Friends", "12500", 4, None),
    ]:
        reason = "Officers added the cost of a second trainer." if proposed else ""
        project = _project(
            macclesfield, title, group, cost, on=opens, proposed_cost=proposed, reason=reason
        )
        votes[project.pk] = count
    _project(
        macclesfield,
        "A new bowling green",
        "Bollington Bowls",
        "95000",
        on=opens,
        status=ProjectStatus.REJECTED,
        reason="The land is not the council's to build on, and the cost is nearly all of the "
        "round's money for one group.",
    )
    _cast_example_ballots(macclesfield, votes, on=today)

    crewe = _round(
        fund,
        Body.objects.get(slug="crewe-and-nantwich-area-board"),
        f"Crewe and Nantwich Area Board: participatory budgeting {year}",
        theme=SECOND_PHASE_THEME,
        amount=Decimal("100000"),
        ideas=(today - 14 * day, today + 21 * day),
        voting=(today + 35 * day, today + 63 * day),
    )
    _project(crewe, "Men's breakfast club", "Nantwich Men in Sheds", "6500", on=today)
    _idea(
        crewe,
        "Gardening buddies",
        "Pairs of volunteers and older gardeners in Crewe, every week through the summer.",
        "4200",
        "resident.one@example.org",
        "CW1 2BJ",
        on=today,
    )
    congleton = _round(
        fund,
        Body.objects.get(slug="congleton-area-board"),
        f"Congleton Area Board: participatory budgeting {year}",
        theme=SECOND_PHASE_THEME,
        amount=Decimal("100000"),
        ideas=(today - 50 * day, today - 5 * day),
        voting=(today + 10 * day, today + 40 * day),
    )
    _project(congleton, "Singing for the brain", "Sandbach Singers", "7800", on=today)
    _project(
        congleton,
        "Free bus passes for everyone over 60",
        "Congleton Pensioners' Forum",
        "90000",
        on=today,
        status=ProjectStatus.REJECTED,
        reason="Bus passes are the council's own scheme, not a community project: the idea "
        "has gone to the transport team.",
    )


def _idea(budgeting_round, title, description, cost, email, postcode, *, on) -> None:
    """A resident's idea waiting for the officers' check: sent through the same
    service as the form (``client=None``: not from the web)."""
    if not BudgetingProject.objects.filter(round=budgeting_round, title=title).exists():
        services.project_propose(
            budgeting_round=budgeting_round,
            title=title,
            description=description,
            cost=cost,
            email=email,
            postcode=postcode,
            client=None,
            on=on,
        )


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
