"""Writes to partners' resource commitments (agreement 5.1). A commitment of money to
a fund is checked against what the fund can take with the fund's row locked, the
order every writer to a fund takes (``awards.lock_fund``)."""

from django.db import transaction

from partnerships.services import delete_or_refuse, unchanged

from ..models import ResourceCommitment
from .awards import lock_fund


def commitment_save(*, commitment: ResourceCommitment) -> ResourceCommitment:
    """Create or change a commitment. Money committed to a fund never adds up to more
    than the fund; saving what is already stored changes nothing."""
    with transaction.atomic():
        if commitment.fund_id is not None:
            commitment.fund = lock_fund(commitment.fund_id)
        commitment.full_clean()
        if unchanged(commitment):
            return commitment
        commitment.save()
    return commitment


def commitment_delete(*, commitment: ResourceCommitment) -> None:
    with transaction.atomic():
        delete_or_refuse(commitment)
