"""The outbox: every message PACE sends, kept so officers can see what went, what is
waiting and what failed, and why."""

from django.db import models


class MessageStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to be sent"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


class Message(models.Model):
    to = models.EmailField()
    subject = models.CharField(max_length=200)
    text = models.TextField()
    html = models.TextField()
    #: Stable across retries, so a message sent twice is recognisably one.
    message_id = models.CharField(max_length=200, unique=True)
    #: What the message is about, e.g. "minutes:12": one message a recipient and topic.
    topic = models.CharField(max_length=100)
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

    def __str__(self) -> str:
        return f"{self.subject} to {self.to}"
