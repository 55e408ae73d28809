# Over 300 lines, as one piece: it is the text of the example's agendas and minutes,
# body by body, and reads best as one document.
"""What the example bodies' meetings discuss and decide, written as the minutes of
an English partnership board would put it, drawn from the seeds: the agreement's
roles for each kind of body and the cabinet report's changes (participatory
budgeting by the Area Boards, town partnerships commissioned for outcomes, the
strategy's refresh, the Health and Wellbeing Board speaking to the Area Boards).

Each kind of body has standing items (at every meeting), key items (one a meeting,
in turn: each goes on the forward plan ahead) and other items (two a meeting, in
turn). Texts take ``{area}``, ``{town}``, ``{body}``, ``{fy}`` (this financial
year, e.g. 2026/27) and ``{next_fy}``. ``meeting_data`` adds the opening and
closing items and writes everything through the services.
"""

from dataclasses import dataclass

from partnerships.models import BodyKind, InterestType, MeetingKind

#: Papers published elsewhere that agendas refer to (the first is the seed's own
#: background paper, cabinet report 9.1).
STRATEGY_URL = (
    "http://www.cheshireeast.gov.uk/council_and_democracy/community/"
    "pace_strategic_partnerships/sustainable_community_strategy.aspx"
)
EQUALITY_DUTY_URL = "https://www.legislation.gov.uk/ukpga/2010/15/section/149"
HEALTH_ACT_URL = "https://www.legislation.gov.uk/ukpga/2012/7/part/5/chapter/2"
ACCESS_REGULATIONS_URL = "https://www.legislation.gov.uk/uksi/2012/2089/contents"


@dataclass(frozen=True)
class Item:
    title: str
    papers: str
    minutes: str
    decision: str = ""
    reasons: str = ""
    confidential: bool = False
    key: bool = False
    #: (against, abstaining): a vote was taken; those present otherwise voted for.
    vote: tuple[int, int] | None = None
    #: The seven priorities for action served, by their letter's place (agreement 4).
    priorities: tuple[int, ...] = ()
    #: (organisation of the member who declares, type of interest, as minuted).
    declaration: tuple[str, str, str] | None = None
    #: The officer an Area Management Group invites for this item (``member_data``).
    invitee: str = ""
    #: The report laid, uploaded as a PDF; "" for none.
    report: str = ""
    #: Papers published elsewhere: (title, address).
    links: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Pool:
    standing: tuple[Item, ...] = ()
    key: tuple[Item, ...] = ()
    other: tuple[Item, ...] = ()


PERFORMANCE = Item(
    "Ambition for All: partnership performance report",
    "Report of the Head of Communities on progress against the partnership action plan: "
    "each action's RAG rating, and the exception reports received from the thematic "
    "boards and Area Boards (partnership agreement 5.4 and 5.5).",
    "The Head of Communities introduced the report. Most actions were rated green or "
    "amber. The Board discussed the actions rated red and the exception reports received, "
    "and how partners could help to unblock them.",
    "That the Board (1) notes the performance report; and (2) asks the lead officers for "
    "the actions rated red to bring recovery plans to its next meeting.",
    report="Partnership performance report",
)

