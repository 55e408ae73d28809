"""Consultations have moved to their own app, rows, history and content types
included (``consultations.0002``): the old tables go, those that refer to others
first."""

from django.db import migrations

MOVED = [
    "HistoricalConsultation_audiences",
    "HistoricalAudience",
    "HistoricalCharacteristicImpact",
    "HistoricalConsultation",
    "HistoricalConsultationDocument",
    "HistoricalEqualityImpactAssessment",
    "HistoricalYouSaidWeDid",
    "StrategyAssessmentCheck",
    "CharacteristicImpact",
    "EqualityImpactAssessment",
    "ConsultationDocument",
    "YouSaidWeDid",
    "Consultation",
    "Audience",
]


class Migration(migrations.Migration):
    dependencies = [
        ("strategy", "0007_release_moved_constraint_names"),
    ]

    operations = [migrations.DeleteModel(name=name) for name in MOVED]
