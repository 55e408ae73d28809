"""The referrals' forms. They gather what was typed and chosen, each choice from
the records the person may choose; the rules are the model's and the services',
whose errors the views put on these fields (``pace.core.forms.add_errors``)."""

from django import forms

from partnerships.forms import UNKNOWN_BODY, UNKNOWN_WARD, SlugChoiceField
from partnerships.models import Body, Ward

from . import selectors
from .models import RAISING_KINDS, TEXT_MAX, TITLE_MAX, ReferralStatus
from .services import ANSWERS

UNKNOWN_STATUS = "There is no such status. Choose one from the list."
CHOOSE_FROM_LIST = "Choose one from the list."


def _listed(*fields: forms.ModelChoiceField) -> None:
    """Read each field's options once, in one query: a loop over a queryset's
    choices (the template's, or ``list()``'s) counts them first, a second query.
    The choice sent is still checked against the queryset."""
    for field in fields:
        field.choices = list(iter(field.choices))


def _too_long(limit: int) -> str:
    return f"Keep it to {limit} characters or fewer: it has %(show_value)d."


def _textarea(label: str, *, required: bool, help_text: str = "", missing: str = ""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEXT_MAX,
        widget=forms.Textarea,
        help_text=help_text,
        error_messages={"required": missing, "max_length": _too_long(TEXT_MAX)},
    )


# Radios and checkboxes are written by the templates (referrals/_radios.html,
# _checkboxes.html) with the first one's id the field's, so that the error summary's
# link lands on it: Django's own radio widgets give the field no id to link to.


class ReferralFilterForm(forms.Form):
    """The public list's filters; a bad value says so and filters nothing."""

    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any status"), *ReferralStatus.choices],
        error_messages={"invalid_choice": UNKNOWN_STATUS},
    )
    from_body = SlugChoiceField(
        label="Raised by",
        queryset=Body.objects.filter(kind__in=RAISING_KINDS).order_by("name"),
        required=False,
        empty_label="Any Area Board",
        error_messages={"invalid_choice": UNKNOWN_BODY},
    )
    to_body = SlugChoiceField(
        label="Raised to",
        queryset=selectors.receiving_bodies(),
        required=False,
        empty_label="Any body",
        error_messages={"invalid_choice": UNKNOWN_BODY},
    )
    ward = SlugChoiceField(
        label="Ward",
        queryset=Ward.objects.order_by("name"),
        required=False,
        empty_label="All wards",
        error_messages={"invalid_choice": UNKNOWN_WARD},
    )


VISIBILITY = [
    ("public", "Public: residents can read it, its thread and the answer"),
    ("confidential", "Confidential: only the members of both bodies and officers"),
]


