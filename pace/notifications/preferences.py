"""What a signed-in person chose to be sent (their account page)."""

from django.db import transaction

from .models import Frequency, Kind, Preference


def preferences_of(user) -> dict[str, str]:
    return dict(Preference.objects.filter(user=user).values_list("kind", "frequency"))


@transaction.atomic
def preferences_save(*, user, choices: dict[str, str]) -> None:
    """Keep ``choices`` (kind -> frequency); kinds not named are left as they are.
    Unknown kinds or frequencies are refused before anything is written."""
    kinds, frequencies = set(Kind.values), set(Frequency.values)
    bad = [
        kind
        for kind, frequency in choices.items()
        if kind not in kinds or frequency not in frequencies
    ]
    if bad:
        raise ValueError(f"Unknown choices: {', '.join(sorted(bad))}")
    for kind, frequency in choices.items():
        Preference.objects.update_or_create(user=user, kind=kind, defaults={"frequency": frequency})
