"""The outbox: every message PACE sends, kept so officers can see what went, what is
waiting and what failed, and why; and the addresses that bounced, which are sent
nothing more."""

from django.db import models


class MessageStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to be sent"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    WITHHELD = "withheld", "Not sent: no longer entitled"


class Message(models.Model):
    to = models.EmailField()
    subject = models.CharField(max_length=200)
    text = models.TextField()
    html = models.TextField()
    #: Stable across retries, so a message sent twice is recognisably one.
    message_id = models.CharField(max_length=200, unique=True)
    #: What the message is about, e.g. "minutes:12": one message a recipient and topic.
    topic = models.CharField(max_length=100)
    #: Who may still receive it when it is sent, e.g. "member:12" (``audiences``);
    #: empty for what anyone may read.
    audience = models.CharField(max_length=60, blank=True)
    #: For residents' alerts: the one-click unsubscribe address (RFC 8058).
    unsubscribe_url = models.CharField(max_length=300, blank=True)
    status = models.CharField(
        max_length=10, choices=MessageStatus.choices, default=MessageStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["topic", "to"], name="message_once_per_topic")
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.subject} to {self.to}"


class Suppression(models.Model):
    """An address the mail server refused for good (a bounce): nothing more is sent
    to it, and any alerts it had are deleted. An officer may delete the row when
    the address works again."""

    email = models.EmailField(unique=True)
    reason = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "stopped address"

    def __str__(self) -> str:
        return self.email
