"""On a cabinet report's admin form, the funds whose grants it appends. The report
belongs to the strategy app, which cannot know about funds, so the section is
added from here."""

from django.contrib import admin

from strategy.admin.reports import register_report_inline

from ..models import Fund


class ReportGrantFundInline(admin.TabularInline):
    model = Fund.cabinet_reports.through
    extra = 0
    verbose_name = "fund whose grants are appended"
    verbose_name_plural = "Appendix: grants tables for these funds"
    autocomplete_fields = ["fund"]


register_report_inline(ReportGrantFundInline)
