"""A board member's task list, the top of their dashboard: what needs doing, from the
memberships valid today (``partnerships.access``), in a fixed number of queries
whatever the member's share of the partnership.

- progress updates due and overdue on the actions they own or their bodies own
  (``strategy.selectors.updates_due``, the rule the owners' reminders follow);
- the exception reports addressed to their bodies (the dashboard's own list);
- their bodies' meetings coming up, with how many papers are published for them;
- the consultations their bodies run that are open or still to open.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from partnerships.access import BodyAccess
from partnerships.models import Meeting, Person
from partnerships.selectors import meetings_for
from strategy import selectors
from strategy.consultations.models import Consultation

#: Rows each list of the task list shows; past it, the list says there are more.
TASKS_SHOWN = 20


@dataclass(frozen=True)
class TaskList:
    updates: list[selectors.UpdateDue]
    more_updates: bool
    meetings: list[Meeting]
    consultations: list[Consultation]

    @property
    def overdue(self) -> int:
        return sum(1 for due in self.updates if due.overdue)


def member_tasks(access: BodyAccess, person: Person | None, *, on: datetime.date) -> TaskList:
    """Three queries: the updates due, the meetings, the consultations."""
    body_ids = sorted(access.managed_body_ids)
    mine = Q(plan__body_id__in=body_ids)
    if person is not None:
        mine |= Q(owner=person)
    updates, more_updates = selectors.updates_due(
        selectors.visible_actions(access).filter(mine), on=on, count=TASKS_SHOWN
    )
    meetings = list(
        meetings_for(access)
        .filter(body_id__in=body_ids, starts_at__gte=timezone.now())
        .annotate(papers=Count("agenda_items__paper_set", distinct=True))
        .order_by("starts_at", "pk")[:TASKS_SHOWN]
    )
    consultations = list(
        Consultation.objects.published()
        .filter(outcome_published=False, closes_on__gte=on)
        .filter(
            Q(area_board_id__in=body_ids)
            | Q(action_plan__body_id__in=body_ids)
            | Q(strategy__owner_id__in=body_ids)
        )
        .order_by("closes_on", "title")[:TASKS_SHOWN]
    )
    return TaskList(
        updates=updates,
        more_updates=more_updates,
        meetings=meetings,
        consultations=consultations,
    )
