from django import forms

from .models import Fund, Mechanism


class FundingFilterForm(forms.Form):
    """Filters for /funding/: only values from these lists are accepted."""

    year = forms.ChoiceField(
        label="Financial year",
        required=False,
        error_messages={"invalid_choice": "Choose a financial year from the list."},
    )
    fund = forms.ChoiceField(
        label="Fund",
        required=False,
        error_messages={"invalid_choice": "Choose a fund from the list."},
    )
    mechanism = forms.ChoiceField(
        label="How it was awarded",
        required=False,
        choices=[("", "Any way")] + list(Mechanism.choices),
        error_messages={"invalid_choice": "Choose a way of awarding from the list."},
    )

    def __init__(self, *args, funds: list[Fund], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        years = sorted({fund.financial_year for fund in funds}, reverse=True)
        self.fields["year"].choices = [("", "Any year")] + [(y, y) for y in years]
        self.fields["fund"].choices = [("", "Any fund")] + [
            (str(fund.pk), f"{fund.name} ({fund.financial_year})") for fund in funds
        ]

    def filters(self) -> dict[str, str]:
        """The valid filters as queryset lookups; none if any value is not allowed."""
        if not self.is_bound or not self.is_valid():
            return {}
        data = self.cleaned_data
        lookups = {
            "fund__financial_year": data.get("year"),
            "fund_id": data.get("fund"),
            "fund__mechanism": data.get("mechanism"),
        }
        return {key: value for key, value in lookups.items() if value}
