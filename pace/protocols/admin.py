"""Officers' handling of complaints, whistle-blowing reports and disputes. Every
change goes through ``services`` (``case_save``, ``dispute_save``), which send what
must be sent; nothing is saved here directly.

Complaints and reports arrive through the public forms only, so officers add none
here, and none is deleted: the history keeps what each said, except who sent it.
Whistle-blowing reports are seen only by those ``access.can_handle_whistleblowing``
allows: every permission of this admin answers to it, so the officers' group,
which holds the model's default permissions, is not enough."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from pace.core.history_admin import HistoryAdmin

from . import services
from .access import can_handle_whistleblowing
from .models import Complaint, Dispute, DisputeStatus, WhistleblowingReport
from .routing import leaders_board

_CASE_READONLY = [
    "reference",
    "about_body",
    "summary",
    "details",
    "name",
    "email",
    "received_on",
    "closed_on",
    "people_forgotten",
    "created_at",
]
_CASE_FIELDSETS = [
    (
        "As it was sent",
        {
            "fields": [
                "reference",
                "received_on",
                "about_body",
                "summary",
                "details",
                "name",
                "email",
                "people_forgotten",
            ],
            "description": "Confidential. The sender's name and address are forgotten some "
            "time after the case is closed.",
        },
    ),
    (
        "Handling",
        {
            "fields": ["routed_to", "status", "outcome", "closed_on"],
            "description": "Closing the case (upheld, partly upheld, not upheld or withdrawn) "
            "needs the outcome.",
        },
    ),
]


class _CaseAdmin(HistoryAdmin):
    list_display = ["reference", "summary", "about_body", "routed_to", "status", "received_on"]
    list_filter = ["status", "routed_to"]
    list_select_related = ["about_body", "routed_to"]
    search_fields = ["reference", "summary"]
    date_hierarchy = "received_on"
    readonly_fields = _CASE_READONLY
    fieldsets = _CASE_FIELDSETS

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change) -> None:
        services.case_save(case=obj, by=request.user)


@admin.register(Complaint)
class ComplaintAdmin(_CaseAdmin):
    pass


@admin.register(WhistleblowingReport)
class WhistleblowingReportAdmin(_CaseAdmin):
    # Searching by summary only: never by the sender's name.
    def has_module_permission(self, request) -> bool:
        return can_handle_whistleblowing(request.user) or super().has_module_permission(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return can_handle_whistleblowing(request.user)

    def has_change_permission(self, request, obj=None) -> bool:
        return can_handle_whistleblowing(request.user)


class DisputeAdminForm(forms.ModelForm):
    publish_decision = forms.BooleanField(
        required=False,
        label="Publish the decision in the decision log",
        help_text="The subject, the two bodies and what was decided, as the Leaders Board's "
        "decision; never either body's position. Once published, it stays published.",
    )

    class Meta:
        model = Dispute
        fields = [
            "body_a",
            "body_b",
            "subject",
            "position_a",
            "position_b",
            "referred_on",
            "status",
            "decision",
            "decided_on",
        ]

    def clean(self):
        data = super().clean()
        stored = self.instance.pk and Dispute.objects.filter(pk=self.instance.pk).first()
        status = data.get("status")
        if not stored:
            if status != DisputeStatus.REFERRED:
                self.add_error("status", "A new dispute is referred: record the decision after.")
            try:
                leaders_board()
            except ValidationError as error:
                self.add_error(None, error)
        elif stored.status == DisputeStatus.DECIDED and status != DisputeStatus.DECIDED:
            self.add_error("status", "A decided dispute stays decided: correct the decision.")
        elif stored.status == DisputeStatus.WITHDRAWN and status != DisputeStatus.WITHDRAWN:
            self.add_error("status", "A withdrawn dispute stays withdrawn: refer a new one.")
        return data


@admin.register(Dispute)
class DisputeAdmin(HistoryAdmin):
    form = DisputeAdminForm
    list_display = ["reference", "subject", "body_a", "body_b", "status", "referred_on"]
    list_filter = ["status"]
    list_select_related = ["body_a", "body_b"]
    search_fields = ["reference", "subject"]
    readonly_fields = ["reference", "referred_to", "decision_record"]
    fieldsets = [
        (None, {"fields": ["reference", "body_a", "body_b", "subject", "referred_on"]}),
        ("Each side", {"fields": ["position_a", "position_b"]}),
        (
            "The Leaders Board's decision",
            {
                "fields": [
                    "referred_to",
                    "status",
                    "decision",
                    "decided_on",
                    "publish_decision",
                    "decision_record",
                ],
                "description": "Resolved by the Leaders Board in consultation with the chairs "
                "of the thematic groups (partnership agreement, section 7).",
            },
        ),
    ]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change) -> None:
        saved = services.dispute_save(
            dispute=obj, publish=form.cleaned_data.get("publish_decision", False), by=request.user
        )
        if not change:
            obj.pk = saved.pk
            obj._state.adding = False
            obj.refresh_from_db()
