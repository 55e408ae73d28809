"""What each signed-in person chose to receive, and how often; and what waits for
their daily digest."""

from django.conf import settings
from django.db import models


class Kind(models.TextChoices):
    """What board members and officers are told (issue: "told what needs them")."""

    EXCEPTIONS = "exceptions", "Exception reports to your bodies, and their escalation"
    REMINDERS = "reminders", "Progress updates falling due on actions you own"
    MEETINGS = "meetings", "Agendas and minutes of your bodies' meetings"
    MEMBERSHIP = "membership", "Your membership of a body ending"
    PLAN_DATES = "plan_dates", "Risk reviews and milestones falling due on your bodies' plans"
    REFERRALS = "referrals", "Referrals of local needs to and from your bodies, and their answers"
    OFFICER_DIGEST = "officer_digest", "Officers: the daily digest of what the checks flag"


class Frequency(models.TextChoices):
    IMMEDIATELY = "immediately", "At once"
    DAILY = "daily", "In one e-mail a day"
    NEVER = "never", "Never"


class Preference(models.Model):
    """A person's choice for one kind; without a row, a kind is sent at once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="notice_preferences"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    frequency = models.CharField(max_length=12, choices=Frequency.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_kind_display()}, {self.get_frequency_display()}"


class DigestItem(models.Model):
    """One line of someone's next daily digest: a subject and the page to act on.
    Checked against ``audience`` again when the digest is sent."""

    to = models.EmailField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    topic = models.CharField(max_length=100)
    subject = models.CharField(max_length=200)
    url = models.CharField(max_length=300)
    audience = models.CharField(max_length=60, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["to", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["topic", "to"], name="digest_item_once_per_topic")
        ]

    def __str__(self) -> str:
        return f"{self.subject} (for {self.to})"
