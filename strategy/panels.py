"""The strategy's section on a body's page: its action plans, how they are going
across the body and the bodies below it (now, and quarter by quarter as a chart),
and open exception reports it has received. Four queries, whatever the data."""

from pace.core.pagination import first_rows
from partnerships.access import body_access
from partnerships.models import subtree_q
from partnerships.panels import BodyPanel

from . import charts, selectors, trends

#: Open exception reports a body's page lists, newest first.
EXCEPTIONS_SHOWN = 20


def plans_panel(request, body) -> BodyPanel | None:
    access = body_access(request)
    actions = selectors.visible_actions(access)
    plans = list(selectors.visible_plans(access).filter(body=body).order_by("-starts_on"))
    rollup = selectors.body_rollup(body, actions=actions)
    exceptions, more = first_rows(
        selectors.open_exception_reports(addressed_to=[body], actions=actions, with_chain=False),
        EXCEPTIONS_SHOWN,
    )
    # How the body's actions and those below it went, quarter by quarter: run
    # whether or not the panel shows, so the page's queries stay fixed.
    history = trends.rating_history(actions.filter(subtree_q(body, "plan__body__")))
    if not (plans or rollup.subtree.total or exceptions):
        return None
    return BodyPanel(
        template="strategy/_body_panel.html",
        context={
            "plans": plans,
            "rollup": rollup,
            "trend": charts.rating_history_chart(
                f"trend-body-{body.pk}",
                f"{body.name} and the bodies accountable to it: actions by rating at each "
                "quarter end",
                history,
            ),
            "exceptions": exceptions,
            "more_exceptions": more,
            "can_manage": access.can_manage(body),
        },
        order=10,
    )
