# Over 400 lines, as one piece: a consultation, its checklist and its outcome are one form.
"""Consultations and equality impact assessments in the officers' admin.

Saving goes through ``strategy.consultations.services``: the short-period
confirmation is recorded with who gave it and when. Publishing the outcome is a
separate, deliberate step ("Publish the outcome" on a consultation's page), refused
while a Gunning principle is not met."""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from pace.core.history_admin import HiddenHistoryAdmin, HistoryAdmin
from strategy.models import StrategyStatus

from .. import services
from ..models import (
    Audience,
    CharacteristicImpact,
    Consultation,
    ConsultationDocument,
    ConsultationStatus,
    EqualityImpactAssessment,
    StrategyAssessmentCheck,
    YouSaidWeDid,
)
from . import responses as responses_admin
from .response_pages import officer_urls

# Addresses typed without a scheme are taken as https (Django 6's default).
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Audience)
class AudienceAdmin(HistoryAdmin):
    list_display = ["name", "description", "position"]
    prepopulated_fields = {"slug": ["name"]}


class DocumentInline(admin.TabularInline):
    model = ConsultationDocument
    formfield_overrides = HTTPS_URLS
    extra = 1
    fields = ["position", "title", "url", "file_details"]


class FeedbackFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        consultation = self.instance
        if not consultation.outcome_published or any(form.errors for form in self.forms):
            return
        kept = [
            form
            for form in self.forms
            if not self._should_delete_form(form) and (form.instance.pk or form.has_changed())
        ]
        if not kept and consultation.consideration().responses:
            raise ValidationError(
                'The outcome is published: keep at least one "you said, we did" point, or '
                "withdraw the outcome first."
            )


class FeedbackInline(admin.StackedInline):
    model = YouSaidWeDid
    formset = FeedbackFormSet
    extra = 1
    fields = ["position", "you_said", "we_did"]


class StatusFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return ConsultationStatus.choices

    def queryset(self, request, queryset):
        today = timezone.localdate()
        return {
            ConsultationStatus.PLANNED: lambda: queryset.planned(today),
            ConsultationStatus.OPEN: lambda: queryset.open_on(today),
            ConsultationStatus.CLOSED: lambda: queryset.closed(today),
            ConsultationStatus.OUTCOME_PUBLISHED: lambda: queryset.with_outcome(),
        }.get(self.value(), lambda: queryset)()


def _https_urls(field, **kwargs):
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


class ConsultationForm(forms.ModelForm):
    class Meta:
        model = Consultation
        formfield_callback = _https_urls
        fields = [
            "title",
            "slug",
            "is_published",
            "is_illustrative",
            "strategy",
            "action_plan",
            "area_board",
            "local_issue",
            "purpose",
            "stage",
            "reasons",
            "decision_criteria",
            "earlier_round",
            "audiences",
            "opens_on",
            "closes_on",
            "short_period_confirmed",
            "short_period_reason",
            "online_form",
            "response_url",
            "response_email",
            "response_postal_address",
            "response_events",
            "how_to_respond",
            "contact_name",
            "contact_email",
            "contact_telephone",
            "responses_summary",
            "outcome",
            "outcome_published",
        ]
        widgets = {"audiences": forms.CheckboxSelectMultiple}
        error_messages = {"audiences": {"required": services.AUDIENCES_REQUIRED}}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Shown, so that a refusal to keep a published outcome can be put on it, but
        # changed only through "Publish the outcome".
        self.fields["outcome_published"].disabled = True


def _checklist_html(consultation: Consultation):
    if consultation.pk is None:
        return "Saved records show their checklist here."
    return format_html(
        "<ul>{}</ul>",
        format_html_join(
            "",
            "<li><strong>{}. {}: {}.</strong> {}</li>",
            (
                (check.number, check.title, check.state, check.reason)
                for check in consultation.gunning_checklist()
            ),
        ),
    )


