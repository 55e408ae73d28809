"""The public pages of indicators: the list, an indicator's page, and the
scorecards of an outcome and of a priority (Results-Based Accountability). Every
figure and status comes from ``selectors``; a non-public indicator is found only
through ``indicators_visible``, so it is a 404 wherever its reader may not see it."""

from django.shortcuts import get_object_or_404, render

from pace.core.cache import cache_params
from partnerships.access import body_access
from partnerships.forms import valid_choices
from partnerships.kept_pages import kept_for_scope
from strategy.charts import rating_bars, rollup_row
from strategy.models import Outcome, Priority
from strategy.selectors import strategies_visible

from . import charts, selectors, services
from .filters import IndicatorFilterForm, outcome_key, priority_key
from .models import IndicatorKind, MeasureType


def _newest_first(item: Outcome | Priority) -> tuple:
    """Outcomes and priorities in order, the newest strategy's first."""
    return (-item.strategy.starts_on.toordinal(), item.strategy.title, item.position)


def _crumbs(*trail: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [("Strategy", "/"), *trail]


def _groups(cards, plans) -> list[tuple[str, str, list]]:
    """The cards under headings: population indicators by the outcome they serve
    (one under each, if several), those serving no outcome, then performance
    measures. Each group: (heading, id, [(card, plan or None)], outcome or None)."""
    by_outcome: dict[int, tuple] = {}
    unplaced, measures = [], []
    for card in cards:
        indicator = card.indicator
        if indicator.kind == IndicatorKind.PERFORMANCE:
            measures.append((card, plans.get(indicator.plan_id)))
            continue
        outcomes = list(indicator.outcomes.all())
        for outcome in outcomes:
            by_outcome.setdefault(outcome.pk, (outcome, []))[1].append((card, None))
        if not outcomes:
            unplaced.append((card, None))
    groups = [
        (o.title, f"outcome-{o.pk}", rows, o)
        for o, rows in sorted(by_outcome.values(), key=lambda group: _newest_first(group[0]))
    ]
    if unplaced:
        groups.append(("Other population indicators", "population-other", unplaced, None))
    if measures:
        groups.append(("Performance measures of plans", "performance", measures, None))
    return groups


@cache_params(IndicatorFilterForm)
@kept_for_scope
def indicator_list(request):
    """Every indicator the reader may see, with its latest value, target, status and
    direction of travel, under the outcome it serves; filtered by outcome or
    priority, kind and status (a filter in error filters nothing and says why).
    Template: indicators/indicator_list.html."""
    access = body_access(request)
    indicators = list(
        selectors.indicators_with_links(access, strategies_visible(request.user)).order_by("title")
    )
    outcomes = {o.pk: o for i in indicators for o in i.outcomes.all()}
    priorities = {p.pk: p for i in indicators for p in i.priorities.all()}
    form = IndicatorFilterForm(
        request.GET or None,
        outcomes=sorted(outcomes.values(), key=_newest_first),
        priorities=sorted(priorities.values(), key=_newest_first),
    )
    chosen = valid_choices(form)
    if chosen.get("serves"):
        indicators = [
            i
            for i in indicators
            if chosen["serves"]
            in {outcome_key(o) for o in i.outcomes.all()}
            | {priority_key(p) for p in i.priorities.all()}
        ]
    if chosen.get("kind"):
        indicators = [i for i in indicators if i.kind == chosen["kind"]]
    cards = selectors.indicator_cards(indicators)
    if chosen.get("status"):
        cards = [c for c in cards if c.assessment.status == chosen["status"]]
    plans = selectors.plans_shown(
        access, [c.indicator.plan_id for c in cards if c.indicator.plan_id]
    )
    return render(
        request,
        "indicators/indicator_list.html",
        {
            "form": form,
            "filtered": any(chosen.values()),
            "count": len(cards),
            "groups": _groups(cards, plans),
            "nav_section": "strategy",
            "breadcrumbs": _crumbs(("Indicators", None)),
        },
    )


@kept_for_scope
def indicator_detail(request, slug: str):
    """An indicator: what it is, where it stands and why, its own place's values
    against its target and baseline, the places compared, its turn-the-curve reports
    and its open data. Template: indicators/indicator_detail.html."""
    access = body_access(request)
    indicator = get_object_or_404(
        selectors.indicators_with_links(access, strategies_visible(request.user)), slug=slug
    )
    detail = selectors.indicator_detail(indicator)
    plan = selectors.plans_shown(access, [indicator.plan_id]).get(indicator.plan_id)
    return render(
        request,
        "indicators/indicator_detail.html",
        {
            "indicator": indicator,
            "detail": detail,
            "card": detail.card,
            "plan": plan,
            "outcomes": list(indicator.outcomes.all()),
            "priorities": list(indicator.priorities.all()),
            "chart": charts.indicator_chart(detail.card),
            "comparison": charts.comparison_chart(detail),
            "places": charts.places_table(detail) if detail.compared else None,
            "can_enter": services.can_enter_values(request.user, indicator, access),
            "nav_section": "strategy",
            "breadcrumbs": _crumbs(("Indicators", "/indicators/"), (indicator.title, None)),
        },
    )


def _sections(scorecard: selectors.Scorecard) -> list[tuple[str, str, list]]:
    """The performance measures under Results-Based Accountability's three
    questions, each by plan: (question, id, [(plan, [cards])])."""
    sections = []
    for kind in MeasureType:
        plans: dict[int, tuple] = {}
        for row in scorecard.measures:
            if row.card.indicator.measure_type == kind:
                plans.setdefault(row.plan.pk, (row.plan, []))[1].append(row.card)
        sections.append((kind.label, kind.value.replace("_", "-"), list(plans.values())))
    return sections


def _scorecard(
    request, scorecard: selectors.Scorecard, *, chart_id: str, breadcrumbs, what, subject
):
    access = body_access(request)
    progress = None
    if scorecard.priorities:
        progress = rating_bars(
            chart_id,
            f"{scorecard.title}: actions by rating, by priority",
            [rollup_row(p.title, scorecard.rollups.get(p.pk)) for p in scorecard.priorities],
            row_header="Priority",
        )
    return render(
        request,
        "indicators/scorecard.html",
        {
            "scorecard": scorecard,
            "what": what,
            "subject": subject,
            "cards": [
                (c, charts.indicator_chart(c, prefix="scorecard")) for c in scorecard.indicators
            ],
            "sections": _sections(scorecard),
            "progress": progress,
            "plans": selectors.scorecard_plans(scorecard, access),
            "nav_section": "strategy",
            "breadcrumbs": breadcrumbs,
        },
    )


def outcome_scorecard(request, strategy_slug: str, position: int):
    """An outcome's scorecard: its population indicators, the measures of the plans
    serving the priorities that share them, and those priorities' actions' progress.
    Template: indicators/scorecard.html."""
    outcome = get_object_or_404(
        Outcome.objects.select_related("strategy").filter(
            strategy__in=strategies_visible(request.user)
        ),
        strategy__slug=strategy_slug,
        position=position,
    )
    strategy = outcome.strategy
    return _scorecard(
        request,
        selectors.outcome_scorecard(outcome, body_access(request)),
        chart_id=f"progress-outcome-{outcome.pk}",
        what=f"Outcome {outcome.position} of {strategy.title}",
        subject="this outcome",
        breadcrumbs=_crumbs(
            (strategy.title, strategy.get_absolute_url()), (f"Scorecard: {outcome.title}", None)
        ),
    )


def priority_scorecard(request, strategy_slug: str, slug: str):
    """A priority's scorecard: its population indicators, the measures of the plans
    with actions for it, and those actions' progress. Template: indicators/scorecard.html."""
    priority = get_object_or_404(
        Priority.objects.select_related("strategy").filter(
            strategy__in=strategies_visible(request.user)
        ),
        strategy__slug=strategy_slug,
        slug=slug,
    )
    strategy = priority.strategy
    return _scorecard(
        request,
        selectors.priority_scorecard(priority, body_access(request)),
        chart_id=f"progress-priority-{priority.pk}",
        what=f"Priority for action {priority.letter}) of {strategy.title}",
        subject="this priority",
        breadcrumbs=_crumbs(
            (strategy.title, strategy.get_absolute_url()),
            (priority.title, priority.get_absolute_url()),
            ("Scorecard", None),
        ),
    )
