from django.core.validators import URLValidator
from django.db import models
from simple_history.models import HistoricalRecords

#: Officers' links open in residents' browsers: web addresses only, never
#: ``javascript:``, ``data:`` or ``ftp:``.
web_address = URLValidator(schemes=["http", "https"], message="Enter a web address (https://…).")


class Sector(models.TextChoices):
    PUBLIC = "public", "Public sector"
    PRIVATE = "private", "Private sector and business"
    VCF = "vcf", "Voluntary, community and faith sector"
    EDUCATION = "education", "Education"
    HEALTH = "health", "Health"
    HOUSING = "housing", "Housing"
    EMERGENCY = "emergency", "Police, fire and rescue"


class Organisation(models.Model):
    """A partner organisation that people represent on the partnership's bodies.

    ``is_council`` marks the council that runs the partnership: an Area Management
    Group is chaired by someone from a partner organisation, "to demonstrate shared
    ownership", never by the council (agreement, Area Management Group: Membership).
    """

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    sector = models.CharField(max_length=20, choices=Sector.choices)
    is_council = models.BooleanField(
        "is the council",
        default=False,
        help_text="The council that runs the partnership. Only one organisation can be it.",
    )
    website = models.URLField(blank=True, validators=[web_address])
    registration_number = models.CharField(
        max_length=40, blank=True, help_text="Charity or company number, where there is one."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_council"],
                condition=models.Q(is_council=True),
                name="organisation_one_council",
                violation_error_message="Another organisation is already marked as the council.",
            )
        ]

    def __str__(self) -> str:
        return self.name
