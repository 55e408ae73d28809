"""Cabinet reports: the report with its paragraphs inline, numbered as they will be
printed, a preview of the web page and the PDF. Officers only (the admin)."""

from django.contrib import admin, messages
from django.db.models import Case, Count, F, IntegerField, Value, When
from django.db.models.functions import Coalesce
from django.forms import ModelChoiceField, ModelMultipleChoiceField
from django.http import HttpResponseRedirect
from django.utils.html import format_html

from pace.core.history_admin import HiddenHistoryAdmin, HistoryAdmin
from pace.core.publication_admin import CorrectionAdmin
from strategy.fields import PriorityMultipleChoiceField, priority_picker_queryset
from strategy.models import Outcome

from . import services
from .models import AnnualReport, CabinetReport, ReportParagraph, ReportStatus
from .text import ReportSection, paragraph_numbers


class OutcomeMultipleChoiceField(ModelMultipleChoiceField):
    """Outcomes, each named with its strategy (a refresh repeats its outcomes)."""

    def label_from_instance(self, obj: Outcome) -> str:
        return f"{obj.position}. {obj.title} ({obj.strategy.title})"


class ScorecardPickerMixin:
    """The scorecards appendix's pickers: outcomes and priorities with their strategy."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "scorecard_outcomes":
            kwargs["form_class"] = OutcomeMultipleChoiceField
            kwargs["queryset"] = Outcome.objects.select_related("strategy").order_by(
                "strategy__title", "position"
            )
        elif db_field.name == "scorecard_priorities":
            kwargs["form_class"] = PriorityMultipleChoiceField
            kwargs["queryset"] = priority_picker_queryset()
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ParentChoiceField(ModelChoiceField):
    numbers: dict[int, str] = {}

    def label_from_instance(self, obj: ReportParagraph) -> str:
        return f"{self.numbers.get(obj.pk, '?')} {obj}"


#: ``?section=`` for every paragraph at once.
ALL_SECTIONS = "all"


def chosen_section(request, report: CabinetReport | None) -> str | None:
    """The section whose paragraphs the report's page edits: ``?section=`` (``all``
    for every one), else the first section that has paragraphs, so that a long
    report opens one section at a time. None: every paragraph."""
    asked = request.GET.get("section", "")
    if asked in ReportSection.values:
        return asked
    if asked == ALL_SECTIONS or report is None or report.pk is None:
        return None
    present = set(report.paragraphs.values_list("section", flat=True))
    return next((s for s in ReportSection.values if s in present), None)


class ReportParagraphInline(admin.StackedInline):
    model = ReportParagraph
    extra = 1
    fields = [("number", "section", "position", "parent"), "text"]
    readonly_fields = ["number"]
    _numbers: dict[int, str] = {}
    _report_id: int | None = None

    def get_queryset(self, request):
        # In reading order: by section, then each paragraph followed by its
        # sub-paragraphs.
        section_rank = Case(
            *[When(section=s.value, then=Value(i)) for i, s in enumerate(ReportSection)],
            output_field=IntegerField(),
        )
        return (
            super()
            .get_queryset(request)
            .annotate(
                section_rank=section_rank,
                top_position=Coalesce(F("parent__position"), F("position")),
                top_pk=Coalesce(F("parent_id"), F("pk")),
                is_sub=Case(When(parent__isnull=True, then=Value(0)), default=Value(1)),
            )
            .order_by("section_rank", "top_position", "top_pk", "is_sub", "position", "pk")
        )

    def get_formset(self, request, obj=None, **kwargs):
        self._report_id = obj.pk if obj else None
        self._numbers = paragraph_numbers(obj.paragraphs.all()) if obj else {}
        self._section = chosen_section(request, obj)
        formset = super().get_formset(request, obj, **kwargs)
        section = self._section

        class OneSection(formset):
            """The chosen section's paragraphs (numbered among all of them)."""

            def get_queryset(self):
                queryset = super().get_queryset()
                return queryset.filter(section=section) if section else queryset

        return OneSection

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "section" and getattr(self, "_section", None):
            kwargs["initial"] = self._section  # a new paragraph joins the section shown
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    @admin.display(description="Number")
    def number(self, paragraph: ReportParagraph) -> str:
        return self._numbers.get(paragraph.pk, "(new)")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            kwargs["queryset"] = ReportParagraph.objects.filter(
                report_id=self._report_id, parent__isnull=True
            )
            if self._section:
                kwargs["queryset"] = kwargs["queryset"].filter(section=self._section)
            kwargs["form_class"] = ParentChoiceField
            field = super().formfield_for_foreignkey(db_field, request, **kwargs)
            field.numbers = self._numbers
            return field
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(CabinetReport)
class CabinetReportAdmin(ScorecardPickerMixin, CorrectionAdmin, HistoryAdmin):
    list_display = ["title", "committee", "meeting_on", "status", "links"]
    list_filter = ["status", "committee"]
    search_fields = ["title", "report_of", "paragraphs__text"]
    date_hierarchy = "meeting_on"
    autocomplete_fields = ["summary_bodies", "grant_funds"]
    readonly_fields = ["links"]
    actions = ["download_pdf", "publish"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "links",
                    "committee",
                    "meeting_on",
                    "report_of",
                    "title",
                    "portfolio_holder",
                    "status",
                ]
            },
        ),
        (
            "10. Contact information (published in the report)",
            {
                "fields": [
                    "contact_name",
                    "contact_designation",
                    "contact_telephone",
                    "contact_email",
                ]
            },
        ),
        (
            "Appendices drawn from live data",
            {
                "fields": [
                    "include_structure_chart",
                    "include_project_plan",
                    "include_risk_log",
                    "appendix_strategy",
                    "summary_bodies",
                    "grant_funds",
                    "scorecard_outcomes",
                    "scorecard_priorities",
                ],
                "description": "Appendices are numbered in this order when the report is shown.",
            },
        ),
    ]

    inlines = [ReportParagraphInline]
    change_form_template = "admin/reports/cabinetreport/change_form.html"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        report = self.get_object(request, object_id)
        if report is not None:
            section = chosen_section(request, report)
            counts = dict(
                report.paragraphs.values_list("section").annotate(n=Count("pk")).order_by()
            )
            extra_context = {
                **(extra_context or {}),
                "report_sections": [
                    {"value": value, "label": label, "count": counts.get(value, 0)}
                    for value, label in ReportSection.choices
                ],
                "section_shown": section or ALL_SECTIONS,
                "section_shown_label": ReportSection(section).label if section else "",
            }
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description="Preview")
    def links(self, report: CabinetReport) -> str:
        if report.pk is None:
            return "Save the report to preview it."
        links = format_html(
            '<a href="{}">Preview the web page</a> · <a href="{}">Download the PDF</a>',
            report.get_absolute_url(),
            report.get_pdf_url(),
        )
        if not report.is_published:
            return links
        return format_html("{}<br>{}", links, self.correction_link(report))

    def has_delete_permission(self, request, obj=None) -> bool:
        # A published report is a public record: it is never deleted.
        if obj is not None and obj.is_published:
            return False
        return super().has_delete_permission(request, obj)

    def delete_queryset(self, request, queryset) -> None:
        super().delete_queryset(request, queryset.exclude(status=ReportStatus.PUBLISHED))

    def save_model(self, request, obj, form, change) -> None:
        services.cabinet_report_save(report=obj)

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        report = form.instance
        # Published on this form: kept as it stands once its paragraphs are saved too.
        if report.is_published and (not change or "status" in form.changed_data):
            services.cabinet_report_publish(report=report, by=request.user)

    correction_label = "report"

    def publish_correction(self, obj, correction: str, by):
        return services.cabinet_report_correct(report=obj, correction=correction, by=by)

    def published_versions_of(self, obj) -> list:
        return services.report_versions(obj)

    def save_formset(self, request, form, formset, change) -> None:
        for paragraph in formset.save(commit=False):
            services.report_paragraph_save(paragraph=paragraph)
        for paragraph in formset.deleted_objects:
            paragraph.delete()
        formset.save_m2m()

    @admin.action(description="Download the PDF of the selected report")
    def download_pdf(self, request, queryset):
        reports = list(queryset[:2])
        if len(reports) != 1:
            self.message_user(request, "Choose one report to download.", level=messages.WARNING)
            return None
        return HttpResponseRedirect(reports[0].get_pdf_url())

    @admin.action(description="Publish the selected reports", permissions=["change"])
    def publish(self, request, queryset):
        for report in queryset:
            services.cabinet_report_publish(report=report, by=request.user)
        self.message_user(request, f"{queryset.count()} report(s) published.")


