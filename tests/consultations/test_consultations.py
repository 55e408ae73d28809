"""Consultation records: what is consulted on, the dates and the minimum period, the
four Gunning principles, publishing the outcome, and re-consultation."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from partnerships.models import BodyKind
from strategy.consultations import services as services
from strategy.consultations.gunning import Principle
from strategy.consultations.models import Consultation, ConsultationStatus, ProposalStage
from tests.partnerships import factories as pf

from . import factories as f

pytestmark = pytest.mark.django_db


def errors(excinfo) -> dict[str, list[str]]:
    return excinfo.value.message_dict


def codes(excinfo, field: str) -> set[str]:
    return {e.code for e in excinfo.value.error_dict[field]}


def checklist(c: Consultation, **kwargs) -> dict[str, object]:
    return {check.principle: check for check in c.gunning_checklist(**kwargs)}


# --- The Gunning checklist ------------------------------------------------------------


def test_a_complete_record_meets_every_principle():
    c = f.closed_with_outcome()
    checks = c.gunning_checklist()
    assert [check.number for check in checks] == [1, 2, 3, 4]
    assert all(check.passed for check in checks), [check.reason for check in checks]
    by = checklist(c)
    assert "formative stage" in by[Principle.FORMATIVE].reason
    assert "Open for 42 days" in by[Principle.TIME].reason
    assert "12 responses were received and summarised" in by[Principle.CONSIDERATION].reason
    assert "tagged with 1 theme, each answered" in by[Principle.CONSIDERATION].reason


@pytest.mark.parametrize(
    ("stage", "passes"),
    [
        (ProposalStage.FORMATIVE, True),
        (ProposalStage.REFINING, True),
        (ProposalStage.DECIDED, False),
    ],
)
def test_principle_1_formative_stage(stage, passes):
    check = checklist(f.closed_with_outcome(stage=stage))[Principle.FORMATIVE]
    assert check.passed is passes and not check.awaiting
    if not passes:
        assert "already been taken" in check.reason


@pytest.mark.parametrize(
    ("reasons", "criteria", "missing"),
    [
        ("", "Criteria", "the reasons for the proposal"),
        ("Reasons", "  ", "the criteria that will decide it"),
        ("", "", "the reasons for the proposal or the criteria that will decide it"),
    ],
)
def test_principle_2_reasons_and_criteria(reasons, criteria, missing):
    c = f.closed_with_outcome(reasons=reasons, decision_criteria=criteria)
    check = checklist(c)[Principle.REASONS]
    assert not check.passed
    assert check.reason == f"The record does not give {missing}."
    assert checklist(f.closed_with_outcome())[Principle.REASONS].passed


def test_principle_3_adequate_time(settings):
    settings.PACE_CONSULTATION_MIN_DAYS = 28
    assert checklist(f.consultation_unsaved(days=28))[Principle.TIME].passed
    short = f.consultation_unsaved(days=27)
    check = checklist(short)[Principle.TIME]
    assert not check.passed
    assert "Open for 27 days" in check.reason and "minimum of 28 days" in check.reason
    short.short_period_confirmed = True
    short.short_period_reason = "A repeat of last year's question to the same groups."
    check = checklist(short)[Principle.TIME]
    assert check.passed and "A repeat of last year's question" in check.reason
    # The minimum is a setting.
    settings.PACE_CONSULTATION_MIN_DAYS = 60
    assert not checklist(f.consultation_unsaved(days=42))[Principle.TIME].passed


def test_principle_4_waits_for_the_close_then_needs_the_outcome():
    open_now = f.consultation(opens_in=-5)
    check = checklist(open_now)[Principle.CONSIDERATION]
    assert not check.passed and check.awaiting and "open until" in check.reason
    planned = f.consultation(opens_in=5)
    assert "has not opened yet" in checklist(planned)[Principle.CONSIDERATION].reason
    closed = f.consultation(opens_in=-60)
    check = checklist(closed)[Principle.CONSIDERATION]
    assert not check.passed and check.awaiting
    assert "a summary of the responses" in check.reason
    assert "the decision taken" in check.reason
    assert checklist(f.closed_with_outcome())[Principle.CONSIDERATION].passed


def test_principle_4_with_no_responses_needs_no_you_said_we_did():
    c = f.consultation(
        opens_in=-60,
        responses_summary="No responses were received.",
        outcome="Went ahead as proposed.",
    )
    assert checklist(c)[Principle.CONSIDERATION].passed


# --- Publishing the outcome --------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "principle"),
    [
        ({"stage": ProposalStage.DECIDED}, "principle 1"),
        ({"reasons": ""}, "principle 2"),
        ({"responses_summary": ""}, "principle 4"),
    ],
)
def test_publishing_as_complete_is_refused_while_a_principle_fails(change, principle):
    officer = pf.officer()
    c = f.closed_with_outcome()
    Consultation.objects.filter(pk=c.pk).update(**change)
    with pytest.raises(ValidationError) as excinfo:
        services.consultation_outcome_publish(consultation=c, by=officer)
    messages = errors(excinfo)["outcome_published"]
    assert len(messages) == 1 and principle in messages[0]
    assert messages[0].startswith("Cannot publish as complete")
    c.refresh_from_db()
    assert not c.outcome_published and c.outcome_published_on is None


def test_publishing_is_refused_when_the_minimum_rose_above_the_period(settings):
    c = f.closed_with_outcome()
    settings.PACE_CONSULTATION_MIN_DAYS = 60
    with pytest.raises(ValidationError) as excinfo:
        services.consultation_outcome_publish(consultation=c, by=pf.officer())
    assert "principle 3, adequate time" in errors(excinfo)["outcome_published"][0]


def test_publishing_is_refused_before_the_consultation_closes():
    c = f.consultation(opens_in=-5, responses_summary="x", outcome="y")
    services.consultation_feedback_add(consultation=c, you_said="a", we_did="b")
    with pytest.raises(ValidationError) as excinfo:
        services.consultation_outcome_publish(consultation=c, by=pf.officer())
    assert "principle 4" in errors(excinfo)["outcome_published"][0]
    assert "open until" in errors(excinfo)["outcome_published"][0]


def test_every_failing_principle_is_named():
    c = f.closed_with_outcome()
    Consultation.objects.filter(pk=c.pk).update(
        stage=ProposalStage.DECIDED, decision_criteria="", outcome=""
    )
    with pytest.raises(ValidationError) as excinfo:
        services.consultation_outcome_publish(consultation=c, by=pf.officer())
    assert codes(excinfo, "outcome_published") == {
        "gunning_formative",
        "gunning_reasons",
        "gunning_consideration",
    }


def test_publishing_a_complete_record_and_withdrawing_it():
    officer = pf.officer()
    c = f.closed_with_outcome(is_published=False)
    services.consultation_outcome_publish(consultation=c, by=officer, on=datetime.date(2017, 3, 14))
    c.refresh_from_db()
    assert c.outcome_published and c.is_published
    assert c.outcome_published_on == datetime.date(2017, 3, 14)
    assert c.outcome_published_by == officer
    assert c.status == ConsultationStatus.OUTCOME_PUBLISHED
    services.consultation_outcome_withdraw(consultation=c)
    c.refresh_from_db()
    assert not c.outcome_published and c.status == ConsultationStatus.CLOSED


def test_a_published_outcome_cannot_be_left_off_the_public_site():
    c = f.closed_with_outcome()
    services.consultation_outcome_publish(consultation=c, by=pf.officer())
    c.refresh_from_db()
    c.is_published = False
    with pytest.raises(ValidationError) as excinfo:
        services.consultation_save(consultation=c)
    assert "is_published" in errors(excinfo)
    with pytest.raises(IntegrityError), transaction.atomic():
        Consultation.objects.filter(pk=c.pk).update(is_published=False)


# --- Status from the dates ---------------------------------------------------------------


def test_status_follows_the_dates():
    today = timezone.localdate()
    c = f.consultation_unsaved(opens_in=1, days=30)
    assert c.status_on(today) == ConsultationStatus.PLANNED
    assert c.status_on(c.opens_on) == ConsultationStatus.OPEN
    assert c.status_on(c.closes_on) == ConsultationStatus.OPEN
    assert c.status_on(c.closes_on + datetime.timedelta(days=1)) == ConsultationStatus.CLOSED
    assert c.open_days == 30


def test_querysets_match_the_status():
    today = timezone.localdate()
    planned = f.consultation(opens_in=3)
    soon = f.consultation(opens_in=-30, days=40)  # closes in 9 days
    later = f.consultation(opens_in=-5, days=60)
    closed = f.consultation(opens_in=-90)
    done = f.closed_with_outcome()
    services.consultation_outcome_publish(consultation=done, by=pf.officer())
    qs = Consultation.objects
    assert set(qs.planned(today)) == {planned}
    assert set(qs.open_on(today)) == {soon, later}
    assert set(qs.closing_soon(today)) == {soon}
    assert set(qs.closed(today)) == {closed}
    assert set(qs.with_outcome()) == {done}


# --- Bad input ---------------------------------------------------------------------------


def test_closing_before_opening_is_refused_and_nothing_is_saved():
    c = f.consultation_unsaved()
    c.closes_on = c.opens_on - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as excinfo:
        services.consultation_save(consultation=c, audiences=f.audiences())
    assert errors(excinfo)["closes_on"] == [
        "The consultation must close on or after the day it opens."
    ]
    assert not Consultation.objects.exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        c.save()  # the database refuses it too


def test_a_short_period_needs_an_officers_confirmation_recorded(settings):
    settings.PACE_CONSULTATION_MIN_DAYS = 28
    officer = pf.officer()
    c = f.consultation_unsaved(days=14)
    with pytest.raises(ValidationError) as excinfo:
        services.consultation_save(consultation=c, audiences=f.audiences(), by=officer)
    message = errors(excinfo)["short_period_confirmed"][0]
    assert "open for 14 days, fewer than the minimum of 28" in message
    assert not Consultation.objects.exists()
    c.short_period_confirmed = True
    with pytest.raises(ValidationError) as excinfo:
        services.consultation_save(consultation=c, audiences=f.audiences(), by=officer)
    assert "short_period_reason" in errors(excinfo)
    assert not Consultation.objects.exists()
    c.short_period_reason = "The Area Assembly meets in two weeks and needs the answer."
    with pytest.raises(ValidationError) as excinfo:
        services.consultation_save(consultation=c, audiences=f.audiences(), by=None)
    assert codes(excinfo, "short_period_confirmed") == {"short_period_anonymous"}
    before = timezone.now()
    services.consultation_save(consultation=c, audiences=f.audiences(), by=officer)
    c.refresh_from_db()
    assert c.short_period_confirmed_by == officer
    assert c.short_period_confirmed_at >= before
    # Changing the dates is confirmed again, by whoever changes them.
    other = pf.officer()
    c.closes_on -= datetime.timedelta(days=2)
    services.consultation_save(consultation=c, by=other)
    c.refresh_from_db()
    assert c.short_period_confirmed_by == other
    # Saving again unchanged keeps who confirmed it.
    services.consultation_save(consultation=c, by=officer)
    c.refresh_from_db()
    assert c.short_period_confirmed_by == other


def test_a_period_at_the_minimum_needs_no_confirmation(settings):
    settings.PACE_CONSULTATION_MIN_DAYS = 28
    c = f.consultation(days=28)
    assert c.pk and c.short_period_confirmed_by is None


def test_exactly_one_thing_is_consulted_on():
    bodies = pf.area()
    s = f.strategy()
    p = f.plan(bodies["amg"], s)
    none = f.consultation_unsaved(strategy=None)
    with pytest.raises(ValidationError) as excinfo:
        none.full_clean()
    assert codes(excinfo, "strategy") == {"subject_missing"}
    two = f.consultation_unsaved(strategy=s, action_plan=p)
    with pytest.raises(ValidationError) as excinfo:
        two.full_clean()
    assert codes(excinfo, "action_plan") == {"subject_many"}
    not_a_board = f.consultation_unsaved(area_board=bodies["amg"], local_issue="Parking")
    with pytest.raises(ValidationError) as excinfo:
        not_a_board.full_clean()
    assert "not_area_board" in codes(excinfo, "area_board")
    no_issue = f.consultation_unsaved(area_board=bodies["area_board"])
    with pytest.raises(ValidationError) as excinfo:
        no_issue.full_clean()
    assert codes(excinfo, "local_issue") == {"local_issue_missing"}
    issue_without_board = f.consultation_unsaved(strategy=s, local_issue="Parking")
    with pytest.raises(ValidationError) as excinfo:
        issue_without_board.full_clean()
    assert codes(excinfo, "local_issue") == {"local_issue_without_board"}
    for good in (
        f.consultation_unsaved(strategy=s),
        f.consultation_unsaved(action_plan=p),
        f.consultation_unsaved(area_board=bodies["area_board"], local_issue="Parking"),
    ):
        services.consultation_save(consultation=good, audiences=f.audiences())
    assert Consultation.objects.count() == 3
    assert bodies["area_board"].kind == BodyKind.AREA_BOARD


def test_the_database_refuses_two_subjects():
    bodies = pf.area()
    c = f.consultation()
    with pytest.raises(IntegrityError), transaction.atomic():
        Consultation.objects.filter(pk=c.pk).update(action_plan=f.plan(bodies["amg"]))


def test_a_new_consultation_needs_an_audience():
    with pytest.raises(ValidationError) as excinfo:
        services.consultation_save(consultation=f.consultation_unsaved(), audiences=[])
    assert errors(excinfo)["audiences"] == ["Choose who is consulted: at least one audience."]
    assert not Consultation.objects.exists()


def test_the_officers_address_is_not_a_consultation_slug():
    with pytest.raises(ValidationError) as excinfo:
        f.consultation_unsaved(slug="officers").full_clean()
    assert codes(excinfo, "slug") == {"reserved_slug"}


# --- Re-consultation ------------------------------------------------------------------


def test_a_re_consultation_links_to_the_earlier_round():
    first = f.closed_with_outcome(opens_in=-120)
    second = f.consultation(opens_in=-10, earlier_round=first, stage=ProposalStage.REFINING)
    assert list(first.later_rounds.all()) == [second]
    overlapping = f.consultation_unsaved(opens_in=-100, earlier_round=first)
    with pytest.raises(ValidationError) as excinfo:
        overlapping.full_clean()
    assert codes(excinfo, "earlier_round") == {"round_overlaps"}
    second.earlier_round = second
    with pytest.raises(ValidationError) as excinfo:
        second.full_clean()
    assert "earlier_round" in errors(excinfo)
    # The earlier round is history: it cannot be deleted while a later round points to it.
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        first.delete()


def test_the_list_sections_agree_with_the_querysets_and_their_order():
    """The public list reads its open, planned and closed sections in one query:
    each must hold what the queryset's own method gives, in the list's order (by
    date, then title)."""
    from django.contrib.auth.models import AnonymousUser

    from strategy.consultations.selectors import consultation_sections

    for title, opens_in, days in [
        ("B open", -5, 30), ("A open", -5, 30), ("C open", -10, 30),
        ("B planned", 4, 30), ("A planned", 4, 30), ("C planned", 2, 30),
        ("B closed", -60, 28), ("A closed", -60, 28), ("C closed", -40, 28),
    ]:  # fmt: skip
        f.consultation(title=title, opens_in=opens_in, days=days)
    today = timezone.localdate()
    sections = consultation_sections(AnonymousUser(), on=today)
    published = Consultation.objects.published()
    open_now = sections.closing_soon + sections.open_now
    assert [c.title for c in open_now] == ["C open", "A open", "B open"]
    assert set(open_now) == set(published.open_on(today))
    assert [c.title for c in sections.planned] == ["C planned", "A planned", "B planned"]
    assert set(sections.planned) == set(published.planned(today))
    assert [c.title for c in sections.closed] == ["C closed", "A closed", "B closed"]
    assert set(sections.closed) == set(published.closed(today))
