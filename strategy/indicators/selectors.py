"""Reading indicators: the one place pages, scorecards, PDFs and open data get their
figures and status from, so they cannot disagree. Each function costs a fixed
number of queries, whatever the number of indicators or values."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import F, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from partnerships.access import BodyAccess
from strategy.models import Action, ActionPlan, Outcome, Priority, Strategy
from strategy.selectors import (
    Rollup,
    priority_rollups,
    strategies_visible,
    visible_actions,
    visible_plans,
)

from .models import (
    CurveReport,
    CurveReportStatus,
    Geography,
    Indicator,
    IndicatorKind,
    IndicatorTarget,
    IndicatorValue,
)
from .status import Assessment, Point, assess


def indicators_visible(access: BodyAccess | None) -> QuerySet[Indicator]:
    """Published indicators for everyone; an unpublished one only to officers and
    to members of its owner or of a body it is accountable to."""
    indicators = Indicator.objects.select_related("geography", "owner")
    if access is None or not access.user.is_authenticated:
        return indicators.public()
    members_q = access.confidential_bodies_q(prefix="owner__")
    if members_q is None:
        return indicators
    return indicators.filter(Q(is_public=True) | members_q)


@dataclass(frozen=True)
class IndicatorCard:
    """An indicator with its own place's values and its targets, in date order, and
    where it stands."""

    indicator: Indicator
    values: list[IndicatorValue]
    targets: list[IndicatorTarget]
    assessment: Assessment

    @property
    def baseline(self) -> Point | None:
        i = self.indicator
        return Point(i.baseline_on, i.baseline) if i.baseline_on is not None else None


def _assess(indicator: Indicator, values, targets) -> Assessment:
    baseline = (
        Point(indicator.baseline_on, indicator.baseline)
        if indicator.baseline_on is not None
        else None
    )
    return assess(
        [Point(v.period_end, v.value) for v in values],
        [Point(t.target_on, t.value) for t in targets],
        polarity=indicator.polarity,
        baseline=baseline,
    )


def indicator_cards(indicators) -> list[IndicatorCard]:
    """A card for each of ``indicators`` (a queryset or list, in the order given):
    two queries after the indicators themselves."""
    indicators = list(indicators)
    ids = [i.pk for i in indicators]
    values: dict[int, list[IndicatorValue]] = defaultdict(list)
    for value in IndicatorValue.objects.filter(
        indicator_id__in=ids, geography_id=F("indicator__geography_id")
    ).order_by("indicator_id", "period_end"):
        values[value.indicator_id].append(value)
    targets: dict[int, list[IndicatorTarget]] = defaultdict(list)
    for target in IndicatorTarget.objects.filter(indicator_id__in=ids).order_by(
        "indicator_id", "target_on"
    ):
        targets[target.indicator_id].append(target)
    return [
        IndicatorCard(i, values[i.pk], targets[i.pk], _assess(i, values[i.pk], targets[i.pk]))
        for i in indicators
    ]


@dataclass(frozen=True)
class PlaceSeries:
    geography: Geography
    values: list[IndicatorValue]

    @property
    def latest(self) -> IndicatorValue | None:
        return self.values[-1] if self.values else None


@dataclass(frozen=True)
class IndicatorDetail:
    card: IndicatorCard
    #: Every place with values, the indicator's own first, then by name.
    places: list[PlaceSeries]
    curve_reports: list[CurveReport]

    @property
    def compared(self) -> list[PlaceSeries]:
        """The places other than the indicator's own, for comparing."""
        return [p for p in self.places if p.geography.pk != self.card.indicator.geography_id]


def indicator_detail(indicator: Indicator, *, drafts: bool = False) -> IndicatorDetail:
    """The indicator with every place's values and its turn-the-curve reports
    (published ones, or drafts too when ``drafts``): four queries."""
    by_place: dict[int, list[IndicatorValue]] = defaultdict(list)
    places: dict[int, Geography] = {}
    for value in (
        IndicatorValue.objects.filter(indicator=indicator)
        .select_related("geography")
        .order_by("period_end")
    ):
        by_place[value.geography_id].append(value)
        places[value.geography_id] = value.geography
    own = by_place.get(indicator.geography_id, [])
    targets = list(indicator.targets.order_by("target_on"))
    card = IndicatorCard(indicator, own, targets, _assess(indicator, own, targets))
    order = sorted(places.values(), key=lambda g: (g.pk != indicator.geography_id, g.name))
    reports = indicator.curve_reports.select_related("body").order_by("-published_on", "title")
    if not drafts:
        reports = reports.filter(status=CurveReportStatus.PUBLISHED)
    return IndicatorDetail(
        card,
        [PlaceSeries(g, by_place[g.pk]) for g in order],
        list(reports),
    )