LEADERS_BOARD = Pool(
    standing=(PERFORMANCE,),
    key=(
        Item(
            "Participatory budgeting: the next phase",
            "Report of the Head of Communities proposing the next phase of participatory "
            "budgeting, led by the Area Boards, following the first phase of £400,000 for "
            "public health outcomes (cabinet report 5.6.3), with the evaluation of the last "
            "round.",
            "Members welcomed the evaluation, which showed that the residents' votes had "
            "reached groups the partnership does not otherwise hear from. The Board "
            "discussed whether the next phase should focus on isolation among older people "
            "and agreed that it should, on the evidence of the Joint Strategic Needs "
            "Assessment.",
            "That the Board (1) agrees a further phase of participatory budgeting of "
            "£300,000, shared equally between the three Area Boards; (2) agrees that "
            "projects should serve the priorities 'Prepare for an increasingly older "
            "population' and 'Drive out the sources of poor health'; and (3) asks each Area "
            "Board to report the results of its residents' vote to the Board.",
            reasons="Residents' votes have reached groups the partnership does not otherwise "
            "hear from; the Joint Strategic Needs Assessment shows isolation among older "
            "people rising in every area.",
            key=True,
            vote=(0, 1),
            priorities=(6, 7, 1),
            report="Participatory budgeting: proposals for the next phase",
        ),
        Item(
            "Town partnerships: commissioning for outcomes, {next_fy}",
            "Since 2017/18 the council has commissioned the nine town partnerships for "
            "outcomes aligned to the partnership strategy, in place of the direct grant of "
            "£8,000 each (cabinet report 5.6.5). The report proposes the outcomes to be "
            "commissioned for {next_fy}.",
            "Members discussed the outcomes proposed and the evidence each town partnership "
            "would give. The representative of the business sector asked that footfall in "
            "the town centres be among the measures; the Board agreed.",
            "That the Board (1) agrees the outcomes framework for commissioning the town "
            "partnerships in {next_fy}, with town centre footfall added as a measure; and (2) "
            "asks officers to report the awards made to the Board.",
            reasons="Commissioning for outcomes gives evidence of success as well as aligned "
            "priorities (cabinet report 5.6.5).",
            key=True,
            vote=(1, 0),
            priorities=(3, 2),
            declaration=(
                "housing-delivery-partnership",
                InterestType.PERSONAL,
                "A trustee of a town partnership that may be commissioned.",
            ),
            report="Town partnerships: outcomes framework",
            links=(("Ambition for All - Sustainable Community Strategy", STRATEGY_URL),),
        ),
    ),
    other=(
        Item(
            "Annual progress report of the Health and Wellbeing Board",
            "The Health and Wellbeing Board's annual report to the Leaders Board (partnership "
            "agreement 5.5; the Executive Board's role 5).",
            "The Chair of the Health and Wellbeing Board presented the report, highlighting "
            "the social prescribing pilot and the refreshed Joint Strategic Needs Assessment. "
            "Members asked how the Area Boards had shaped the plan.",
            "That the Board receives the annual report and endorses the Health and Wellbeing "
            "Board's priorities for the coming year.",
            priorities=(7, 6),
            report="Health and Wellbeing Board: annual report",
        ),
        Item(
            "Exception report: affordable housing completions",
            "Exception report from the Cheshire East Housing Delivery Partnership: "
            "affordable housing completions are behind the plan's trajectory.",
            "The Chair of the Housing Delivery Partnership explained that delays to two "
            "large sites had held back completions. Members discussed the planning pipeline "
            "and the help partners could give with land.",
            "That the Board (1) notes the exception report; and (2) asks the Housing Delivery "
            "Partnership to bring a revised trajectory to the Board within six months.",
            priorities=(5,),
            declaration=(
                "housing-delivery-partnership",
                InterestType.ORGANISATIONAL,
                "Chair of the Housing Delivery Partnership, whose report this is.",
            ),
            report="Exception report: affordable housing",
        ),
        Item(
            "Partnership risk register",
            "The strategy's risk log, reviewed each quarter (cabinet report 8.1).",
            "The Board reviewed the register and discussed the risk that partners' reduced "
            "budgets slow the delivery of the action plan.",
            "That the Board notes the risk register and adds the risk that reduced partner "
            "budgets slow the delivery of the action plan, owned by the Chief Executive.",
        ),
        Item(
            "Integrated wellbeing service: outcome of the procurement",
            "Commercially sensitive information about the tenders received (partnership "
            "agreement 5.7).",
            "The Board considered the evaluation of the tenders received and the assurance "
            "given on the prices.",
            "That the Board endorses the award of the contract to the bidder with the highest "
            "score, subject to the council's Contract Procedure Rules.",
            confidential=True,
            declaration=(
                "central-east-cheshire-pct",
                InterestType.ORGANISATIONAL,
                "Employed by an organisation that bid to provide the service; left the room "
                "for the item.",
            ),
            report="Tender evaluation (confidential)",
        ),
        Item(
            "Communications and engagement strategy",
            "The draft strategy for communications and community engagement (partnership "
            "agreement 5.2 and 5.3).",
            "Members welcomed the plain-language summaries proposed and asked that they be "
            "shared through the voluntary sector networks.",
            "That the Board adopts the communications and engagement strategy, with a "
            "plain-language summary of each Board meeting published within five working days.",
            priorities=(1,),
            report="Communications and engagement strategy",
        ),
        Item(
            "Data sharing protocol",
            "A protocol for sharing information between partners (partnership agreement "
            "5.7), with the council's data protection officer's advice.",
            "Members discussed the protocol and the safeguards for personal data.",
            "That the Board agrees the partnership data sharing protocol and asks each "
            "partner to sign it by the end of the quarter.",
            links=(("Public sector equality duty (Equality Act 2010, s.149)", EQUALITY_DUTY_URL),),
        ),
    ),
)

