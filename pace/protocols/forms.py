"""The public forms for a complaint and a whistle-blowing report. They only gather
what was typed, with the limits stated on the page; the rules (routing, the flood
limits, what is required) are ``services``'."""

from django import forms
from django.core.exceptions import ValidationError

from pace.core.forms import HoneypotMixin
from pace.core.limits import clean_email
from partnerships.models import Body

from .models import DETAILS_MAX, NAME_MAX, SUMMARY_MAX


def _bodies():
    return Body.objects.current().order_by("tree_id", "lft")


class _CaseForm(HoneypotMixin):
    about_body = forms.ModelChoiceField(
        queryset=Body.objects.none(),
        required=False,
        label="Which part of the partnership is it about? (optional)",
        empty_label="I do not know, or it is about the partnership as a whole",
        error_messages={"invalid_choice": "Choose a body from the list."},
    )
    summary = forms.CharField(
        label="In a sentence, what is it about?",
        max_length=SUMMARY_MAX,
        error_messages={
            "required": "Enter a summary in a sentence.",
            "max_length": f"Enter a summary of {SUMMARY_MAX} characters or fewer.",
        },
    )
    details = forms.CharField(
        label="The details",
        max_length=DETAILS_MAX,
        widget=forms.Textarea,
        help_text=f"Plain text, up to {DETAILS_MAX} characters: what happened, when, and "
        "who was involved.",
        error_messages={
            "required": "Enter the details.",
            "max_length": f"The details must be {DETAILS_MAX} characters or fewer: they "
            "have %(show_value)d.",
        },
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["about_body"].queryset = _bodies()
        self.fields["about_body"].label_from_instance = lambda body: body.name


class ComplaintForm(_CaseForm):
    name = forms.CharField(
        label="Your name",
        max_length=NAME_MAX,
        error_messages={
            "required": "Enter your name.",
            "max_length": f"Enter a name of {NAME_MAX} characters or fewer.",
        },
    )
    email = forms.CharField(
        label="Your e-mail address",
        required=False,
        help_text="We use it to confirm we have your complaint and to tell you the outcome. "
        "It is never published.",
    )

    def clean_email(self) -> str:
        """Every field's errors at once: the service checks the address again."""
        try:
            return clean_email(self.cleaned_data.get("email", ""))
        except ValidationError as error:
            raise ValidationError(error.message_dict["email"]) from None


class WhistleblowingForm(_CaseForm):
    name = forms.CharField(
        label="Your name (optional)",
        required=False,
        max_length=NAME_MAX,
        help_text="You may leave it empty and report anonymously.",
        error_messages={"max_length": f"Enter a name of {NAME_MAX} characters or fewer."},
    )
    email = forms.CharField(
        label="Your e-mail address (optional)",
        required=False,
        help_text="Only if you want the officers handling your report to be able to write "
        "to you, from outside this site. We send nothing to it. It is never published.",
    )

    def clean_email(self) -> str:
        address = (self.cleaned_data.get("email") or "").strip()
        if not address:
            return ""
        try:
            return clean_email(address)
        except ValidationError as error:
            raise ValidationError(error.message_dict["email"]) from None
