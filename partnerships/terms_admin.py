"""Officers' admin of the terms of reference: the core terms (one record: adding
a second leads to the first) and each body's own terms, listed by body with their review
date and a filter for those overdue for review. Both keep their history (each
version, and a revert from any); every save goes through ``services.terms``."""

from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from pace.core.history_admin import HistoryAdmin

from . import services
from .models import CoreTerms, TermsOfReference
from .services.terms import routing_errors


@admin.register(CoreTerms)
class CoreTermsAdmin(HistoryAdmin):
    list_display = ["title", "adopted_on", "agreement_review_on"]
    fields = ["title", "text", "adopted_on", "agreement_review_on"]

    def add_view(self, request, form_url="", extra_context=None):
        # One record: its history keeps the versions. Checked here, not in
        # has_add_permission, which every admin page's side bar asks of every model.
        existing = CoreTerms.objects.first()
        if existing is not None:
            messages.info(
                request, "The core terms are recorded: edit them. Their history keeps each version."
            )
            return redirect(reverse("admin:partnerships_coreterms_change", args=[existing.pk]))
        return super().add_view(request, form_url, extra_context)

    def save_model(self, request, obj, form, change) -> None:
        services.core_terms_save(terms=obj)


class ReviewOverdueFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("overdue", "Review overdue"), ("due", "Not yet due")]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "overdue":
            return queryset.filter(review_on__lt=today)
        if self.value() == "due":
            return queryset.filter(review_on__gte=today)
        return queryset


class TermsOfReferenceForm(forms.ModelForm):
    class Meta:
        model = TermsOfReference
        fields = [
            "body",
            "purpose",
            "membership",
            "chair",
            "meeting_frequency",
            "reporting",
            "escalate_after_days",
            "receives_complaints",
            "receives_whistleblowing",
            "adopted_on",
            "review_on",
        ]

    def _post_clean(self) -> None:
        super()._post_clean()
        # The service's routing rule, said on the form's fields rather than as an
        # error page when the service refuses.
        for field, errors in routing_errors(self.instance).items():
            if field in self.fields:
                for message in errors:
                    self.add_error(field, message)


@admin.register(TermsOfReference)
class TermsOfReferenceAdmin(HistoryAdmin):
    form = TermsOfReferenceForm
    list_display = [
        "body",
        "meeting_frequency",
        "adopted_on",
        "review_on",
        "receives_complaints",
        "receives_whistleblowing",
    ]
    list_filter = [ReviewOverdueFilter, "meeting_frequency", "body__kind"]
    list_select_related = ["body"]
    search_fields = ["body__name", "purpose"]
    autocomplete_fields = ["body"]
    ordering = ["body__name"]
    fieldsets = [
        (None, {"fields": ["body", "purpose", "membership", "chair"]}),
        (
            "Meetings and reporting",
            {
                "fields": ["meeting_frequency", "reporting", "escalate_after_days"],
                "description": "The body's quorum is set on the body itself.",
            },
        ),
        ("Protocols", {"fields": ["receives_complaints", "receives_whistleblowing"]}),
        ("Dates", {"fields": ["adopted_on", "review_on"]}),
    ]

    def save_model(self, request, obj, form, change) -> None:
        services.terms_save(terms=obj)
