"""The questions of a consultation's online form, which officers build in the admin:
free text, one choice, several choices, or a point on a scale, each with its help
text and, if the officer offers it, "I'd rather not say".

What a resident may answer is decided here, once (``Question.clean_answer``): the
public form, the officers' form for a response received by post and the service
that stores a response all call it, so a stale or forged answer cannot get past
the page that would have refused it."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models

from pace.core.history import HistoricalRecords

from .consultations import Consultation

PREFER_NOT_LABEL = "I'd rather not say"
#: A written answer may be this long at most, whatever the officer sets.
TEXT_LIMIT_MAX = 10000
TEXT_LIMIT_DEFAULT = 2000
SCALE_POINTS_MIN, SCALE_POINTS_MAX = 2, 11


class QuestionKind(models.TextChoices):
    FREE_TEXT = "free_text", "Free text"
    ONE_CHOICE = "one_choice", "One choice"
    SEVERAL_CHOICES = "several_choices", "Several choices"
    SCALE = "scale", "A point on a scale"


CHOICE_KINDS = (QuestionKind.ONE_CHOICE, QuestionKind.SEVERAL_CHOICES)


@dataclass(frozen=True)
class AnswerData:
    """One answer as typed or chosen, before it is stored: the text, the chosen
    choices' ids, the point on the scale, or "I'd rather not say"."""

    text: str = ""
    choices: tuple[int, ...] = field(default_factory=tuple)
    value: int | None = None
    prefer_not: bool = False

    @property
    def is_empty(self) -> bool:
        return not (self.text or self.choices or self.value is not None or self.prefer_not)

    def as_json(self) -> dict:
        return {
            "text": self.text,
            "choices": list(self.choices),
            "value": self.value,
            "prefer_not": self.prefer_not,
        }

    @classmethod
    def from_json(cls, data) -> "AnswerData":
        """From a draft kept in a session or a saved draft: anything malformed is an
        empty answer, never an error (the resident answers the question again)."""
        if not isinstance(data, dict):
            return cls()
        choices = data.get("choices") or []
        value = data.get("value")
        return cls(
            text=data.get("text") if isinstance(data.get("text"), str) else "",
            choices=tuple(c for c in choices if isinstance(c, int))
            if isinstance(choices, list)
            else (),
            value=value if isinstance(value, int) and not isinstance(value, bool) else None,
            prefer_not=data.get("prefer_not") is True,
        )


