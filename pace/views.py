from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from partnerships.access import body_access
from strategy import selectors
from strategy.models import StrategyStatus

from . import search as site_search


def home(request):
    """The vision, outcomes and priorities of the strategy in force, each priority
    with its live roll-up across all bodies. Template: pace/home.html."""
    strategy = selectors.current_strategy()
    context = {"strategy": strategy, "nav_section": "strategy"}
    if strategy is not None:
        actions = selectors.visible_actions(body_access(request))
        rollups = selectors.priority_rollups(strategy, actions=actions)
        context |= {
            "outcomes": list(strategy.outcomes.all()),
            "priorities": [(p, rollups.get(p.pk)) for p in selectors.strategy_priorities(strategy)],
            "refresh": _visible_refresh(strategy, request.user),
        }
    return render(request, "pace/home.html", context)


def _visible_refresh(strategy, user):
    """The strategy that refreshes ``strategy``, unless it is a draft ``user`` may not
    see."""
    refresh = getattr(strategy, "replaced_by", None)
    if refresh is not None and refresh.status == StrategyStatus.DRAFT:
        return refresh if selectors.can_see_draft_strategies(user) else None
    return refresh


def search(request):
    """``/search/?q=``: the public record. Template: pace/search.html."""
    query = site_search.clean_query(request.GET.get("q"))
    too_long = len(request.GET.get("q", "")) > site_search.MAX_QUERY_LENGTH
    return render(
        request,
        "pace/search.html",
        {
            "query": query,
            "results": site_search.search(query),
            "too_long": too_long,
            "max_length": site_search.MAX_QUERY_LENGTH,
        },
    )


def accessibility(request):
    """The accessibility statement the public sector regulations require. Template:
    pace/accessibility.html."""
    return render(request, "pace/accessibility.html")


@never_cache
def healthz(request):
    """``/healthz``: "ok" from any app server that can answer, for load balancers
    (it touches neither the database nor the cache, so one slow dependency does not
    take every server out of the pool). Also the benchmark's ceiling: the cheapest
    Django response through the same middleware as every page."""
    return HttpResponse("ok", content_type="text/plain")
