"""The cabinet report of 12 July 2016 (``shared/seeds/cabinet-report-2016-07-12.txt``),
recreated in full as a ``CabinetReport``: every paragraph in order in its section,
numbered by PACE rather than typed. Its appendices are drawn from live data: the
structure chart from the example tree (the seed's appendices 1 and 2) and the
project plan and risk log of the strategy refresh (appendix 3). The text is the
seed's, word for word. Idempotent: the report is found by its meeting and title.
"""

import datetime

from django.db import transaction

from pace.reports import services as report_services
from pace.reports.models import CabinetReport, ReportParagraph, ReportStatus
from pace.reports.text import ReportSection
from partnerships import services as partnership_services
from partnerships.models import Decision
from strategy import services as strategy_services
from strategy.models import Priority, Strategy

S = ReportSection
TITLE = "Ambition for All - Partnerships Structure and Strategy 2016-2020"
MEETING_ON = datetime.date(2016, 7, 12)

# (section, text, sub-paragraphs): text is plain text, blank lines between
# paragraphs, "- " for bullets.
PARAGRAPHS: list[tuple[str, str, list[str]]] = [
    (
        S.SUMMARY,
        "Working effectively with our partners has never been more important, as money "
        "becomes tighter and our population grows and lives for longer. If we are to realise "
        "our ambitions we need to focus on total public service transformation to reduce "
        "demand on services and support economic prosperity.",
        [],
    ),
    (
        S.SUMMARY,
        "The current Ambition for All - Sustainable Community Strategy 2010-2025 needs "
        "reviewing and refreshing to ensure it continues to be fit for purpose and drives "
        "change to address identified priorities. The aim is to build on the excellent work "
        "undertaken for the development of the original strategy which involved and engaged "
        "both partners and the local community.",
        [],
    ),
    (
        S.SUMMARY,
        "The refreshed version will take us into 2020. The strategy will be expected to "
        "“go live” from April 2017 and will span 3 years.",
        [],
    ),
    (
        S.SUMMARY,
        "To drive forward the revised strategy and monitor delivery, the overarching "
        "partnership governance framework has been reviewed and a new structure proposed.",
        [],
    ),
    (
        S.SUMMARY,
        "We are proposing a strengthened joined up partnership structure, that promotes and "
        "supports open and honest conversations based on what we can do together to make an "
        "impact.",
        [],
    ),
    (
        S.SUMMARY,
        "The overarching vision for the strategy will aspire to a better future for Cheshire "
        "East where all organisations work together as one system.",
        [],
    ),
    (
        S.RECOMMENDATIONS,
        "To agree to the refresh of Ambition for All – Partnership Strategy and its proposed "
        "consultation plan.",
        [],
    ),
    (
        S.RECOMMENDATIONS,
        "To agree to the implementation of a revised partnership structure for Cheshire East.",
        [],
    ),
    (
        S.RECOMMENDATIONS,
        "To agree to the outlined approach to the funding of town partnerships for 2016/17.",
        [],
    ),
    (
        S.REASONS,
        "To provide an update on the current position to enable Cabinet to make informed "
        "decisions on the way forward.",
        [],
    ),
    (
        S.OPTIONS,
        "There is an option to continue working as currently and not review partnership "
        "structures and arrangements, however there is considerable agreement that current "
        "arrangements are not effective, certainly in ownership and delivery of Ambition for "
        "All.",
        [],
    ),
    (
        S.BACKGROUND,
        "Increasingly, partners and communities look to us to be the local leaders of the "
        "Cheshire East footprint, but we can't do it on our own and successful leadership is "
        "about collaboration and relationships with others.",
        [],
    ),
    (
        S.BACKGROUND,
        "The success of a revised Ambition for All - Partnership Strategy depends on how well "
        "public services can work together and how successful we are at encouraging people "
        "living in Cheshire East to be involved.",
        [],
    ),
    (
        S.BACKGROUND,
        "Initial consideration for the structure and content of the strategy includes:\n"
        "\n"
        "- Where are we now and where do we want to get to?\n"
        "- Currently this is articulated as: All our people fulfil their potential; People "
        "live independent, active and healthy lives: People are involved in local decisions.\n"
        "\n"
        "It is suggested that this could be: All our people – regardless of age, gender or "
        "ethnicity realise and fulfil their potential; People are able and supported to live "
        "independent, active and healthy lives: People are involved in local decisions.\n"
        "\n"
        "- What has the Sustainable Community Strategy delivered so far, how can we evidence "
        "our success?\n"
        "- Who are our communities and who are our key partners?\n"
        "- What do our communities need and want?\n"
        "- Mapping of shared objectives and priorities\n"
        "- How can we work together to deliver shared objectives (governance and "
        "accountability, pooled budgets)\n"
        "- How do we monitor progress and evidence what success looks like\n"
        "- Agreed priorities for year 1 of the refreshed strategy to be delivered by a "
        "partnership action plan.",
        [],
    ),
    (
        S.BACKGROUND,
        "A strengthened partnership structure is being proposed, that promotes and supports "
        "open and honest conversations based on what we can do together to make an impact. "
        "This is illustrated in Appendices 1 and 2.",
        [],
    ),
    (
        S.BACKGROUND,
        "There are some great examples of partnerships working well, but our challenges are "
        "joining up at both a neighbourhood level and total Cheshire East footprint.",
        [],
    ),
    (
        S.BACKGROUND,
        "The main changes being proposed are:",
        [
            "Reviewing and revamping the Leaders Board to ensure that the right people are "
            "connected and working together for the benefit of Cheshire East as a whole.",
            "Ensuring that the refreshed partnership strategy has clear lines of "
            "accountability all the way through it for different elements of the strategy. "
            "The revised partnership strategy is envisaged to be high level, articulating the "
            "partnership strategic aims and ambitions. The strategy will be adopted and "
            "“owned” by the relevant board. For example; where elements of the partnership "
            "strategy relate to Health and Wellbeing, the Health and Wellbeing Board would "
            "develop a strategic plan to drive the priorities for delivery. The plan would "
            "include, clear and tangible actions, measures of success and an action owner who "
            "is ultimately responsible for the delivery. The Health and Wellbeing Board would "
            "be held accountable to and commissioned by the Leaders Board, ensuring that the "
            "strategic delivery plan dovetailed and aligned to those across the partnership. "
            "They would be expected to speak to the other partnerships and especially the Area "
            "Boards to get a local feel for what each community needs and enable co-production.",
            "Developing an area based approach which reflects the needs of localities and can "
            "be the place where the needs of each area are reflected into the thematic "
            "partnerships and upwards into the Leaders Board. They would be responsible for "
            "participatory budgeting and the first phase of this is proposed to be £400,000 for "
            "the delivery of public health outcomes. An example of their engagement and "
            "influence would be how they influenced the strategy and policies of organisations "
            "to re-align service delivery according to need.",
            "Refining our engagement structure with residents, businesses, hard to reach groups "
            "and thematic areas to ensure that we have representative and inclusive ways for the "
            "community, voluntary and faith sector to engage with us and to influence the "
            "commissioning of services.",
            "Reviewing how we fund and work with our Town Partnerships to strengthen our joint "
            "working and ensure that we have not only aligned priorities but evidence of "
            "success. We currently provide £8,000 per town partnership. A total grant fund of "
            "£72,000 will be required in 2016/17. This has been identified and accounted for as "
            "expenditure from budgets within Partnerships and Communities. It is proposed "
            "therefore that for 2016/17 we continue to fund Town Partnerships as previously "
            "agreed per a direct grant award with £8,000 per Town Partnership. However for "
            "2017/18 through to 2019/2020 we will look to “commission” for outcomes that are "
            "aligned to the strategic aims and ambitions as set out in the refreshed "
            "partnership strategy.",
            "An outline project plan has been developed for delivery of this work and can be "
            "seen in Appendix 3.",
        ],
    ),
    (S.WARDS, "All wards and all members.", []),
    (
        S.POLICY,
        "The recommendations proposed will support and are aligned to the Council’s corporate "
        "ambitions and its values to deliver its promise of Putting Resident First.",
        [],
    ),
    (
        S.LEGAL,
        "In undertaking the review and refresh of the strategy the Service has said it will be "
        "undertaking consultation. In doing so the Service needs to consider both who to "
        "consult (general public and stakeholders) and when to consult (including any need to "
        "re-consult as plans develop and options are narrowed/refined). The general principles "
        "that must be followed when consulting are well established:\n"
        "\n"
        "- The consultation must be at a time when proposals are still at a formative stage.\n"
        "- The proposer must give sufficient reasons for any proposal to enable intelligent "
        "consideration and response. Those consulted should be aware of the criteria that "
        "will be applied when considering proposals and which factors will be considered "
        "decisive or of substantial importance at the end of the Consultation process\n"
        "- Adequate time must be given for consideration and response.\n"
        "- The product of consultation must be conscientiously taken into account in "
        "finalising any statutory proposals",
        [],
    ),
    (
        S.LEGAL,
        "In developing the strategy the Council must have due regard to the Public Sector "
        "Equality Duty as set out at S149 of the Equality Act 2010, which states:\n"
        "\n"
        "“(1) A public authority must, in the exercise of its functions, have due regard to "
        "the need to—\n"
        "\n"
        "- (a) eliminate discrimination, harassment, victimisation and any other conduct that "
        "is prohibited by or under this Act;\n"
        "- (b) advance equality of opportunity between persons who share a relevant protected "
        "characteristic and persons who do not share it;\n"
        "- (c) foster good relations between persons who share a relevant protected "
        "characteristic and persons who do not share it... “\n"
        "\n"
        "Carrying out an Equality Impact Assessment would assist in demonstrating that the "
        "Council has due regard to the Equality Act 2010.",
        [],
    ),
    (
        S.LEGAL,
        "As the strategy develops due consideration will need to be given to the means by "
        "which funding will be sourced and distributed in order to meet specific service "
        "delivery plans. Any formal arrangements (such as partnership working and the "
        "procurement of services) need to be compliant with the Council’s own Finance and "
        "Contract Procedure Rules and National and European procurement legislation. Any "
        "State Aid implications will need to be identified and addressed. When granting "
        "funding to partners the Council needs to be mindful of state aid and ideally mitigate "
        "the risks by following a competitive process.",
        [],
    ),
    (
        S.LEGAL,
        "Legal advice should be sought on the overarching partnership/joint working "
        "arrangements (governance and funding) once the options for delivery have been finally "
        "established.",
        [],
    ),
    (
        S.FINANCIAL,
        "Undertaking the the review and refresh of the revised strategy and its ongoing "
        "implementation will incur staff time but no other additional costs. The staffing "
        "costs are already covered by base budgets within the relevant service.",
        [],
    ),
    (
        S.HUMAN_RESOURCES,
        "There are no human resource implications, all required work will be delivered within "
        "existing resources.",
        [],
    ),
    (S.EQUALITY, "There are no specific equality implications.", []),
    (S.RURAL, "There are no specific implications for the rural community.", []),
    (
        S.PUBLIC_HEALTH,
        "There are no specific implications for the public health of Cheshire East residents. "
        "A revised strategy will embed the principles of improving outcomes for residents as "
        "highlighted in the public health outcome framework.",
        [],
    ),
    (
        S.RISK,
        "This programme of work will be underpinned by a project management approach and as "
        "such will have a risk log which will be regularly reviewed and monitored. High level "
        "risks have already been identified and can be seen in Appendix 3.",
        [],
    ),
    (
        S.BACKGROUND_PAPERS,
        "A copy of Ambition for All – Sustainable Community Strategy 2010-2025 can be accessed "
        "via the following hyperlink:\n"
        "\n"
        "http://www.cheshireeast.gov.uk/council_and_democracy/community/"
        "pace_strategic_partnerships/sustainable_community_strategy.aspx",
        [],
    ),
    (
        S.BACKGROUND_PAPERS,
        "Further information in relation to the report and its contents can be accessed by "
        "contacting the report author.",
        [],
    ),
]


