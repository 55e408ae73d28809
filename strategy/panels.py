"""The strategy's section on a body's page: its action plans, how they are going
across the body and the bodies below it, and open exception reports it has
received."""

from pace.core.pagination import first_rows
from partnerships.access import body_access
from partnerships.panels import BodyPanel

from . import selectors

#: Open exception reports a body's page lists, newest first.
EXCEPTIONS_SHOWN = 20


def plans_panel(request, body) -> BodyPanel | None:
    access = body_access(request)
    actions = selectors.visible_actions(access)
    plans = list(selectors.visible_plans(access).filter(body=body).order_by("-starts_on"))
    rollup = selectors.body_rollup(body, actions=actions)
    exceptions, more = first_rows(
        selectors.open_exception_reports(addressed_to=[body], actions=actions), EXCEPTIONS_SHOWN
    )
    if not (plans or rollup.subtree.total or exceptions):
        return None
    return BodyPanel(
        template="strategy/_body_panel.html",
        context={
            "plans": plans,
            "rollup": rollup,
            "exceptions": exceptions,
            "more_exceptions": more,
            "can_manage": access.can_manage(body),
        },
        order=10,
    )
