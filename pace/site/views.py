import datetime

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.cache import never_cache

from pace.core import fragments
from pace.core.cache import cache_params, never_stored
from pace.core.contacts import site_contact
from pace.core.pagination import first_rows
from pace.site import search as site_search
from pace.site.tasks import member_tasks
from partnerships.access import body_access
from partnerships.forms import valid_choices
from partnerships.kept_pages import kept_for_reader
from partnerships.models import Body
from strategy import selectors

from .forms import SearchForm


@cache_params(SearchForm, "page")
@never_stored
@never_cache
@kept_for_reader
def search(request):
    """``/search/?q=``: the public record, with filters by type, body and date, a
    page at a time. Template: site/search.html. Never stored in the page cache: a
    stored result would tell anyone who asks whether someone else searched for the
    same words since the last change. A signed-in reader's is kept for them alone
    (``kept_for_reader``), until the records change: what it tells is only what they
    asked, and the same search again (back from a result, to an earlier page of
    results) is not run again."""
    form = SearchForm(request.GET or None)
    chosen = valid_choices(form)
    body = chosen.get("body")
    results = site_search.search(
        chosen.get("q") or "",
        filters=site_search.Filters(
            kind=chosen.get("type") or "",
            body_id=body.pk if body else None,
            since=chosen.get("since"),
            until=chosen.get("until"),
        ),
        page=request.GET.get("page"),
    )
    return render(
        request,
        "site/search.html",
        {
            "form": form,
            "results": results,
            "filtered": any(chosen.get(name) for name in ("type", "body", "since", "until")),
            "type_links": _type_links(request, results, chosen.get("type") or ""),
            "too_long": len(request.GET.get("q", "")) > site_search.MAX_QUERY_LENGTH,
            "max_length": site_search.MAX_QUERY_LENGTH,
            "nav_section": "search",
        },
        status=400 if form.errors else 200,
    )


def _type_links(request, results, chosen: str) -> list[dict]:
    """The type filter as links, each kind with its count: the same search (words,
    body and dates as asked) narrowed to that kind, first page; and "All types"
    when a kind is chosen. Plain links, so they work without script."""
    if not results or not results.counts:
        return []

    def address(kind: str) -> str:
        params = request.GET.copy()
        params.pop("page", None)
        params.pop("type", None)
        if kind:
            params["type"] = kind
        return f"?{params.urlencode()}"

    links = [
        {
            "label": source.label,
            "count": n,
            "url": address(source.kind),
            "current": source.kind == chosen,
        }
        for source, n in results.counts
    ]
    if chosen:
        links.insert(0, {"label": "All types", "count": None, "url": address(""), "current": False})
    return links


def accessibility(request):
    """The accessibility statement the public sector regulations require, with the
    contact GOV.UK's model statement asks for. Template: site/accessibility.html."""
    return render(request, "site/accessibility.html", {"contact": site_contact()})


def contact(request):
    """``/contact/``: who to contact about the partnership, and where each body's and
    each consultation's own contact is given. Template: site/contact.html."""
    return render(request, "site/contact.html", {"contact": site_contact()})


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
@kept_for_reader
def dashboard(request):
    """A board member's dashboard: their bodies with roll-ups, their own actions,
    actions due soon and overdue, and open exception reports addressed to their
    bodies. Officers see the whole partnership. Template: site/dashboard.html."""
    access = body_access(request)
    today = timezone.localdate()
    actions = selectors.visible_actions(access)
    person = getattr(request.user, "person", None)
    if access.is_officer:
        # The tops of the structure: the Leaders Board, and the Assembly beside it.
        my_bodies = list(Body.objects.filter(parent__isnull=True).order_by("tree_id"))
        in_scope = actions
        reports_to = Body.objects.all()
    else:
        my_bodies = list(Body.objects.filter(pk__in=access.managed_body_ids).order_by("name"))
        members_q = access.confidential_bodies_q(prefix="plan__body__")
        in_scope = actions.filter(members_q)
        reports_to = my_bodies
    open_actions = in_scope.filter(status__in=selectors.OPEN_ACTION_STATUSES)
    # A member's task list (pace/site/tasks.py); officers have their checks instead.
    tasks = None if access.is_officer else member_tasks(access, person, on=today)
    # Those who may see the same actions see the same reports: kept until the data
    # changes (pace.core.fragments); at county scale an officer's are a search of
    # every open report's chain.
    exceptions, more_exceptions = fragments.cached(
        "dashboard-exceptions",
        reader=access,
        key=["all"] if access.is_officer else [body.pk for body in my_bodies],
        build=lambda: first_rows(
            selectors.open_exception_reports(addressed_to=reports_to, actions=actions),
            DASHBOARD_PAGE_SIZE,
        ),
    )
    return render(
        request,
        "site/dashboard.html",
        {
            "person": person,
            "is_officer": access.is_officer,
            # The same for everyone who may see the same actions, so kept until the
            # data changes (pace.core.fragments).
            "bodies": fragments.cached(
                "dashboard-bodies",
                reader=access,
                key=[body.pk for body in my_bodies[:10]],
                build=lambda: [
                    (
                        body,
                        selectors.body_rollup(body, actions=actions),
                        list(body.get_children().current()),
                    )
                    for body in my_bodies[:10]
                ],
            ),
            # Each list a page at a time, with its own parameter, saying how many
            # there are in all: an officer's can run to thousands.
            "my_actions": _dashboard_page(request, "mine", open_actions.filter(owner=person))
            if person
            else None,
            # The lists of actions due soon and overdue are the same for everyone
            # who may see the same actions, down to the pages asked for: kept as
            # HTML (there is nothing personal in them, no form and no token).
            "scope_lists": fragments.cached(
                "dashboard-lists",
                reader=access,
                key=[request.GET.urlencode()],
                build=lambda: render_to_string(
                    "site/_dashboard_lists.html",
                    {
                        "due_soon": _dashboard_page(
                            request,
                            "soon",
                            open_actions.filter(
                                due_on__gte=today, due_on__lte=today + datetime.timedelta(days=30)
                            ),
                        ),
                        "overdue": _dashboard_page(request, "overdue", in_scope.overdue(today)),
                        "today": today,
                        "managed_ids": access.managed_body_ids,
                    },
                    request=request,
                ),
            ),
            "tasks": tasks,
            "exceptions": exceptions,
            "more_exceptions": more_exceptions,
            "managed_ids": access.managed_body_ids,
            "today": today,
            "nav_section": "dashboard",
        },
    )