def publish() -> None:
    """Publish the seed report once its appendices have everything they draw on (the
    grants are linked after the funds are loaded): kept as it then stands."""
    report = CabinetReport.objects.filter(meeting_on=MEETING_ON, title=TITLE).first()
    if report is not None and not report_services.report_versions(report):
        report_services.cabinet_report_publish(report=report)
        _decide(report)


#: What Cabinet resolved on the report's three recommendations (2.1 to 2.3).
DECISION = (
    "That Cabinet:\n"
    "1. agrees to the refresh of Ambition for All – Partnership Strategy and its proposed "
    "consultation plan;\n"
    "2. agrees to the implementation of a revised partnership structure for Cheshire East;\n"
    "3. agrees to the outlined approach to the funding of town partnerships for 2016/17."
)


def _decide(report: CabinetReport) -> None:
    """The decision taken on the report, in the decision log: its "decision taken"."""
    laid = report_services.report_versions(report)[0]
    decision = partnership_services.decision_record(
        decision=Decision(
            decision_maker=report.committee,
            decided_on=report.meeting_on,
            title=report.title,
            text=DECISION,
            reasons="To provide an update on the current position to enable Cabinet to make "
            "informed decisions on the way forward (report, 3.1).",
            is_key_decision=True,
            report=laid,
        )
    )
    strategy_services.decision_priorities_set(
        decision=decision,
        priorities=Priority.objects.filter(strategy=report.appendix_strategy),
    )


