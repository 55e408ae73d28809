import os
import re

import tablib
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.http import HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.safestring import SafeString
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV
from import_export.forms import ImportForm
from import_export.tmp_storages import MediaStorage

from pace.core.history_admin import HiddenHistoryAdmin, HistoryAdmin
from pace.core.spreadsheets import safe_cell
from strategy.fields import PriorityPickerMixin

from .. import selectors, services
from ..models import GrantAward, OutcomeTarget, format_money
from .resources import GrantAwardResource


class SubsidyFilter(admin.SimpleListFilter):
    title = "subsidy control"
    parameter_name = "subsidy"

    def lookups(self, request, model_admin):
        return [("review", "Flagged for review"), ("clear", "Not flagged")]

    def queryset(self, request, queryset):
        if self.value() == "review":
            return queryset.filter(needs_subsidy_review=True)
        if self.value() == "clear":
            return queryset.filter(needs_subsidy_review=False)
        return queryset


class ConflictFilter(admin.SimpleListFilter):
    title = "conflict of interest"
    parameter_name = "conflict"

    def lookups(self, request, model_admin):
        return [("flagged", "Interest flagged"), ("none", "None found")]

    def queryset(self, request, queryset):
        if self.value() == "flagged":
            return queryset.filter(has_conflict=True)
        if self.value() == "none":
            return queryset.filter(has_conflict=False)
        return queryset


class OutcomeTargetInline(admin.StackedInline):
    model = OutcomeTarget
    extra = 0
    fields = [
        "description",
        "outcome",
        ("measure", "target_value"),
        ("met_on", "evidence"),
    ]


class FormulaSafeCSV(CSV):
    """The officers' CSV export, written as the public CSV files are: a cell that a
    spreadsheet would run as a formula (=, +, -, @) is written as text
    (``pace.core.spreadsheets.safe_cell``). A recipient's name or a grant's title can come
    from anyone. django-import-export's own escaping removes a leading "=" only."""

    def export_data(self, dataset, **kwargs):
        safe = tablib.Dataset(headers=dataset.headers)
        for row in dataset:
            safe.append([safe_cell(value) for value in row])
        return super().export_data(safe, **kwargs)


#: The largest CSV of awards an officer may upload: thousands of rows, far more than
#: a year's grants, and small enough that reading it cannot tie up a server.
MAX_IMPORT_BYTES = 2 * 1024 * 1024


class AwardImportForm(ImportForm):
    """The one upload in PACE: a CSV of awards, kept only between the dry run and
    the confirmation and never served. Only ``.csv`` files of up to 2 MB."""

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError("Choose a CSV file (its name ends in .csv).")
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                "The file is larger than 2 MB: split it into smaller files."
            )
        return upload


#: What django-import-export names a file it keeps between the dry run and the import.
_KEPT_NAME = re.compile(r"^[0-9a-f]{32}$")


def _kept_upload(kept: str, name: str, storage_class=MediaStorage) -> SimpleUploadedFile | None:
    """The file a dry run kept (``MediaStorage``), as an upload to check again; None
    when the name is not one it gives or the file is gone. The kept copy is removed:
    the new check keeps its own."""
    if not _KEPT_NAME.match(kept):
        return None
    storage = storage_class(name=kept, read_mode="rb")
    try:
        data = storage.read()
        storage.remove()
    except OSError:
        return None
    name = os.path.basename(name) if name.lower().endswith(".csv") else "awards.csv"
    return SimpleUploadedFile(name, data, "text/csv")