@admin.register(Consultation)
class ConsultationAdmin(HistoryAdmin):
    form = ConsultationForm
    formfield_overrides = HTTPS_URLS
    change_form_template = "admin/consultations/consultation/change_form.html"
    list_display = [
        "title",
        "subject",
        "opens_on",
        "closes_on",
        "status",
        "principles_met",
        "is_published",
    ]
    list_filter = [StatusFilter, "is_published", "outcome_published", "stage"]
    search_fields = ["title", "purpose", "local_issue"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "opens_on"
    list_select_related = ["strategy", "action_plan__body", "area_board"]
    inlines = [DocumentInline, FeedbackInline]
    readonly_fields = [
        "gunning_checklist",
        "questions_list",
        "responses_counted",
        "short_period_confirmed_by",
        "short_period_confirmed_at",
        "outcome_published_on",
        "outcome_published_by",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "is_published", "is_illustrative"]}),
        (
            "What is consulted on (one of these)",
            {"fields": ["strategy", "action_plan", ("area_board", "local_issue")]},
        ),
        (
            "The proposal",
            {"fields": ["purpose", "stage", "reasons", "decision_criteria", "earlier_round"]},
        ),
        (
            "Who and when",
            {
                "fields": [
                    "audiences",
                    ("opens_on", "closes_on"),
                    "short_period_confirmed",
                    "short_period_reason",
                    ("short_period_confirmed_by", "short_period_confirmed_at"),
                ]
            },
        ),
        (
            "How to respond (at least one, before it opens on the public site)",
            {
                "fields": [
                    "online_form",
                    "questions_list",
                    "response_url",
                    "response_email",
                    "response_postal_address",
                    "response_events",
                    "how_to_respond",
                ]
            },
        ),
        ("Who to contact", {"fields": ["contact_name", "contact_email", "contact_telephone"]}),
        (
            "Responses and outcome",
            {
                "fields": [
                    "responses_counted",
                    "responses_summary",
                    "outcome",
                    "outcome_published",
                    ("outcome_published_on", "outcome_published_by"),
                ]
            },
        ),
        ("Gunning principles", {"fields": ["gunning_checklist"]}),
    ]

    @admin.display(description="subject")
    def subject(self, obj: Consultation) -> str:
        return obj.subject_label

    @admin.display(description="status")
    def status(self, obj: Consultation) -> str:
        return obj.get_status_display()

    @admin.display(description="Gunning principles met")
    def principles_met(self, obj: Consultation) -> str:
        checks = obj.gunning_checklist()  # counts from the list's annotations
        return f"{sum(c.passed for c in checks)} of 4"

    @admin.display(description="Gunning principles")
    def gunning_checklist(self, obj: Consultation):
        return _checklist_html(obj)

    @admin.display(description="questions of the online form")
    def questions_list(self, obj: Consultation):
        return responses_admin.questions_html(obj)

    @admin.display(description="responses")
    def responses_counted(self, obj: Consultation):
        return responses_admin.responses_html(obj)

    def get_queryset(self, request):
        return super().get_queryset(request).with_consideration()

    def save_model(self, request, obj, form, change) -> None:
        services.consultation_save(
            consultation=obj, audiences=form.cleaned_data["audiences"], by=request.user
        )

    def get_urls(self):
        publish = self.admin_site.admin_view(self.publish_outcome_view)
        return (
            [
                path(
                    "<path:object_id>/publish-outcome/",
                    publish,
                    name="consultations_consultation_publish_outcome",
                )
            ]
            + officer_urls(self)
            + super().get_urls()
        )

    def publish_outcome_view(self, request, object_id):
        """Publish (or withdraw) the outcome; the refusal names each principle not met."""
        consultation = self.get_object(request, unquote(object_id))
        if consultation is None:  # no such consultation, or not a key at all
            raise Http404("No consultation found")
        if not self.has_change_permission(request, consultation):
            raise PermissionDenied
        form = PublishOutcomeForm(request.POST or None, published=consultation.outcome_published)
        if request.method == "POST" and form.is_valid():
            try:
                if consultation.outcome_published:
                    services.consultation_outcome_withdraw(consultation=consultation)
                    self.message_user(request, "The outcome is no longer published.")
                else:
                    services.consultation_outcome_publish(
                        consultation=consultation, by=request.user
                    )
                    self.message_user(request, "The outcome is published.")
                self.log_change(request, consultation, [{"changed": {"fields": ["outcome"]}}])
                return redirect(
                    reverse("admin:consultations_consultation_change", args=[consultation.pk])
                )
            except ValidationError as error:
                refusal = error.message_dict.get("outcome_published") or error.messages
                form.add_error("confirm", refusal)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": consultation,
            "title": (
                f"Withdraw the outcome of {consultation}"
                if consultation.outcome_published
                else f"Publish the outcome of {consultation}"
            ),
            "form": form,
            "checklist": consultation.gunning_checklist(),
        }
        return TemplateResponse(
            request, "admin/consultations/consultation/publish_outcome.html", context
        )


