from django import forms

from .models import Frequency, Kind


class SubscribeForm(forms.Form):
    """The address only: what it follows comes from the page's topic, and the
    service checks both (``subscriptions.subscription_request``)."""

    # Longer than an address may be, so the service's own message explains the limit.
    email = forms.CharField(label="Your e-mail address", max_length=1000, required=False)
    topic = forms.CharField(widget=forms.HiddenInput, max_length=100, required=False)


class PreferencesForm(forms.Form):
    """One choice a kind of notice; officers alone see the officers' digest."""

    def __init__(self, *args, kinds: list[Kind], initial_choices: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in kinds:
            choices = Frequency.choices
            if kind == Kind.OFFICER_DIGEST:  # it is a digest already
                choices = [(Frequency.DAILY, "Every morning"), (Frequency.NEVER, "Never")]
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=choices,
                widget=forms.RadioSelect,
                initial=initial_choices.get(
                    kind.value,
                    Frequency.DAILY if kind == Kind.OFFICER_DIGEST else Frequency.IMMEDIATELY,
                ),
                error_messages={"required": f"Choose how often to hear about: {kind.label}."},
            )
