"""The board members' form for a value of an indicator (``entry_views.value_create``).
It reads what was typed; whether the value may be saved is the services' to say
(``services.indicator_value_save``), on the field it is about."""

import datetime

from django import forms
from django.utils import timezone

from .models import Geography, Indicator, ValueStatus
from .models.indicators import next_period_end

#: What the form calls the period end in its messages.
PERIOD_END = "the date the period ends"


class DateParts(forms.MultiWidget):
    """GOV.UK's date input: day, month and year in three boxes (``<name>_0`` ...)."""

    def __init__(self) -> None:
        super().__init__([forms.TextInput(), forms.TextInput(), forms.TextInput()])

    def id_for_label(self, id_):
        # The error summary links to the first box (Django leaves a MultiWidget's
        # label pointing nowhere).
        return f"{id_}_0" if id_ else id_

    def decompress(self, value):
        if value:
            return [value.day, value.month, value.year]
        return [None, None, None]


class DatePartsField(forms.MultiValueField):
    """A date from GOV.UK's three boxes, with GOV.UK's messages for what is missing
    or not a real date."""

    widget = DateParts

    def __init__(self, *, subject: str, **kwargs) -> None:
        self.subject = subject
        parts = [forms.CharField(required=False) for _ in range(3)]
        super().__init__(parts, require_all_fields=False, required=True, **kwargs)

    def clean(self, value):
        parts = [str(part or "").strip() for part in (value or [None, None, None])]
        if not any(parts):
            raise forms.ValidationError(f"Enter {self.subject}", code="required")
        missing = [
            name for name, part in zip(("day", "month", "year"), parts, strict=True) if not part
        ]
        if missing:
            raise forms.ValidationError(
                f"{self.subject.capitalize()} must include a {' and a '.join(missing)}",
                code="incomplete",
            )
        try:
            day, month, year = (int(part) for part in parts)
            if year < 1000:
                raise ValueError
            return datetime.date(year, month, day)
        except ValueError:
            raise forms.ValidationError(
                f"{self.subject.capitalize()} must be a real date", code="invalid"
            ) from None

    def compress(self, data_list):  # clean() above does the work
        return data_list


def last_period_end(frequency: str, today: datetime.date) -> datetime.date:
    """The end of the latest period of ``frequency`` that has ended by ``today``."""
    end = next_period_end(frequency, today - datetime.timedelta(days=400))
    while (following := next_period_end(frequency, end + datetime.timedelta(days=1))) <= today:
        end = following
    return end


class ValueForm(forms.Form):
    period_end = DatePartsField(subject=PERIOD_END, label="When does the period end?")
    geography = forms.TypedChoiceField(
        label="Which place is the value for?",
        coerce=int,
        error_messages={
            "required": "Select the place the value is for",
            "invalid_choice": "Select one of the places listed",
        },
    )
    value = forms.DecimalField(
        label="Value",
        error_messages={
            "required": "Enter the value",
            "invalid": "Enter the value as a number, like 12.5",
        },
    )
    status = forms.ChoiceField(
        label="Is the value provisional or final?",
        choices=ValueStatus.choices,
        error_messages={
            "required": "Select whether the value is provisional or final",
            "invalid_choice": "Select provisional or final",
        },
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea,
        help_text="Anything a reader of the figure should know: where it comes from, "
        "or why it changed.",
        error_messages={"max_length": "Keep the note to %(limit_value)d characters or fewer"},
    )

    def __init__(self, *args, indicator: Indicator, places: list[Geography], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.places = {place.pk: place for place in places}
        self.fields["geography"].choices = [(place.pk, place.name) for place in places]
        self.fields["geography"].initial = indicator.geography_id
        example = last_period_end(indicator.frequency, timezone.localdate())
        self.fields["period_end"].help_text = (
            f"The last day of the period. {indicator.get_frequency_display()}. "
            f"For example, {example.day} {example.month} {example.year}"
        )
        self.fields["value"].label = f"Value ({indicator.unit_label})"
        self.fields["value"].help_text = (
            f"Given to {indicator.decimal_places} decimal place"
            f"{'s' if indicator.decimal_places != 1 else ''} or fewer"
            if indicator.decimal_places
            else "A whole number"
        )

    @property
    def period_end_parts(self) -> list[str]:
        """What the three date boxes show: what was typed, or nothing."""
        if self.is_bound:
            name = self.add_prefix("period_end")
            return [self.data.get(f"{name}_{i}", "") for i in range(3)]
        return ["", "", ""]

    @property
    def place(self) -> Geography | None:
        return self.places.get(self.cleaned_data.get("geography"))
