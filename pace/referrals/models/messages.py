"""A referral's thread: messages between its two bodies, each written for one of
them (``services.referral_message_post``). Plain text, escaped where it is shown."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from mptt.models import TreeForeignKey

from pace.core.history import HistoricalRecords
from partnerships.models import Body

from .referrals import Referral, plain_text


class ReferralMessage(models.Model):
    """A message in a referral's thread, written for one of its two bodies."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="messages")
    author = models.ForeignKey(
        "partnerships.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referral_messages",
        help_text="Blank when a partnership officer wrote it.",
    )
    speaks_for = TreeForeignKey(
        Body, on_delete=models.PROTECT, related_name="referral_messages", verbose_name="for"
    )
    text = plain_text("message")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.speaks_for}: {self.text[:60]}"

    def clean(self) -> None:
        if (
            self.referral_id
            and self.speaks_for_id
            and self.speaks_for_id not in (self.referral.from_body_id, self.referral.to_body_id)
        ):
            raise ValidationError(
                {
                    "speaks_for": ValidationError(
                        "A message speaks for %(from)s or %(to)s, the two bodies of the referral.",
                        code="not_an_end",
                        params={
                            "from": self.referral.from_body.name,
                            "to": self.referral.to_body.name,
                        },
                    )
                }
            )
