"""Form fields that pick the strategy's records in the officers' admin."""

from django import forms
from django.db.models import QuerySet

from .models import Priority


def priority_picker_queryset() -> QuerySet[Priority]:
    """Every priority with its strategy, a strategy's seven in their order."""
    return Priority.objects.select_related("strategy").order_by("strategy__title", "position")


class PriorityMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Priorities, each named with its strategy. Ambition for All and its refresh
    share the seven priorities' names, so a picker that named a priority alone
    listed every name twice with nothing to tell them apart."""

    def label_from_instance(self, obj: Priority) -> str:
        return f"{obj.title} ({obj.strategy.title})"


class PriorityPickerMixin:
    """For a ModelAdmin whose model has a ``priorities`` many-to-many field."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "priorities":
            kwargs["form_class"] = PriorityMultipleChoiceField
            kwargs["queryset"] = priority_picker_queryset()
        return super().formfield_for_manytomany(db_field, request, **kwargs)
