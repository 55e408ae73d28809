"""Strategies with their outcomes and priorities; plans with their actions inline;
progress, exception reports, measures, the risk log and the project plan."""

from django.contrib import admin

from pace.core.history_admin import HiddenHistoryAdmin, HistoryAdmin
from strategy.models import (
    Action,
    ActionPlan,
    ExceptionReport,
    Measure,
    MeasureValue,
    Milestone,
    Outcome,
    Priority,
    ProgressUpdate,
    Risk,
    Strategy,
)

from .. import services


class OutcomeInline(admin.TabularInline):
    model = Outcome
    extra = 0


class PriorityInline(admin.TabularInline):
    model = Priority
    extra = 0
    prepopulated_fields = {"slug": ["title"]}
    # The decisions a priority draws on, and its description, are edited on the
    # priority's own page (or the decision's): here, beside the lead board, they
    # would run the row off a 1280 px window.
    fields = ["position", "title", "slug", "lead_body"]
    autocomplete_fields = ["lead_body"]
    show_change_link = True


class RiskInline(admin.TabularInline):
    model = Risk
    extra = 0


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Strategy)
class StrategyAdmin(HistoryAdmin):
    list_display = ["title", "starts_on", "ends_on", "status"]
    list_filter = ["status"]
    search_fields = ["title", "vision"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["owner"]
    fields = [
        ("title", "slug"),
        ("starts_on", "ends_on", "goes_live_on"),
        ("status", "owner", "replaces"),
        "vision",
        "aims",
        "objectives",
        "summary",
    ]
    inlines = [OutcomeInline, PriorityInline, MilestoneInline, RiskInline]


@admin.register(Priority)
class PriorityAdmin(HistoryAdmin):
    # Decisions are filed against priorities on the decision's page, through
    # ``services.decision_priorities_set``: one door.
    exclude = ["decisions"]
    list_display = ["title", "strategy", "position", "lead_body"]
    list_filter = ["strategy"]
    search_fields = ["title"]
    autocomplete_fields = ["lead_body"]
    list_select_related = ["strategy", "lead_body"]


class ActionInline(admin.StackedInline):
    model = Action
    extra = 0
    autocomplete_fields = ["owner", "priority"]
    fields = [
        ("title", "priority"),
        ("owner", "due_on", "status", "is_public"),
        "measure_of_success",
        "target",
        "description",
    ]


@admin.register(ActionPlan)
class ActionPlanAdmin(HistoryAdmin):
    list_display = ["title", "body", "strategy", "starts_on", "ends_on", "status"]
    list_filter = ["status", "strategy", "body__kind"]
    search_fields = ["title", "body__name"]
    autocomplete_fields = ["body"]
    filter_horizontal = ["wards"]
    list_select_related = ["body", "strategy"]
    inlines = [ActionInline]


class ProgressUpdateInline(admin.TabularInline):
    model = ProgressUpdate
    extra = 0
    fields = ["reported_on", "rag", "narrative", "measured_value", "posted_by"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class MeasureValueInline(admin.TabularInline):
    model = MeasureValue
    extra = 1


@admin.register(Measure)
class MeasureAdmin(HistoryAdmin):
    list_display = ["title", "action", "unit", "baseline", "target", "direction"]
    search_fields = ["title", "action__title"]
    autocomplete_fields = ["action"]
    list_select_related = ["action"]
    inlines = [MeasureValueInline]


@admin.register(Action)
class ActionAdmin(HistoryAdmin):
    list_display = [
        "title",
        "plan",
        "priority",
        "owner",
        "due_on",
        "status",
        "latest_rag",
        "is_public",
    ]
    list_filter = ["status", "latest_rag", "is_public", "plan__strategy", "priority"]
    search_fields = ["title", "plan__title", "plan__body__name", "owner__name"]
    autocomplete_fields = ["plan", "priority", "owner"]
    list_select_related = ["plan", "priority", "owner"]
    date_hierarchy = "due_on"
    inlines = [ProgressUpdateInline]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(HistoryAdmin):
    """Updates posted here go through the same service as the board members' form,
    so a red one opens its exception report."""

    list_display = ["action", "reported_on", "rag", "posted_by"]
    list_filter = ["rag"]
    search_fields = ["action__title", "narrative"]
    autocomplete_fields = ["action"]
    list_select_related = ["action", "posted_by"]
    fields = ["action", "reported_on", "rag", "narrative", "measured_value"]
    date_hierarchy = "reported_on"

    def save_model(self, request, obj, form, change) -> None:
        if change:
            services.progress_update_change(update=obj)
            return
        saved = services.progress_update_post(
            action=obj.action,
            rag=obj.rag,
            narrative=obj.narrative,
            reported_on=obj.reported_on,
            measured_value=obj.measured_value,
            by=request.user,
        )
        obj.pk = saved.pk


@admin.register(ExceptionReport)
class ExceptionReportAdmin(HistoryAdmin):
    list_display = ["action", "addressed_to", "opened_on", "status", "resolved_on"]
    list_filter = ["status"]
    search_fields = ["action__title", "addressed_to__name", "resolution"]
    list_select_related = ["action", "addressed_to"]
    readonly_fields = [
        "action",
        "opened_by_update",
        "addressed_to",
        "opened_on",
        "chain",
        "resolved_by",
    ]
    fields = [*readonly_fields, "status", "resolution", "resolved_on"]

    def has_add_permission(self, request) -> bool:
        return False  # opened by red progress updates only

    @admin.display(description="Where it has gone")
    def chain(self, obj) -> str:
        # Written by the services only (``ExceptionStep``); plain text, escaped.
        steps = obj.steps.select_related("to_body").order_by("on", "pk") if obj.pk else []
        return "; ".join(step.sentence for step in steps) or "-"

    def save_model(self, request, obj, form, change) -> None:
        services.exception_report_change(report=obj, by=request.user)


@admin.register(Risk)
class RiskAdmin(HistoryAdmin):
    list_display = ["title", "strategy", "likelihood", "impact", "owner", "review_on"]
    list_filter = ["strategy"]
    search_fields = ["title", "owner", "mitigation"]


@admin.register(Milestone)
class MilestoneAdmin(HistoryAdmin):
    list_display = ["title", "strategy", "due_on", "done_on", "lead"]
    list_filter = ["strategy"]
    search_fields = ["title"]


@admin.register(Outcome)
class OutcomeAdmin(HiddenHistoryAdmin):
    """Edited on its strategy's page; registered for its history and restore."""

    list_display = ["title", "strategy", "position"]


@admin.register(MeasureValue)
class MeasureValueAdmin(HiddenHistoryAdmin):
    """Edited on its measure's page; registered for its history and restore."""

    list_display = ["measure", "measured_on", "value"]
