"""Responses to a consultation and their answers, the themes officers tag the written
answers with, and drafts a resident saved to finish later.

What residents send is theirs, not a record officers edit: no audit history is
kept of it (a copy in the history would outlive a response deleted at the
resident's request), and no public page shows any of it. A response holds no name
and no e-mail address. Only counted responses (``ResponseStatus.ACCEPTED``) count:
in the officers' summary, the exports and the Gunning checklist."""

from django.conf import settings
from django.db import models

from pace.core.history import HistoricalRecords

from .consultations import Consultation, YouSaidWeDid
from .questions import Choice, Question


class ResponseChannel(models.TextChoices):
    ONLINE = "online", "Online form"
    EMAIL = "email", "E-mail"
    POST = "post", "Post"
    EVENT = "event", "At an event"
    OTHER = "other", "Another way"


class ResponseStatus(models.TextChoices):
    ACCEPTED = "accepted", "Counted"
    HELD = "held", "Held for moderation"
    REJECTED = "rejected", "Rejected"


class HeldReason(models.TextChoices):
    NONE = "", "—"
    HONEYPOT = "honeypot", "A field people cannot see was filled in (an automated program?)"
    FLOOD = "flood", "Many responses from one connection within the hour"


class ResponseQuerySet(models.QuerySet):
    def counted(self):
        return self.filter(status=ResponseStatus.ACCEPTED)


class Response(models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, related_name="responses"
    )
    #: Shown once, on the confirmation page, so the resident can quote it.
    reference = models.CharField(max_length=12, unique=True, editable=False)
    channel = models.CharField(
        max_length=10, choices=ResponseChannel.choices, default=ResponseChannel.ONLINE
    )
    status = models.CharField(
        max_length=10, choices=ResponseStatus.choices, default=ResponseStatus.ACCEPTED
    )
    held_reason = models.CharField(
        "why it was held", max_length=10, choices=HeldReason.choices, blank=True, editable=False
    )
    received_on = models.DateField("received on")
    recorded_at = models.DateTimeField(auto_now_add=True)
    #: The officer who typed in a response received by e-mail, post or at an event.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    moderated_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        ordering = ["consultation", "-received_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(channel__in=ResponseChannel.values),
                name="response_known_channel",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ResponseStatus.values),
                name="response_known_status",
            ),
            models.CheckConstraint(
                condition=models.Q(held_reason__in=HeldReason.values),
                name="response_known_held_reason",
            ),
        ]
        indexes = [models.Index(fields=["consultation", "status"])]

    def __str__(self) -> str:
        return f"Response {self.reference}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.PROTECT, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    # Plain text, escaped wherever it is shown, never marked safe.
    text = models.TextField(blank=True)
    value = models.PositiveSmallIntegerField(null=True, blank=True)
    prefer_not = models.BooleanField(default=False)
    choices = models.ManyToManyField(Choice, through="AnswerChoice", related_name="answers")
    themes = models.ManyToManyField("Theme", related_name="answers", blank=True)

    class Meta:
        ordering = ["response", "question__position", "question"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="answer_once_per_question"
            ),
            models.CheckConstraint(
                condition=models.Q(prefer_not=False) | models.Q(text="", value__isnull=True),
                name="answer_prefer_not_alone",
            ),
        ]

    def __str__(self) -> str:
        return f"Answer to {self.question_id} in {self.response_id}"


class AnswerChoice(models.Model):
    """A choice chosen: its own table so that a choice with answers cannot be
    deleted (the answers would silently go with it)."""

    answer = models.ForeignKey(Answer, on_delete=models.PROTECT, related_name="+")
    choice = models.ForeignKey(Choice, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["answer", "choice"], name="answer_choice_once")
        ]

    def __str__(self) -> str:
        return f"Choice {self.choice_id} of answer {self.answer_id}"


class Theme(models.Model):
    """A theme officers draw from the written answers ("rural transport"), tagged on
    the answers that raise it and answered by a "you said, we did" point. A theme
    shows on the public site only through its point, once the outcome is
    published."""

    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="themes")
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    feedback = models.ForeignKey(
        YouSaidWeDid,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="themes",
        verbose_name='"you said, we did" point',
        help_text='The point that says what was done about it ("you said, we did").',
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["consultation", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "name"],
                name="theme_name_once_per_consultation",
                violation_error_message="This consultation already has a theme of that name.",
            )
        ]

    def __str__(self) -> str:
        return self.name


class SavedDraft(models.Model):
    """A response a resident saved to finish later, found again only through the
    link e-mailed to them (whose secret is kept here as a hash). No e-mail address
    is kept: it is used to send the link and is then only in the outbox. Deleted
    when the response is sent, and by a daily duty once the link has expired.
    Equality answers are never saved in a draft."""

    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    answers = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["expires_at"])]

    def __str__(self) -> str:
        return f"Saved draft of a response to {self.consultation_id}"