class Question(models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(default=1)
    text = models.CharField("question", max_length=300)
    help_text = models.TextField(
        blank=True,
        max_length=1000,
        help_text="Shown under the question: what it means, or why we ask.",
    )
    kind = models.CharField(max_length=20, choices=QuestionKind.choices)
    required = models.BooleanField(
        "an answer is required",
        default=False,
        help_text="Leave unticked unless the response means nothing without it (\"I'd rather "
        'not say" still counts as an answer).',
    )
    allow_prefer_not = models.BooleanField(f'offer "{PREFER_NOT_LABEL}"', default=False)
    max_length = models.PositiveIntegerField(
        "longest answer (characters)",
        default=TEXT_LIMIT_DEFAULT,
        help_text=f"Free text only; at most {TEXT_LIMIT_MAX:,}. The page tells the resident.",
    )
    scale_points = models.PositiveSmallIntegerField(
        "points on the scale",
        null=True,
        blank=True,
        help_text=f"A scale only: from {SCALE_POINTS_MIN} to {SCALE_POINTS_MAX} (1 is the lowest).",
    )
    scale_low_label = models.CharField(
        "the lowest point means", max_length=60, blank=True, help_text='e.g. "Strongly disagree"'
    )
    scale_high_label = models.CharField(
        "the highest point means", max_length=60, blank=True, help_text='e.g. "Strongly agree"'
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["consultation", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=QuestionKind.values), name="question_known_kind"
            ),
            models.CheckConstraint(
                condition=models.Q(max_length__gte=1, max_length__lte=TEXT_LIMIT_MAX),
                name="question_text_limit",
                violation_error_message=f"The longest answer is from 1 to {TEXT_LIMIT_MAX:,} "
                "characters.",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind=QuestionKind.SCALE)
                | models.Q(scale_points__gte=SCALE_POINTS_MIN, scale_points__lte=SCALE_POINTS_MAX),
                name="question_scale_points",
                violation_error_message=f"A scale has from {SCALE_POINTS_MIN} to "
                f"{SCALE_POINTS_MAX} points.",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def is_choice(self) -> bool:
        return self.kind in CHOICE_KINDS

    @property
    def is_scale(self) -> bool:
        return self.kind == QuestionKind.SCALE

    @property
    def is_free_text(self) -> bool:
        return self.kind == QuestionKind.FREE_TEXT

    def scale_options(self) -> list[tuple[int, str]]:
        """Each point of the scale with its label: "1: Strongly disagree", "2", ..."""
        points = self.scale_points or 0
        options = []
        for n in range(1, points + 1):
            meaning = (
                self.scale_low_label if n == 1 else self.scale_high_label if n == points else ""
            )
            options.append((n, f"{n}: {meaning}" if meaning else str(n)))
        return options

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        if self.kind == QuestionKind.SCALE:
            if not self.scale_points or not (
                SCALE_POINTS_MIN <= self.scale_points <= SCALE_POINTS_MAX
            ):
                errors["scale_points"] = ValidationError(
                    "Give the number of points on the scale, from %(low)s to %(high)s.",
                    code="scale_points",
                    params={"low": SCALE_POINTS_MIN, "high": SCALE_POINTS_MAX},
                )
            if not self.scale_low_label.strip():
                errors["scale_low_label"] = ValidationError(
                    'Say what the lowest point means, such as "Strongly disagree".',
                    code="scale_label",
                )
            if not self.scale_high_label.strip():
                errors["scale_high_label"] = ValidationError(
                    'Say what the highest point means, such as "Strongly agree".',
                    code="scale_label",
                )
        elif self.scale_points or self.scale_low_label or self.scale_high_label:
            errors["scale_points"] = ValidationError(
                "Only a scale has points and their meanings: clear them, or make it a scale.",
                code="scale_not_scale",
            )
        if self.kind == QuestionKind.FREE_TEXT and not (1 <= self.max_length <= TEXT_LIMIT_MAX):
            errors["max_length"] = ValidationError(
                "The longest answer is from 1 to %(max)s characters.",
                code="text_limit",
                params={"max": f"{TEXT_LIMIT_MAX:,}"},
            )
        if self.pk and self.kind:
            stored = Question.objects.filter(pk=self.pk).values_list("kind", flat=True).first()
            if stored and stored != self.kind and self.answers.exists():
                errors["kind"] = ValidationError(
                    "People have answered this question: its kind cannot change. Add a new "
                    "question instead.",
                    code="kind_answered",
                )
        if errors:
            raise ValidationError(errors)

    # --- Answers ---------------------------------------------------------------------

    def clean_answer(self, answer: AnswerData, *, choices: list["Choice"]) -> AnswerData:
        """The answer as it will be stored, or ``ValidationError`` with a message for
        the resident. ``choices``: this question's choices (already fetched). An
        empty answer to an optional question is fine (it is skipped)."""
        if answer.prefer_not:
            if not self.allow_prefer_not:
                raise ValidationError("Choose one of the answers given.", code="prefer_not_offered")
            if answer.text.strip() or answer.choices or answer.value is not None:
                raise ValidationError(
                    f'Either answer the question or choose "{PREFER_NOT_LABEL}", not both.',
                    code="prefer_not_and_answer",
                )
            return AnswerData(prefer_not=True)
        if self.kind == QuestionKind.FREE_TEXT:
            text = answer.text.strip()
            if len(text) > self.max_length:
                raise ValidationError(
                    "Your answer must be %(max)s characters or fewer (it has %(n)s).",
                    code="too_long",
                    params={"max": f"{self.max_length:,}", "n": f"{len(text):,}"},
                )
            if "\x00" in text:
                raise ValidationError("Your answer has a character we cannot keep.", code="nul")
            clean = AnswerData(text=text)
        elif self.is_choice:
            known = {choice.pk for choice in choices}
            chosen = tuple(dict.fromkeys(answer.choices))
            if any(pk not in known for pk in chosen):
                raise ValidationError("Choose from the answers given.", code="unknown_choice")
            if self.kind == QuestionKind.ONE_CHOICE and len(chosen) > 1:
                raise ValidationError("Choose one answer.", code="many_choices")
            clean = AnswerData(choices=chosen)
        else:
            if answer.value is not None and not (1 <= answer.value <= (self.scale_points or 0)):
                raise ValidationError("Choose a point on the scale.", code="off_scale")
            clean = AnswerData(value=answer.value)
        if clean.is_empty and self.required:
            raise ValidationError(self.required_message(), code="required")
        return clean

    def required_message(self) -> str:
        if self.kind == QuestionKind.FREE_TEXT:
            message = "Enter your answer"
        elif self.kind == QuestionKind.SEVERAL_CHOICES:
            message = "Select at least one answer"
        else:
            message = "Select an answer"
        if self.allow_prefer_not:
            message += f', or choose "{PREFER_NOT_LABEL}"'
        return message + "."


class Choice(models.Model):
    """One of the answers a resident may choose."""

    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="choices")
    position = models.PositiveSmallIntegerField(default=1)
    label = models.CharField(max_length=200)

    history = HistoricalRecords()

    class Meta:
        ordering = ["question", "position", "pk"]

    def __str__(self) -> str:
        return self.label
