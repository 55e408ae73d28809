"""Officers' view of what PACE sends: the outbox (what went, what waits, what
failed and why), the stopped addresses, residents' alerts, and the scheduled duties
with when each last ran and how it went."""

from django.contrib import admin, messages
from django.utils import timezone

from .models import Duty, Message, Subscription, Suppression
from .schedule import duty_run_now, duty_specs
from .services import address_stop
from .subscriptions import subscription_cancel


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Message)
class MessageAdmin(ReadOnlyAdmin):
    list_display = ["subject", "to", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["to", "subject", "topic"]
    readonly_fields = [f.name for f in Message._meta.fields]
    date_hierarchy = "created_at"


@admin.register(Suppression)
class SuppressionAdmin(admin.ModelAdmin):
    """An officer told of a bounce records it here; deleting a row lets the address
    be sent to again."""

    list_display = ["email", "created_at", "reason"]
    search_fields = ["email"]
    fields = ["email", "reason"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change) -> None:
        stopped = address_stop(address=obj.email, reason=obj.reason)
        obj.pk, obj.created_at = stopped.pk, stopped.created_at


@admin.register(Subscription)
class SubscriptionAdmin(ReadOnlyAdmin):
    """Residents' alerts, for answering a resident's request about their data;
    an officer may delete one."""

    list_display = ["email", "label", "confirmed_at", "created_at"]
    list_filter = [("confirmed_at", admin.EmptyFieldListFilter)]
    search_fields = ["email", "topic", "label"]
    readonly_fields = ["email", "topic", "label", "created_at", "confirmed_at"]
    exclude = ["token"]

    def delete_model(self, request, obj) -> None:
        subscription_cancel(token=obj.token)

    def delete_queryset(self, request, queryset) -> None:
        for subscription in queryset:
            subscription_cancel(token=subscription.token)


@admin.register(Duty)
class DutyAdmin(ReadOnlyAdmin):
    list_display = [
        "name",
        "what_it_does",
        "last_status",
        "last_started_at",
        "last_finished_at",
        "next_run_at",
    ]
    readonly_fields = [
        "name",
        "what_it_does",
        "last_status",
        "last_started_at",
        "last_finished_at",
        "next_run_at",
        "last_result",
    ]
    actions = ["run_now"]

    @admin.display(description="what it does")
    def what_it_does(self, duty: Duty) -> str:
        spec = duty_specs().get(duty.name)
        return f"{spec.description} Daily at {spec.at:%H:%M}." if spec else "No longer scheduled."

    @admin.action(description="Run the selected duties now")
    def run_now(self, request, queryset) -> None:
        known = duty_specs()
        names = [duty.name for duty in queryset if duty.name in known]
        for name in names:
            duty_run_now(name)
        self.message_user(
            request,
            f"Queued at {timezone.localtime():%H:%M}: {', '.join(names) or 'nothing'}.",
            messages.SUCCESS,
        )
