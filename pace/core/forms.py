"""What every residents' form shares: the honeypot that holds back software
without a third-party CAPTCHA, and a service's errors put on the form's fields
(the GOV.UK error summary links each one to its field)."""

from django import forms
from django.core.exceptions import ValidationError


class HoneypotMixin(forms.Form):
    """A field people never see or fill (it is off-screen and out of the tab order,
    and its label says to leave it empty); software that fills in every field
    does. A form sent with it filled is answered as if it worked, and dropped."""

    website = forms.CharField(required=False, label="Leave this field empty")

    def is_spam(self) -> bool:
        return bool((self.data.get("website") or "").strip())


def add_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's errors on the form's fields (or above them, for the rest)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
