# Over 400 lines, as one piece: one world of private records, made in the order they refer.
"""A small partnership with something of every kind that must stay private, for the
permission matrix and the leak crawl.

The tree: a Leaders Board; under it a thematic board ``parent`` with a thematic
group ``a`` below it, and an Area Board ``b`` that has nothing to do with them.
Each private field holds its own marker (``leakmark<n>``), so a crawl can say
exactly which record leaked where. Public records sit beside the private ones, so
the pages a crawl visits have something in them.
"""

import datetime
import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from funding import services as funding_services
from funding.models import (
    AwardStatus,
    BudgetingProject,
    BudgetingRound,
    Fund,
    GrantAward,
    Mechanism,
    OutcomeTarget,
)
from pace.core.roles import OFFICERS_GROUP, officers_group_sync
from pace.reports import services as report_services
from pace.reports.models import CabinetReport, ReportParagraph, ReportStatus
from pace.reports.text import ReportSection
from partnerships import services as partnership_services
from partnerships.models import (
    AgendaItem,
    Body,
    BodyKind,
    Meeting,
    Membership,
    Organisation,
    Person,
    Role,
    Sector,
)
from strategy import services
from strategy.consultations import services as consultation_services
from strategy.consultations.models import Audience, Consultation, ConsultationDocument
from strategy.models import (
    Action,
    ActionPlan,
    ExceptionReport,
    Measure,
    PlanStatus,
    Priority,
    ProgressUpdate,
    Rag,
    Strategy,
    StrategyStatus,
)

MARKER = re.compile(r"leakmark\d+", re.IGNORECASE)
PASSWORD = "pw-for-tests-only"
TODAY = datetime.date.today()


@dataclass
class World:
    leaders: Body
    parent: Body
    a: Body
    b: Body
    users: dict[str, object]  # role -> user (None for anonymous)
    objects: dict[str, object] = field(default_factory=dict)
    markers: dict[str, str] = field(default_factory=dict)  # marker -> where it was planted


class _Marks:
    def __init__(self, world_markers: dict[str, str]) -> None:
        self._seq = itertools.count(1)
        self.planted = world_markers

    def __call__(self, where: str) -> str:
        marker = f"leakmark{next(self._seq)}"
        self.planted[marker] = where
        return marker


def _body(name: str, kind: str, parent: Body | None = None, **fields) -> Body:
    slug = re.sub(r"\W+", "-", name.lower()).strip("-")
    return partnership_services.body_create(
        name=name, slug=slug, kind=kind, parent=parent, **fields
    )


def _user(username: str, **fields):
    return get_user_model().objects.create_user(username=username, password=PASSWORD, **fields)


def _member(body: Body, person: Person, role=Role.MEMBER, org: Organisation | None = None):
    return partnership_services.membership_save(
        membership=Membership(
            person=person,
            body=body,
            role=role,
            organisation=org,
            starts_on=datetime.date(2015, 1, 1),
        )
    )


def _at(days: int, hour: int = 18) -> datetime.datetime:
    day = TODAY + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour))