class PublishOutcomeForm(forms.Form):
    confirm = forms.BooleanField(
        required=True,
        error_messages={"required": "Tick the box to confirm."},
    )

    def __init__(self, *args, published: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["confirm"].label = (
            "Withdraw the published outcome from the public site"
            if published
            else "Publish the outcome: the consultation is then complete"
        )


class ImpactInline(admin.TabularInline):
    model = CharacteristicImpact
    fields = ["characteristic", "impact", "evidence", "mitigation"]
    readonly_fields = ["characteristic"]
    extra = 0
    max_num = 0
    can_delete = False


@admin.register(EqualityImpactAssessment)
class EqualityImpactAssessmentAdmin(HistoryAdmin):
    list_display = ["__str__", "completed_on", "completed_by", "negative_impacts"]
    list_filter = [("completed_on", admin.EmptyFieldListFilter)]
    list_select_related = ["strategy", "action_plan", "consultation"]
    fields = [
        "strategy",
        "action_plan",
        "consultation",
        "who_responded",
        "summary",
        "completed_by",
        "completed_on",
    ]
    readonly_fields = ["who_responded"]

    @admin.display(description="who responded (equality monitoring)")
    def who_responded(self, obj):
        """The answers to the equality questions of the consultations assessed, in
        aggregate with small numbers suppressed: evidence for the assessment."""
        return responses_admin.monitoring_html(obj)

    def get_inlines(self, request, obj):
        # The nine rows are made when the assessment is saved the first time.
        return [ImpactInline] if obj is not None else []

    def get_queryset(self, request):
        from django.db.models import Count, Q

        return (
            super()
            .get_queryset(request)
            .annotate(negatives=Count("impacts", filter=Q(impacts__impact="negative")))
        )

    @admin.display(description="negative impacts")
    def negative_impacts(self, obj) -> int:
        return obj.negatives

    def save_model(self, request, obj, form, change) -> None:
        obj.full_clean()
        obj.save()
        services.assessment_rows_ensure(assessment=obj)


class AssessmentFilter(admin.SimpleListFilter):
    title = "equality impact assessment"
    parameter_name = "assessment"

    def lookups(self, request, model_admin):
        return [
            ("flagged", "Adopted without a completed assessment"),
            ("completed", "Completed assessment"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "flagged":
            return queryset.filter(status=StrategyStatus.ADOPTED).exclude(
                equality_assessment__completed_on__isnull=False
            )
        if self.value() == "completed":
            return queryset.filter(equality_assessment__completed_on__isnull=False)
        return queryset


@admin.register(StrategyAssessmentCheck)
class StrategyAssessmentCheckAdmin(admin.ModelAdmin):
    """Read only: which strategies have an equality impact assessment."""

    list_display = ["title", "status", "assessment", "flagged"]
    list_filter = [AssessmentFilter, "status"]
    list_select_related = ["equality_assessment"]

    @admin.display(description="assessment")
    def assessment(self, obj) -> str:
        eia = getattr(obj, "equality_assessment", None)
        if eia is None:
            return "None"
        return f"Completed {eia.completed_on:%d/%m/%Y}" if eia.is_complete else "Not completed"

    @admin.display(description="flagged: adopted without an assessment", boolean=True)
    def flagged(self, obj) -> bool:
        eia = getattr(obj, "equality_assessment", None)
        return obj.status == StrategyStatus.ADOPTED and not (eia and eia.is_complete)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ConsultationDocument)
class ConsultationDocumentAdmin(HiddenHistoryAdmin):
    """Edited on its consultation's page; registered for its history and restore."""

    formfield_overrides = HTTPS_URLS
    list_display = ["title", "consultation", "position"]


@admin.register(YouSaidWeDid)
class YouSaidWeDidAdmin(HiddenHistoryAdmin):
    """Edited on its consultation's page; registered for its history and restore."""

    list_display = ["consultation", "position"]


@admin.register(CharacteristicImpact)
class CharacteristicImpactAdmin(HiddenHistoryAdmin):
    """Edited on its assessment's page; registered for its history and restore."""

    list_display = ["assessment", "characteristic", "impact"]
