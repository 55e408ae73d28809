"""Participatory budgeting in the officers' admin: rounds (with the door for paper
ballots from Area Assemblies), projects (the officers' check of residents' ideas,
and moderation), and the postcode districts of each Area Board. Every write goes
through ``funding.services``; who voted and the ballots are not shown here at all
(only how many ballots a round has), so no screen puts a voter beside a ballot."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from pace.core.history_admin import HistoryAdmin

from .. import selectors, services
from ..budgeting_forms import PaperBallotForm, add_errors
from ..models import (
    BudgetingProject,
    BudgetingRound,
    PostcodeDistrict,
    ProjectStatus,
    format_money,
)


class RoundForm(forms.ModelForm):
    """The admin's form for a round (the admin gives it its model and fields); it
    asks the service's rule too, so a refused change is an error on the form."""

    def _post_clean(self) -> None:
        super()._post_clean()
        if error := services.round_change_error(self.instance):
            self._update_errors(error)


class ProjectForm(forms.ModelForm):
    """The same for a project, on its own page or inline on its round's."""

    def _post_clean(self) -> None:
        super()._post_clean()
        if self.instance.round_id and (error := services.project_change_error(self.instance)):
            self._update_errors(error)


class ProjectInline(admin.TabularInline):
    model = BudgetingProject
    form = ProjectForm
    extra = 0
    autocomplete_fields = ["proposed_by"]
    fields = ["title", "status", "cost", "decision_reason", "proposed_by", "award"]
    readonly_fields = ["award"]
    show_change_link = True
    can_delete = False


@admin.register(BudgetingRound)
class BudgetingRoundAdmin(HistoryAdmin):
    form = RoundForm
    list_display = ["name", "area_board", "fund", "amount_shown", "voting_closes_on"]
    list_filter = ["fund", "area_board"]
    search_fields = ["name", "theme"]
    autocomplete_fields = ["fund", "area_board"]
    list_select_related = ["fund", "area_board"]
    readonly_fields = ["ballots"]
    inlines = [ProjectInline]

    @admin.display(description="money for the round", ordering="amount")
    def amount_shown(self, obj) -> str:
        return format_money(obj.amount)

    @admin.display(description="ballots")
    def ballots(self, obj) -> str:
        if obj.pk is None:
            return "-"
        found = selectors.round_results(obj)
        url = reverse("admin:funding_budgetinground_paper_ballot", args=[obj.pk])
        return format_html(
            '{} online, {} on paper. <a href="{}">Record a paper ballot</a>',
            found.voters_online,
            found.voters_on_paper,
            url,
        )

    def save_model(self, request, obj, form, change) -> None:
        services.round_save(budgeting_round=obj)

    def save_formset(self, request, form, formset, change) -> None:
        for project in formset.save(commit=False):
            services.project_save(project=project)
        formset.save_m2m()

    def get_urls(self):
        view = self.admin_site.admin_view(self.paper_ballot_view)
        return [
            path("<int:pk>/paper-ballot/", view, name="funding_budgetinground_paper_ballot")
        ] + super().get_urls()

    def paper_ballot_view(self, request, pk: int):
        """Record paper ballots from an Area Assembly, one at a time, under the same
        rules as those cast online (``services.paper_ballot_record``)."""
        rounds = BudgetingRound.objects.select_related("area_board")
        budgeting_round = get_object_or_404(rounds, pk=pk)
        if not self.has_change_permission(request, budgeting_round):
            raise PermissionDenied
        projects = selectors.ballot_projects(budgeting_round)
        form = PaperBallotForm(
            request.POST if request.method == "POST" else None,
            budgeting_round=budgeting_round,
            projects=projects,
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.paper_ballot_record(
                    budgeting_round=budgeting_round,
                    project_ids=form.project_ids(),
                    email=form.cleaned_data["email"],
                    name=form.cleaned_data["name"],
                    postcode=form.cleaned_data["postcode"],
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                self.message_user(request, "The paper ballot is recorded.")
                return redirect(request.path)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": budgeting_round,
            "title": f"Record a paper ballot: {budgeting_round.name}",
            "form": form,
            "today": timezone.localdate(),
        }
        return TemplateResponse(
            request,
            "admin/funding/budgetinground/paper_ballot.html",
            context,
            status=400 if form.errors else 200,
        )


@admin.register(BudgetingProject)
class BudgetingProjectAdmin(HistoryAdmin):
    form = ProjectForm
    list_display = ["title", "round", "status", "cost_shown", "proposed_by", "funded"]
    list_filter = ["status", "round"]
    search_fields = ["title", "group_name", "proposed_by__name"]
    autocomplete_fields = ["round", "proposed_by"]
    list_select_related = ["round", "proposed_by", "award"]
    readonly_fields = [
        "proposed_cost",
        "proposer_email",
        "proposer_district",
        "submitted_on",
        "recorded_votes",
        "award",
    ]
    fieldsets = [
        (None, {"fields": ["round", "title", "description", "group_name"]}),
        (
            "The officers' check",
            {
                "description": "An idea waits, unseen, until it is checked. Put it on the "
                "ballot, or not (with the public reason), or remove it as spam or abuse. "
                "The resident is e-mailed the decision (not for spam), and their address "
                "is then deleted.",
                "fields": [
                    "status",
                    "proposed_cost",
                    "cost",
                    "decision_reason",
                    "proposed_by",
                ],
            },
        ),
        (
            "Proposed by",
            {"fields": ["proposer_email", "proposer_district", "submitted_on"]},
        ),
        ("Votes and grant", {"fields": ["recorded_votes", "award"]}),
    ]
    actions = ["put_on_ballot", "remove_as_spam", "fund_projects"]

    @admin.display(description="cost", ordering="cost")
    def cost_shown(self, obj) -> str:
        return format_money(obj.cost)

    @admin.display(description="funded", boolean=True)
    def funded(self, obj) -> bool:
        return obj.is_funded

    def save_model(self, request, obj, form, change) -> None:
        services.project_save(project=obj)

    def _set_status(self, request, queryset, status: str, done: str) -> None:
        for project in queryset.select_related("round"):
            project.status = status
            try:
                services.project_save(project=project)
            except ValidationError as error:
                self.message_user(
                    request, f"{project.title}: {' '.join(error.messages)}", level=messages.ERROR
                )
            else:
                self.message_user(request, f"{project.title}: {done}.")

    @admin.action(description="Put the selected ideas on the ballot")
    def put_on_ballot(self, request, queryset) -> None:
        self._set_status(request, queryset, ProjectStatus.FEASIBLE, "on the ballot")

    @admin.action(description="Remove the selected ideas as spam or abuse")
    def remove_as_spam(self, request, queryset) -> None:
        self._set_status(request, queryset, ProjectStatus.REMOVED, "removed")

    @admin.action(description="Fund the selected projects (awards dated today)")
    def fund_projects(self, request, queryset) -> None:
        today = timezone.localdate()
        for project in queryset.select_related("round").order_by("pk"):
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


@admin.register(PostcodeDistrict)
class PostcodeDistrictAdmin(HistoryAdmin):
    list_display = ["code", "area_board", "places"]
    list_filter = ["area_board"]
    search_fields = ["code", "places"]
    autocomplete_fields = ["area_board"]
    list_select_related = ["area_board"]

    def save_model(self, request, obj, form, change) -> None:
        services.postcode_district_save(district=obj)

    def delete_model(self, request, obj) -> None:
        services.postcode_district_delete(district=obj)
