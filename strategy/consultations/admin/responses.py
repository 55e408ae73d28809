"""Officers' work with the online form and its responses, in the admin.

- Questions (with their choices) are built on their own pages, reached from the
  consultation's page; the admin saves them through the services.
- Responses themselves: read, counted or rejected (moderation), deleted at a
  resident's request; never edited. Themes, with their "you said, we did" point.
- What the consultation's and the assessment's pages show of them.
- The pages about a consultation's responses (summary, tagging, themes, a
  response typed in, the exports) are in ``response_pages``.

Equality monitoring has no admin page: it is read only in aggregate."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from pace.core.access import is_officer
from pace.core.history_admin import HistoryAdmin

from .. import response_services, services
from ..models import (
    Answer,
    Choice,
    Consultation,
    Question,
    Response,
    Theme,
)
from ..monitoring import consultations_assessed, monitoring_table
from .response_pages import int_or_none

ANSWERS_PER_PAGE = 25


# --- On the consultation's own page ---------------------------------------------------------


def questions_html(consultation: Consultation):
    if consultation.pk is None:
        return "Save the consultation first, then add its questions."
    rows = format_html_join(
        "",
        '<li><a href="{}" style="text-decoration:underline">{}. {}</a> ({})</li>',
        (
            (
                reverse("admin:consultations_question_change", args=[q.pk]),
                n,
                q.text,
                q.get_kind_display().lower(),
            )
            for n, q in enumerate(consultation.questions.all(), 1)
        ),
    )
    add = reverse("admin:consultations_question_add") + f"?consultation={consultation.pk}"
    return format_html(
        '<ol class="pace-questions">{}</ol><p><a class="addlink" href="{}">Add a question</a></p>',
        rows,
        add,
    )


def responses_html(consultation: Consultation):
    if consultation.pk is None:
        return "—"
    counts = consultation.consideration()
    url = reverse("admin:consultations_consultation_responses", args=[consultation.pk])
    held = f", {counts.held} held for moderation" if counts.held else ""
    before = (
        f" (of which {consultation.response_count} counted before responses were kept as records)"
        if consultation.response_count
        else ""
    )
    return format_html(
        '{} counted{}{}. <a href="{}" style="text-decoration:underline">Read, tag and export the '
        "responses</a>",
        counts.responses,
        before,
        held,
        url,
    )


# --- Questions and their choices ----------------------------------------------------------


class ChoiceFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        question = self.instance
        if any(form.errors for form in self.forms):
            return
        kept = [
            form
            for form in self.forms
            if not self._should_delete_form(form)
            and (form.instance.pk or (form.has_changed() and form.cleaned_data.get("label")))
        ]
        for form in self.forms:
            if self._should_delete_form(form) and form.instance.pk:
                try:
                    services.choice_delete_check(choice=form.instance)
                except ValidationError as error:
                    form.add_error(None, error)
                    raise ValidationError(error.messages) from None
        kind = self.data.get("kind", question.kind) if self.data else question.kind
        if kind in ("one_choice", "several_choices") and len(kept) < 2:
            raise ValidationError("Give at least two choices.", code="too_few_choices")
        if kind not in ("one_choice", "several_choices") and kept:
            raise ValidationError(
                "Only a question with choices has them: delete these, or change its kind.",
                code="choices_not_wanted",
            )


class ChoiceInline(admin.TabularInline):
    model = Choice
    formset = ChoiceFormSet
    fields = ["position", "label"]
    extra = 3


@admin.register(Question)
class QuestionAdmin(HistoryAdmin):
    inlines = [ChoiceInline]
    list_display = ["text", "consultation", "position", "kind", "required"]
    list_filter = ["kind"]
    list_select_related = ["consultation"]
    search_fields = ["text", "consultation__title"]
    autocomplete_fields = ["consultation"]
    fieldsets = [
        (None, {"fields": ["consultation", "position", "text", "help_text", "kind"]}),
        ("Answers", {"fields": ["required", "allow_prefer_not", "max_length"]}),
        (
            "A scale only",
            {"fields": ["scale_points", "scale_low_label", "scale_high_label"]},
        ),
    ]

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        consultation = int_or_none(request.GET.get("consultation"))
        if consultation:
            initial["consultation"] = consultation
            initial["position"] = Question.objects.filter(consultation=consultation).count() + 1
        return initial

    def save_model(self, request, obj, form, change) -> None:
        services.question_save(question=obj)

    def delete_model(self, request, obj) -> None:
        services.question_delete(question=obj)

    def save_formset(self, request, form, formset, change) -> None:
        instances = formset.save(commit=False)
        for choice in formset.deleted_objects:
            services.choice_delete(choice=choice)
        for choice in instances:
            services.choice_save(choice=choice)

    def response_post_save_change(self, request, obj):
        return redirect(
            reverse("admin:consultations_consultation_change", args=[obj.consultation_id])
        )

    def response_post_save_add(self, request, obj):
        return redirect(
            reverse("admin:consultations_consultation_change", args=[obj.consultation_id])
        )


# --- Responses: read, moderated, deleted; never edited ------------------------------------------


class AnswerInline(admin.StackedInline):
    model = Answer
    fields = ["question", "text", "chosen", "value", "prefer_not", "tagged"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("question")
            .prefetch_related("choices", "themes")
        )

    @admin.display(description="chosen")
    def chosen(self, obj: Answer) -> str:
        return "; ".join(c.label for c in obj.choices.all()) or "—"

    @admin.display(description="themes")
    def tagged(self, obj: Answer) -> str:
        return "; ".join(t.name for t in obj.themes.all()) or "—"

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class ResponseAdmin(admin.ModelAdmin):
    list_display = ["reference", "consultation", "received_on", "channel", "status", "held_reason"]
    list_filter = ["status", "channel", "consultation"]
    list_select_related = ["consultation"]
    search_fields = ["reference"]
    date_hierarchy = "received_on"
    inlines = [AnswerInline]
    fields = [
        "reference",
        "consultation",
        "channel",
        "received_on",
        "status",
        "held_reason",
        "recorded_by",
        "moderated_by",
        "moderated_at",
    ]
    readonly_fields = fields
    actions = ["count_responses", "reject_responses"]

    def has_add_permission(self, request) -> bool:
        return False  # typed in on the consultation's responses page, or sent online

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # what a resident sent is never edited

    def has_moderate_permission(self, request) -> bool:
        return is_officer(request.user, "consultations.change_response")

    @admin.action(description="Count the selected responses", permissions=["moderate"])
    def count_responses(self, request, queryset) -> None:
        for response in queryset:
            response_services.response_moderate(response=response, accept=True, by=request.user)
        self.message_user(request, "The selected responses are counted.")

    @admin.action(
        description="Reject the selected responses (spam or abuse)", permissions=["moderate"]
    )
    def reject_responses(self, request, queryset) -> None:
        for response in queryset:
            response_services.response_moderate(response=response, accept=False, by=request.user)
        self.message_user(request, "The selected responses are rejected: they are not counted.")

    def get_deleted_objects(self, objs, request):
        """A response goes with its answers (``response_services.response_delete``):
        they are its parts, not records that protect it."""
        objs = list(objs)
        return [str(obj) for obj in objs], {"responses": len(objs)}, set(), []

    def delete_model(self, request, obj) -> None:
        response_services.response_delete(response=obj)

    def delete_queryset(self, request, queryset) -> None:
        for response in queryset:
            response_services.response_delete(response=response)


admin.site.register(Response, ResponseAdmin)


class ThemeForm(forms.ModelForm):
    class Meta:
        model = Theme
        fields = ["consultation", "name", "description", "feedback"]

    def clean(self):
        data = super().clean()
        feedback, consultation = data.get("feedback"), data.get("consultation")
        if feedback and consultation and feedback.consultation_id != consultation.pk:
            self.add_error("feedback", "Choose a point of this theme's consultation.")
        return data


@admin.register(Theme)
class ThemeAdmin(HistoryAdmin):
    form = ThemeForm
    list_display = ["name", "consultation", "feedback"]
    list_select_related = ["consultation", "feedback"]
    search_fields = ["name", "consultation__title"]
    fields = ["consultation", "name", "description", "feedback"]
    autocomplete_fields = ["consultation"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "feedback":
            field.label_from_instance = lambda point: f"{point.consultation}: {point}"
        return field

    def save_model(self, request, obj, form, change) -> None:
        response_services.theme_save(theme=obj)


# --- The equality impact assessment: who responded ---------------------------------------------


def monitoring_html(assessment) -> str:
    """The equality monitoring of the consultations an assessment covers, in
    aggregate (``strategy.consultations.monitoring``)."""
    if assessment.pk is None:
        return "—"
    from django.template.loader import render_to_string

    return render_to_string(
        "admin/consultations/_monitoring_table.html",
        {"monitoring": monitoring_table(consultations_assessed(assessment))},
    )
