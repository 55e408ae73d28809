"""What every residents' form shares: the honeypot that holds back software
without a third-party CAPTCHA, a service's errors put on the form's fields
(the GOV.UK error summary links each one to its field), and the one-time
submission key a form is issued with."""

import re
import uuid

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


#: The hidden field that carries a form's one-time submission key.
SUBMISSION_KEY_FIELD = "submission_key"
#: A submission key as its hidden field shows it on a page: the field's name and
#: the key (groups 1 and 2 are what stands either side of it).
SUBMISSION_KEY_ON_PAGE = re.compile(rf'(name="{SUBMISSION_KEY_FIELD}" value=")[0-9a-f]{{32}}(")')


def new_submission_key() -> str:
    """A key issued with an empty form, so that posting it twice (a double click,
    a resent form) records one thing. Kept pages find it by
    ``SUBMISSION_KEY_ON_PAGE`` and put a new one in its place for each reader."""
    return uuid.uuid4().hex
