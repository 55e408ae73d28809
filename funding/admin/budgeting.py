from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils import timezone

from pace.core.history_admin import HistoryAdmin

from .. import services
from ..models import BudgetingProject, BudgetingRound, format_money


class ProjectInline(admin.TabularInline):
    model = BudgetingProject
    extra = 0
    autocomplete_fields = ["proposed_by"]
    fields = ["title", "proposed_by", "cost", "votes", "award"]
    readonly_fields = ["award"]
    show_change_link = True
    can_delete = False


@admin.register(BudgetingRound)
class BudgetingRoundAdmin(HistoryAdmin):
    list_display = ["name", "area_board", "fund", "amount_shown", "voting_closes_on"]
    list_filter = ["fund", "area_board"]
    search_fields = ["name", "theme"]
    autocomplete_fields = ["fund", "area_board"]
    list_select_related = ["fund", "area_board"]
    inlines = [ProjectInline]

    @admin.display(description="money for the round", ordering="amount")
    def amount_shown(self, obj) -> str:
        return format_money(obj.amount)

    def save_model(self, request, obj, form, change) -> None:
        services.round_save(budgeting_round=obj)

    def save_formset(self, request, form, formset, change) -> None:
        for project in formset.save(commit=False):
            services.project_save(project=project)
        formset.save_m2m()


@admin.register(BudgetingProject)
class BudgetingProjectAdmin(HistoryAdmin):
    list_display = ["title", "round", "proposed_by", "cost_shown", "votes", "funded"]
    list_filter = ["round"]
    search_fields = ["title", "proposed_by__name"]
    autocomplete_fields = ["round", "proposed_by"]
    list_select_related = ["round", "proposed_by", "award"]
    readonly_fields = ["award"]
    actions = ["fund_projects"]

    @admin.display(description="cost", ordering="cost")
    def cost_shown(self, obj) -> str:
        return format_money(obj.cost)

    @admin.display(description="funded", boolean=True)
    def funded(self, obj) -> bool:
        return obj.is_funded

    def save_model(self, request, obj, form, change) -> None:
        services.project_save(project=obj)

    @admin.action(description="Fund the selected projects (awards dated today)")
    def fund_projects(self, request, queryset) -> None:
        today = timezone.localdate()
        for project in queryset.select_related("round").order_by("-votes", "pk"):
            try:
                award = services.project_fund(project=project, award_date=today)
            except ValidationError as error:
                self.message_user(
                    request, f"{project.title}: {' '.join(error.messages)}", level=messages.ERROR
                )
            else:
                self.message_user(
                    request, f"{project.title} is funded: {format_money(award.amount)}."
                )