HEALTH_AND_WELLBEING_BOARD = Pool(
    standing=(
        Item(
            "Health and wellbeing strategy: action plan progress",
            "Progress against the Board's strategic plan, with each action's owner, measure "
            "of success and RAG rating (cabinet report 5.6.2).",
            "The Director of Public Health presented the progress report. Members discussed "
            "the actions rated amber and the local priorities the Area Boards had raised.",
            priorities=(7,),
            report="Health and wellbeing action plan: progress",
        ),
    ),
    key=(
        Item(
            "Better Care Fund plan {next_fy}",
            "The joint plan of the council and the NHS for the Better Care Fund in {next_fy}.",
            "Members discussed the plan's targets for discharge from hospital and the "
            "capacity of home care.",
            "That the Board approves the Better Care Fund plan for {next_fy} for submission.",
            key=True,
            vote=(0, 0),
            priorities=(6, 7),
            report="Better Care Fund plan",
            links=(("Health and Social Care Act 2012, Part 5, Chapter 2", HEALTH_ACT_URL),),
        ),
    ),
    other=(
        Item(
            "Joint Strategic Needs Assessment: annual refresh",
            "The refreshed assessment of the borough's health and wellbeing needs, with area "
            "profiles for each Local Area Partnership.",
            "The Director of Public Health introduced the refresh. Members noted the widening "
            "gap in healthy life expectancy between the most and least deprived wards.",
            "That the Board (1) approves the refreshed Joint Strategic Needs Assessment for "
            "publication; and (2) asks the Area Boards to use its area profiles in their Area "
            "Plans.",
            priorities=(7, 6),
            report="Joint Strategic Needs Assessment: summary",
        ),
        Item(
            "Exception report: NHS Health Check take-up",
            "Exception report: take-up of NHS Health Checks is below target in the wards "
            "with the greatest need.",
            "Members discussed the reasons for low take-up and heard of the outreach checks "
            "held at community venues.",
            "That the Board (1) notes the exception report; and (2) agrees targeted "
            "invitations in the ten wards with the lowest take-up.",
            priorities=(7,),
        ),
        Item(
            "Integrated wellbeing service: contract performance",
            "The provider's performance against the contract, with commercially sensitive "
            "information (partnership agreement 5.7).",
            "The Board considered the provider's performance and the remedial plan proposed.",
            "That the Board accepts the remedial plan and asks for a further report in three "
            "months.",
            confidential=True,
            declaration=(
                "central-east-cheshire-pct",
                InterestType.ORGANISATIONAL,
                "Employed by an organisation that subcontracts to the provider.",
            ),
        ),
        Item(
            "Social prescribing pilot: evaluation",
            "Evaluation of the social prescribing pilot in Crewe and Nantwich.",
            "Healthwatch Cheshire East presented what people who had used the service said. "
            "Members welcomed the fall in repeat visits to GPs.",
            "That the Board agrees to extend the social prescribing pilot to the Macclesfield "
            "and Congleton areas.",
            priorities=(6, 1),
            declaration=(
                "healthwatch-cheshire-east",
                InterestType.ORGANISATIONAL,
                "Healthwatch Cheshire East took part in the evaluation.",
            ),
            report="Social prescribing pilot: evaluation",
        ),
        Item(
            "Loneliness and isolation among older people",
            "A report on loneliness among older residents, drawing on the Area Assemblies' "
            "themed discussions.",
            "Members heard the views gathered at the Area Assemblies and discussed the role "
            "of community transport.",
            "That the Board asks the Area Boards to include actions on loneliness in their "
            "Area Plans.",
            priorities=(6, 1),
        ),
    ),
)

