"""The strategy's section on a body's page: its action plans, how they are going
across the body and the bodies below it, and open exception reports it has
received."""

from partnerships.access import body_access
from partnerships.panels import BodyPanel

from . import selectors


def plans_panel(request, body) -> BodyPanel | None:
    access = body_access(request)
    actions = selectors.visible_actions(access)
    plans = list(selectors.visible_plans(access).filter(body=body).order_by("-starts_on"))
    rollup = selectors.body_rollup(body, actions=actions)
    exceptions = list(selectors.open_exception_reports(addressed_to=[body], actions=actions)[:20])
    if not (plans or rollup.subtree.total or exceptions):
        return None
    return BodyPanel(
        template="strategy/_body_panel.html",
        context={
            "plans": plans,
            "rollup": rollup,
            "exceptions": exceptions,
            "can_manage": access.can_manage(body),
        },
        order=10,
    )
