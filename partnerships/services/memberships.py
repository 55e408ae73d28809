"""Joining and leaving bodies."""

import datetime

from django.db import transaction

from ..models import Body, Membership, Person, RegisteredInterest
from .permissions import member_permissions_sync


def membership_save(*, membership: Membership) -> Membership:
    """Create or change a membership after checking the body's rules (one chair, the
    Area Management Group's limit of ten and its partner chair), then bring the
    person's permissions into line. The body's row is locked while the rules are
    checked, so two officers adding the eleventh member at once cannot both succeed."""
    with transaction.atomic():
        Body.objects.select_for_update().filter(pk=membership.body_id).first()
        previous_person_id = (
            Membership.objects.filter(pk=membership.pk).values_list("person_id", flat=True).first()
            if membership.pk
            else None
        )
        membership.full_clean()
        membership.save()
        _sync_people({membership.person_id, previous_person_id})
    return membership


def membership_end(*, membership: Membership, on: datetime.date) -> Membership:
    """End a membership on ``on`` (the last day served)."""
    membership.ends_on = on
    return membership_save(membership=membership)


def membership_delete(*, membership: Membership) -> None:
    """Remove a membership recorded in error. (A person who leaves has their
    membership ended, which keeps the record of who sat where.)"""
    with transaction.atomic():
        person_id = membership.person_id
        membership.delete()
        _sync_people({person_id})


def _sync_people(person_ids: set[int | None]) -> None:
    for person in Person.objects.filter(pk__in=person_ids - {None}).select_related("user"):
        member_permissions_sync(user=person.user)


def registered_interest_save(*, interest: RegisteredInterest) -> RegisteredInterest:
    """Register an interest, or change one (ending it when it ends): checked, with a
    message on the field that is wrong, and kept in its history."""
    with transaction.atomic():
        interest.full_clean()
        interest.save()
    return interest


def registered_interest_delete(*, interest: RegisteredInterest) -> None:
    """Take back an entry made in error (its history keeps it); an interest that
    ended is given its end date instead."""
    interest.delete()


def person_save(*, person: Person) -> Person:
    """Save a person; if their login changed, the old login loses the person's body
    permissions and the new one gains them."""
    with transaction.atomic():
        previous_user = (
            Person.objects.filter(pk=person.pk).select_related("user").first().user
            if person.pk
            else None
        )
        person.full_clean()
        person.save()
        if previous_user is not None and previous_user.pk != person.user_id:
            member_permissions_sync(user=previous_user)
        member_permissions_sync(user=person.user)
    return person