LEARNING_AND_SKILLS = Pool(
    standing=(
        Item(
            "Skills and employment action plan: progress",
            "Progress against the thematic action plan (the thematic groups' role 1 and 2).",
            "The Head of Skills and Growth presented the progress report.",
            priorities=(2, 4),
            report="Skills and employment action plan: progress",
        ),
    ),
    other=(
        Item(
            "Young people not in education, employment or training",
            "The latest figures for young people not in education, employment or training, "
            "by area.",
            "Members discussed the rise in the Crewe area and the support offered by the "
            "youth service and Jobcentre Plus.",
            "That the group asks the youth service and Jobcentre Plus to bring a joint plan "
            "for the Crewe area to the next meeting.",
            priorities=(4,),
            report="Young people not in education, employment or training",
        ),
        Item(
            "Apprenticeships: sharing unspent levy with small employers",
            "A proposal that large employers share unspent apprenticeship levy with small "
            "businesses in the borough.",
            "Members from the business sector supported the proposal; the college described "
            "demand from small employers.",
            "That the group recommends to the Leaders Board a levy-sharing pledge for the "
            "partnership's large employers.",
            priorities=(2, 4),
            declaration=(
                "south-cheshire-college",
                InterestType.ORGANISATIONAL,
                "The college provides apprenticeship training.",
            ),
        ),
        Item(
            "Adult and community learning offer {next_fy}",
            "The draft offer of adult and community learning for {next_fy}.",
            "Members asked that digital skills courses be held in the rural libraries.",
            "That the group endorses the adult and community learning offer for {next_fy}, "
            "with digital skills courses in rural libraries.",
            priorities=(6, 1),
            report="Adult and community learning offer",
        ),
        Item(
            "Careers education: encounters with employers",
            "How many pupils met employers at school last year, by school.",
            "Members discussed the schools with the fewest encounters.",
            "That the group asks the business sector representative to match employers with "
            "the ten schools with the fewest encounters.",
            priorities=(4, 2),
        ),
    ),
)

AREA_BOARD = Pool(
    standing=(
        Item(
            "Area Plan: report of the Area Management Group",
            "Progress against the {area} Area Plan, from the Area Management Group.",
            "The Local Area Partnership Manager presented the report on the Area Plan's actions.",
            priorities=(1,),
            report="{area} Area Plan: progress",
        ),
    ),
    key=(
        Item(
            "Participatory budgeting: results of the residents' vote",
            "The results of the residents' vote on projects in {area}, for public health "
            "outcomes (cabinet report 5.6.3).",
            "Members thanked the residents who had proposed projects and the several hundred "
            "who had voted. The Board checked that each project leading the vote met the "
            "criteria.",
            "That the Board agrees to fund the projects that received the most votes, within "
            "the area's allocation, as listed in the appendix to the report.",
            key=True,
            vote=(0, 1),
            priorities=(7, 1),
            declaration=(
                "vcs-congress",
                InterestType.PERSONAL,
                "A trustee of a group whose project was on the ballot; did not vote.",
            ),
            report="Participatory budgeting: results of the vote",
        ),
    ),
    other=(
        Item(
            "Local priorities for the Health and Wellbeing Board",
            "The Health and Wellbeing Board asks each Area Board for the local feel of what "
            "its communities need (cabinet report 5.6.2).",
            "Members agreed that isolation in the rural parishes and access to GP "
            "appointments were the area's priorities.",
            "That the Board sends the area's priorities to the Health and Wellbeing Board.",
            priorities=(7, 6),
        ),
        Item(
            "Town partnerships in {area}: outcomes report",
            "What the town partnerships in {area} achieved against the outcomes they were "
            "commissioned for.",
            "Members discussed the footfall figures and the events programmes.",
            priorities=(3,),
            report="Town partnerships: outcomes report",
        ),
        Item(
            "Issues raised at the Area Assembly",
            "The issues residents raised at the last Area Assembly and the responses.",
            "Members went through the issues; highways and parking were the most raised.",
            "That the Board asks the Area Management Group to respond to each issue by the "
            "next Assembly.",
            priorities=(1,),
        ),
    ),
)