@transaction.atomic
def load() -> dict[str, int]:
    report = CabinetReport.objects.filter(committee="Cabinet", meeting_on=MEETING_ON, title=TITLE)
    if not report.exists():
        _create()
    return {"cabinet reports": CabinetReport.objects.count()}


def _create() -> CabinetReport:
    report = report_services.cabinet_report_save(
        report=CabinetReport(
            committee="Cabinet",
            meeting_on=MEETING_ON,
            report_of="Steph Cordon – Head of Communities",
            title=TITLE,
            portfolio_holder="Cllr Paul Bates, Communities and Health",
            status=ReportStatus.DRAFT,
            contact_name="Steph Cordon",
            contact_designation="Head of Communities",
            contact_telephone="01270 686 401",
            contact_email="Steph.Cordon@cheshireeast.gov.uk",
            include_structure_chart=True,
            include_project_plan=True,
            include_risk_log=True,
            appendix_strategy=Strategy.objects.get(slug="ambition-for-all-2017-2020"),
        )
    )
    positions: dict[str, int] = {}
    for section, text, subparagraphs in PARAGRAPHS:
        positions[section] = positions.get(section, 0) + 1
        paragraph = report_services.report_paragraph_save(
            paragraph=ReportParagraph(
                report=report, section=section, position=positions[section], text=text
            )
        )
        for i, sub in enumerate(subparagraphs, 1):
            report_services.report_paragraph_save(
                paragraph=ReportParagraph(
                    report=report, section=section, parent=paragraph, position=i, text=sub
                )
            )
    return report
