from django import forms
from django.core.validators import MaxLengthValidator
from django.utils import timezone

from pace.core.forms import SUBMISSION_KEY_FIELD, new_submission_key
from strategy.models import ActionStatus, Measure, ProgressUpdate, Rag

#: Longer than any update needs to be (about two pages), and short enough for the
#: dashboard, the exception reports and the annual report's PDF.
NARRATIVE_MAX_LENGTH = 5000


class ProgressUpdateForm(forms.ModelForm):
    """A board member's progress update. ``submission_key`` is issued with the empty
    form, so that posting the same form twice records one update."""

    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)
    status = forms.ChoiceField(
        label="What is the status of the action now?",
        # Left out, the action keeps its status (or is started, if it was not).
        required=False,
        error_messages={"invalid_choice": "Select one of the statuses offered"},
    )
    measure = forms.ModelChoiceField(
        queryset=Measure.objects.none(),
        required=False,
        label="Which measure is the value for?",
        empty_label=None,
        error_messages={"invalid_choice": "Select one of this action's measures"},
    )

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

    def __init__(self, *args, action=None, measures=None, **kwargs):
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
        # The statuses the plan's rules allow from the action's own (``Action.
        # check_status_change``), the default first; the service checks again.
        status_labels = dict(ActionStatus.choices)
        allowed = action.status_choices_with_update() if action is not None else []
        self.fields["status"].choices = [(value, status_labels[value]) for value in allowed]
        self.fields["status"].initial = allowed[0] if allowed else None
        # The value goes on a measure's series: the action's only measure, or the
        # one chosen when it has several (``measures`` is given by the view, read once).
        self.measures = list(measures or [])
        self.fields["measure"].queryset = Measure.objects.filter(
            pk__in=[m.pk for m in self.measures]
        )
        if len(self.measures) == 1:
            only = self.measures[0]
            self.fields["measured_value"].label = f"Latest value of “{only.title}” (optional)"
            self.fields[
                "measured_value"
            ].help_text = (
                f"In {only.unit}. It is added to the measure’s chart, dated with the update."
            )
        elif not self.measures:
            self.fields[
                "measured_value"
            ].help_text = (
                "This action has no measure with a chart yet: the value is kept with the update."
            )
        if not self.is_bound:
            # The unsaved instance puts None in ``initial``; offer today, written the
            # way the field reads it back.
            self.initial["reported_on"] = timezone.localdate().strftime("%d/%m/%Y")
            self.initial[SUBMISSION_KEY_FIELD] = new_submission_key()

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

    def clean_status(self):
        return self.cleaned_data.get("status") or None

    def clean_measure(self):
        measure = self.cleaned_data.get("measure")
        if measure is None and len(self.measures) == 1:
            return self.measures[0]
        return measure

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("measured_value") is not None
            and len(self.measures) > 1
            and cleaned.get("measure") is None
            and "measure" not in self.errors
        ):
            self.add_error("measure", "Select the measure the value is for")
        return cleaned

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
