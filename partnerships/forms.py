"""Forms of the public pages: filters read from the query string. Bad input gives a
message on the field, never an error page."""

from django import forms
from django.core.exceptions import EmptyResultSet

from pace.core import fragments

from .models import Body, Ward
from .selectors import people_with_declarations

UNKNOWN_BODY = "There is no body with that name. Choose a body from the list."
UNKNOWN_WARD = "There is no ward with that name. Choose a ward from the list."
UNKNOWN_PERSON = "There is no one of that name in the register. Choose a person from the list."


def valid_choices(form) -> dict:
    """A bound filter form's valid choices; a field with an error filters nothing
    (and shows its message). An unbound form chooses nothing."""
    if not form.is_bound:
        return {}
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    return {name: data.get(name) for name in form.fields if name not in form.errors}


class SlugChoiceField(forms.ModelChoiceField):
    """A record chosen by its slug from ``queryset``. Checking a choice costs one
    query for that record alone; the page's options come from ``options()``, slugs
    and names as plain tuples. Making a model instance of each of a county's 1,000
    bodies, and looping over them in the template, was most of the meetings page's
    time on the scale data; the select itself is written by ``slug_options``."""

    def __init__(self, *, queryset, **kwargs) -> None:
        super().__init__(queryset=queryset, to_field_name="slug", **kwargs)

    def label_from_instance(self, obj) -> str:
        return obj.name

    def options(self) -> list[tuple[str, str]]:
        """Kept until the data changes (``pace.core.fragments``), keyed by the query
        itself: the same query on the same data gives the same rows to whoever
        asks, so the key says all that they depend on."""
        rows = self.queryset.values_list("slug", "name")
        try:
            sql = str(rows.query)
        except EmptyResultSet:
            return []
        return fragments.cached(
            "slug-options", reader=fragments.EVERYONE, key=(sql,), build=lambda: list(rows)
        )


class MeetingFilterForm(forms.Form):
    body = SlugChoiceField(
        label="Body",
        queryset=Body.objects.order_by("name"),
        required=False,
        empty_label="All bodies",
        error_messages={"invalid_choice": UNKNOWN_BODY},
    )
    below = forms.BooleanField(
        label="Include the bodies accountable to it",
        required=False,
    )


class MeetingListForm(MeetingFilterForm):
    """The meetings list's filters: a body, and the ward the business affects."""

    ward = SlugChoiceField(
        label="Ward",
        queryset=Ward.objects.order_by("name"),
        required=False,
        empty_label="All wards",
        error_messages={"invalid_choice": UNKNOWN_WARD},
    )


class RegisterFilterForm(MeetingFilterForm):
    person = SlugChoiceField(
        label="Person",
        queryset=people_with_declarations(),
        required=False,
        empty_label="Everyone",
        error_messages={"invalid_choice": UNKNOWN_PERSON},
    )


class YearForm(forms.Form):
    year = forms.IntegerField(
        label="Year",
        required=False,
        min_value=2000,
        max_value=2100,
        error_messages={
            "invalid": "Enter a year as four digits, like 2016.",
            "min_value": "Enter a year from 2000 to 2100.",
            "max_value": "Enter a year from 2000 to 2100.",
        },
    )


class PeriodForm(forms.Form):
    """A period of attendance on a person's page; either end may be left open."""

    since = forms.DateField(
        label="From",
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        help_text="For example, 01/04/2016",
        error_messages={"invalid": "Enter a real date, like 01/04/2016"},
    )
    until = forms.DateField(
        label="To",
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        help_text="For example, 31/03/2017",
        error_messages={"invalid": "Enter a real date, like 31/03/2017"},
    )

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", "The end of the period must be on or after its start.")
        return cleaned


class MonthForm(MeetingFilterForm):
    """A month of the meetings calendar, e.g. 2016-09; this month when left out."""

    month = forms.RegexField(
        label="Month",
        regex=r"^(19|20|21)\d\d-(0[1-9]|1[0-2])$",
        required=False,
        error_messages={"invalid": "Enter a month like 2016-09"},
    )
