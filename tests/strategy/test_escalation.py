"""Exception reports along the relations (issue 21, part 2): where a report goes
(``partnerships.routing``), who else is sent it, when an unresolved one rises and
how far, the chain it leaves, and the pages and messages that show it."""

import datetime

import pytest
from django.utils.timezone import localdate as today

from pace.notifications.models import Message
from partnerships import routing
from partnerships.models import AccountabilityLink, Body, BodyKind, RelationKind, TermsOfReference
from partnerships.models.terms import DEFAULT_ESCALATE_AFTER_DAYS
from strategy import selectors, services
from strategy.models import ExceptionReport, ExceptionStep, ExceptionStepKind, Rag
from strategy.notices import exception_announce, exception_reports_escalate

from ..partnerships import factories as pf
from ..pins import SIGNED_IN
from . import factories as sf

pytestmark = pytest.mark.django_db

K = BodyKind


def relate(from_body: Body, kind: str, to_body: Body) -> AccountabilityLink:
    link = AccountabilityLink(from_body=from_body, to_body=to_body, kind=kind)
    link.full_clean()
    link.save()
    return link


def terms(body: Body, days: int) -> TermsOfReference:
    made = TermsOfReference(
        body=body,
        purpose="To deliver.",
        membership="Partners.",
        chair="A partner.",
        reporting="To the board above.",
        escalate_after_days=days,
        adopted_on=datetime.date(2020, 1, 1),
        review_on=datetime.date(2030, 1, 1),
    )
    made.full_clean()
    made.save()
    return made


@pytest.fixture
def tree():
    """The structure as the seeds draw it: the Assembly at the top beside the Leaders
    Board, which takes guidance from it and reports to it (agreement 2 and 5.5); a
    thematic group under a thematic board that reports to the Leaders Board and the
    Assembly too (agreement, Thematic Groups, core terms 3); an Area Board with its
    Area Management Group."""
    leaders = pf.body(K.LEADERS_BOARD, name="Leaders Board")
    assembly = pf.body(K.ASSEMBLY, name="Assembly")
    relate(leaders, RelationKind.REPORTS_TO, assembly)
    relate(leaders, RelationKind.TAKES_GUIDANCE_FROM, assembly)
    theme = pf.body(K.THEMATIC_BOARD, leaders, name="Health and Wellbeing Board")
    group = pf.body(K.THEMATIC_GROUP, theme, name="Healthy Weight Group")
    relate(group, RelationKind.REPORTS_TO, leaders)
    relate(group, RelationKind.REPORTS_TO, assembly)
    relate(group, RelationKind.WORKS_WITH, leaders)  # carries no reports
    area = pf.area(leaders)
    return {
        "leaders": leaders,
        "assembly": assembly,
        "theme": theme,
        "group": group,
        "area_board": area["area_board"],
        "amg": area["amg"],
    }


def red(body: Body, *, days_ago: int = 0, public: bool = True, title: str = "Weigh-in clinics"):
    action = sf.action(sf.plan(body), title=title, is_public=public)
    services.progress_update_post(
        action=action,
        rag=Rag.RED,
        narrative="The venue fell through.",
        reported_on=today() - datetime.timedelta(days=days_ago),
    )
    return ExceptionReport.objects.get(action=action)


def chain(report: ExceptionReport) -> list[str]:
    return [step.sentence for step in report.steps.select_related("to_body")]


def long_date(day: datetime.date) -> str:
    return f"{day:%-d %B %Y}"


# --- Routing -------------------------------------------------------------------------


def test_reports_go_to_the_parent_first_then_each_body_reported_to(tree):
    names = [b.name for b in routing.report_recipients(tree["group"])]
    # Works with carries no reports; the Leaders Board is named once.
    assert names == ["Health and Wellbeing Board", "Assembly", "Leaders Board"]
    assert routing.report_recipients(tree["leaders"]) == [tree["assembly"]]
    assert routing.report_recipients(tree["amg"]) == [tree["area_board"]]
    assert routing.report_recipients(tree["assembly"]) == []