AREA_MANAGEMENT_GROUP = Pool(
    standing=(
        Item(
            "Area Plan action tracker",
            "The {area} Area Plan's actions, each with its lead partner and RAG rating.",
            "Each lead partner reported on their actions.",
            "That the group notes the tracker and agrees the actions rated red be reported "
            "to the Area Board by exception.",
            priorities=(1,),
            report="Area Plan action tracker",
        ),
    ),
    other=(
        Item(
            "Not in my Neighbourhood: week of action",
            "Plans for the week of action against anti-social behaviour (agreement, Local "
            "Area Partnerships).",
            "The Neighbourhood Sergeant outlined the plans; partners offered staff for the "
            "street surgeries.",
            "That the group agrees the plan for the week of action.",
            priorities=(1,),
            invitee="lee-parry",
        ),
        Item(
            "Highways and parking concerns raised at the Area Assembly",
            "The concerns residents raised about highways and parking, with the council's "
            "response.",
            "The Service Manager for Highways answered the concerns raised and set out the "
            "programme of repairs.",
            "That the group asks Highways to report progress on the repairs at the next "
            "Area Assembly.",
            invitee="colin-ashworth",
        ),
        Item(
            "Participatory budgeting: the funded projects",
            "Progress of the projects funded by the residents' vote.",
            "The Participatory Budgeting Lead reported that most projects had started.",
            "That the group notes progress and asks the projects to report at the summer "
            "Area Assembly.",
            priorities=(7,),
            invitee="hannah-cole",
            declaration=(
                "vcs-congress",
                InterestType.PERSONAL,
                "A trustee of a group whose project was funded.",
            ),
        ),
        Item(
            "Anti-social behaviour: case review",
            "Information about individuals (partnership agreement 5.7).",
            "The group reviewed the cases referred by partners.",
            "That the group agrees the actions set out for each case.",
            confidential=True,
            invitee="denise-farrell",
        ),
        Item(
            "Homelessness prevention in the area",
            "Demand for housing advice and the prevention work in the area.",
            "The Housing Options Manager described the rise in demand; members discussed "
            "early referrals.",
            "That the group agrees that partners refer households at risk of homelessness "
            "to Housing Options at the first sign.",
            priorities=(5, 1),
            invitee="yvonne-marsden",
            declaration=(
                "housing-delivery-partnership",
                InterestType.ORGANISATIONAL,
                "Employed by a registered social landlord in the area.",
            ),
        ),
    ),
)

TOWN_PARTNERSHIP = Pool(
    standing=(
        Item(
            "Town centre action plan: progress",
            "Progress of the {town} town centre action plan.",
            "The Chair reported progress on each action.",
            priorities=(3,),
            report="{town} town centre action plan",
        ),
    ),
    other=(
        Item(
            "Commissioned outcomes: quarterly return",
            "The partnership's return to the council on the outcomes it is commissioned for "
            "(cabinet report 5.6.5).",
            "Members agreed the return, including the footfall counts.",
            "That the partnership approves the quarterly return for submission.",
            priorities=(3,),
        ),
        Item(
            "Events programme",
            "The programme of markets and events in {town} for the coming year.",
            "Members discussed the programme and the costs of stewarding.",
            "That the partnership agrees the events programme and its budget.",
            priorities=(3, 2),
            declaration=(
                "south-cheshire-chamber",
                InterestType.BUSINESS,
                "Runs a business in the town centre that trades at the events.",
            ),
            report="{town} events programme",
        ),
        Item(
            "Town centre vacant units survey",
            "The latest survey of vacant shop units in {town}.",
            "Members discussed the vacant units and the landlords' plans.",
            "That the partnership asks the council to offer the pop-up shop scheme to the "
            "owners of long-vacant units.",
            priorities=(3, 2),
        ),
        Item(
            "Young people and the town centre",
            "What young people said about the town centre in the youth council's survey.",
            "Members discussed the survey and the lack of places for young people to meet.",
            "That the partnership invites the youth council to plan an event with it.",
            priorities=(4, 3),
        ),
    ),
)

ASSEMBLY = Pool(
    standing=(
        Item(
            "The state of the borough",
            "A presentation on the borough's population, economy and health.",
            "The Chief Executive presented the state of the borough: a growing and ageing "
            "population, low unemployment and widening gaps in health between wards.",
            priorities=(6, 7),
            report="The state of the borough",
        ),
        Item(
            "Annual progress report of the Leaders Board",
            "The Leaders Board's report to the Assembly on the year's progress (partnership "
            "agreement 5.5).",
            "The Leader of the Council presented the report and answered questions from delegates.",
            "That the Assembly receives the annual progress report of the Leaders Board.",
            report="Leaders Board annual progress report",
            links=(("Ambition for All - Sustainable Community Strategy", STRATEGY_URL),),
        ),
        Item(
            "Workshops: the seven priorities for action",
            "Delegates' workshops, one on each priority for action.",
            "Delegates took part in the workshops; each reported back its three main points.",
            "That the Assembly refers the points raised in the workshops to the Leaders Board "
            "for its response in the partnership action plan.",
            priorities=(1, 2, 3, 4, 5, 6, 7),
        ),
    ),
)

