"""Residents' alerts: an address, a topic, and whether the address confirmed it.
Nothing is sent to an address until it follows the link in the confirmation; an
unconfirmed subscription is deleted when its link expires, a confirmed one when the
resident unsubscribes, so an address is kept only while it is subscribed."""

from django.db import models


class Subscription(models.Model):
    email = models.EmailField()
    #: What is followed, e.g. "body:crewe-lap", "grants:crewe-lap", "consultations"
    #: (``topics`` says which exist and what each is called).
    topic = models.CharField(max_length=100)
    #: What the resident subscribed to, in the site's words, for the pages and e-mails.
    label = models.CharField(max_length=200)
    #: The secret in the confirmation and unsubscribe links.
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["email", "label"]
        constraints = [
            models.UniqueConstraint(fields=["email", "topic"], name="one_subscription_per_topic")
        ]
        indexes = [models.Index(fields=["topic", "confirmed_at"])]

    def __str__(self) -> str:
        return f"{self.email}: {self.label}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None
