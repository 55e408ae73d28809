import datetime

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from pace.core.cache import cache_params
from pace.core.pagination import first_rows
from pace.site import search as site_search
from partnerships.access import body_access
from partnerships.models import Body
from strategy import selectors
from strategy.models import StrategyStatus


def home(request):
    """The vision, outcomes and priorities of the strategy in force, each priority
    with its live roll-up across all bodies. Template: site/home.html."""
    strategy = selectors.current_strategy()
    context = {"strategy": strategy, "nav_section": "strategy"}
    if strategy is None:
        context["ended"] = selectors.latest_ended_strategy()
    if strategy is not None:
        actions = selectors.visible_actions(body_access(request))
        rollups = selectors.priority_rollups(strategy, actions=actions)
        context |= {
            "outcomes": list(strategy.outcomes.all()),
            "priorities": [(p, rollups.get(p.pk)) for p in selectors.strategy_priorities(strategy)],
            "refresh": _visible_refresh(strategy, request.user),
        }
    return render(request, "site/home.html", context)


def _visible_refresh(strategy, user):
    """The strategy that refreshes ``strategy``, unless it is a draft ``user`` may not
    see."""
    refresh = getattr(strategy, "replaced_by", None)
    if refresh is not None and refresh.status == StrategyStatus.DRAFT:
        return refresh if selectors.can_see_draft_strategies(user) else None
    return refresh


@cache_params("q")
@never_cache
def search(request):
    """``/search/?q=``: the public record. Template: site/search.html. Never stored
    in the page cache: a stored result would tell anyone who asks whether someone
    else searched for the same words since the last change."""
    query = site_search.clean_query(request.GET.get("q"))
    too_long = len(request.GET.get("q", "")) > site_search.MAX_QUERY_LENGTH
    return render(
        request,
        "site/search.html",
        {
            "query": query,
            "results": site_search.search(query),
            "too_long": too_long,
            "max_length": site_search.MAX_QUERY_LENGTH,
        },
    )


def accessibility(request):
    """The accessibility statement the public sector regulations require. Template:
    site/accessibility.html."""
    return render(request, "site/accessibility.html")


@never_cache
def healthz(request):
    """``/healthz``: "ok" from any app server that can answer, for load balancers
    (it touches neither the database nor the cache, so one slow dependency does not
    take every server out of the pool). Also the benchmark's ceiling: the cheapest
    Django response through the same middleware as every page."""
    response = HttpResponse("ok", content_type="text/plain")
    if settings.PACE_INSTANCE:
        response["X-PACE-Instance"] = settings.PACE_INSTANCE
    return response


#: Actions a page of each of the dashboard's lists shows.
DASHBOARD_PAGE_SIZE = 50


def _dashboard_page(request, param: str, actions):
    return selectors.action_table_page(
        actions, number=request.GET.get(param), per_page=DASHBOARD_PAGE_SIZE
    )


@login_required
def dashboard(request):
    """A board member's dashboard: their bodies with roll-ups, their own actions,
    actions due soon and overdue, and open exception reports addressed to their
    bodies. Officers see the whole partnership. Template: site/dashboard.html."""
    access = body_access(request)
    today = timezone.localdate()
    actions = selectors.visible_actions(access)
    person = getattr(request.user, "person", None)
    if access.is_officer:
        my_bodies = list(Body.objects.filter(parent__isnull=True))
        in_scope = actions
        reports_to = Body.objects.all()
    else:
        my_bodies = list(Body.objects.filter(pk__in=access.managed_body_ids).order_by("name"))
        members_q = access.confidential_bodies_q(prefix="plan__body__")
        in_scope = actions.filter(members_q)
        reports_to = my_bodies
    open_actions = in_scope.filter(status__in=selectors.OPEN_ACTION_STATUSES)
    exceptions, more_exceptions = first_rows(
        selectors.open_exception_reports(addressed_to=reports_to, actions=actions),
        DASHBOARD_PAGE_SIZE,
    )
    return render(
        request,
        "site/dashboard.html",
        {
            "person": person,
            "is_officer": access.is_officer,
            "bodies": [
                (
                    body,
                    selectors.body_rollup(body, actions=actions),
                    list(body.get_children().current()),
                )
                for body in my_bodies[:10]
            ],
            # Each list a page at a time, with its own parameter, saying how many
            # there are in all: an officer's can run to thousands.
            "my_actions": _dashboard_page(request, "mine", open_actions.filter(owner=person))
            if person
            else None,
            "due_soon": _dashboard_page(
                request,
                "soon",
                open_actions.filter(
                    due_on__gte=today, due_on__lte=today + datetime.timedelta(days=30)
                ),
            ),
            "overdue": _dashboard_page(request, "overdue", in_scope.overdue(today)),
            "exceptions": exceptions,
            "more_exceptions": more_exceptions,
            "managed_ids": access.managed_body_ids,
            "today": today,
            "nav_section": "dashboard",
        },
    )