def build_world() -> World:
    """Build the partnership; every private field gets a marker."""
    officers_group_sync()
    leaders = _body("Leaders Board", BodyKind.LEADERS_BOARD)
    parent = _body("Health and Wellbeing Board", BodyKind.THEMATIC_BOARD, leaders)
    a = _body("Learning and Skills", BodyKind.THEMATIC_GROUP, parent)
    b = _body("Crewe Area Board", BodyKind.AREA_BOARD, leaders)
    town = _body("Nantwich Town Partnership", BodyKind.TOWN_PARTNERSHIP, b)
    world = World(leaders=leaders, parent=parent, a=a, b=b, users={"anonymous": None})
    mark = _Marks(world.markers)

    council = Organisation.objects.create(
        name="Cheshire East Council",
        slug="cheshire-east-council",
        sector=Sector.PUBLIC,
        is_council=True,
        website="https://www.cheshireeast.gov.uk/",
    )
    charity = Organisation.objects.create(
        name="Crewe Community Trust",
        slug="crewe-community-trust",
        sector=Sector.VCF,
        registration_number="1234567",
    )

    # People and their logins. Contact details and login names are private.
    officer = _user(
        mark("officer's username"),
        email=f"{mark('officer email')}@example.org",
        first_name=mark("officer first name"),
        last_name=mark("officer last name"),
        is_staff=True,
    )
    officer.groups.add(Group.objects.get(name=OFFICERS_GROUP))
    superuser = get_user_model().objects.create_superuser(
        username=mark("superuser's username"),
        email=f"{mark('superuser email')}@example.org",
        password=PASSWORD,
    )
    people = {}
    for role, body, name in [
        ("member_a", a, "Amira Ahmed"),
        ("member_p", parent, "Peter Price"),
        ("member_b", b, "Bella Brown"),
    ]:
        user = _user(
            mark(f"{role}'s username") if role != "member_b" else "bella",
            email=f"{mark(f'{role} login email')}@example.org",
        )
        person = Person.objects.create(
            name=name,
            slug=name.lower().replace(" ", "-"),
            public_title="Board member",
            email=f"{mark(f'{role} person email')}@example.org",
            telephone=mark(f"{role} telephone"),
            user=user,
        )
        _member(body, person, Role.CHAIR, org=council if body != a else charity)
        people[role] = person
        world.users[role] = user
    world.users["officer"] = officer
    world.users["superuser"] = superuser
    _member(town, Person.objects.create(name="Tom Town", slug="tom-town"))

    _meetings(world, mark, people)
    _strategy(world, mark, people)
    _consultations(world, mark, officer)
    _reports(world, mark)
    _funding(world, mark, council, charity, town)
    return world


def _meetings(world: World, mark, people) -> None:
    a = world.a
    held = Meeting.objects.create(
        body=a,
        title="Learning and Skills, spring",
        starts_at=_at(-30),
        status="held",
        minutes_published=True,
        location="Municipal Buildings, Crewe",
    )
    AgendaItem.objects.create(
        meeting=held,
        position=1,
        title="Apprenticeships",
        papers="The papers.",
        minutes="We discussed apprenticeships.",
        decision="Agreed.",
    )
    confidential = AgendaItem.objects.create(
        meeting=held,
        position=2,
        title=mark("confidential item title"),
        papers=mark("confidential item papers"),
        minutes=mark("confidential item minutes"),
        decision=mark("confidential item decision"),
        is_confidential=True,
    )
    partnership_services.declaration_record(
        meeting=held,
        person=people["member_a"],
        interest_type="personal",
        description="Is a governor of a college bidding for the contract.",
        agenda_item=confidential,
    )
    unpublished = Meeting.objects.create(
        body=a, title="Learning and Skills, summer", starts_at=_at(-5), status="held"
    )
    AgendaItem.objects.create(
        meeting=unpublished,
        position=1,
        title="Adult learning",
        papers="Open papers.",
        minutes=mark("minutes of a meeting whose minutes are not published"),
        decision=mark("decision of a meeting whose minutes are not published"),
    )
    private = Meeting.objects.create(
        body=a,
        title=mark("private meeting title"),
        location=mark("private meeting location"),
        starts_at=_at(20),
        is_public=False,
    )
    AgendaItem.objects.create(
        meeting=private,
        position=1,
        title=mark("item title at a private meeting"),
        papers=mark("item papers at a private meeting"),
    )
    partnership_services.declaration_record(
        meeting=private,
        person=people["member_a"],
        interest_type="financial",
        description="Owns shares in a training provider.",
        agenda_item=private.agenda_items.get(),
    )
    # Attendance: in public at the public meeting; at the private one, only for who
    # may see it (the invitee's reason is a marker).
    partnership_services.attendance_record(
        meeting=held, person=people["member_a"], status="present"
    )
    partnership_services.attendance_record(
        meeting=private, person=people["member_a"], status="apologies"
    )
    partnership_services.attendance_record(
        meeting=private,
        person=Person.objects.create(name="Ivy Invitee", slug="ivy-invitee"),
        status="present",
        is_invitee=True,
        invited_as=mark("invitee's reason at a private meeting"),
    )
    Meeting.objects.create(body=world.b, title="Crewe Area Board", starts_at=_at(10))
    world.objects |= {
        "meeting": held,
        "confidential_item": confidential,
        "unpublished_minutes_meeting": unpublished,
        "private_meeting": private,
    }


