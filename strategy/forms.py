import uuid

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils import timezone

from strategy.models import ProgressUpdate, Rag

#: Longer than any update needs to be (about two pages), and short enough for the
#: dashboard, the exception reports and the annual report's PDF.
NARRATIVE_MAX_LENGTH = 5000


class ProgressUpdateForm(forms.ModelForm):
    """A board member's progress update. ``submission_key`` is issued with the empty
    form, so that posting the same form twice records one update."""

    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)

    class Meta:
        model = ProgressUpdate
        fields = ["reported_on", "rag", "narrative", "measured_value"]
        labels = {
            "reported_on": "Date of update",
            "rag": "How is the action going?",
            "narrative": "What has been done, and what happens next?",
            "measured_value": "Latest measured value (optional)",
        }
        error_messages = {
            "reported_on": {
                "required": "Enter the date of the update",
                "invalid": "Enter a real date, like 12/07/2016",
            },
            "rag": {
                "required": "Select how the action is going",
                "invalid_choice": "Select red, amber or green",
            },
            "narrative": {"required": "Say what has been done and what happens next"},
            "measured_value": {"invalid": "Enter the measured value as a number, like 12.5"},
        }

    def __init__(self, *args, action=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        self.fields["reported_on"].input_formats = ["%d/%m/%Y", "%Y-%m-%d"]
        self.fields["reported_on"].help_text = "For example, 12/07/2016"
        self.fields["rag"].choices = Rag.choices
        self.fields["narrative"].validators.append(
            MaxLengthValidator(
                NARRATIVE_MAX_LENGTH,
                message="Keep the update to %(limit_value)s characters or fewer "
                "(it has %(show_value)s)",
            )
        )
        if not self.is_bound:
            # The unsaved instance puts None in ``initial``; offer today, written the
            # way the field reads it back.
            self.initial["reported_on"] = timezone.localdate().strftime("%d/%m/%Y")
            self.initial["submission_key"] = uuid.uuid4().hex

    def clean_reported_on(self):
        day = self.cleaned_data["reported_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("The date of the update cannot be in the future")
        if self.action is not None and day < self.action.plan.starts_on:
            raise forms.ValidationError(
                "The date of the update must be on or after the plan starts (%(start)s)",
                params={"start": self.action.plan.starts_on.strftime("%-d %B %Y")},
            )
        return day

    def clean_measured_value(self):
        value = self.cleaned_data.get("measured_value")
        if value is not None and value < 0:
            raise forms.ValidationError("The measured value cannot be negative")
        return value

    def clean_submission_key(self):
        key = self.cleaned_data.get("submission_key", "")
        return key if key.isalnum() else ""


class ResolveExceptionForm(forms.Form):
    resolution = forms.CharField(
        label="How has the exception been resolved?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": "Say how the exception has been resolved"},
    )

    def clean_resolution(self):
        text = self.cleaned_data["resolution"].strip()
        if not text:
            raise forms.ValidationError("Say how the exception has been resolved")
        return text
