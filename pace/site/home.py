"""The front page: what is happening, in ten seconds. The strategy in force and its
period (or that none is, and the last one), how each priority is going as a chart
with its table twin, what is coming (meetings, consultations, a participatory
budgeting round) and what has just happened (decisions, grants, reports).

Every list comes from its app's selector, as the reader may see it, and is cut to
a few rows in the database: the page costs the same queries whatever the size of
the partnership (pinned in tests/site/test_home.py). Anonymous visitors' copy is
served from the page cache (``pace.core.cache``), keyed by the day."""

import datetime

from django.shortcuts import render
from django.utils import timezone

from funding import selectors as funding_selectors
from funding.models import Phase
from pace.core import fragments
from pace.reports import selectors as report_selectors
from partnerships.access import body_access
from partnerships.kept_pages import kept_for_scope
from partnerships.selectors import meetings_for, visible_decisions
from strategy import selectors
from strategy.charts import rating_bars, rollup_row
from strategy.consultations.models.consultations import CLOSING_SOON_DAYS
from strategy.consultations.selectors import consultations_visible
from strategy.models import StrategyStatus

#: Rows in each list of what is coming and what has just happened.
SHOWN = 5


@kept_for_scope
def home(request):
    """Template: site/home.html."""
    today = timezone.localdate()
    access = body_access(request)
    strategy = selectors.current_strategy(today)
    # The lists are the same for everyone who may see the same records, so they
    # are kept until the data changes (pace.core.fragments).
    lists = fragments.cached(
        "home-lists",
        reader=access,
        build=lambda: {**_coming(request, access, today), **_happened(access)},
    )
    context = {
        "strategy": strategy,
        "today": today,
        "nav_section": "strategy",
        **lists,
    }
    if strategy is None:
        context["ended"] = selectors.latest_ended_strategy(today)
        return render(request, "site/home.html", context)
    rollups = selectors.visible_priority_rollups(strategy, access)
    priorities = [(p, rollups.get(p.pk)) for p in selectors.strategy_priorities(strategy)]
    context |= {
        "outcomes": list(strategy.outcomes.all()),
        "priorities": priorities,
        "priority_chart": rating_bars(
            "home-priorities",
            "Progress of each priority: actions by rating",
            [rollup_row(f"{p.letter}) {p.title}", rollup) for p, rollup in priorities],
            row_header="Priority",
        ),
        "refresh": _visible_refresh(strategy, request.user),
    }
    return render(request, "site/home.html", context)


def _coming(request, access, today: datetime.date) -> dict:
    return {
        "meetings": list(meetings_for(access).upcoming()[:SHOWN]),
        "consultations": list(
            consultations_visible(request.user)
            .open_on(today)
            .order_by("closes_on", "title")[:SHOWN]
        ),
        "closing_by": today + datetime.timedelta(days=CLOSING_SOON_DAYS),
        "rounds": [
            (r, Phase(r.phase(today)).label) for r in funding_selectors.rounds_in_progress(today)
        ],
    }


def _happened(access) -> dict:
    return {
        "decisions": list(visible_decisions(access).order_by("-decided_on", "-pk")[:SHOWN]),
        "grants": list(funding_selectors.public_awards()[:SHOWN]),
        "reports": list(report_selectors.published_reports()[:SHOWN]),
    }


def _visible_refresh(strategy, user):
    """The strategy that refreshes ``strategy``, unless it is a draft ``user`` may not
    see."""
    refresh = getattr(strategy, "replaced_by", None)
    if refresh is not None and refresh.status == StrategyStatus.DRAFT:
        return refresh if selectors.can_see_draft_strategies(user) else None
    return refresh
