"""Gaps in ownership and delivery, for officers: the cabinet report's complaint (4.1)
is that the arrangements were not effective "in ownership and delivery"."""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from partnerships.models import Body, Membership, Role, in_subtree
from strategy.models import (
    OPEN_ACTION_STATUSES,
    Action,
    ActionPlan,
    ExceptionReport,
    ExceptionStatus,
    Measure,
    PlanStatus,
    Rag,
)


def accountability_gaps() -> dict[str, list]:
    """Five lists, in a fixed number of queries whatever the size of the data."""
    today = timezone.localdate()
    open_actions = Action.objects.filter(status__in=OPEN_ACTION_STATUSES).select_related(
        "plan__body", "owner"
    )
    owned = list(open_actions.filter(owner__isnull=False))
    # Every current seat of every owner, with its body's place in the tree.
    seats: dict[int, list[tuple[int, int, int]]] = {}
    for person_id, tree_id, lft, rght in (
        Membership.objects.current(today)
        .filter(person_id__in={a.owner_id for a in owned})
        .values_list("person_id", "body__tree_id", "body__lft", "body__rght")
    ):
        seats.setdefault(person_id, []).append((tree_id, lft, rght))

    def still_member(action: Action) -> bool:
        body = action.plan.body
        return any(in_subtree(body, seat) for seat in seats.get(action.owner_id, []))

    chairs = Membership.objects.current(today).filter(role=Role.CHAIR, body=OuterRef("pk"))
    measures = Measure.objects.filter(action__plan=OuterRef("pk"))
    open_report = ExceptionReport.objects.filter(action=OuterRef("pk"), status=ExceptionStatus.OPEN)
    return {
        "unowned": list(open_actions.filter(owner__isnull=True)),
        "owner_left": [a for a in owned if not still_member(a)],
        "no_chair": list(
            Body.objects.current(today).annotate(has_chair=Exists(chairs)).filter(has_chair=False)
        ),
        "no_measures": list(
            ActionPlan.objects.filter(~Q(status=PlanStatus.CLOSED))
            .annotate(has_measures=Exists(measures))
            .filter(has_measures=False)
            .select_related("body")
        ),
        "red_without_report": list(
            open_actions.filter(latest_rag=Rag.RED)
            .annotate(has_report=Exists(open_report))
            .filter(has_report=False)
        ),
    }
