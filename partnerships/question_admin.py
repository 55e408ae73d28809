"""Officers' moderation of residents' questions at Area Assemblies: accept or
decline each with a reason (sent to the resident), and record the answer given at
the meeting. Every change goes through ``services.questions`` (``question_save``),
which sends the e-mails; nothing is saved here directly. Residents ask through the
public form only, so officers add no questions here."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError

from pace.core.history_admin import HistoryAdmin

from . import services
from .models import Question, QuestionStatus


class QuestionAdminForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["status", "reason", "answer"]

    def clean(self):
        data = super().clean()
        stored = self.instance.pk and Question.objects.filter(pk=self.instance.pk).first()
        if (
            stored
            and stored.status != QuestionStatus.PENDING
            and data.get("status") == QuestionStatus.PENDING
        ):
            self.add_error(
                "status", "A decided question cannot go back to waiting: accept or decline it."
            )
        return data


@admin.register(Question)
class QuestionAdmin(HistoryAdmin):
    form = QuestionAdminForm
    list_display = ["reference", "meeting", "status", "show_name", "created_at"]
    list_filter = ["status", "meeting__body"]
    list_select_related = ["meeting__body"]
    search_fields = ["reference", "text", "name"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "reference",
        "meeting",
        "name",
        "email",
        "where",
        "text",
        "show_name",
        "created_at",
        "decided_at",
        "decided_by",
    ]
    fieldsets = [
        (
            "The question (as the resident sent it)",
            {
                "fields": [
                    "reference",
                    "meeting",
                    "text",
                    "name",
                    "show_name",
                    "email",
                    "where",
                    "created_at",
                ]
            },
        ),
        (
            "Decision",
            {
                "fields": ["status", "reason", "decided_at", "decided_by"],
                "description": "Accept it for the agenda, or decline it with the reason. "
                "The resident is e-mailed the decision and the reason.",
            },
        ),
        ("At the meeting", {"fields": ["answer"]}),
    ]
    actions = ["accept_selected"]

    def has_add_permission(self, request) -> bool:
        return False

    def save_model(self, request, obj, form, change) -> None:
        services.question_save(question=obj, by=request.user)

    @admin.action(description="Accept the selected questions for the agenda")
    def accept_selected(self, request, queryset) -> None:
        if not self.has_change_permission(request):
            raise PermissionDenied
        accepted = 0
        for question in queryset.exclude(status=QuestionStatus.ACCEPTED):
            try:
                services.question_accept(question=question, by=request.user)
            except ValidationError as error:
                self.message_user(
                    request, f"{question}: {'; '.join(error.messages)}", messages.ERROR
                )
            else:
                accepted += 1
        self.message_user(
            request,
            f"{accepted} question{'s' if accepted != 1 else ''} accepted.",
            messages.SUCCESS,
        )