#: Each kind of Area Assembly (agreement, LAP Area Assemblies), with the update from
#: the Area Management Group and residents' questions at every one.
AREA_ASSEMBLY = {
    MeetingKind.SUMMER_ASSEMBLY: Item(
        "Review of the year: the {area} Area Plan",
        "What the Area Plan achieved in the year, and what partners learned.",
        "The Local Area Partnership Manager presented the review. Residents discussed what "
        "had worked and what should change.",
        "That the Assembly endorses the review of the year and asks the Area Management "
        "Group to plan ahead on the points raised.",
        priorities=(1,),
        report="Review of the year",
    ),
    MeetingKind.SEPTEMBER_ASSEMBLY: Item(
        "Next year's Area Plan: draft priorities",
        "Draft priorities for next year's Area Plan, in time to inform partners' business "
        "planning and budgets.",
        "Residents discussed the draft priorities in groups and voted on them.",
        "That the Assembly agrees the draft priorities for next year's Area Plan, for the "
        "Area Management Group to develop.",
        priorities=(1, 3),
        report="Next year's Area Plan: draft priorities",
    ),
    MeetingKind.NOVEMBER_ASSEMBLY: Item(
        "Public spend: the draft budgets for {next_fy}",
        "The council's and partners' draft budgets for {next_fy}, for joint consultation.",
        "Officers presented the draft budgets. Residents asked about libraries, buses and "
        "street lighting.",
        "That the Assembly's comments be sent to the council's budget consultation.",
        report="Draft budgets: consultation",
    ),
    MeetingKind.THEMED_ASSEMBLY: Item(
        "Themed discussion",
        "Open discussion and workshops on a local issue chosen by the Assembly.",
        "Residents and partners discussed the theme in workshops.",
        "That the Assembly asks the Area Management Group to take forward the ideas from "
        "the workshops.",
        priorities=(1,),
    ),
}
AREA_ASSEMBLY_STANDING = (
    Item(
        "Update from the Area Management Group",
        "Progress on the Area Plan's actions since the last Assembly.",
        "The Chair of the Area Management Group gave the update.",
    ),
    Item(
        "Questions from residents",
        "Questions submitted in advance and from the floor.",
        "Residents asked about road repairs, the bus timetable and the participatory "
        "budgeting projects; partners answered.",
    ),
)

#: The Participatory Budgeting Working Group's four meetings, in order: a time-limited
#: group with one task (agreement, Commissioning).
WORKING_GROUP = (
    Item(
        "Design of the participatory budgeting process",
        "Options for how residents propose and vote on projects, from other councils' experience.",
        "Members compared the options and favoured a voting event with postal and online votes.",
        "That the group recommends a voting event, with postal and online votes, to the "
        "Area Management Group.",
        priorities=(1, 7),
        report="Participatory budgeting: options",
    ),
    Item(
        "Public health outcomes for the first phase",
        "The public health outcomes the first phase of £400,000 should deliver (cabinet "
        "report 5.6.3).",
        "The Public Health Commissioning Manager set out the outcomes in the Joint "
        "Strategic Needs Assessment.",
        "That the group proposes three outcomes: more physically active residents, less "
        "isolation, and healthier eating.",
        priorities=(7,),
    ),
    Item(
        "Eligibility of projects and the voting event",
        "Draft criteria for the projects residents may propose, and the arrangements for "
        "the voting event.",
        "Members agreed the criteria, including the subsidy control check for each group "
        "funded (cabinet report 7.2.3).",
        "That the group agrees the eligibility criteria and the date of the voting event.",
        priorities=(7, 1),
        declaration=(
            "vcs-congress",
            InterestType.PERSONAL,
            "A trustee of a group that may propose a project.",
        ),
        report="Eligibility criteria",
    ),
    Item(
        "Evaluation and handover to the Area Board",
        "The evaluation plan and the handover of the funded projects to the Area Board.",
        "Members reviewed the group's work as its term ends.",
        "That the group hands the monitoring of the funded projects to the Area Management "
        "Group and closes on 31 March 2017.",
        priorities=(7,),
    ),
)

