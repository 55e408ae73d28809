"""Published versions: what PACE published as a record, kept exactly as it was.

A cabinet report once published, a set of minutes once approved, a body's annual
report once presented: each is served from here, as it was published, whatever
happens to the live data it was drawn from. It changes only by a recorded
correction, which is a new version saying what changed; every version stays public.
Rows are never updated or deleted (``save`` refuses an update).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class PublishedVersion(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    #: Which of the record's documents: "report", "minutes", "annual-report-2016".
    document = models.CharField(max_length=50)
    number = models.PositiveSmallIntegerField()
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    correction = models.TextField(
        blank=True, help_text="What this version changed, for a correction (version 2 on)."
    )
    title = models.CharField(max_length=300)
    #: The PDF's author, e.g. the council: its metadata, kept to render it later.
    author = models.CharField(max_length=200, blank=True)
    html = models.TextField(help_text="The document's text as published, rendered.")
    sha256 = models.CharField("SHA-256 of the text", max_length=64)
    #: Rendered by the worker from ``html`` after publication, and written once
    #: (``publication.version_pdf_render_now``); empty until then.
    pdf = models.FileField(upload_to="published/", blank=True)
    pdf_sha256 = models.CharField("SHA-256 of the PDF", max_length=64, blank=True)

    class Meta:
        ordering = ["content_type", "object_id", "document", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "document", "number"],
                name="published_version_once",
            ),
            models.CheckConstraint(
                condition=models.Q(number=1) | ~models.Q(correction=""),
                name="published_correction_says_what_changed",
                violation_error_message="Say what the correction changed.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}, version {self.number}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("A published version is never changed: publish a correction.")
        super().save(*args, **kwargs)

    @property
    def is_correction(self) -> bool:
        return self.number > 1
