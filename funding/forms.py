"""The filters of ``/funding/``, read from the query string. Bad input gives a
message on the field that is wrong, and that field alone filters nothing
(``partnerships.forms.valid_choices``)."""

from django import forms

from partnerships.forms import SlugChoiceField
from partnerships.models import Body, BodyKind, Organisation, Ward

from .models import COUNTING_STATUSES, Fund, Mechanism, ResourceKind


class FundingFilterForm(forms.Form):
    """Filters for /funding/: only values from these lists are accepted."""

    area = SlugChoiceField(
        label="Area",
        queryset=Body.objects.filter(kind=BodyKind.AREA_BOARD).order_by("name"),
        required=False,
        empty_label="Any area",
        help_text="Grants an Area Board decided, and grants to the bodies in its area.",
        error_messages={"invalid_choice": "Choose an area from the list."},
    )
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
    ward = SlugChoiceField(
        label="Ward",
        queryset=Ward.objects.order_by("name"),
        required=False,
        empty_label="Any ward",
        help_text="Grants whose residents are in the ward.",
        error_messages={"invalid_choice": "Choose a ward from the list."},
    )
    # Only published awards are listed: approved and paid (GrantAward.objects.public).
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Approved or paid")]
        + [(status.value, status.label) for status in COUNTING_STATUSES],
        error_messages={"invalid_choice": "Choose a status from the list."},
    )

    def __init__(self, *args, funds: list[Fund], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        years = sorted({fund.financial_year for fund in funds}, reverse=True)
        self.fields["year"].choices = [("", "Any year")] + [(y, y) for y in years]
        self.fields["fund"].choices = [("", "Any fund")] + [
            (str(fund.pk), f"{fund.name} ({fund.financial_year})") for fund in funds
        ]


class ResourceFilterForm(forms.Form):
    """Filters for /funding/resources/: only values from these lists are accepted."""

    year = forms.ChoiceField(
        label="Financial year",
        required=False,
        error_messages={"invalid_choice": "Choose a financial year from the list."},
    )
    partner = SlugChoiceField(
        label="Partner",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="Any partner",
        error_messages={"invalid_choice": "Choose a partner from the list."},
    )
    kind = forms.ChoiceField(
        label="Resource",
        required=False,
        choices=[("", "Any resource")] + list(ResourceKind.choices),
        error_messages={"invalid_choice": "Choose a kind of resource from the list."},
    )

    def __init__(self, *args, years: list[str], partners, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners
        self.fields["year"].choices = [("", "Any year")] + [(y, y) for y in years]