def _strategy(world: World, mark, people) -> None:
    strategy = Strategy.objects.create(
        title="Ambition for All",
        slug="ambition-for-all",
        starts_on=datetime.date(2010, 4, 1),
        ends_on=datetime.date(2035, 3, 31),
        status=StrategyStatus.ADOPTED,
        vision="A place where everyone can thrive.",
        owner=world.leaders,
    )
    for i, title in enumerate(["Jobs and skills", "Health"], 1):
        Priority.objects.create(strategy=strategy, position=i, title=title, slug=f"p{i}")
    priority = strategy.priorities.first()
    starts = TODAY - datetime.timedelta(days=100)
    ends = TODAY + datetime.timedelta(days=265)
    adopted = ActionPlan.objects.create(
        body=world.a,
        strategy=strategy,
        title="Skills plan",
        starts_on=starts,
        ends_on=ends,
        status=PlanStatus.ADOPTED,
        summary="What we will do.",
    )
    public = services.action_save(
        action=Action(
            plan=adopted,
            priority=priority,
            title="Open a skills hub",
            measure_of_success="People helped",
            target="200 people",
            due_on=TODAY + datetime.timedelta(days=30),
            owner=people["member_a"],
        )
    )
    services.progress_update_post(action=public, rag=Rag.GREEN, narrative="On track.")
    private = services.action_save(
        action=Action(
            plan=adopted,
            priority=priority,
            title=mark("private action title"),
            description=mark("private action description"),
            measure_of_success=mark("private action measure of success"),
            target=mark("private action target"),
            due_on=TODAY - datetime.timedelta(days=3),
            is_public=False,
        )
    )
    Measure.objects.create(
        action=private,
        title=mark("measure of a private action"),
        unit="people",
        baseline=Decimal("1"),
        target=Decimal("10"),
    )
    red = services.progress_update_post(
        action=private,
        rag=Rag.RED,
        narrative=mark("progress narrative of a private action"),
        reported_on=TODAY - datetime.timedelta(days=2),
    )
    # An earlier exception on the same action, resolved with a private resolution.
    earlier = ProgressUpdate.objects.create(
        action=private,
        rag=Rag.RED,
        narrative=mark("earlier narrative of a private action"),
        reported_on=TODAY - datetime.timedelta(days=40),
    )
    ExceptionReport.objects.create(
        action=private,
        opened_by_update=earlier,
        addressed_to=world.parent,
        opened_on=earlier.reported_on,
        status="resolved",
        resolution=mark("resolution of an exception on a private action"),
        resolved_on=TODAY - datetime.timedelta(days=30),
    )
    draft = ActionPlan.objects.create(
        body=world.a,
        strategy=strategy,
        title=mark("draft plan title"),
        summary=mark("draft plan summary"),
        starts_on=starts,
        ends_on=ends,
        status=PlanStatus.DRAFT,
    )
    in_draft = services.action_save(
        action=Action(
            plan=draft,
            priority=priority,
            title=mark("action of a draft plan"),
            measure_of_success=mark("measure of success of an action of a draft plan"),
            target="A target",
            due_on=TODAY + datetime.timedelta(days=60),
        )
    )
    services.progress_update_post(
        action=in_draft, rag=Rag.RED, narrative=mark("progress narrative in a draft plan")
    )
    # Body B's own private action, which B's members may see.
    b_plan = ActionPlan.objects.create(
        body=world.b,
        strategy=strategy,
        title="Crewe plan",
        starts_on=starts,
        ends_on=ends,
        status=PlanStatus.ADOPTED,
    )
    services.action_save(
        action=Action(
            plan=b_plan,
            priority=priority,
            title="Crewe's own private action",
            measure_of_success="Done",
            target="Done",
            due_on=ends,
            is_public=False,
        )
    )
    draft_strategy = Strategy.objects.create(
        title=mark("draft strategy title"),
        slug="strategy-refresh",
        starts_on=datetime.date(2026, 4, 1),
        ends_on=datetime.date(2029, 3, 31),
        status=StrategyStatus.DRAFT,
        vision=mark("draft strategy vision"),
        summary=mark("draft strategy summary"),
        replaces=None,
    )
    Priority.objects.create(
        strategy=draft_strategy, position=1, title=mark("draft strategy priority"), slug="p1"
    )
    world.objects |= {
        "strategy": strategy,
        "adopted_plan": adopted,
        "public_action": public,
        "private_action": private,
        "progress_update": red,
        "exception_report": red.exception_report,
        "draft_plan": draft,
        "draft_strategy": draft_strategy,
    }


