"""Partners' resource commitments (agreement 5.1), written through
``funding.services.commitment_save``: money committed to a fund is checked against
what the fund can take, with the fund's row locked."""

from django.contrib import admin

from pace.core.history_admin import HistoryAdmin

from .. import services
from ..models import ResourceCommitment


@admin.register(ResourceCommitment)
class ResourceCommitmentAdmin(HistoryAdmin):
    list_display = ["partner", "kind", "amount", "staff_fte", "financial_year", "plan", "fund"]
    list_filter = ["kind", "financial_year"]
    list_select_related = ["partner", "plan", "fund"]
    search_fields = ["partner__name", "description", "plan__title", "fund__name"]
    autocomplete_fields = ["partner", "plan", "fund"]
    fieldsets = [
        (None, {"fields": ["partner", "kind", "financial_year", "description"]}),
        ("How much", {"fields": ["amount", "staff_fte"]}),
        ("Committed to", {"fields": ["plan", "fund"]}),
    ]

    def save_model(self, request, obj, form, change) -> None:
        services.commitment_save(commitment=obj)

    def delete_model(self, request, obj) -> None:
        services.commitment_delete(commitment=obj)
