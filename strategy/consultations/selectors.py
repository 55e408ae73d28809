"""Reads of consultations and equality impact assessments, with their joins. A
draft (``is_published`` unticked) is seen only by officers."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from pace.core.access import is_officer
from partnerships.models import Body

from .gunning import GunningCheck
from .models import (
    CLOSING_SOON_DAYS,
    CharacteristicImpact,
    Consultation,
    ConsultationStatus,
    EqualityImpactAssessment,
    ResponseStatus,
    Theme,
    YouSaidWeDid,
    strategies_without_assessment,
)


def can_preview_consultations(user) -> bool:
    """Officers (staff who may view consultations) see drafts and the checks page."""
    return is_officer(user, "consultations.view_consultation")


def consultations_visible(user) -> QuerySet[Consultation]:
    consultations = Consultation.objects.select_related(
        "strategy", "action_plan__body", "area_board"
    )
    if not can_preview_consultations(user):
        consultations = consultations.published()
    return consultations


@dataclass
class ConsultationSections:
    closing_soon: list[Consultation]
    open_now: list[Consultation]
    planned: list[Consultation]
    closed: list[Consultation]
    outcomes: QuerySet[Consultation]


def consultation_sections(user, *, on: datetime.date) -> ConsultationSections:
    """The public list's sections: open and closing soon, open, planned, closed with
    the outcome to follow (all small), and the outcomes published (paginate it)."""
    visible = consultations_visible(user)
    # One query for the three small sections, by title (the database's collation),
    # each section then sorted by its date; Python's sort keeps the title order
    # within a day.
    pending = visible.filter(outcome_published=False).order_by("title")
    by_status = {status: [] for status in ConsultationStatus}
    for consultation in pending:
        by_status[consultation.status_on(on)].append(consultation)
    open_now = sorted(by_status[ConsultationStatus.OPEN], key=lambda c: c.closes_on)
    soon_by = on + datetime.timedelta(days=CLOSING_SOON_DAYS)  # as .closing_soon(on)
    planned = sorted(by_status[ConsultationStatus.PLANNED], key=lambda c: c.opens_on)
    closed = sorted(by_status[ConsultationStatus.CLOSED], key=lambda c: c.closes_on, reverse=True)
    return ConsultationSections(
        closing_soon=[c for c in open_now if c.closes_on <= soon_by],
        open_now=[c for c in open_now if c.closes_on > soon_by],
        planned=planned,
        closed=closed,
        outcomes=visible.with_outcome().order_by("-outcome_published_on", "-closes_on", "pk"),
    )


def consultation_for_page(user, slug: str) -> Consultation:
    """One consultation with everything its page shows, or 404 for a draft the
    reader may not see."""
    later = Consultation.objects.order_by("opens_on")
    if not can_preview_consultations(user):
        later = later.published()
    counted = Q(answers__response__status=ResponseStatus.ACCEPTED)
    themes = Theme.objects.annotate(
        n_responses=Count("answers__response", filter=counted, distinct=True)
    ).order_by("name")
    consultation = (
        consultations_visible(user)
        .with_consideration()
        .select_related(
            "earlier_round",
            "equality_assessment",
            "strategy__equality_assessment",
            "action_plan__equality_assessment",
        )
        .prefetch_related(
            "audiences",
            "documents",
            # Each point with the themes it answers and how many raised each (counts).
            Prefetch(
                "feedback",
                queryset=YouSaidWeDid.objects.prefetch_related(Prefetch("themes", queryset=themes)),
            ),
            Prefetch("later_rounds", queryset=later, to_attr="visible_later_rounds"),
        )
        .filter(slug=slug)
        .first()
    )
    if consultation is None:
        raise Http404("No consultation found")
    return consultation


def earlier_round_visible(consultation: Consultation, user) -> Consultation | None:
    earlier = consultation.earlier_round
    if earlier is None or not (earlier.is_published or can_preview_consultations(user)):
        return None
    return earlier


@dataclass
class AssessmentView:
    assessment: EqualityImpactAssessment
    of: str
    impacts: list[CharacteristicImpact]


def assessment_for_page(consultation: Consultation) -> AssessmentView | None:
    """The completed equality impact assessment to show with a consultation: its
    own, else that of the strategy or plan it consults on. Drafts stay private."""
    candidates = [
        (getattr(consultation, "equality_assessment", None), "this consultation"),
    ]
    if consultation.strategy_id:
        candidates.append(
            (getattr(consultation.strategy, "equality_assessment", None), "the strategy")
        )
    if consultation.action_plan_id:
        candidates.append(
            (getattr(consultation.action_plan, "equality_assessment", None), "the action plan")
        )
    for assessment, of in candidates:
        if assessment is not None and assessment.is_complete:
            return AssessmentView(assessment, of, list(assessment.impacts.all()))
    return None


def responses_by_channel(consultation: Consultation) -> list[tuple[str, int]]:
    """How many counted responses came each way, for a published outcome: counts
    only, one query."""
    from .models import Response, ResponseChannel

    counts = dict(
        Response.objects.counted()
        .filter(consultation=consultation)
        .order_by()
        .values("channel")
        .annotate(n=Count("pk"))
        .values_list("channel", "n")
    )
    return [(label, counts[value]) for value, label in ResponseChannel.choices if value in counts]


def body_consultations(body: Body) -> QuerySet[Consultation]:
    """Published consultations of a body: its local issues (an Area Board), its
    action plans, and the strategies it owns."""
    return (
        Consultation.objects.published()
        .filter(Q(area_board=body) | Q(action_plan__body=body) | Q(strategy__owner=body))
        .order_by("-opens_on", "title")
    )


@dataclass
class ConsultationCheck:
    consultation: Consultation
    checks: list[GunningCheck]

    @property
    def not_met(self) -> list[GunningCheck]:
        return [c for c in self.checks if not c.passed and not c.awaiting]

    @property
    def awaited(self) -> list[GunningCheck]:
        return [c for c in self.checks if not c.passed and c.awaiting]


def officers_overview(*, on: datetime.date) -> dict:
    """What officers should look at: adopted strategies without a completed equality
    impact assessment, and every consultation not yet complete with its checklist.
    Three queries, whatever the number of records."""
    strategies = list(
        strategies_without_assessment().select_related("equality_assessment").order_by("title")
    )
    consultations = (
        Consultation.objects.filter(outcome_published=False)
        .select_related("strategy", "action_plan__body", "area_board", "short_period_confirmed_by")
        .with_consideration()
        .order_by("closes_on", "title")
    )
    checks = [ConsultationCheck(c, c.gunning_checklist(on=on)) for c in consultations]
    return {"strategies": strategies, "consultations": checks}
