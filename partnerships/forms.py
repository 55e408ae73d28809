"""Forms of the public pages: filters read from the query string. Bad input gives a
message on the field, never an error page."""

from django import forms

from .models import Body, Person

UNKNOWN_BODY = "There is no body with that name. Choose a body from the list."
UNKNOWN_PERSON = "There is no one of that name in the register. Choose a person from the list."


class BodyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Body) -> str:
        return obj.name


class ChoicesOnceForm(forms.Form):
    """Reads each model choice field's options once, in one query: a template loop
    over a ModelChoiceIterator would first count the rows (``len()``)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                field.choices = list(iter(field.choices))


class MeetingFilterForm(ChoicesOnceForm):
    body = BodyChoiceField(
        label="Body",
        queryset=Body.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label="All bodies",
        error_messages={"invalid_choice": UNKNOWN_BODY},
    )
    below = forms.BooleanField(
        label="Include the bodies accountable to it",
        required=False,
    )


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return obj.name


class RegisterFilterForm(MeetingFilterForm):
    person = PersonChoiceField(
        label="Person",
        queryset=Person.objects.filter(declarations__isnull=False)
        .distinct()
        .order_by("name")
        .only("pk", "name", "slug"),
        to_field_name="slug",
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