def test_a_body_reported_to_counts_only_while_it_exists(tree):
    ends = today() - datetime.timedelta(days=10)
    Body.objects.filter(pk=tree["assembly"].pk).update(ends_on=ends)
    group = Body.objects.get(pk=tree["group"].pk)
    assert tree["assembly"] not in routing.report_recipients(group)
    assert tree["assembly"] in routing.report_recipients(group, on=ends)


def test_exception_reports_rise_up_the_tree_and_stop_at_the_leaders_board(tree):
    assert routing.escalation_next(tree["group"]) == tree["theme"]
    assert routing.escalation_next(tree["theme"]) == tree["leaders"]
    assert routing.escalation_next(tree["amg"]) == tree["area_board"]
    assert routing.escalation_next(tree["area_board"]) == tree["leaders"]
    # The Leaders Board reports to the Assembly, which takes reports but does not act
    # on an exception (agreement, Executive Board role 5): the top.
    assert routing.escalation_next(tree["leaders"]) is None
    assert routing.exception_addressee(tree["leaders"]) == tree["leaders"]


def test_the_wait_comes_from_the_terms_of_reference_else_the_default(tree):
    assert routing.escalate_after_days(tree["theme"]) == DEFAULT_ESCALATE_AFTER_DAYS == 28
    terms(tree["theme"], 10)
    assert routing.escalate_after_days(Body.objects.get(pk=tree["theme"].pk)) == 10


def test_routing_a_list_of_bodies_costs_no_query_once_prefetched(tree, django_assert_num_queries):
    terms(tree["theme"], 10)
    with django_assert_num_queries(3):  # the bodies, their reporting relations, terms
        bodies = list(
            Body.objects.select_related("parent").prefetch_related(*routing.routing_prefetch())
        )
    with django_assert_num_queries(0):
        answers = {
            b.name: (
                [r.name for r in routing.report_recipients(b)],
                getattr(routing.escalation_next(b), "name", None),
                routing.escalate_after_days(b),
            )
            for b in bodies
        }
    assert answers["Healthy Weight Group"] == (
        ["Health and Wellbeing Board", "Assembly", "Leaders Board"],
        "Health and Wellbeing Board",
        28,
    )
    assert answers["Health and Wellbeing Board"] == (["Leaders Board"], "Leaders Board", 10)
    assert answers["Leaders Board"] == (["Assembly"], None, 28)


# --- Raising -------------------------------------------------------------------------


def test_a_red_update_raises_to_the_parent_and_sends_to_the_others(tree):
    report = red(tree["group"])
    assert report.addressed_to == tree["theme"]
    steps = list(report.steps.values_list("kind", "to_body__name"))
    assert steps == [
        (ExceptionStepKind.RAISED, "Health and Wellbeing Board"),
        (ExceptionStepKind.COPIED, "Assembly"),
        (ExceptionStepKind.COPIED, "Leaders Board"),
    ]
    assert chain(report)[1] == f"Also sent to Assembly on {long_date(today())}"
    assert report.steps.first().history.count() == 1


def test_a_private_action_is_sent_only_to_bodies_above_it(tree):
    """A relation carries reports, not access: the Assembly, which the group is not
    accountable to, may not see a members-only action, so is not sent its report."""
    report = red(tree["group"], public=False)
    assert set(report.steps.values_list("to_body__name", flat=True)) == {
        "Health and Wellbeing Board",
        "Leaders Board",
    }


