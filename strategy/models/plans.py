import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from mptt.models import TreeForeignKey
from simple_history.models import HistoricalRecords

from partnerships.models import Body, Membership, subtree_q

from .strategies import Priority, Strategy


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ADOPTED = "adopted", "Adopted"
    CLOSED = "closed", "Closed"


#: A plan is published once adopted, and stays so when closed: anyone may read it.
PUBLISHED_PLAN_STATUSES = (PlanStatus.ADOPTED, PlanStatus.CLOSED)


def published_plan_q(prefix: str = "") -> Q:
    """Plans (reached through ``prefix``, e.g. ``"plan__"``) that are published."""
    return Q(**{f"{prefix}status__in": PUBLISHED_PLAN_STATUSES})


class ActionPlanQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_plan_q())


class ActionPlan(models.Model):
    """A body's plan to deliver the strategy's priorities for a period (cabinet report
    5.6.2: "clear and tangible actions, measures of success and an action owner")."""

    body = TreeForeignKey(
        "partnerships.Body", on_delete=models.PROTECT, related_name="action_plans"
    )
    strategy = models.ForeignKey(Strategy, on_delete=models.PROTECT, related_name="action_plans")
    title = models.CharField(max_length=200)
    starts_on = models.DateField()
    ends_on = models.DateField()
    status = models.CharField(max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    summary = models.TextField(blank=True)  # plain text, escaped where it is shown
    wards = models.ManyToManyField(
        "partnerships.Ward",
        blank=True,
        related_name="action_plans",
        help_text="The wards the plan's actions are for, if it is local.",
    )

    objects = ActionPlanQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["body__name", "-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gt=models.F("starts_on")),
                name="plan_ends_after_it_starts",
                violation_error_message="A plan's period must end after it starts.",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("strategy:plan-detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status in PUBLISHED_PLAN_STATUSES

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            raise ValidationError(
                {
                    "ends_on": ValidationError(
                        "The plan must end after it starts.", code="dates_order"
                    )
                }
            )


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETE = "complete", "Complete"
    CANCELLED = "cancelled", "Cancelled"


OPEN_ACTION_STATUSES = (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS)

#: The statuses a board member may move an action to from each status, with a
#: progress update (``services.progress_update_post``). Nothing goes back to "Not
#: started": an update says work has begun, so posting one on an action not started
#: moves it to "In progress" unless it says complete or cancelled. A complete or
#: cancelled action may be reopened. Officers correct anything in the admin.
STATUS_CHANGES: dict[str, tuple[str, ...]] = {
    ActionStatus.NOT_STARTED: (
        ActionStatus.IN_PROGRESS,
        ActionStatus.COMPLETE,
        ActionStatus.CANCELLED,
    ),
    ActionStatus.IN_PROGRESS: (ActionStatus.COMPLETE, ActionStatus.CANCELLED),
    ActionStatus.COMPLETE: (ActionStatus.IN_PROGRESS,),
    ActionStatus.CANCELLED: (ActionStatus.IN_PROGRESS,),
}


def overdue_q(on: datetime.date, prefix: str = "") -> Q:
    """Actions (reached through ``prefix``) that are overdue on ``on``: still open and
    due before that day. ``Action.is_overdue`` is the same rule for one action."""
    return Q(**{f"{prefix}status__in": OPEN_ACTION_STATUSES, f"{prefix}due_on__lt": on})


def _membership_day(plan: ActionPlan) -> datetime.date:
    """The day an action's owner must be a member of its plan's body: today, or
    the plan's last day once the plan has ended."""
    today = timezone.localdate()
    return min(today, plan.ends_on) if plan.ends_on else today


class ActionQuerySet(models.QuerySet):
    def public(self):
        """What an anonymous visitor may see: public actions of published plans."""
        return self.filter(published_plan_q("plan__"), is_public=True)

    def overdue(self, on: datetime.date | None = None):
        return self.filter(overdue_q(on or timezone.localdate()))


class Action(models.Model):
    """A time-limited action (agreement 3.6d) with an owner who is ultimately
    responsible for it (cabinet report 5.6.2)."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.PROTECT, related_name="actions")
    priority = models.ForeignKey(Priority, on_delete=models.PROTECT, related_name="actions")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    owner = models.ForeignKey(
        "partnerships.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        help_text="A current member of the plan's body or of a body below it.",
    )
    measure_of_success = models.TextField()
    target = models.CharField(max_length=300)
    due_on = models.DateField(
        "due date",
        error_messages={
            "required": "Give the date the action is due: actions are time limited.",
            "null": "Give the date the action is due: actions are time limited.",
        },
    )
    status = models.CharField(
        max_length=20, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    is_public = models.BooleanField(
        default=True, help_text="Untick for an action that only the body's members may see."
    )
    # The latest progress update's rating, kept with the action so that roll-ups
    # over thousands of actions are one aggregate query.
    latest_rag = models.CharField(max_length=10, blank=True, editable=False)

    objects = ActionQuerySet.as_manager()

    # latest_rag is left out of the history: it is derived from the progress updates
    # (which keep their own history, with who posted them), nobody edits it, and it
    # is refreshed with queryset.update(), which records no history, so a copy in
    # the history would only ever be stale.
    history = HistoricalRecords(excluded_fields=["latest_rag"])

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["plan", "status"]),
            models.Index(fields=["priority", "status"]),
            models.Index(fields=["due_on", "status"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("strategy:action-detail", args=[self.pk])

    def is_overdue(self, on: datetime.date | None = None) -> bool:
        return self.status in OPEN_ACTION_STATUSES and self.due_on < (on or timezone.localdate())

    def status_choices_with_update(self) -> list[str]:
        """The statuses an update may leave the action in, the one it gets by default
        first: posting progress on an action not started starts it."""
        stay = ActionStatus.IN_PROGRESS if self.status == ActionStatus.NOT_STARTED else self.status
        return [stay, *(s for s in STATUS_CHANGES[self.status] if s != stay)]

    def check_status_change(self, status: str) -> None:
        """Raise ``ValidationError`` (on ``status``) unless a progress update may
        leave the action in ``status``: one of ``status_choices_with_update``, and no
        change at all once its plan is closed."""
        if status == self.status or (
            status == ActionStatus.IN_PROGRESS and self.status == ActionStatus.NOT_STARTED
        ):
            return
        if self.plan.status == PlanStatus.CLOSED:
            raise ValidationError(
                {
                    "status": ValidationError(
                        "The plan has closed, so its actions keep the status they have.",
                        code="plan_closed",
                    )
                }
            )
        if status not in self.status_choices_with_update():
            raise ValidationError(
                {
                    "status": ValidationError(
                        "An action that is %(now)s cannot be made %(to)s.",
                        code="status_change",
                        params={
                            "now": self.get_status_display().lower(),
                            "to": dict(ActionStatus.choices).get(status, status).lower(),
                        },
                    )
                }
            )

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        # The plan may be new and still unsaved (the admin's inline actions).
        try:
            plan = self.plan
        except ActionPlan.DoesNotExist:
            plan = None
        if plan and plan.ends_on and self.due_on and self.due_on > plan.ends_on:
            errors["due_on"] = ValidationError(
                "The action is due after its plan ends (%(end)s). Give a due date within the plan.",
                code="due_after_plan",
                params={"end": plan.ends_on.strftime("%-d %B %Y")},
            )
        if (
            plan
            and plan.strategy_id
            and self.priority_id
            and (self.priority.strategy_id != plan.strategy_id)
        ):
            errors["priority"] = ValidationError(
                "Choose a priority of the plan's strategy, %(strategy)s.",
                code="priority_other_strategy",
                params={"strategy": plan.strategy.title},
            )
        # A member on the day, or on the plan's last day once it has ended: the
        # record of a past year keeps the owners who answered for it then.
        if (
            plan
            and plan.body_id
            and self.owner_id
            and not self.owner_is_member(_membership_day(plan))
        ):
            errors["owner"] = ValidationError(
                "%(owner)s is not a current member of %(body)s or of a body accountable to it.",
                code="owner_not_member",
                params={"owner": self.owner.name, "body": plan.body.name},
            )
        if errors:
            raise ValidationError(errors)

    def owner_is_member(self, on: datetime.date | None = None) -> bool:
        # Read the body's place in the tree from the database: an instance loaded
        # before bodies were added under it has stale bounds.
        body = Body.objects.values("tree_id", "lft", "rght").get(pk=self.plan.body_id)
        return (
            Membership.objects.current(on)
            .filter(subtree_q(body, "body__"), person_id=self.owner_id)
            .exists()
        )
