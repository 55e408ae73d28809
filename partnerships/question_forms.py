"""The residents' form for a question at an Area Assembly. It only gathers what was
typed, with the limits stated on the page; the rules (which meetings take
questions, the limits per client and address) are ``services.questions``'."""

from django import forms
from django.core.exceptions import ValidationError

from pace.core.forms import HoneypotMixin
from pace.core.limits import clean_email

from .models.questions import NAME_MAX, TEXT_MAX, WHERE_MAX


class QuestionForm(HoneypotMixin):
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
        help_text="We use it to confirm we have your question and to tell you whether it "
        "is on the agenda. It is never published.",
    )
    where = forms.CharField(
        label="Your postcode or ward (optional)",
        required=False,
        max_length=WHERE_MAX,
        help_text="So we can see which part of the area your question is about. It is "
        "never published.",
        error_messages={"max_length": f"Enter {WHERE_MAX} characters or fewer."},
    )
    text = forms.CharField(
        label="Your question",
        max_length=TEXT_MAX,
        widget=forms.Textarea,
        help_text=f"Plain text, up to {TEXT_MAX} characters. Ask one question, about "
        "something the Area Assembly can act on or answer.",
        error_messages={
            "required": "Enter your question.",
            "max_length": f"Your question must be {TEXT_MAX} characters or fewer: "
            "it has %(show_value)d.",
        },
    )
    show_name = forms.BooleanField(
        label="Show my name with my question on the agenda and in the minutes",
        required=False,
        help_text="If you leave this unticked, the agenda says “A resident”.",
    )

    def clean_email(self) -> str:
        """Every field's errors at once: the service checks the address again."""
        try:
            return clean_email(self.cleaned_data.get("email", ""))
        except ValidationError as error:
            raise ValidationError(error.message_dict["email"]) from None