@dataclass(frozen=True)
class MeasureRow:
    """A performance measure of a plan serving the scorecard's priorities."""

    card: IndicatorCard
    plan: ActionPlan


@dataclass(frozen=True)
class Scorecard:
    """An outcome's or a priority's indicators, the performance measures of the plans
    that serve it, and how those plans' actions are going."""

    title: str
    strategy: Strategy
    indicators: list[IndicatorCard]
    measures: list[MeasureRow]
    priorities: list[Priority]
    #: The actions' progress, by priority id, and in all.
    rollups: dict[int, Rollup] = field(default_factory=dict)

    @property
    def rollup(self) -> Rollup:
        return sum(self.rollups.values(), Rollup())


def _measures(priorities: list[Priority], access: BodyAccess | None) -> list[MeasureRow]:
    plans = (
        visible_plans(access).filter(actions__priority__in=[p.pk for p in priorities]).distinct()
    )
    measures = (
        indicators_visible(access)
        .filter(kind=IndicatorKind.PERFORMANCE, plan__in=plans)
        .select_related("plan", "plan__body")
    )
    cards = indicator_cards(measures.order_by("plan__body__name", "title"))
    return [MeasureRow(card, card.indicator.plan) for card in cards]


def _rollups(
    strategy: Strategy, priorities: list[Priority], access: BodyAccess | None
) -> dict[int, Rollup]:
    ids = {p.pk for p in priorities}
    actions: QuerySet[Action] = visible_actions(access)
    return {
        pk: rollup
        for pk, rollup in priority_rollups(strategy, actions=actions).items()
        if pk in ids
    }


def outcome_scorecard(outcome: Outcome, access: BodyAccess | None) -> Scorecard:
    """The outcome's population indicators; the priorities those indicators also
    serve, with their plans' performance measures and their actions' progress."""
    indicators = indicators_visible(access).filter(kind=IndicatorKind.POPULATION, outcomes=outcome)
    cards = indicator_cards(indicators.order_by("title"))
    priorities = list(
        Priority.objects.filter(
            strategy_id=outcome.strategy_id, indicators__in=[c.indicator.pk for c in cards]
        )
        .distinct()
        .order_by("position")
    )
    return Scorecard(
        title=outcome.title,
        strategy=outcome.strategy,
        indicators=cards,
        measures=_measures(priorities, access) if priorities else [],
        priorities=priorities,
        rollups=_rollups(outcome.strategy, priorities, access) if priorities else {},
    )


def priority_scorecard(priority: Priority, access: BodyAccess | None) -> Scorecard:
    """The priority's population indicators, the performance measures of the plans
    with actions for it, and those actions' progress."""
    indicators = indicators_visible(access).filter(
        kind=IndicatorKind.POPULATION, priorities=priority
    )
    return Scorecard(
        title=priority.title,
        strategy=priority.strategy,
        indicators=indicator_cards(indicators.order_by("title")),
        measures=_measures([priority], access),
        priorities=[priority],
        rollups=_rollups(priority.strategy, [priority], access),
    )


@dataclass(frozen=True)
class IndicatorSeries:
    """An indicator's card (its own place's values and targets: its status and
    direction of travel) and every place's values, for the open data."""

    card: IndicatorCard
    #: Every place's values: by period, the indicator's own place first, then by name.
    values: list[IndicatorValue]


def indicator_series(indicators: QuerySet[Indicator]) -> list[IndicatorSeries]:
    """``indicators`` (in the order given) with their outcomes and priorities (of
    strategies the public may read: a draft strategy's stay out) and plan, every
    place's values and their targets: five queries whatever their number (the
    indicators, their outcomes, their priorities, the values, the targets). For
    open data, which is the same for everyone."""
    public = strategies_visible(AnonymousUser())
    indicators = list(
        indicators.select_related("plan", "plan__body", "plan__strategy").prefetch_related(
            Prefetch(
                "outcomes",
                queryset=Outcome.objects.filter(strategy__in=public).select_related("strategy"),
            ),
            Prefetch(
                "priorities",
                queryset=Priority.objects.filter(strategy__in=public).select_related("strategy"),
            ),
        )
    )
    ids = [i.pk for i in indicators]
    homes = {i.pk: i.geography_id for i in indicators}
    values: dict[int, list[IndicatorValue]] = defaultdict(list)
    for value in (
        IndicatorValue.objects.filter(indicator_id__in=ids)
        .select_related("geography")
        .order_by("indicator_id", "period_end", "geography__name", "pk")
    ):
        values[value.indicator_id].append(value)
    targets: dict[int, list[IndicatorTarget]] = defaultdict(list)
    for target in IndicatorTarget.objects.filter(indicator_id__in=ids).order_by(
        "indicator_id", "target_on"
    ):
        targets[target.indicator_id].append(target)
    series = []
    for i in indicators:
        every = sorted(values[i.pk], key=lambda v: (v.period_end, v.geography_id != homes[i.pk]))
        own = [v for v in every if v.geography_id == homes[i.pk]]
        card = IndicatorCard(i, own, targets[i.pk], _assess(i, own, targets[i.pk]))
        series.append(IndicatorSeries(card, every))
    return series


