"""The audiences the seeds name: cabinet report 7.2.1 ("general public and
stakeholders") and 5.6.4 (residents, businesses, hard-to-reach groups, the
community, voluntary and faith sector)."""

from django.db import migrations

AUDIENCES = [
    ("general-public", "General public", "Residents of Cheshire East.", 1),
    (
        "stakeholders",
        "Stakeholders",
        "Partner organisations, the partnership's bodies and their members.",
        2,
    ),
    (
        "vcf-sector",
        "Voluntary, community and faith sector",
        "Charities, community groups and faith organisations.",
        3,
    ),
    ("businesses", "Businesses", "Local businesses and their representatives.", 4),
    (
        "hard-to-reach-groups",
        "Hard-to-reach groups",
        "People who seldom take part in consultations, reached through the groups that "
        "work with them.",
        5,
    ),
]


def seed(apps, schema_editor):
    Audience = apps.get_model("strategy", "Audience")
    for slug, name, description, position in AUDIENCES:
        Audience.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description, "position": position}
        )


def unseed(apps, schema_editor):
    Audience = apps.get_model("strategy", "Audience")
    Audience.objects.filter(slug__in=[a[0] for a in AUDIENCES], consultations__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("strategy", "0002_consultations_and_equality_assessments")]

    operations = [migrations.RunPython(seed, unseed)]
