"""A project in a participatory budgeting round: proposed by a resident (or entered
by officers for a community group), checked by officers, voted on, and funded when
the published rule selects it."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from .awards import GrantAward
from .budgeting import BudgetingRound
from .money import format_money, money_field


class ProjectStatus(models.TextChoices):
    SUBMITTED = "submitted", "Waiting for the officers' check"
    FEASIBLE = "feasible", "On the ballot"
    REJECTED = "rejected", "Not on the ballot"
    REMOVED = "removed", "Removed by moderators"


#: What anyone may see: the projects officers have checked. An idea waiting for its
#: check, and one removed as spam or abuse, are held back.
PUBLIC_STATUSES = (ProjectStatus.FEASIBLE, ProjectStatus.REJECTED)


class BudgetingProjectQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status__in=PUBLIC_STATUSES)

    def on_ballot(self):
        return self.filter(status=ProjectStatus.FEASIBLE)


class BudgetingProject(models.Model):
    """A project proposed in a round, its cost as proposed and as checked, and the
    officers' decision with its public reason. A funded project has its grant
    award. Votes are never typed: they are counted from the ballots
    (``funding.selectors.round_results``)."""

    round = models.ForeignKey(BudgetingRound, on_delete=models.PROTECT, related_name="projects")
    title = models.CharField(max_length=200)
    proposed_by = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budgeting_projects",
        verbose_name="group receiving the grant",
        help_text="The community group that would run it and receive the grant. Needed "
        "before the project is funded.",
    )
    group_name = models.CharField(
        "who would run it (as proposed)",
        max_length=200,
        blank=True,
        help_text="The group a resident named in their idea.",
    )
    description = models.TextField()
    proposed_cost = money_field("cost as proposed (£)", null=True, blank=True)
    cost = money_field(
        "cost (£)",
        help_text="The cost on the ballot, as officers checked it. If it differs from the "
        "cost proposed, say why in the reason.",
    )
    status = models.CharField(
        max_length=10, choices=ProjectStatus.choices, default=ProjectStatus.SUBMITTED
    )
    decision_reason = models.TextField(
        "public reason",
        blank=True,
        help_text="Shown to everyone: why the project is not on the ballot, or why its "
        "cost was changed.",
    )
    #: The resident who proposed it, told of the officers' decision: never public.
    proposer_email = models.EmailField("proposer's e-mail address (private)", blank=True)
    proposer_district = models.CharField(
        "proposer's postcode district", max_length=4, blank=True, editable=False
    )
    submitted_on = models.DateField(null=True, blank=True, editable=False)
    #: Votes counted outside PACE before it kept ballots (typed by officers then);
    #: kept as the record of those rounds and added to the ballots' count. Nothing
    #: writes it any more.
    recorded_votes = models.PositiveIntegerField(
        "votes counted before ballots were kept", null=True, blank=True, editable=False
    )
    award = models.OneToOneField(
        GrantAward,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budgeting_project",
        help_text="Set when the project is funded (funding.services.project_fund).",
    )

    objects = BudgetingProjectQuerySet.as_manager()
    # The proposer's address stays out of the history: it is deleted with the project.
    history = HistoricalRecords(excluded_fields=["proposer_email"])

    class Meta:
        ordering = ["round", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "title"],
                name="project_title_unique_in_round",
                violation_error_message="The round already has a project with this title.",
            ),
            models.CheckConstraint(
                condition=models.Q(cost__gt=0),
                name="project_cost_positive",
                violation_error_message="A project's cost must be more than £0.",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=ProjectStatus.REJECTED) | ~models.Q(decision_reason=""),
                name="project_rejection_has_a_reason",
                violation_error_message="Give the public reason the project is not on the ballot.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("funding:project-detail", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    @property
    def is_funded(self) -> bool:
        return self.award is not None and self.award.is_public

    @property
    def cost_changed(self) -> bool:
        return self.proposed_cost is not None and self.proposed_cost != self.cost

    def clean(self) -> None:
        errors = {}
        if self.status == ProjectStatus.REJECTED and not self.decision_reason.strip():
            errors["decision_reason"] = ValidationError(
                "Give the public reason the project is not on the ballot.",
                code="rejection_reason",
            )
        if (
            self.status == ProjectStatus.FEASIBLE
            and self.cost_changed
            and not self.decision_reason.strip()
        ):
            errors["decision_reason"] = ValidationError(
                "Say why the cost on the ballot (%(cost)s) differs from the cost proposed "
                "(%(proposed)s).",
                code="cost_change_reason",
                params={
                    "cost": format_money(self.cost),
                    "proposed": format_money(self.proposed_cost),
                },
            )
        if (
            self.round_id
            and self.cost is not None
            and self.status == ProjectStatus.FEASIBLE
            and self.cost > self.round.amount
        ):
            errors["cost"] = ValidationError(
                "%(cost)s is more than the round's %(amount)s: it could never be chosen.",
                code="cost_over_round",
                params={
                    "cost": format_money(self.cost),
                    "amount": format_money(self.round.amount),
                },
            )
        if errors:
            raise ValidationError(errors)