def indicators_with_links(access: BodyAccess | None, strategies: QuerySet[Strategy]):
    """``indicators_visible`` with the outcomes and priorities each serves, of
    ``strategies`` only (pass ``strategy.selectors.strategies_visible``: a draft
    strategy's stay hidden), newest strategy first: three queries."""
    outcomes = (
        Outcome.objects.filter(strategy__in=strategies)
        .select_related("strategy")
        .order_by("-strategy__starts_on", "position")
    )
    priorities = (
        Priority.objects.filter(strategy__in=strategies)
        .select_related("strategy")
        .order_by("-strategy__starts_on", "position")
    )
    return indicators_visible(access).prefetch_related(
        Prefetch("outcomes", queryset=outcomes), Prefetch("priorities", queryset=priorities)
    )


def plans_shown(access: BodyAccess | None, ids) -> dict[int, ActionPlan]:
    """The plans among ``ids`` the reader may see, by id (a performance measure may be
    published while its plan is still a draft): one query, none for no ids."""
    ids = [pk for pk in set(ids) if pk]
    if not ids:
        return {}
    return {plan.pk: plan for plan in visible_plans(access).filter(pk__in=ids)}


def scorecard_plans(scorecard: Scorecard, access: BodyAccess | None) -> list[ActionPlan]:
    """The plans with actions the reader may see for the scorecard's priorities, by
    body: one query, none when it has no priorities."""
    if not scorecard.priorities:
        return []
    actions = visible_actions(access).filter(priority__in=[p.pk for p in scorecard.priorities])
    return list(
        visible_plans(access)
        .filter(pk__in=actions.values("plan_id"))
        .order_by("body__name", "title")
    )


# Turn-the-curve reports --------------------------------------------------------------


def curve_report_get(*, slug: str, pk: int, access: BodyAccess | None) -> CurveReport:
    """A turn-the-curve report the reader may read, on an indicator they may see: a
    published one for anyone; a draft only for members of its body (and of the
    bodies above it) and officers. Anyone else gets a 404, as if it did not exist.
    One query (and the reader's bodies, once a request)."""
    report = (
        CurveReport.objects.select_related(
            "indicator__geography", "indicator__owner", "body", "plan"
        )
        .filter(pk=pk, indicator__slug=slug, indicator__in=indicators_visible(access))
        .first()
    )
    if report is None:
        raise Http404("No such report")
    if report.status != CurveReportStatus.PUBLISHED and not (
        access is not None and access.can_see_confidential(report.body)
    ):
        raise Http404("No such report")
    return report


@dataclass(frozen=True)
class CurveDocument:
    """A turn-the-curve report with its indicator's figures and status as they stood
    on ``on``: what its page and PDF show, and what publishing keeps."""

    report: CurveReport
    detail: IndicatorDetail
    on: datetime.date
    council_name: str

    @property
    def card(self) -> IndicatorCard:
        return self.detail.card

    @property
    def title(self) -> str:
        return self.report.title

    @property
    def author(self) -> str:
        return f"{self.report.body.name}, {self.council_name}"

    @property
    def chart(self):
        # The charts module reads this one: imported when drawn.
        from .charts import indicator_chart

        return indicator_chart(self.card, prefix="curve")


def curve_report_document(report: CurveReport, *, on: datetime.date | None = None) -> CurveDocument:
    """The report and its indicator's values, targets and status as they stand
    today (``indicator_detail``: four queries)."""
    return CurveDocument(
        report=report,
        detail=indicator_detail(report.indicator),
        on=on or timezone.localdate(),
        council_name=settings.PACE_COUNCIL_NAME,
    )
