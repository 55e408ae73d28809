"""The papers laid before a meeting: each agenda item's reports and documents, and
the agenda pack built from them.

A paper is public or confidential with its item (agreement 5.7): a confidential
item's papers reach only those who may see the item. Uploads are kept through
Django's storage (``STORAGES["default"]``) and served only by the paper view, which
asks who is reading; nothing under ``papers/`` or ``packs/`` is served directly.
"""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from .meetings import AgendaItem, Meeting

#: The kinds of file a paper may be, by extension: its content type and how it is
#: named to readers. What each must contain is checked by ``services.papers``.
FILE_TYPES: dict[str, tuple[str, str]] = {
    "pdf": ("application/pdf", "PDF"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word document",
    ),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Excel spreadsheet",
    ),
    "pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "PowerPoint presentation",
    ),
    "odt": ("application/vnd.oasis.opendocument.text", "OpenDocument text"),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", "OpenDocument spreadsheet"),
    "odp": ("application/vnd.oasis.opendocument.presentation", "OpenDocument presentation"),
}
_LABELS = {content_type: label for content_type, label in FILE_TYPES.values()}
_EXTENSIONS = {content_type: ext for ext, (content_type, _) in FILE_TYPES.items()}


class Paper(models.Model):
    """An uploaded document (``file``) or a link to one published elsewhere
    (``url``), never both. What an upload is was read from its content when it was
    stored (``services.papers``): ``content_type``, ``size``, ``pages`` and
    ``sha256`` describe the stored file, not the name it came with."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="paper_set")
    position = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to="papers/%Y/%m/", blank=True, max_length=300)
    url = models.URLField(
        "link", blank=True, help_text="A paper published elsewhere, instead of an upload."
    )
    content_type = models.CharField(max_length=100, blank=True, editable=False)
    size = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    pages = models.PositiveIntegerField(null=True, blank=True, editable=False)
    sha256 = models.CharField(max_length=64, blank=True, editable=False)
    added_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["agenda_item", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(~models.Q(file="") & models.Q(url=""))
                | (models.Q(file="") & ~models.Q(url="")),
                name="paper_is_a_file_or_a_link",
                violation_error_message="Upload the paper or give a link to it, not both.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        if not self.is_upload:
            return self.url
        return reverse("partnerships:paper-download", args=[self.agenda_item.meeting_id, self.pk])

    @property
    def is_upload(self) -> bool:
        return bool(self.file)

    @property
    def is_pdf(self) -> bool:
        return self.is_upload and self.content_type == "application/pdf"

    @property
    def type_label(self) -> str:
        """What the reader gets: "PDF", "Word document" ... or "Web page" for a link."""
        return _LABELS.get(self.content_type, "File") if self.is_upload else "Web page"

    @property
    def extension(self) -> str:
        return _EXTENSIONS.get(self.content_type, "bin")


class PackAudience(models.TextChoices):
    PUBLIC = "public", "Public"
    FULL = "full", "Full, with confidential items"


class AgendaPack(models.Model):
    """A meeting's agenda pack as last built by the task queue: a cover, the agenda
    and each paper in order, numbered throughout. The public pack carries the public
    items' papers; the full pack, for the body's members and officers, every item's."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="packs")
    audience = models.CharField(max_length=10, choices=PackAudience.choices)
    file = models.FileField(upload_to="packs/", max_length=300)
    pages = models.PositiveIntegerField()
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64, editable=False)
    # What the pack was built from (``packs.pack_source``): a pack whose source has
    # changed since is not served, so an item made confidential after the pack was
    # built never reaches the public through the old pack.
    source_sha256 = models.CharField(max_length=64, editable=False)
    built_at = models.DateTimeField()

    class Meta:
        ordering = ["meeting", "audience"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "audience"], name="agenda_pack_once_per_audience"
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.get_audience_display()} agenda pack"
