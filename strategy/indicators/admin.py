"""The officers' admin for indicators: places, indicators with their targets and
values edited on the indicator's page, values on their own list (with the CSV
import), and turn-the-curve reports. Every save goes through
``strategy.indicators.services``; the services' problems are shown on the field,
and on the inline row, they are about, and nothing is saved."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from pace.core.history_admin import HistoryAdmin
from partnerships.admin import HTTPS_LINKS
from strategy.fields import PriorityPickerMixin

from . import services, value_csv
from .curve_admin import CurveReportPublishing
from .models import CurveReport, Geography, Indicator, IndicatorTarget, IndicatorValue


def _add_problems(form: forms.BaseForm, problems: dict) -> None:
    """A service's problems on the form's fields (those a field already has an error
    for, from the form's own checks, are not said twice)."""
    for field, error in problems.items():
        name = field if field in form.fields else None
        if name is None or name not in form.errors:
            form.add_error(name, error)


class GeographyForm(forms.ModelForm):
    class Meta:
        model = Geography
        fields = ["name", "slug", "kind", "parent", "code", "body"]

    def _post_clean(self) -> None:
        super()._post_clean()
        _add_problems(self, services.geography_problems(geography=self.instance))


@admin.register(Geography)
class GeographyAdmin(HistoryAdmin):
    form = GeographyForm
    list_display = ["name", "kind", "parent", "code"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent", "body"]
    list_select_related = ["parent"]

    def save_model(self, request, obj, form, change) -> None:
        services.geography_save(geography=obj)


class IndicatorValueForm(forms.ModelForm):
    """A value: its date's rules and the rule of one value a period and place are the
    services' (``indicator_value_problems``), said on the date with the place and
    period named; so the model's own check of that constraint is left to them."""

    class Meta:
        model = IndicatorValue
        fields = ["indicator", "geography", "period_end", "value", "status", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def _get_validation_exclusions(self):
        return {*super()._get_validation_exclusions(), "period_end"}

    def validate_unique(self) -> None:
        """The services say it (on the date, naming the place and period)."""


class IndicatorValueAdminForm(IndicatorValueForm):
    """A value on its own page: checked whole by the services."""

    def _post_clean(self) -> None:
        super()._post_clean()
        if self.instance.indicator_id:
            _add_problems(self, services.indicator_value_problems(value=self.instance))


class IndicatorValueFormSet(forms.BaseInlineFormSet):
    """The values sent together on an indicator's page, checked together by the
    services (``indicator_values_problems``: each row by the value rules, and a
    period and place given twice, or already held by a stored value), each
    problem on its row and field."""

    def validate_unique(self) -> None:
        """The services check it, on the row that repeats a period and place."""

    def clean(self) -> None:
        super().clean()
        indicator = self.instance
        # The indicator's own fields have errors: its values are checked once they
        # are fixed (a value's rules need its unit, frequency and place).
        if not (indicator.unit and indicator.frequency and indicator.geography_id):
            return
        sent = [
            form
            for form in self.forms
            if form.has_changed()
            and not self._should_delete_form(form)
            and not form.errors
            and form.instance.geography_id
        ]
        deleted = [
            form.instance
            for form in self.forms
            if self._should_delete_form(form) and form.instance.pk
        ]
        found = services.indicator_values_problems(
            indicator=indicator, values=[form.instance for form in sent], deleted=deleted
        )
        for form, problems in zip(sent, found, strict=True):
            _add_problems(form, problems)


class IndicatorTargetInline(admin.TabularInline):
    model = IndicatorTarget
    extra = 0
    fields = ["target_on", "value", "note"]


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    form = IndicatorValueForm
    formset = IndicatorValueFormSet
    extra = 1
    fields = ["geography", "period_end", "value", "status", "note", "entered_by"]
    readonly_fields = ["entered_by"]
    verbose_name_plural = "values (the newest are on the list of values)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("geography", "entered_by")


class ImportLinkMixin:
    """The link to import values from a CSV file, among a changelist's object tools."""

    change_list_template = "admin/indicators/change_list_import.html"

    def import_url(self) -> str:
        return reverse("admin:indicators_indicatorvalue_import")


@admin.register(Indicator)
class IndicatorAdmin(ImportLinkMixin, PriorityPickerMixin, HistoryAdmin):
    list_display = ["title", "kind", "unit", "frequency", "geography", "owner", "is_public"]
    list_filter = ["kind", "frequency", "unit", "is_public"]
    search_fields = ["title", "slug", "definition", "source"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["geography", "owner", "plan"]
    filter_horizontal = ["outcomes", "priorities"]
    list_select_related = ["geography", "owner"]
    inlines = [IndicatorTargetInline, IndicatorValueInline]
    formfield_overrides = HTTPS_LINKS
    fieldsets = [
        (None, {"fields": ["kind", "title", "slug", "definition", "is_public"]}),
        (
            "Figures",
            {"fields": ["unit", "decimal_places", "polarity", "frequency", "geography"]},
        ),
        ("Source", {"fields": ["source", "source_url"]}),
        ("Who keeps it", {"fields": ["owner"]}),
        (
            "What it tells",
            {
                "fields": ["outcomes", "priorities", "plan", "measure_type"],
                "description": "A population indicator is for outcomes and priorities; "
                "a performance measure is for a plan, and answers one of the three "
                "questions.",
            },
        ),
        ("Baseline", {"fields": ["baseline", "baseline_on"]}),
    ]

    def save_model(self, request, obj, form, change) -> None:
        services.indicator_save(indicator=obj)

    def save_formset(self, request, form, formset, change) -> None:
        rows = formset.save(commit=False)
        if formset.model is IndicatorValue:
            for value in formset.deleted_objects:
                services.indicator_value_delete(value=value)
            for value in rows:
                services.indicator_value_save(value=value, by=request.user)
        elif formset.model is IndicatorTarget:
            for target in formset.deleted_objects:
                services.indicator_target_delete(target=target)
            for target in rows:
                services.indicator_target_save(target=target)
        formset.save_m2m()


#: The largest file of values an officer may upload: tens of thousands of rows.
MAX_IMPORT_BYTES = 2 * 1024 * 1024


class ValuesImportForm(forms.Form):
    """The CSV file of values to check. After the check, the file's text comes back
    with the confirmation (``text``), checked again before anything is saved: no
    copy is kept on the server between the two."""

    file = forms.FileField(
        label="CSV file",
        required=False,
        help_text="Up to 2 MB, saved from a spreadsheet as CSV (UTF-8).",
    )
    text = forms.CharField(widget=forms.HiddenInput, required=False, strip=False)

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload:
            if not upload.name.lower().endswith(".csv"):
                raise forms.ValidationError({"file": "Choose a CSV file (its name ends in .csv)."})
            if upload.size > MAX_IMPORT_BYTES:
                raise forms.ValidationError(
                    {"file": "The file is larger than 2 MB: split it into smaller files."}
                )
            try:
                cleaned["text"] = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise forms.ValidationError(
                    {
                        "file": "The file is not UTF-8 text: save it from the spreadsheet as "
                        "“CSV UTF-8”."
                    }
                ) from None
        elif not cleaned.get("text"):
            raise forms.ValidationError({"file": "Choose a CSV file of values."})
        elif len(cleaned["text"].encode()) > MAX_IMPORT_BYTES:
            raise forms.ValidationError({"file": "The file is larger than 2 MB."})
        return cleaned


@admin.register(IndicatorValue)
class IndicatorValueAdmin(ImportLinkMixin, HistoryAdmin):
    form = IndicatorValueAdminForm
    list_display = ["indicator", "geography", "period_end", "value", "status", "entered_by"]
    list_filter = ["status", "indicator__frequency", "indicator"]
    search_fields = ["indicator__title", "geography__name", "note"]
    autocomplete_fields = ["indicator", "geography"]
    date_hierarchy = "period_end"
    list_select_related = ["indicator", "geography", "entered_by"]
    readonly_fields = ["entered_by", "entered_at"]

    def save_model(self, request, obj, form, change) -> None:
        services.indicator_value_save(value=obj, by=request.user)

    def delete_model(self, request, obj) -> None:
        services.indicator_value_delete(value=obj)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("import/", view(self.import_view), name="indicators_indicatorvalue_import"),
            path(
                "import-template.csv",
                view(self.import_template_view),
                name="indicators_indicatorvalue_import_template",
            ),
        ] + super().get_urls()

    def has_import_permission(self, request) -> bool:
        # An import adds values and replaces provisional ones.
        return self.has_add_permission(request) and self.has_change_permission(request)

    def import_template_view(self, request):
        """An empty CSV with the columns the import reads, to fill in."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        response = HttpResponse(value_csv.template_csv(), content_type="text/csv")
        response["Content-Disposition"] = 'attachment; filename="indicator-values-template.csv"'
        return response

    def import_view(self, request):
        """Check a file (the dry run: nothing saved), then import it on confirmation,
        all its rows in one transaction, or none."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = ValuesImportForm(request.POST or None, request.FILES or None)
        result = None
        if request.method == "POST" and form.is_valid():
            confirm = "confirm" in request.POST and not request.FILES
            result = services.indicator_values_import(
                text=form.cleaned_data["text"], by=request.user, save=confirm
            )
            if result.saved:
                self.message_user(request, _imported_text(result), level=messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:indicators_indicatorvalue_changelist"))
            if confirm:
                self.message_user(
                    request,
                    "Nothing was imported: the file no longer passes the check (see below).",
                    level=messages.ERROR,
                )
            if result.ok:
                form = ValuesImportForm(initial={"text": form.cleaned_data["text"]})
        return TemplateResponse(
            request,
            "admin/indicators/indicatorvalue/import.html",
            self._import_context(request, form, result),
        )

    def _import_context(self, request, form, result) -> dict:
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Import indicator values from a CSV file",
            "form": form,
            "result": result,
            "columns": value_csv.COLUMNS,
        }


def _imported_text(result) -> str:
    new, replaced = result.new_count, result.replaced_count
    text = f"Imported {new} new value{'s' if new != 1 else ''}"
    if replaced:
        text += f" and replaced {replaced} provisional value{'s' if replaced != 1 else ''}"
    return text + "."


class CurveReportForm(forms.ModelForm):
    class Meta:
        model = CurveReport
        fields = [
            "indicator",
            "body",
            "title",
            "story",
            "partners",
            "what_works",
            "action_plan",
            "plan",
        ]


@admin.register(CurveReport)
class CurveReportAdmin(CurveReportPublishing, HistoryAdmin):
    """A turn-the-curve report's text. Publishing is an action of its own (through
    ``services.curve_report_publish``), added beside this form: ``actions`` and
    ``readonly_fields`` are the places to add it."""

    form = CurveReportForm
    list_display = ["title", "indicator", "body", "status", "published_on"]
    list_filter = ["status"]
    search_fields = ["title", "indicator__title", "body__name"]
    autocomplete_fields = ["indicator", "body", "plan"]
    list_select_related = ["indicator", "body"]
    readonly_fields = ["status", "published_on", "publication"]
    fieldsets = [
        (None, {"fields": ["indicator", "body", "title", "plan"]}),
        ("The report", {"fields": ["story", "partners", "what_works", "action_plan"]}),
        ("Publication", {"fields": ["status", "published_on", "publication"]}),
    ]

    def save_model(self, request, obj, form, change) -> None:
        services.curve_report_save(report=obj)
