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
import secrets
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.timezone import localdate as today

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
from partnerships import packs
from partnerships import services as partnership_services
from partnerships.models import (
    AgendaItem,
    Body,
    BodyKind,
    Decision,
    Meeting,
    Membership,
    Organisation,
    Paper,
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

from ..partnerships.paperfiles import odf_bytes, pdf_bytes, upload
from .world_budgeting import budgeting_world
from .world_governance import governance_world
from .world_indicators import indicators_world
from .world_questions import questions_world

MARKER = re.compile(r"leakmark\d+", re.IGNORECASE)
PASSWORD = "pw-for-tests-only"


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
    day = today() + datetime.timedelta(days=days)
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
    _papers(world, mark)
    _strategy(world, mark, people)
    _consultations(world, mark, officer)
    _reports(world, mark)
    _funding(world, mark, council, charity, town)
    questions_world(world, mark)
    indicators_world(world, mark)
    governance_world(world, mark)
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
    apprenticeships = AgendaItem.objects.create(
        meeting=held,
        position=1,
        title="Apprenticeships",
        papers="The papers.",
        minutes="We discussed apprenticeships.",
    )
    partnership_services.decision_record(
        decision=Decision(
            meeting=held, agenda_item=apprenticeships, title="Apprenticeships", text="Agreed."
        )
    )
    confidential = AgendaItem.objects.create(
        meeting=held,
        position=2,
        title=mark("confidential item title"),
        papers=mark("confidential item papers"),
        minutes=mark("confidential item minutes"),
        is_confidential=True,
    )
    world.objects["confidential_decision"] = partnership_services.decision_record(
        decision=Decision(
            meeting=held,
            agenda_item=confidential,
            title=mark("confidential decision title"),
            text=mark("confidential item decision"),
        )
    )
    partnership_services.declaration_record(
        meeting=held,
        person=people["member_a"],
        interest_type="personal",
        description="Is a governor of a college bidding for the contract.",
        agenda_item=confidential,
    )
    # Approved when it was made (the mark alone): kept now, as the worker would.
    partnership_services.meeting_minutes_freeze(meeting=held)
    unpublished = Meeting.objects.create(
        body=a, title="Learning and Skills, summer", starts_at=_at(-5), status="held"
    )
    adult_learning = AgendaItem.objects.create(
        meeting=unpublished,
        position=1,
        title="Adult learning",
        papers="Open papers.",
        minutes=mark("minutes of a meeting whose minutes are not published"),
    )
    # A decision is public from when it is recorded, before the minutes are approved.
    partnership_services.decision_record(
        decision=Decision(
            meeting=unpublished, agenda_item=adult_learning, title="Adult learning", text="Noted."
        )
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


def _papers(world: World, mark) -> None:
    """Papers on the held meeting's public item and on a confidential item of its
    own (a PDF and a link), and one at the private meeting, each private one with
    markers in its title and its text; the held meeting's agenda is published with
    its packs built, the public one and the full one."""
    held = world.objects["meeting"]
    save = partnership_services.paper_save
    public_item = held.agenda_items.get(position=1)
    save(
        paper=Paper(agenda_item=public_item, title="Apprenticeships report"),
        upload=upload("report.pdf", pdf_bytes("Apprenticeships: the report", "Its second page")),
    )
    save(
        paper=Paper(agenda_item=public_item, title="Apprenticeships figures", position=2),
        upload=upload("figures.ods", odf_bytes("ods")),
    )
    secret_item = AgendaItem.objects.create(
        meeting=held,
        position=3,
        title=mark("title of a confidential item with papers"),
        is_confidential=True,
    )
    secret = save(
        paper=Paper(agenda_item=secret_item, title=mark("confidential paper title")),
        upload=upload("secret.pdf", pdf_bytes(mark("text of a confidential paper"))),
    )
    save(
        paper=Paper(
            agenda_item=secret_item,
            position=2,
            title=mark("confidential link title"),
            url=f"https://example.org/{mark('confidential link address')}.pdf",
        )
    )
    private_item = world.objects["private_meeting"].agenda_items.get()
    save(
        paper=Paper(agenda_item=private_item, title=mark("paper at a private meeting")),
        upload=upload("private.pdf", pdf_bytes(mark("text of a paper at a private meeting"))),
    )
    partnership_services.meeting_agenda_publish(meeting=held)
    packs.agenda_packs_build_now(held)
    world.objects |= {"confidential_paper": secret}


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
    starts = today() - datetime.timedelta(days=100)
    ends = today() + datetime.timedelta(days=265)
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
            due_on=today() + datetime.timedelta(days=30),
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
            due_on=today() - datetime.timedelta(days=3),
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
        reported_on=today() - datetime.timedelta(days=2),
    )
    # An earlier exception on the same action, resolved with a private resolution.
    earlier = ProgressUpdate.objects.create(
        action=private,
        rag=Rag.RED,
        narrative=mark("earlier narrative of a private action"),
        reported_on=today() - datetime.timedelta(days=40),
    )
    ExceptionReport.objects.create(
        action=private,
        opened_by_update=earlier,
        addressed_to=world.parent,
        opened_on=earlier.reported_on,
        status="resolved",
        resolution=mark("resolution of an exception on a private action"),
        resolved_on=today() - datetime.timedelta(days=30),
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
            due_on=today() + datetime.timedelta(days=60),
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
    opens = today() - datetime.timedelta(days=10)
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
            response_email="skills@example.org",
            contact_name="Skills team",
            contact_telephone="01270 000000",
        ),
        audiences=audiences,
        by=officer,
    )
    # Its assessment is not completed yet: a draft, so private.
    consultation_services.assessment_create(
        consultation=published, summary=mark("uncompleted equality assessment")
    )
    world.objects |= {"draft_consultation": draft, "published_consultation": published}
    _responses(world, mark, officer)


