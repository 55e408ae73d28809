# Over 300 lines, as one piece: it is the text of the example actions, read as a list.
"""What the example action plans are made of: the Leaders Board's year-one
partnership action plan of the 2017-2020 strategy (from the cabinet report and the
consultation's "you said, we did"), the actions of the current year that the demo
logins and the browser tests walk through, and a catalogue of illustrative actions
for each priority from which every other year's plans are drawn."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from strategy.models import ActionStatus, Direction, Rag


@dataclass(frozen=True)
class MeasureSpec:
    title: str
    unit: str
    baseline: Decimal
    target: Decimal
    direction: str = Direction.UP


@dataclass(frozen=True)
class Kind:
    """An action as the catalogue has it: what it is, and how success is measured."""

    title: str
    success: str
    target: str
    measure: MeasureSpec | None = None


def _m(title: str, unit: str, baseline: str, target: str, down: bool = False) -> MeasureSpec:
    direction = Direction.DOWN if down else Direction.UP
    return MeasureSpec(title, unit, Decimal(baseline), Decimal(target), direction)


#: By priority position (agreement section 4, a to g).
CATALOGUE: dict[int, list[Kind]] = {
    1: [
        Kind(
            "Volunteer recruitment drive with the VCF sector",
            "More residents volunteering in their community",
            "300 new volunteers",
            _m("New volunteers registered", "people", "0", "300"),
        ),
        Kind(
            "Community safety days of action",
            "Joint patrols and clean-ups held in each ward",
            "A day of action in every ward",
            _m("Wards with a day of action", "wards", "0", "12"),
        ),
        Kind(
            "Small grants for residents' groups",
            "Residents' groups funded for local projects",
            "40 groups funded",
        ),
        Kind(
            "Community centres open longer hours",
            "Centres open evenings and weekends",
            "Six centres open seven days a week",
        ),
        Kind(
            "Tackle hate crime reporting gaps",
            "Third-party reporting centres open and known",
            "One reporting centre in each town",
        ),
    ],
    2: [
        Kind(
            "Business start-up support programme",
            "New businesses supported through their first year",
            "120 start-ups supported",
            _m("Start-ups supported", "businesses", "0", "120"),
        ),
        Kind(
            "Skills for the rail and engineering sector",
            "Local people trained for jobs at the growth sites",
            "200 people trained",
            _m("People trained", "people", "0", "200"),
        ),
        Kind(
            "Digital connectivity for rural businesses",
            "Premises connected to fast broadband",
            "95% of business premises connected",
            _m("Business premises connected", "%", "78", "95"),
        ),
        Kind(
            "Buy local: partners' procurement with local suppliers",
            "More of partners' spending with local firms",
            "A quarter of spending with local suppliers",
        ),
    ],
    3: [
        Kind(
            "Town centre vacancy reduction plan",
            "Empty shop units brought back into use",
            "Vacancy rate below 10%",
            _m("Town centre vacancy rate", "%", "14", "10", down=True),
        ),
        Kind(
            "Market and events programme",
            "Markets and events drawing visitors to the town",
            "A monthly market and four festivals a year",
        ),
        Kind(
            "Town partnership outcome report",
            "Evidence of success reported to the Area Board",
            "Report accepted by the Area Board",
        ),
        Kind(
            "Heritage trail and visitor signage",
            "Visitors finding and using the trail",
            "Trail open with signage in place",
        ),
    ],
    4: [
        Kind(
            "Holiday activity and food programme",
            "Children on free school meals taking part in the holidays",
            "1,500 children taking part",
            _m("Children taking part", "children", "0", "1500"),
        ),
        Kind(
            "Young people not in education, employment or training",
            "Fewer 16 to 18 year olds not in education, employment or training",
            "Below 3%",
            _m("16 to 18 year olds NEET", "%", "4.5", "3", down=True),
        ),
        Kind(
            "Apprenticeships with partner organisations",
            "Apprentices taken on by the partners",
            "60 apprentices",
            _m("Apprentices started", "people", "0", "60"),
        ),
        Kind(
            "Youth council voice in the Area Plans",
            "Young people's priorities written into each Area Plan",
            "Every Area Plan reflects the youth council's priorities",
        ),
    ],
    5: [
        Kind(
            "Affordable homes with housing partners",
            "Affordable homes completed",
            "350 affordable homes",
            _m("Affordable homes completed", "homes", "0", "350"),
        ),
        Kind(
            "Home energy efficiency retrofit",
            "Homes with insulation and heating improved",
            "500 homes improved",
            _m("Homes improved", "homes", "0", "500"),
        ),
        Kind(
            "Rural transport review with the bus operators",
            "Rural routes kept or replaced by community transport",
            "No village without a weekday service",
        ),
        Kind(
            "Flood resilience plans for communities at risk",
            "Communities at risk with a tested flood plan",
            "Every community at risk has a plan",
        ),
    ],
    6: [
        Kind(
            "Befriending for older people living alone",
            "Older people living alone matched with a befriender",
            "400 people matched",
            _m("Older people befriended", "people", "0", "400"),
        ),
        Kind(
            "Dementia friendly communities",
            "Towns recognised as dementia friendly",
            "Every town recognised",
            _m("Dementia friendly towns", "towns", "2", "9"),
        ),
        Kind(
            "Home from hospital support",
            "Older people supported home within a day of being fit to leave",
            "90% home within a day",
            _m("Discharged home within a day", "%", "72", "90"),
        ),
        Kind(
            "Carers' assessments and breaks",
            "Unpaid carers assessed and offered a break",
            "1,000 carers assessed",
        ),
    ],
    7: [
        Kind(
            "Stop smoking service in the most deprived wards",
            "Fewer adults smoking",
            "Adult smoking below 12%",
            _m("Adults who smoke", "%", "15", "12", down=True),
        ),
        Kind(
            "Healthy weight programme for families",
            "Families completing the programme",
            "300 families",
            _m("Families completing", "families", "0", "300"),
        ),
        Kind(
            "Mental health first aid training",
            "Staff and volunteers trained as mental health first aiders",
            "500 first aiders",
            _m("Mental health first aiders trained", "people", "0", "500"),
        ),
        Kind(
            "Active travel and park runs",
            "More adults physically active",
            "Two thirds of adults active",
            _m("Adults physically active", "%", "60", "67"),
        ),
    ],
}

#: The Leaders Board's year-one partnership action plan of the 2017-2020 strategy,
#: one action a priority, from the cabinet report (5.6.3, 5.6.5) and the
#: consultation's "you said, we did".
YEAR_ONE: dict[int, Kind] = {
    1: Kind(
        "Set up the Area Boards, Area Assemblies and Area Management Groups",
        "The new area structure meeting and reporting to the Leaders Board",
        "All three areas meeting by September 2017",
    ),
    2: Kind(
        "Align partners' economic plans with the Chamber of Commerce",
        "One set of growth priorities shared by the partners",
        "Priorities agreed by the Leaders Board",
    ),
    3: Kind(
        "Commission the town partnerships for outcomes",
        "Nine town partnerships commissioned with agreed outcomes",
        "Contracts in place from April 2017",
    ),
    4: Kind(
        "A partnership offer for young people leaving care",
        "Care leavers offered work experience or training by a partner",
        "Every care leaver offered a place",
    ),
    5: Kind(
        "Review rural transport with the bus operators",
        "A rural transport plan the Area Boards bring into their Area Plans",
        "Plan agreed with the operators",
    ),
    6: Kind(
        "Tackle loneliness among older people living alone",
        "Older people living alone in touch with a service or group",
        "Support in every area",
    ),
    7: Kind(
        "Participatory budgeting for public health outcomes: first phase",
        "GBP 400,000 spent on projects residents voted for",
        "Every Area Board runs a round",
    ),
}


@dataclass(frozen=True)
class Written:
    """An action of the current year written out in full: the demo logins and the
    browser tests find these by title. ``due_in`` is in days from the day of loading;
    ``updates`` are (days ago, rating, narrative)."""

    body: str
    title: str
    priority: int
    owner: str | None
    due_in: int
    status: str
    public: bool
    success: str
    target: str
    updates: list[tuple[int, str, str]] = field(default_factory=list)
    measure: MeasureSpec | None = None
    values: list[Decimal] = field(default_factory=list)  # one for each update


CURRENT: list[Written] = [
    Written(
        "crewe-and-nantwich-area-management-group",
        "Run participatory budgeting for public health projects",
        7,
        "nadia-evans",
        20,
        ActionStatus.IN_PROGRESS,
        True,
        "Projects chosen by residents' votes and funded",
        "At least 12 community projects funded",
        [
            (40, Rag.GREEN, "Round launched at the Area Assembly; 31 ideas received."),
            (10, Rag.AMBER, "Voting turnout lower than hoped in two wards."),
        ],
        _m("Community projects funded", "projects", "0", "12"),
        [Decimal("4"), Decimal("9")],
    ),
    Written(
        "crewe-and-nantwich-area-management-group",
        "Not in my Neighbourhood week of action",
        1,
        None,
        -15,
        ActionStatus.IN_PROGRESS,
        True,
        "Joint patrols and clean-ups held in each ward",
        "Events in all wards",
        [
            (30, Rag.AMBER, "Two wards still to schedule."),
            (6, Rag.RED, "The week slipped: no police cover for two wards; asking the Area Board."),
        ],
    ),
    Written(
        # Red for weeks with nobody able to help below: risen, unresolved, from the
        # Area Board to the Leaders Board (the escalation chain on a report's page).
        "crewe-and-nantwich-area-management-group",
        "Community transport to the new health hub",
        3,
        "nadia-evans",
        30,
        ActionStatus.IN_PROGRESS,
        True,
        "A bus route serving the hub from every ward",
        "Route running by the hub's opening",
        [
            (80, Rag.AMBER, "Operator tender returned one bid, over budget."),
            (50, Rag.RED, "No operator can run the route within the budget; help needed above."),
        ],
    ),
    Written(
        "crewe-and-nantwich-area-management-group",
        "Town centre health walks",
        7,
        "nadia-evans",
        60,
        ActionStatus.NOT_STARTED,
        True,
        "Weekly walks led by volunteers",
        "Weekly walks in Crewe and Nantwich",
    ),
    Written(
        "crewe-and-nantwich-area-management-group",
        "Review of anti-social behaviour hot spots",
        1,
        "nadia-evans",
        45,
        ActionStatus.IN_PROGRESS,
        False,
        "Hot spots mapped with partners",
        "Map agreed by the group",
        [(5, Rag.GREEN, "Police and housing data combined.")],
    ),
    Written(
        "health-and-wellbeing-board",
        "Joint strategic plan for health and wellbeing",
        7,
        None,
        90,
        ActionStatus.IN_PROGRESS,
        True,
        "Plan adopted with owned actions and measures",
        "Plan adopted by the Board",
        [(20, Rag.GREEN, "Draft shared with the Area Boards.")],
    ),
    Written(
        "health-and-wellbeing-board",
        "Falls prevention for older people",
        6,
        None,
        25,
        ActionStatus.IN_PROGRESS,
        True,
        "Fewer emergency admissions after a fall",
        "10% fewer admissions",
        [(15, Rag.AMBER, "Referral pathway agreed; recruitment of instructors slow.")],
    ),
    Written(
        "leaders-board",
        "Prepare the next partnership strategy with partners",
        1,
        None,
        120,
        ActionStatus.IN_PROGRESS,
        True,
        "The next strategy consulted on and ready for adoption",
        "Adopted before the current strategy ends",
        [(25, Rag.GREEN, "Consultation plan agreed.")],
    ),
    Written(
        "leaders-board",
        "Business growth summit with the Chamber",
        2,
        None,
        35,
        ActionStatus.NOT_STARTED,
        True,
        "Summit held and actions agreed",
        "150 businesses attend",
    ),
]


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)