def test_each_body_the_report_reaches_is_told(tree, django_capture_on_commit_callbacks):
    for body, name in [(tree["theme"], "tia"), (tree["leaders"], "leo"), (tree["assembly"], "ali")]:
        person = pf.person(name.title())
        person.email = f"{name}@example.org"
        person.save()
        pf.member(body, person)
    report = red(tree["group"])
    with django_capture_on_commit_callbacks(execute=True):
        exception_announce.call(report.pk)
    told = dict(Message.objects.values_list("to", "topic"))
    assert told == {
        "tia@example.org": f"exception:{report.pk}:{tree['theme'].pk}",
        "leo@example.org": f"exception:{report.pk}:{tree['leaders'].pk}:copied",
        "ali@example.org": f"exception:{report.pk}:{tree['assembly'].pk}:copied",
    }
    copy = Message.objects.get(to="ali@example.org")
    assert "It comes to Assembly as well, because Healthy Weight Group reports to it" in copy.text
    # Told once however often the worker runs the task.
    exception_announce.call(report.pk)
    assert Message.objects.count() == 3


# --- Escalating ----------------------------------------------------------------------


def test_a_report_rises_after_the_wait_its_terms_set(tree, django_capture_on_commit_callbacks):
    terms(tree["theme"], 10)
    leo = pf.person("Leo")
    leo.email = "leo@example.org"
    leo.save()
    pf.member(tree["leaders"], leo)
    report = red(tree["group"])
    opened = report.opened_on
    assert exception_reports_escalate(opened + datetime.timedelta(days=9)) == (
        "0 exception reports escalated"
    )
    on = opened + datetime.timedelta(days=10)
    with django_capture_on_commit_callbacks(execute=True):
        assert exception_reports_escalate(on) == "1 exception reports escalated"
    report.refresh_from_db()
    assert report.addressed_to == tree["leaders"] and report.escalated_on == on
    assert chain(report) == [
        f"Raised to Health and Wellbeing Board on {long_date(opened)}",
        f"Also sent to Assembly on {long_date(opened)}",
        f"Also sent to Leaders Board on {long_date(opened)}",
        f"Escalated to Leaders Board on {long_date(on)} (unresolved after 10 days)",
    ]
    escalated = Message.objects.get(topic=f"exception:{report.pk}:{tree['leaders'].pk}:escalated")
    assert escalated.to == "leo@example.org"
    assert escalated.subject.startswith("Escalated exception report: Weigh-in clinics")
    assert "Left unresolved with Health and Wellbeing Board for 10 days" in escalated.text

    # Run again that day, or later on: at the Leaders Board it stays.
    assert exception_reports_escalate(on) == "0 exception reports escalated"
    later = on + datetime.timedelta(days=365)
    assert exception_reports_escalate(later) == "0 exception reports escalated"
    assert report.steps.count() == 4
    assert Message.objects.filter(topic__endswith=":escalated").count() == 1


def test_each_step_waits_the_period_of_the_body_it_reached(tree):
    """From the Area Management Group: 28 days (the default) with the Area Board,
    then the Leaders Board's own period before... nothing, it is the top. The clock
    starts again at each body."""
    terms(tree["area_board"], 14)
    report = red(tree["amg"])
    opened = report.opened_on
    assert exception_reports_escalate(opened + datetime.timedelta(days=13)).startswith("0")
    first = opened + datetime.timedelta(days=14)
    assert exception_reports_escalate(first).startswith("1")
    report.refresh_from_db()
    assert report.addressed_to == tree["leaders"]
    assert chain(report)[-1] == (
        f"Escalated to Leaders Board on {long_date(first)} (unresolved after 14 days)"
    )


def test_a_report_waiting_long_rises_one_body_a_run(tree):
    report = red(tree["group"], days_ago=90)
    assert exception_reports_escalate(today()).startswith("1")
    report.refresh_from_db()
    assert report.addressed_to == tree["theme"].parent
    assert report.steps.filter(kind=ExceptionStepKind.ESCALATED).get().waited_days == 90
    # The Leaders Board's own wait starts today.
    assert exception_reports_escalate(today()).startswith("0")


def test_escalating_twice_on_one_day_records_one_step(tree):
    report = red(tree["amg"], days_ago=DEFAULT_ESCALATE_AFTER_DAYS)
    first = services.exception_report_escalate(report=report, on=today())
    again = services.exception_report_escalate(report=report, on=today())
    assert first is not None and again is None
    assert report.steps.filter(kind=ExceptionStepKind.ESCALATED).count() == 1


