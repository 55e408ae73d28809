from django.db import models

from pace.core.history import HistoricalRecords
from partnerships.models import Body


class GeographyKind(models.TextChoices):
    AUTHORITY = "authority", "The whole area"
    AREA = "area", "Area Board area"
    WARD = "ward", "Ward"


class Geography(models.Model):
    """A place an indicator is reported for: the council's whole area, an Area
    Board's area or a ward, each within the one above it (``parent``)."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=12, choices=GeographyKind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="within",
    )
    code = models.CharField(
        "statistical code",
        max_length=12,
        blank=True,
        help_text="The Office for National Statistics code, for example E06000049.",
    )
    body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="geographies",
        help_text="The Area Board whose area this is, if any.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "geographies"

    def __str__(self) -> str:
        return self.name

    def within(self, other: "Geography", places: dict[int, "Geography"]) -> bool:
        """Whether this is ``other`` or inside it, walking up ``places`` (every
        geography by id: the table is small)."""
        here: Geography | None = self
        while here is not None:
            if here.pk == other.pk:
                return True
            here = places.get(here.parent_id) if here.parent_id else None
        return False