def _consultations(world: World, mark, officer) -> None:
    strategy = world.objects["strategy"]
    # A migration seeds the audiences; a transactional test before this one may
    # have flushed them.
    audience = Audience.objects
    audiences = [
        audience.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in [("general-public", "General public"), ("stakeholders", "Stakeholders")]
    ]
    opens = TODAY - datetime.timedelta(days=10)
    draft = consultation_services.consultation_save(
        consultation=Consultation(
            title=mark("draft consultation title"),
            slug=mark("draft consultation slug"),
            strategy=strategy,
            purpose=mark("draft consultation purpose"),
            reasons=mark("draft consultation reasons"),
            decision_criteria=mark("draft consultation criteria"),
            how_to_respond=mark("draft consultation how to respond"),
            responses_summary=mark("draft consultation summary of responses"),
            outcome=mark("draft consultation outcome"),
            opens_on=opens,
            closes_on=opens + datetime.timedelta(days=41),
            is_published=False,
        ),
        audiences=audiences,
    )
    ConsultationDocument.objects.create(
        consultation=draft,
        title=mark("document of a draft consultation"),
        url=f"https://example.org/{mark('link of a document of a draft consultation')}.pdf",
    )
    consultation_services.consultation_feedback_add(
        consultation=draft, you_said=mark("draft you said"), we_did=mark("draft we did")
    )
    consultation_services.assessment_create(
        consultation=draft, summary=mark("equality assessment of a draft consultation")
    )
    published = consultation_services.consultation_save(
        consultation=Consultation(
            title="Have your say on skills",
            slug="have-your-say-on-skills",
            strategy=strategy,
            purpose="To hear what people think.",
            opens_on=opens,
            closes_on=opens + datetime.timedelta(days=13),
            short_period_confirmed=True,
            short_period_reason="A short, focused question.",
            is_published=True,
        ),
        audiences=audiences,
        by=officer,
    )
    # Its assessment is not completed yet: a draft, so private.
    consultation_services.assessment_create(
        consultation=published, summary=mark("uncompleted equality assessment")
    )
    world.objects |= {"draft_consultation": draft, "published_consultation": published}


def _reports(world: World, mark) -> None:
    published = report_services.cabinet_report_save(
        report=CabinetReport(
            meeting_on=datetime.date(2016, 7, 12),
            report_of="Head of Communities",
            title="Partnership structure",
            portfolio_holder="Communities",
            status=ReportStatus.PUBLISHED,
            contact_name="An Officer",
            contact_designation="Partnerships Officer",
            include_structure_chart=True,
        )
    )
    published.summary_bodies.set([world.a, world.parent])
    report_services.report_paragraph_save(
        paragraph=ReportParagraph(
            report=published, section=ReportSection.SUMMARY, text="The structure works."
        )
    )
    draft = report_services.cabinet_report_save(
        report=CabinetReport(
            committee=mark("draft report committee"),
            meeting_on=TODAY + datetime.timedelta(days=30),
            report_of=mark("draft report author"),
            title=mark("draft report title"),
            portfolio_holder=mark("draft report portfolio holder"),
            contact_name=mark("draft report contact"),
            contact_designation="Officer",
            contact_telephone=mark("draft report telephone"),
            contact_email=f"{mark('draft report email')}@example.org",
        )
    )
    report_services.report_paragraph_save(
        paragraph=ReportParagraph(
            report=draft, section=ReportSection.SUMMARY, text=mark("draft report paragraph")
        )
    )
    world.objects |= {"published_report": published, "draft_report": draft}