def test_a_resolved_report_stays_where_it_is(tree):
    report = red(tree["amg"], days_ago=60)
    services.exception_report_resolve(report=report, resolution="Back on track")
    assert exception_reports_escalate(today()).startswith("0")
    assert not ExceptionStep.objects.filter(kind=ExceptionStepKind.ESCALATED).exists()


def test_deciding_escalations_costs_the_same_however_many_reports(tree, django_assert_num_queries):
    for n in range(3):
        red(tree["amg"], title=f"Fresh {n}")
    # The reports (with plan, body and parent), their relations and their terms.
    with django_assert_num_queries(3):
        assert exception_reports_escalate(today()) == "0 exception reports escalated"
    for n in range(10):
        red(tree["group"], title=f"More {n}")
    with django_assert_num_queries(3):
        assert exception_reports_escalate(today()) == "0 exception reports escalated"


# --- Shown ---------------------------------------------------------------------------


def member_client(client, body: Body, name: str):
    person = pf.person(name, with_login=True)
    pf.member(body, person)
    client.force_login(person.user)
    return client


def test_the_chain_is_shown_on_the_dashboard_action_and_report_pages(client, tree):
    report = red(tree["amg"], days_ago=DEFAULT_ESCALATE_AFTER_DAYS)
    exception_reports_escalate(today())
    raised = f"Raised to {tree['area_board'].name} on {long_date(report.opened_on)}"
    escalated = f"Escalated to Leaders Board on {long_date(today())} (unresolved after 28 days)"
    member_client(client, tree["leaders"], "Lee Leader")
    for url in [
        "/dashboard/",
        report.action.get_absolute_url(),
        f"/exceptions/{report.pk}/resolve/",
    ]:
        page = client.get(url).content.decode()
        assert raised in page and escalated in page, url
        assert page.index(raised) < page.index(escalated)


def test_a_body_sent_a_copy_sees_it_for_information(client, tree):
    report = red(tree["group"])
    member_client(client, tree["assembly"], "Ada Assembly")
    page = client.get("/dashboard/").content.decode()
    assert "Weigh-in clinics" in page and "For information" in page
    assert f"/exceptions/{report.pk}/resolve/" not in page
    assert client.get(f"/exceptions/{report.pk}/resolve/").status_code == 403


def test_a_body_it_passed_through_still_lists_it(client, tree):
    report = red(tree["amg"], days_ago=DEFAULT_ESCALATE_AFTER_DAYS)
    exception_reports_escalate(today())
    listed = selectors.open_exception_reports(
        addressed_to=[tree["area_board"]], actions=selectors.rollup_actions(public_only=False)
    )
    assert list(listed) == [report]


def test_the_dashboard_shows_the_chains_in_fixed_queries(client, tree, django_assert_num_queries):
    """Pinned: the signed-in visitor (3), their person and bodies (2), the task
    list's updates, meetings and consultations (3), the exception reports and their
    chains (2), the Leaders Board's roll-up and its children (2), the paged lists of
    actions due soon (count, keys, rows: 3) and of overdue actions (their count: 1),
    for a member who owns no action (their own list is a count: 1)."""
    member_client(client, tree["leaders"], "Lee Leader")
    red(tree["amg"], days_ago=DEFAULT_ESCALATE_AFTER_DAYS, title="First")
    exception_reports_escalate(today())
    client.get("/dashboard/")
    expected = SIGNED_IN + 2 + 3 + 2 + 2 + 3 + 1 + 1
    with django_assert_num_queries(expected):
        client.get("/dashboard/")
    for n in range(5):
        red(tree["group"], days_ago=DEFAULT_ESCALATE_AFTER_DAYS, title=f"More {n}")
    exception_reports_escalate(today())
    with django_assert_num_queries(expected):
        page = client.get("/dashboard/").content.decode()
    assert page.count("Escalated to") == 6