POOLS = {
    BodyKind.LEADERS_BOARD: LEADERS_BOARD,
    BodyKind.THEMATIC_BOARD: HEALTH_AND_WELLBEING_BOARD,
    BodyKind.THEMATIC_GROUP: LEARNING_AND_SKILLS,
    BodyKind.AREA_BOARD: AREA_BOARD,
    BodyKind.AREA_MANAGEMENT_GROUP: AREA_MANAGEMENT_GROUP,
    BodyKind.TOWN_PARTNERSHIP: TOWN_PARTNERSHIP,
    BodyKind.ASSEMBLY: ASSEMBLY,
}


def substantive_items(kind: str, index: int, meeting_kind: str = MeetingKind.MEETING) -> list:
    """The items of a body's ``index``-th meeting after the opening ones: its standing
    items, one key item and two others (one at a town partnership), taken in turn."""
    if kind == BodyKind.AREA_ASSEMBLY:
        return [AREA_ASSEMBLY_STANDING[0], AREA_ASSEMBLY[meeting_kind], AREA_ASSEMBLY_STANDING[1]]
    if kind == BodyKind.WORKING_GROUP:
        return [WORKING_GROUP[index % len(WORKING_GROUP)]]
    pool = POOLS[kind]
    items = list(pool.standing)
    if pool.key:
        items.append(pool.key[index % len(pool.key)])
    n, take = len(pool.other), 1 if kind == BodyKind.TOWN_PARTNERSHIP else 2
    return items + [pool.other[(take * index + i) % n] for i in range(take if n else 0)]


@dataclass(frozen=True)
class Coming:
    """A decision the forward plan announces for a body's next meeting (or the one
    after, ``meeting`` 1)."""

    title: str
    summary: str
    papers: str
    key: bool = False
    #: Why it will be taken in private (agreement 5.7), as the public read it.
    private: str = ""
    meeting: int = 0


FORWARD_PLAN = {
    "leaders-board": (
        Coming(
            "Participatory budgeting: allocations for {next_fy}",
            "How much each Area Board will have for participatory budgeting in {next_fy}, "
            "and the priorities the projects must serve.",
            "Report of the Head of Communities; evaluation of the last round.",
            key=True,
        ),
        Coming(
            "Integrated wellbeing service: extension of the contract",
            "Whether to extend the contract for the integrated wellbeing service by two "
            "years, on the terms the provider proposes.",
            "Report of the Director of Public Health (confidential).",
            key=True,
            private="The report contains the provider's prices and proposed terms: "
            "commercially sensitive information not in the public domain (partnership "
            "agreement 5.7).",
        ),
        Coming(
            "Ambition for All: priorities for {next_fy}",
            "The partnership action plan's priorities for {next_fy}, following the "
            "Assembly's workshops.",
            "Report of the Head of Communities; the Assembly's report.",
            key=True,
            meeting=1,
        ),
        Coming(
            "Annual progress report of the Health and Wellbeing Board",
            "To receive the Health and Wellbeing Board's annual report (agreement 5.5).",
            "The Health and Wellbeing Board's annual report.",
            meeting=1,
        ),
    ),
    "health-and-wellbeing-board": (
        Coming(
            "Better Care Fund plan {next_fy}",
            "To approve the joint plan of the council and the NHS for the Better Care Fund.",
            "Report of the Executive Director of Adults, Health and Integration.",
            key=True,
        ),
        Coming(
            "Joint Strategic Needs Assessment: annual refresh",
            "To approve the refreshed assessment for publication.",
            "Report of the Director of Public Health; the assessment and area profiles.",
        ),
    ),
    "macclesfield-area-board": (
        Coming(
            "Participatory budgeting: projects to fund after the residents' vote",
            "Which projects proposed by residents in the Macclesfield area to fund, after "
            "the residents' vote.",
            "Results of the vote; the projects' proposals.",
            key=True,
        ),
    ),
    "learning-and-skills": (
        Coming(
            "Adult and community learning offer {next_fy}",
            "To endorse the offer of adult and community learning for {next_fy}.",
            "Report of the Head of Skills and Growth.",
        ),
    ),
}

#: Who to ask about a body's decisions, by role (never a personal address).
CONTACTS = {
    BodyKind.LEADERS_BOARD: "Head of Communities, Cheshire East Council",
    BodyKind.ASSEMBLY: "Head of Communities, Cheshire East Council",
    BodyKind.THEMATIC_BOARD: "Director of Public Health, Cheshire East Council",
    BodyKind.THEMATIC_GROUP: "Head of Skills and Growth, Cheshire East Council",
}
LOCAL_CONTACT = "Local Area Partnership Manager, {area}"