def _funding(world: World, mark, council, charity, town) -> None:
    fund = funding_services.fund_save(
        fund=Fund(
            name="Town Partnerships Fund",
            budget_holder="Partnerships and Communities",
            financial_year="2016/17",
            amount=Decimal("72000"),
            mechanism=Mechanism.COMMISSIONING,
            decided_by=world.leaders,
            approved_by="Cabinet",
            approved_on=datetime.date(2016, 7, 12),
        )
    )
    fund.cabinet_reports.add(world.objects["published_report"])

    def award(status, title, **fields):
        made = funding_services.award_save(
            award=GrantAward(
                fund=fund,
                recipient_body=fields.pop("to_body", None),
                recipient_organisation=fields.pop("to_org", None),
                title=title,
                description=fields.pop("description", "What the grant is for."),
                amount=Decimal("8000"),
                award_date=datetime.date(2016, 8, 1),
                status=AwardStatus.PROPOSED,
                **fields,
            )
        )
        OutcomeTarget.objects.create(
            award=made,
            description=fields.get("target") or "People attending weekly walks",
            measure="Attendance",
            target_value="200 people",
        )
        if status != AwardStatus.PROPOSED:
            made.status = status
            funding_services.award_save(award=made)
        return made

    approved = award(AwardStatus.APPROVED, "Nantwich town grant", to_body=town)
    proposed = award(
        AwardStatus.PROPOSED,
        mark("proposed award title"),
        to_org=charity,
        description=mark("proposed award description"),
        conditions=mark("proposed award conditions"),
    )
    OutcomeTarget.objects.create(
        award=proposed,
        description=mark("outcome target of a proposed award"),
        measure="m",
        target_value="v",
    )
    withdrawn = award(
        AwardStatus.WITHDRAWN,
        mark("withdrawn award title"),
        to_org=charity,
        description=mark("withdrawn award description"),
    )
    pb_fund = funding_services.fund_save(
        fund=Fund(
            name="Participatory budgeting",
            budget_holder="Public Health",
            financial_year="2017/18",
            amount=Decimal("400000"),
            mechanism=Mechanism.PARTICIPATORY_BUDGETING,
            decided_by=world.leaders,
            approved_by="Cabinet",
            approved_on=datetime.date(2016, 7, 12),
        )
    )
    budgeting_round = funding_services.round_save(
        budgeting_round=BudgetingRound(
            fund=pb_fund,
            area_board=world.b,
            name="Crewe round",
            theme="public health",
            amount=Decimal("100000"),
            voting_opens_on=datetime.date(2017, 5, 1),
            voting_closes_on=datetime.date(2017, 5, 31),
        )
    )
    project = funding_services.project_save(
        project=BudgetingProject(
            round=budgeting_round,
            title="Walking group",
            proposed_by=charity,
            description="Weekly walks.",
            cost=Decimal("5000"),
            votes=120,
        )
    )
    pb_proposed = funding_services.award_save(
        award=GrantAward(
            fund=pb_fund,
            recipient_organisation=charity,
            title=mark("proposed award of a budgeting project"),
            description=mark("description of a proposed award of a budgeting project"),
            amount=Decimal("5000"),
            award_date=datetime.date(2017, 6, 10),
            status=AwardStatus.PROPOSED,
        )
    )
    BudgetingProject.objects.filter(pk=project.pk).update(award=pb_proposed)
    world.objects |= {
        "fund": fund,
        "award_approved": approved,
        "award_proposed": proposed,
        "award_withdrawn": withdrawn,
    }


def planted(world: World) -> set[str]:
    return set(world.markers)