def _responses(world: World, mark, officer) -> None:
    """Responses (issue 16), all private: the open consultation takes responses
    online, with answers, one held for moderation, equality answers, a theme and a
    response saved for later (its address in the outbox); the draft has private
    questions and a response typed in; a consultation whose outcome is published
    shows its counts and its answered theme, never its answers or its other theme."""
    from strategy.consultations import response_services as responding
    from strategy.consultations.models import (
        AnswerData,
        Choice,
        EqualityMonitoring,
        Question,
        Theme,
    )
    from strategy.consultations.saved_responses import draft_save

    def question(consultation, text, kind="free_text", choices=()):
        made = consultation_services.question_save(
            question=Question(
                consultation=consultation,
                position=consultation.questions.count() + 1,
                text=text,
                kind=kind,
                allow_prefer_not=True,
            )
        )
        for i, label in enumerate(choices, 1):
            consultation_services.choice_save(choice=Choice(question=made, position=i, label=label))
        return made

    published = world.objects["published_consultation"]
    views = question(published, "What would help you learn new skills?")
    pick = question(published, "Which first?", "one_choice", ["Courses", "Mentors"])
    published.online_form = True
    consultation_services.consultation_save(consultation=published)
    # The limits per client and per address live in the cache, which outlives a
    # test: a client and an address of their own on every build.
    build = secrets.token_hex(4)
    for i, client in enumerate((f"world-{build}-1", f"world-{build}-2")):
        responding.response_submit(
            consultation=published,
            answers={
                views.pk: AnswerData(text=mark(f"answer of a response {i}")),
                pick.pk: AnswerData(choices=(pick.choices.first().pk,)),
            },
            monitoring={"age": "75_over", "religion_belief": "sikh"},
            client=client,
        )
    held = responding.response_submit(
        consultation=published,
        answers={views.pk: AnswerData(text=mark("answer of a response held for moderation"))},
        monitoring=None,
        client=f"world-{build}-3",
        honeypot="http://spam.example",
    )
    theme = responding.theme_save(
        theme=Theme(
            consultation=published,
            name=mark("theme name of an open consultation"),
            description=mark("theme description"),
        )
    )
    responding.answer_tags_set(
        consultation=published,
        tags={a.pk: {theme.pk} for a in views.answers.all()},
    )
    saved = draft_save(
        consultation=published,
        answers={views.pk: AnswerData(text=mark("answer saved for later"))},
        email=f"{mark('address a saved response was sent to')}.{build}@example.org",
        client=f"world-{build}-4",
    )
    # Equality answers of their own, as a consultation gathers them.
    EqualityMonitoring.objects.create(consultation=published, age="16_24", sex="female")

    draft = world.objects["draft_consultation"]
    private = question(draft, mark("question of a draft consultation"))
    responding.response_record(
        consultation=draft,
        answers={private.pk: AnswerData(text=mark("answer to a draft consultation"))},
        channel="post",
        received_on=draft.opens_on,
        by=officer,
    )
    draft_theme = responding.theme_save(
        theme=Theme(consultation=draft, name=mark("theme of a draft consultation"))
    )
    responding.theme_link_feedback(theme=draft_theme, feedback=draft.feedback.get())

    done = _consultation_with_outcome(world, mark, officer, question, responding)
    world.objects |= {
        "online_question": views,
        "held_response": held,
        "open_theme": theme,
        "saved_link": saved,
        "outcome_consultation": done,
    }


def _consultation_with_outcome(world: World, mark, officer, question, responding):
    from strategy.consultations.models import AnswerData, Theme

    opens = today() - datetime.timedelta(days=90)
    done = consultation_services.consultation_save(
        consultation=Consultation(
            title="Skills hubs: what you told us",
            slug="skills-hubs",
            strategy=world.objects["strategy"],
            purpose="Where should the skills hubs be?",
            reasons="Reasons.",
            decision_criteria="Criteria.",
            opens_on=opens,
            closes_on=opens + datetime.timedelta(days=41),
            responses_summary="People want hubs near stations.",
            outcome="Two hubs, both near stations.",
            response_email="skills@example.org",
            is_published=True,
        ),
        audiences=Audience.objects.all()[:1],
    )
    where = question(done, "Where should the hubs be?")
    for i in range(3):
        responding.response_record(
            consultation=done,
            answers={where.pk: AnswerData(text=mark(f"answer of a published outcome {i}"))},
            channel="event",
            received_on=opens,
            by=officer,
        )
    answered = responding.theme_save(theme=Theme(consultation=done, name="Near the station"))
    unanswered = responding.theme_save(
        theme=Theme(consultation=done, name=mark("theme of a published outcome, not answered"))
    )
    answers = list(where.answers.all())
    responding.answer_tags_set(
        consultation=done, tags={a.pk: {answered.pk} for a in answers[:2]} | {answers[2].pk: set()}
    )
    responding.feedback_from_theme(
        theme=answered, you_said="Hubs near stations.", we_did="Both hubs are near stations."
    )
    consultation_services.consultation_outcome_publish(consultation=done, by=officer)
    # Tagged after publishing: a theme no point answers, which stays private.
    responding.answer_tags_set(consultation=done, tags={answers[2].pk: {unanswered.pk}})
    return done


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
            meeting_on=today() + datetime.timedelta(days=30),
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
            status="feasible",
        ),
        on=datetime.date(2017, 4, 30),
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
    budgeting_world(world, mark, fund=pb_fund, closed=budgeting_round, project=project)
    world.objects |= {
        "fund": fund,
        "award_approved": approved,
        "award_proposed": proposed,
        "award_withdrawn": withdrawn,
    }


def planted(world: World) -> set[str]:
    return set(world.markers)