class RaiseForm(forms.Form):
    from_body = forms.ModelChoiceField(
        label="Which Area Board raises it?",
        queryset=Body.objects.none(),
        empty_label=None,
        error_messages={
            "required": "Choose the Area Board that raises it.",
            "invalid_choice": "Choose one of your Area Boards.",
        },
    )
    to_body = forms.ModelChoiceField(
        label="Which body is it for?",
        queryset=Body.objects.none(),
        empty_label="Choose a body",
        help_text="A thematic board or group, or the Leaders Board.",
        error_messages={
            "required": "Choose the body the referral is for.",
            "invalid_choice": CHOOSE_FROM_LIST,
        },
    )
    title = forms.CharField(
        label="Title",
        max_length=TITLE_MAX,
        help_text="A short name for the need, such as “Safe walking routes to school in Crewe”.",
        error_messages={"required": "Enter a title.", "max_length": _too_long(TITLE_MAX)},
    )
    need = _textarea(
        "What does the area need?",
        required=True,
        help_text=f"Plain text, up to {TEXT_MAX} characters.",
        missing="Say what the area needs.",
    )
    evidence = _textarea(
        "What is the evidence?",
        required=True,
        help_text="Figures, what residents said, local reports.",
        missing="Give the evidence for the need.",
    )
    evidence_url = forms.CharField(
        label="Link to the evidence (optional)",
        required=False,
        max_length=500,
        help_text="A web address starting https:// or http://.",
        error_messages={"max_length": _too_long(500)},
    )
    wards = forms.ModelMultipleChoiceField(
        label="Which wards is it about? (optional)",
        queryset=Ward.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Choose wards from the list."},
    )
    visibility = forms.ChoiceField(
        label="Who can read it?",
        choices=VISIBILITY,
        initial="public",
        error_messages={"required": "Choose who can read it."},
    )

    def __init__(self, *args, raising, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["from_body"].queryset = raising
        self.fields["to_body"].queryset = selectors.receiving_bodies()
        _listed(self.fields["from_body"], self.fields["to_body"])
        self.fields["wards"].queryset = Ward.objects.filter(area_board__in=raising).order_by("name")

    def ward_options(self) -> list[Ward]:
        return list(self.fields["wards"].queryset)

    def chosen_wards(self) -> list[str]:
        return [str(value) for value in (self["wards"].value() or [])]


class AnswerForm(forms.Form):
    """The receiving body's answer. Which of the fields below the decision count is
    the decision's: the service keeps only those."""

    status = forms.ChoiceField(
        label="What does your body decide?",
        choices=[(value, ReferralStatus(value).label) for value in ANSWERS],
        error_messages={"required": "Choose what your body decides."},
    )
    outcome = _textarea(
        "Your answer",
        required=False,
        help_text="What your body says to the Area Board, whatever it decides.",
    )
    plan = forms.ModelChoiceField(
        label="If you accept it: the plan that takes it on",
        queryset=Body.objects.none(),
        required=False,
        empty_label="Choose a plan",
        error_messages={"invalid_choice": CHOOSE_FROM_LIST},
    )
    action = forms.ModelChoiceField(
        label="and the action of that plan (optional)",
        queryset=Body.objects.none(),
        required=False,
        empty_label="No particular action",
        error_messages={"invalid_choice": CHOOSE_FROM_LIST},
    )
    reasons = _textarea(
        "If you decline it: your reasons",
        required=False,
        help_text="The Area Board reads them, and residents too if the referral is public.",
    )
    passed_to = forms.ModelChoiceField(
        label="If you pass it on: the body it goes to",
        queryset=Body.objects.none(),
        required=False,
        empty_label="Choose a body",
        error_messages={"invalid_choice": CHOOSE_FROM_LIST},
    )

    def __init__(self, *args, referral, **kwargs) -> None:
        kwargs.setdefault("prefix", "answer")
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = selectors.answer_plans(referral)
        self.fields["action"].queryset = selectors.answer_actions(referral)
        self.fields["action"].label_from_instance = lambda a: f"{a.plan.title}: {a.title}"
        self.fields["passed_to"].queryset = selectors.receiving_bodies().exclude(
            pk__in=[referral.from_body_id, referral.to_body_id]
        )
        _listed(self.fields["plan"], self.fields["action"], self.fields["passed_to"])


class MessageForm(forms.Form):
    speaks_for = forms.ModelChoiceField(
        label="Write for",
        queryset=Body.objects.none(),
        empty_label=None,
        error_messages={
            "required": "Choose the body you write for.",
            "invalid_choice": "Choose one of the two bodies of the referral.",
        },
    )
    text = _textarea(
        "Your message",
        required=True,
        missing="Enter your message.",
    )

    def __init__(self, *args, bodies: list[Body], is_public: bool, **kwargs) -> None:
        kwargs.setdefault("prefix", "message")
        super().__init__(*args, **kwargs)
        self.fields["text"].help_text = (
            "Both bodies' members and residents can read it: the referral is public."
            if is_public
            else "Only the members of both bodies and officers can read it."
        )
        self.bodies = bodies
        self.fields["speaks_for"].queryset = Body.objects.filter(pk__in=[b.pk for b in bodies])
        if len(bodies) == 1:
            self.fields["speaks_for"].initial = bodies[0].pk
