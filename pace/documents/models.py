from django.db import models


class StoredDocument(models.Model):
    """The latest build of one whole-data document (``pace.documents.registry``):
    its file, kept gzipped too, and when it was built. Not a partnership record:
    made only by the worker from the records, so it is neither backed up nor
    watched for changes (a build is never a change to the data)."""

    name = models.CharField(max_length=60, unique=True)
    content = models.FileField(upload_to="documents/", max_length=200)
    compressed = models.FileField(upload_to="documents/", max_length=200)
    etag = models.CharField(max_length=64, help_text="A digest of the content.")
    size = models.PositiveBigIntegerField()
    compressed_size = models.PositiveBigIntegerField()
    built_at = models.DateTimeField(
        help_text="When the build read the records: the document holds every change "
        "committed before it."
    )
    build_seconds = models.FloatField()

    class Meta:
        ordering = ["name"]
        verbose_name = "stored document"

    def __str__(self) -> str:
        return self.name
