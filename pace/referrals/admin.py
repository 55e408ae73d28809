"""Officers' referrals: record one an Area Board raised, correct what it says, and
answer an open one for its receiving body. Every write goes through ``services``
(raise, update, answer), which validate and tell the other end's members; the
thread is shown here, written on the referral's page."""

from django import forms
from django.contrib import admin

from pace.core.history_admin import HistoryAdmin

from . import services
from .models import RAISING_KINDS, RECEIVING_KINDS, Referral, ReferralMessage, ReferralStatus

SAYS = ["title", "need", "evidence", "evidence_url", "wards", "is_public", "raised_by", "raised_on"]
ANSWER = ["status", "outcome", "plan", "action", "reasons", "passed_to"]


class ReferralAdminForm(forms.ModelForm):
    # A link typed without its scheme is taken for https; the model's check then
    # keeps it to a web address.
    evidence_url = forms.URLField(
        label="Link to the evidence",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=Referral._meta.get_field("evidence_url").help_text,
    )

    class Meta:
        model = Referral
        fields = ["from_body", "to_body", *SAYS, *ANSWER]

    def clean_status(self):
        status = self.cleaned_data.get("status")
        stored = self.instance.pk and Referral.objects.filter(pk=self.instance.pk).first()
        if stored and stored.status != ReferralStatus.OPEN and status != stored.status:
            raise forms.ValidationError("A referral is answered once: its answer stays.")
        return status


class MessageInline(admin.TabularInline):
    model = ReferralMessage
    fields = ["speaks_for", "author", "text", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Referral)
class ReferralAdmin(HistoryAdmin):
    form = ReferralAdminForm
    list_display = ["title", "from_body", "to_body", "status", "is_public", "raised_on"]
    list_filter = ["status", "is_public", "from_body", "to_body"]
    list_select_related = ["from_body", "to_body"]
    search_fields = ["title", "need", "evidence"]
    date_hierarchy = "raised_on"
    filter_horizontal = ["wards"]
    inlines = [MessageInline]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kinds = {"from_body": RAISING_KINDS, "to_body": RECEIVING_KINDS}
        kinds["passed_to"] = RECEIVING_KINDS
        if db_field.name in kinds:
            kwargs["queryset"] = db_field.related_model.objects.filter(
                kind__in=kinds[db_field.name]
            ).order_by("name")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_fieldsets(self, request, obj=None):
        says = ("The referral", {"fields": ["from_body", "to_body", *SAYS]})
        if obj is None:
            return [says]
        answer = [*ANSWER, "answered_by", "answered_on", "passed_from"]
        return [
            says,
            (
                "The answer",
                {
                    "fields": answer,
                    "description": "Answer an open referral for the body it is raised to: "
                    "accept it into one of that body's plans, decline it with reasons, or "
                    "pass it on. A referral is answered once.",
                },
            ),
        ]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        fixed = ["from_body", "to_body", "answered_by", "answered_on", "passed_from"]
        # As stored: the form being shown again may hold an answer not yet saved.
        is_open = Referral.objects.filter(pk=obj.pk, status=ReferralStatus.OPEN).exists()
        return fixed if is_open else [*fixed, *ANSWER]

    def save_model(self, request, obj, form, change) -> None:
        data = form.cleaned_data
        if not change:
            referral = services.referral_raise(
                from_body=obj.from_body,
                to_body=obj.to_body,
                title=obj.title,
                need=obj.need,
                evidence=obj.evidence,
                evidence_url=obj.evidence_url,
                wards=data.get("wards") or [],
                is_public=obj.is_public,
                by=request.user,
                raised_by=obj.raised_by,
                on=obj.raised_on,
            )
            obj.pk = referral.pk
            return
        stored = Referral.objects.get(pk=obj.pk)
        services.referral_update(
            referral=obj,
            wards=data.get("wards"),
            **{name: getattr(obj, name) for name in SAYS if name != "wards"},
        )
        if stored.is_open and obj.status != ReferralStatus.OPEN:
            services.referral_answer(
                referral=obj,
                decision=obj.status,
                outcome=obj.outcome,
                plan=obj.plan,
                action=obj.action,
                reasons=obj.reasons,
                passed_to=obj.passed_to,
                by=request.user,
            )

    def save_related(self, request, form, formsets, change) -> None:
        # The wards were set by the service (not ``form.save_m2m()``); the thread's
        # inline is read only, saved only for the admin's record of the change.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)
