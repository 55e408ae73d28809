from decimal import Decimal

from django import forms
from django.contrib import admin

from pace.core.history_admin import HistoryAdmin
from strategy.fields import PriorityPickerMixin

from .. import services
from ..models import Fund, GrantAward, format_money


class AwardInlineFormSet(forms.BaseInlineFormSet):
    """The fund's limit (``GrantAward.fund_limit_error``) across all the rows sent
    together, as each row's own validation sees only what is already stored: each
    row is checked beside the stored awards and the rows above it, so the row that
    takes the fund past its amount says so."""

    def clean(self) -> None:
        super().clean()
        fund = self.instance
        if fund.amount is None or any(form.errors for form in self.forms):
            return
        in_form = {form.instance.pk for form in self.forms if form.instance.pk}
        spent = (
            GrantAward.objects.filter(fund_id=fund.pk).exclude(pk__in=in_form).spent()
            if fund.pk
            else Decimal("0")
        )
        for form in self.forms:
            award = form.instance
            if not (form.has_changed() or award.pk) or self._should_delete_form(form):
                continue
            if not (award.counts_against_fund and award.amount):
                continue
            error = award.fund_limit_error(spent_by_others=spent)
            if error:
                form.add_error("amount", error)
            spent += award.amount


class AwardInline(admin.StackedInline):
    model = GrantAward
    formset = AwardInlineFormSet
    extra = 0
    autocomplete_fields = ["recipient_body", "recipient_organisation"]
    fields = [
        ("recipient_body", "recipient_organisation"),
        "title",
        "description",
        ("amount", "award_date", "status"),
        ("planned_start_on", "planned_end_on"),
        "conditions",
    ]
    show_change_link = True
    # Awards are withdrawn, not deleted: the record of what was offered stays.
    can_delete = False


@admin.register(Fund)
class FundAdmin(PriorityPickerMixin, HistoryAdmin):
    list_display = [
        "name",
        "financial_year",
        "mechanism",
        "budget_holder",
        "amount_shown",
        "spent_shown",
        "left_shown",
    ]
    list_filter = ["mechanism", "financial_year"]
    search_fields = ["name", "budget_holder", "decision_reference"]
    autocomplete_fields = ["decided_by"]
    filter_horizontal = ["priorities", "outcomes"]
    inlines = [AwardInline]
    fieldsets = [
        (None, {"fields": ["name", "financial_year", "amount", "mechanism", "budget_holder"]}),
        (
            "Decision",
            {"fields": ["decided_by", "approved_by", "approved_on", "decision_reference"]},
        ),
        ("What it serves", {"fields": ["description", "priorities", "outcomes"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_spent()

    @admin.display(description="amount", ordering="amount")
    def amount_shown(self, obj) -> str:
        return format_money(obj.amount)

    @admin.display(description="approved and paid", ordering="spent")
    def spent_shown(self, obj) -> str:
        return format_money(obj.spent)

    @admin.display(description="left")
    def left_shown(self, obj) -> str:
        return format_money(obj.amount - obj.spent)

    def save_model(self, request, obj, form, change) -> None:
        services.fund_save(fund=obj)

    def delete_model(self, request, obj) -> None:
        services.fund_delete(fund=obj)

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model is not GrantAward:
            return super().save_formset(request, form, formset, change)
        awards = formset.save(commit=False)
        # Withdrawals and reductions first, so the money they free is there for the rest.
        awards.sort(key=lambda a: a.counts_against_fund)
        for award in awards:
            services.award_save(award=award)
        formset.save_m2m()