@admin.register(ReportParagraph)
class ReportParagraphAdmin(HiddenHistoryAdmin):
    """Edited on its report's page; registered for its history and restore, which
    saves through the same service as the report's page."""

    list_display = ["report", "section", "position"]
    fields = ["report", "section", "position", "parent", "text"]

    def save_model(self, request, obj, form, change) -> None:
        services.report_paragraph_save(paragraph=obj)


@admin.register(AnnualReport)
class AnnualReportAdmin(ScorecardPickerMixin, CorrectionAdmin, HistoryAdmin):
    """Recording a body's annual report as presented keeps it as it stood that day;
    after that it changes only by a correction."""

    list_display = ["body", "year", "presented_to", "presented_on"]
    list_filter = ["year"]
    search_fields = ["body__name"]
    autocomplete_fields = ["body", "presented_to"]
    readonly_fields = ["kept"]
    correction_label = "annual report"

    def get_readonly_fields(self, request, obj=None):
        # Once presented, what was presented, when and to whom stays as recorded.
        if obj is not None:
            return [
                "body",
                "year",
                "presented_to",
                "presented_on",
                "scorecard_outcomes",
                "scorecard_priorities",
                "kept",
            ]
        return ["kept"]

    @admin.display(description="as presented")
    def kept(self, report: AnnualReport) -> str:
        if report.pk is None:
            return "Kept as it stands on the day it was presented, once you save."
        return format_html(
            '<a href="{}">The report as presented (PDF)</a><br>{}',
            report.get_absolute_url(),
            self.correction_link(report),
        )

    def publish_correction(self, obj, correction: str, by):
        return services.annual_report_correct(report=obj, correction=correction, by=by)

    def published_versions_of(self, obj) -> list:
        return services.annual_report_versions(obj)

    def save_model(self, request, obj, form, change) -> None:
        if change:
            return
        # The scorecards chosen on the form are kept with the report: set before it
        # is kept, not after, as the admin would set them.
        services.annual_report_present(
            report=obj,
            by=request.user,
            scorecard_outcomes=form.cleaned_data.get("scorecard_outcomes"),
            scorecard_priorities=form.cleaned_data.get("scorecard_priorities"),
        )
