"""The strategy's section on a body's page: its action plans, how they are going
across the body and the bodies below it (now, and quarter by quarter as a chart),
and open exception reports it has received. Four queries, whatever the data; none
when they are kept (``pace.core.fragments``)."""

from pace.core import fragments
from pace.core.pagination import first_rows
from partnerships.access import body_access
from partnerships.models import subtree_q
from partnerships.panels import BodyPanel

from . import charts, selectors, trends

#: Open exception reports a body's page lists, newest first.
EXCEPTIONS_SHOWN = 20


def plans_panel(request, body) -> BodyPanel | None:
    access = body_access(request)

    def build():
        actions = selectors.visible_actions(access)
        exceptions, more = first_rows(
            selectors.open_exception_reports(
                addressed_to=[body], actions=actions, with_chain=False
            ),
            EXCEPTIONS_SHOWN,
        )
        return {
            "plans": list(selectors.visible_plans(access).filter(body=body).order_by("-starts_on")),
            "rollup": selectors.body_rollup(body, actions=actions),
            # How the body's actions and those below it went, quarter by quarter:
            # counted whether or not the panel shows, so the page's queries stay fixed.
            "history": trends.rating_history(actions.filter(subtree_q(body, "plan__body__"))),
            "exceptions": exceptions,
            "more_exceptions": more,
        }

    # The same for everyone who may see the same plans and actions
    # (pace.core.fragments).
    shown = fragments.cached("body-plans", reader=access, key=(body.pk,), build=build)
    if not (shown["plans"] or shown["rollup"].subtree.total or shown["exceptions"]):
        return None
    return BodyPanel(
        template="strategy/_body_panel.html",
        context={
            **shown,
            "trend": charts.rating_history_chart(
                f"trend-body-{body.pk}",
                f"{body.name} and the bodies accountable to it: actions by rating at each "
                "quarter end",
                shown["history"],
            ),
            "can_manage": access.can_manage(body),
        },
        order=10,
    )
