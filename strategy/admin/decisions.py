"""The decision log and the forward plan. Decisions are the partnership's records
(``partnerships.models.decisions``), filed here against the strategy's priorities,
which come after the partnership's records in the layers (README, "Layout")."""

import datetime

from django import forms
from django.contrib import admin
from django.utils import timezone

from pace.core.history_admin import HistoryAdmin
from pace.core.models import PublishedVersion
from partnerships import services as partnership_services
from partnerships.models import AgendaItem, Decision, ForwardPlanEntry, Meeting

from .. import services
from ..fields import PriorityMultipleChoiceField, priority_picker_queryset

#: Meetings whose items are offered when a decision is added without its meeting.
RECENT_DAYS = 120


class DecisionForm(forms.ModelForm):
    priorities = PriorityMultipleChoiceField(
        priority_picker_queryset(),
        required=False,
        widget=admin.widgets.FilteredSelectMultiple("priorities", is_stacked=False),
        help_text="The strategy's priorities the decision serves: the decision log's filter.",
    )

    class Meta:
        model = Decision
        fields = [
            "meeting",
            "agenda_item",
            "decision_maker",
            "decided_on",
            "title",
            "text",
            "reasons",
            "is_key_decision",
            "report",
            "votes_for",
            "votes_against",
            "abstentions",
        ]

    correction = forms.CharField(
        label="What this change corrects",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed once the minutes of the decision's meeting are approved: the "
        "minutes are published again with this as their correction.",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["priorities"].initial = list(self.instance.priorities.all())

    def clean(self):
        """The service's rule, on the form: a change to a decision that approved
        minutes hold says what it corrects (priorities are not in the minutes)."""
        cleaned = super().clean()
        changed = set(self.changed_data) - {"correction", "priorities"}
        if changed and not self.errors and not cleaned.get("correction", "").strip():
            # The meeting it is stored against and the one it is given now.
            candidate = Decision(pk=self.instance.pk, meeting=cleaned.get("meeting"))
            approved = partnership_services.minutes_holding(candidate)
            if approved:
                error = partnership_services.correction_needed(approved)
                self.add_error("correction", error.error_dict["correction"])
        return cleaned


@admin.register(Decision)
class DecisionAdmin(HistoryAdmin):
    form = DecisionForm
    list_display = ["title", "decided_by", "decided_on", "is_key_decision"]
    list_filter = ["is_key_decision", "meeting__body__kind"]
    search_fields = ["title", "text", "decision_maker", "meeting__body__name"]
    date_hierarchy = "decided_on"
    autocomplete_fields = ["meeting"]
    list_select_related = ["meeting__body"]
    fieldsets = [
        (None, {"fields": ["meeting", "agenda_item", "decision_maker", "decided_on"]}),
        (None, {"fields": ["title", "text", "reasons", "is_key_decision", "report"]}),
        (
            "The vote",
            {
                "fields": ["votes_for", "votes_against", "abstentions"],
                "description": "Leave empty for a decision taken without a vote.",
            },
        ),
        ("Priorities", {"fields": ["priorities"]}),
        ("Correction", {"fields": ["correction"]}),
    ]

    @admin.display(description="decided by")
    def decided_by(self, decision: Decision) -> str:
        return decision.decided_by

    def get_changeform_initial_data(self, request) -> dict:
        initial = super().get_changeform_initial_data(request)
        meeting = Meeting.objects.filter(pk=request.GET.get("meeting") or 0).first()
        if meeting is not None:
            initial["decided_on"] = timezone.localdate(meeting.starts_at)
        return initial

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "agenda_item":
            kwargs["queryset"] = self._item_choices(request)
        if db_field.name == "report":
            # Reports laid before a meeting: not minutes, which record one.
            kwargs["queryset"] = PublishedVersion.objects.exclude(document="minutes").order_by(
                "-published_at"
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _item_choices(self, request):
        """The items of the decision's meeting; when adding, of the meeting named in
        the address, or else of recent meetings. An item of another meeting is
        refused when saved (``Decision.clean``)."""
        items = AgendaItem.objects.select_related("meeting")
        object_id = request.resolver_match.kwargs.get("object_id")
        decision = Decision.objects.filter(pk=object_id).first() if object_id else None
        if decision is not None and decision.meeting_id:
            return items.filter(meeting_id=decision.meeting_id)
        meeting_id = request.GET.get("meeting") or request.POST.get("meeting")
        if meeting_id and str(meeting_id).isdigit():
            return items.filter(meeting_id=meeting_id)
        since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
        return items.filter(meeting__starts_at__gte=since)

    def save_model(self, request, obj, form, change) -> None:
        partnership_services.decision_record(
            decision=obj, correction=form.cleaned_data.get("correction", ""), by=request.user
        )

    def has_delete_permission(self, request, obj=None) -> bool:
        # One that approved minutes hold is corrected, not deleted.
        if obj is not None and partnership_services.minutes_holding(obj):
            return False
        return super().has_delete_permission(request, obj)

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        services.decision_priorities_set(
            decision=form.instance, priorities=form.cleaned_data["priorities"]
        )

    def delete_model(self, request, obj) -> None:
        partnership_services.decision_delete(decision=obj)


@admin.register(ForwardPlanEntry)
class ForwardPlanEntryAdmin(HistoryAdmin):
    list_display = ["title", "body", "expected_on", "is_key_decision", "is_private", "decision"]
    list_filter = ["is_key_decision", "is_private", "is_withdrawn"]
    search_fields = ["title", "summary", "body__name"]
    autocomplete_fields = ["body", "meeting", "decision"]
    list_select_related = ["body", "decision"]
    readonly_fields = ["published_on"]
    fields = [
        "body",
        "title",
        "summary",
        "expected_on",
        "meeting",
        "papers_expected",
        "is_key_decision",
        "is_private",
        "private_reason",
        "contact",
        "published_on",
        "decision",
        "is_withdrawn",
    ]

    def save_model(self, request, obj, form, change) -> None:
        partnership_services.forward_plan_entry_save(entry=obj)

    def delete_model(self, request, obj) -> None:
        partnership_services.forward_plan_entry_delete(entry=obj)