@admin.register(GrantAward)
class GrantAwardAdmin(PriorityPickerMixin, HistoryAdmin, ImportExportModelAdmin):
    resource_classes = [GrantAwardResource]
    import_form_class = AwardImportForm
    import_template_name = "admin/funding/grantaward/import.html"
    formats = [FormulaSafeCSV]
    list_display = [
        "title",
        "recipient_shown",
        "fund",
        "amount_shown",
        "award_date",
        "status",
        "subsidy_flag",
        "conflict_flag",
    ]
    list_filter = [SubsidyFilter, ConflictFilter, "status", "fund__mechanism", "fund"]
    search_fields = ["title", "recipient_body__name", "recipient_organisation__name"]
    autocomplete_fields = ["fund", "recipient_body", "recipient_organisation"]
    filter_horizontal = ["priorities", "wards"]
    date_hierarchy = "award_date"
    list_select_related = ["fund", "recipient_body", "recipient_organisation"]
    readonly_fields = ["checks"]
    inlines = [OutcomeTargetInline]
    actions = ["approve"]
    fieldsets = [
        (None, {"fields": ["fund", ("recipient_body", "recipient_organisation"), "title"]}),
        (None, {"fields": ["description", ("amount", "award_date", "status")]}),
        (None, {"fields": [("planned_start_on", "planned_end_on"), "priorities", "wards"]}),
        ("Conditions and evidence", {"fields": ["conditions", "evidence_of_success"]}),
        ("Checks", {"fields": ["checks"]}),
    ]

    def get_queryset(self, request):
        return selectors.with_checks(super().get_queryset(request))

    def has_delete_permission(self, request, obj=None) -> bool:
        # Awards are withdrawn, not deleted: the record of what was offered stays.
        return False

    @admin.display(description="recipient")
    def recipient_shown(self, obj) -> str:
        return str(obj.recipient)

    @admin.display(description="amount", ordering="amount")
    def amount_shown(self, obj) -> str:
        return format_money(obj.amount)

    @admin.display(description="subsidy control", ordering=F("needs_subsidy_review").desc())
    def subsidy_flag(self, obj) -> str:
        if not obj.needs_subsidy_review:
            return "—"
        return f"Review: {format_money(obj.recipient_window_total)} over three years"

    @admin.display(description="conflict of interest", ordering=F("has_conflict").desc())
    def conflict_flag(self, obj) -> str:
        return "Interest flagged" if obj.has_conflict else "—"

    @admin.display(description="subsidy control and conflicts of interest")
    def checks(self, obj) -> SafeString:
        if obj is None or obj.pk is None:
            return SafeString("Shown once the award is saved.")
        award = selectors.with_checks(GrantAward.objects.filter(pk=obj.pk)).first()
        conflicts = selectors.conflicts_for([award])[award.pk]
        return render_to_string(
            "funding/_award_checks.html",
            {
                "award": award,
                "conflicts": conflicts,
                "window": selectors.subsidy_window_label(award),
                "threshold": selectors.mfa_threshold(),
            },
        )

    def save_model(self, request, obj, form, change) -> None:
        services.award_save(award=obj)

    @admin.action(description="Approve the selected awards", permissions=["change"])
    def approve(self, request, queryset) -> None:
        """Approving twice (a resent form, two officers at once) approves once."""
        for award in queryset.order_by("pk"):
            try:
                services.award_approve(award=award)
            except ValidationError as error:
                self.message_user(
                    request, f"{award.title}: {' '.join(error.messages)}", level=messages.ERROR
                )
            else:
                self.message_user(request, f"{award.title} is approved.")

    def save_formset(self, request, form, formset, change) -> None:
        targets = formset.save(commit=False)
        for target in targets:
            services.outcome_target_save(target=target)
        for target in formset.deleted_objects:
            target.delete()
        formset.save_m2m()

    def get_urls(self):
        template = self.admin_site.admin_view(self.import_template_view)
        return [
            path("import-template.csv", template, name="funding_grantaward_import_template")
        ] + super().get_urls()

    def import_template_view(self, request):
        """An empty CSV with the columns the import reads, to fill in."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        columns = [c for c in GrantAwardResource().get_export_headers() if c != "id"]
        response = HttpResponse(",".join(columns) + "\r\n", content_type="text/csv")
        response["Content-Disposition"] = 'attachment; filename="grant-awards-template.csv"'
        return response

    def import_action(self, request, **kwargs):
        """The import page; "Check the same file again" sends the name of the file the
        last check kept instead of a file, so an officer who fixed what the check
        found in PACE (a missing organisation, a fund's amount) need not choose it
        again."""
        kept = request.POST.get("kept_file", "")
        if request.method == "POST" and kept and "import_file" not in request.FILES:
            upload = _kept_upload(
                kept, request.POST.get("kept_name", ""), self.get_tmp_storage_class()
            )
            if upload is None:
                self.message_user(
                    request,
                    "The file checked last is no longer kept: choose it again.",
                    level=messages.ERROR,
                )
                return HttpResponseRedirect(reverse("admin:funding_grantaward_import"))
            request.FILES["import_file"] = upload
        return super().import_action(request, **kwargs)

    # The CSV import: one transaction for the confirmed file, as for the dry run.
    def process_dataset(self, dataset, form, request, **kwargs):
        kwargs.setdefault("rollback_on_validation_errors", True)
        return super().process_dataset(dataset, form, request, **kwargs)

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            # The data changed between the dry run and the confirmation.
            rows = ", ".join(str(row.number) for row in result.invalid_rows)
            self.message_user(
                request,
                f"Nothing was imported: rows {rows or '(see the dry run)'} are no longer valid. "
                "Upload the file again to see why.",
                level=messages.ERROR,
            )
            return HttpResponseRedirect(reverse("admin:funding_grantaward_import"))
        return super().process_result(result, request)


@admin.register(OutcomeTarget)
class OutcomeTargetAdmin(HiddenHistoryAdmin):
    """Edited on its award's page; registered for its history and restore."""

    list_display = ["description", "award", "met_on"]

    def save_model(self, request, obj, form, change) -> None:
        services.outcome_target_save(target=obj)
