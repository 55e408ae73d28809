"""Forms of the online response (a question, the equality questions, saving for
later, sending) and of the officers' pages (recording a response received another
way, themes, tags, "you said, we did" from a theme).

The forms parse what was sent; what an answer may be is the question's own rule
(``Question.clean_answer``), which the services apply again when storing."""

import datetime

from django import forms
from django.core.exceptions import ValidationError

from .models import (
    PREFER_NOT_LABEL,
    AnswerData,
    ProtectedCharacteristic,
    Question,
    QuestionKind,
    ResponseChannel,
    Theme,
    YouSaidWeDid,
)
from .models.monitoring import QUESTIONS, answer_choices

PREFER_NOT = "prefer_not"
UNKNOWN_CHOICE = "Choose from the answers given."


class Honeypot(forms.Form):
    """A field people never see (the page hides it from eyes, screen readers and the
    keyboard): a program that fills every field fills it, and what it sends is held
    for moderation rather than counted."""

    website = forms.CharField(required=False, max_length=1000)


class AnswerForm(forms.Form):
    """One question's answer. ``for_saving``: the resident is saving to come back
    later, so a required question may still be blank."""

    def __init__(
        self,
        *args,
        question: Question,
        initial_answer: AnswerData | None = None,
        for_saving: bool = False,
        **kwargs,
    ) -> None:
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        self.question = question
        self.for_saving = for_saving
        self.choices = list(question.choices.all()) if question.is_choice else []
        self.answer_data = AnswerData()
        initial_answer = initial_answer or AnswerData()
        options = self._options()
        if question.kind == QuestionKind.FREE_TEXT:
            # No max_length here: the question's own rule says how long, in its words.
            self.fields["answer"] = forms.CharField(
                required=False, widget=forms.Textarea, initial=initial_answer.text
            )
            if question.allow_prefer_not:
                self.fields[PREFER_NOT] = forms.BooleanField(
                    required=False, initial=initial_answer.prefer_not
                )
        elif question.kind == QuestionKind.SEVERAL_CHOICES:
            self.fields["answer"] = forms.MultipleChoiceField(
                required=False,
                choices=options,
                error_messages={"invalid_choice": UNKNOWN_CHOICE, "invalid_list": UNKNOWN_CHOICE},
                initial=[PREFER_NOT]
                if initial_answer.prefer_not
                else [str(c) for c in initial_answer.choices],
            )
        else:
            chosen = (
                initial_answer.value
                if question.is_scale
                else next(iter(initial_answer.choices), None)
            )
            self.fields["answer"] = forms.ChoiceField(
                required=False,
                choices=options,
                error_messages={"invalid_choice": UNKNOWN_CHOICE},
                initial=PREFER_NOT
                if initial_answer.prefer_not
                else (str(chosen) if chosen else ""),
            )

    def _options(self) -> list[tuple[str, str]]:
        if self.question.is_scale:
            options = [(str(n), label) for n, label in self.question.scale_options()]
        else:
            options = [(str(c.pk), c.label) for c in self.choices]
        if self.question.allow_prefer_not:
            options.append((PREFER_NOT, PREFER_NOT_LABEL))
        return options

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        kind = self.question.kind
        raw = data.get("answer")
        if kind == QuestionKind.FREE_TEXT:
            answer = AnswerData(text=raw or "", prefer_not=bool(data.get(PREFER_NOT)))
        elif kind == QuestionKind.SEVERAL_CHOICES:
            raw = raw or []
            answer = AnswerData(
                choices=tuple(int(v) for v in raw if v != PREFER_NOT),
                prefer_not=PREFER_NOT in raw,
            )
        elif raw == PREFER_NOT:
            answer = AnswerData(prefer_not=True)
        elif kind == QuestionKind.SCALE:
            answer = AnswerData(value=int(raw) if raw else None)
        else:
            answer = AnswerData(choices=(int(raw),) if raw else ())
        try:
            self.answer_data = self.question.clean_answer(answer, choices=self.choices)
        except ValidationError as error:
            if self.for_saving and error.code == "required":
                self.answer_data = AnswerData()
            else:
                self.add_error("answer", error)
        return data

    # What the template needs to draw the radios or checkboxes.

    def options(self) -> list[dict]:
        value = self["answer"].value()
        chosen = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value or "")}
        rows = []
        for i, (option, label) in enumerate(self.fields["answer"].choices):
            rows.append(
                {
                    "value": option,
                    "label": label,
                    "id": "answer" if i == 0 else f"answer-{i + 1}",
                    "checked": option in chosen,
                    "exclusive": option == PREFER_NOT,
                }
            )
        return rows

    def limit_hint(self) -> str:
        return f"You can enter up to {self.question.max_length:,} characters."


class MonitoringForm(forms.Form):
    """The nine equality questions, each optional, each with "Prefer not to say"."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        for characteristic in ProtectedCharacteristic:
            question, hint, _ = QUESTIONS[characteristic]
            self.fields[characteristic.value] = forms.ChoiceField(
                label=question,
                help_text=hint,
                required=False,
                choices=answer_choices(characteristic),
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": "Choose one of the answers, or leave it blank."},
            )

    def groups(self) -> list[dict]:
        rows = []
        for characteristic in ProtectedCharacteristic:
            field = self[characteristic.value]
            value = field.value() or ""
            rows.append(
                {
                    "field": field,
                    "characteristic": characteristic.label,
                    "options": [
                        {
                            "value": v,
                            "label": label,
                            "id": field.html_name if i == 0 else f"{field.html_name}-{i + 1}",
                            "checked": v == value,
                        }
                        for i, (v, label) in enumerate(answer_choices(characteristic))
                    ],
                }
            )
        return rows


class SaveForm(Honeypot):
    # Longer than an address may be, so the service's own message explains the limit.
    email = forms.CharField(label="Your e-mail address", max_length=1000, required=False)


class SubmitForm(Honeypot):
    pass


# --- Officers ---------------------------------------------------------------------------


class RecordResponseForm(forms.Form):
    """The way a response came and when; its answers are one ``AnswerForm`` a
    question (prefix ``q<n>``)."""

    channel = forms.ChoiceField(
        label="How it was received",
        choices=[c for c in ResponseChannel.choices if c[0] != ResponseChannel.ONLINE],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the response was received."},
    )
    received_on = forms.DateField(
        label="Received on",
        initial=datetime.date.today,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "Give the date it was received."},
    )


class ThemeForm(forms.ModelForm):
    class Meta:
        model = Theme
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class FeedbackFromThemeForm(forms.Form):
    you_said = forms.CharField(label="You said", widget=forms.Textarea(attrs={"rows": 3}))
    we_did = forms.CharField(label="We did", widget=forms.Textarea(attrs={"rows": 3}))


class LinkFeedbackForm(forms.Form):
    """Link a theme to a "you said, we did" point of its consultation (or none).
    ``points``: the consultation's points, read once for every theme's form."""

    feedback = forms.TypedChoiceField(
        label='Answered by the "you said, we did" point',
        coerce=int,
        required=False,
        empty_value=None,
    )

    def __init__(self, *args, points: list[YouSaidWeDid], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.points = {point.pk: point for point in points}
        self.fields["feedback"].choices = [("", "— none —")] + [
            (point.pk, str(point)) for point in points
        ]

    def clean_feedback(self):
        pk = self.cleaned_data["feedback"]
        return self.points.get(pk) if pk is not None else None
