"""Writes to the terms of reference (``models.terms``): the core terms every body
inherits, one record, and each body's own. Every door (the admin, the example data,
a revert from the history) saves through these, so each version is checked the same
way and its history row records a real change."""

from django.core.exceptions import ValidationError
from django.db import transaction

from pace.core.unchanged import unchanged

from ..models import Body, CoreTerms, TermsOfReference

#: Protocols one body receives for the whole partnership (agreement 3.2d, 3.5g-h):
#: the terms' field, and what the message calls it.
ROUTED = {
    "receives_complaints": "Complaints",
    "receives_whistleblowing": "Whistle-blowing reports",
}


def core_terms_save(*, terms: CoreTerms) -> CoreTerms:
    """Record the core terms of reference, or a new version of them. There is one
    record (its history keeps each version): a second is refused with a message."""
    with transaction.atomic():
        # The table is locked by its one row, when there is one; the first record
        # is made by an officer once, so two at the same instant are not guarded.
        others = CoreTerms.objects.select_for_update().exclude(pk=terms.pk)
        if others.exists():
            raise ValidationError(
                "The core terms of reference are recorded already: change them instead "
                "(their history keeps each version).",
                code="core_terms_once",
            )
        terms.full_clean()
        if not unchanged(terms):
            terms.save()
    return terms


def terms_save(*, terms: TermsOfReference) -> TermsOfReference:
    """Record a body's terms of reference, or a new version of them. Checked with a
    message on the field that is wrong; complaints and whistle-blowing reports are
    each routed to one body, so a second body's terms cannot take them too. The
    body's row is locked while that is checked."""
    with transaction.atomic():
        if terms.body_id is not None:
            Body.objects.select_for_update().filter(pk=terms.body_id).first()
        errors: dict[str, list[ValidationError]] = {}
        try:
            # The table's constraints are said below, each on its field.
            terms.full_clean(validate_constraints=False)
        except ValidationError as error:
            errors.update(error.update_error_dict({}))
        for field, messages in constraint_errors(terms).items():
            errors.setdefault(field, []).extend(messages)
        for field, messages in routing_errors(terms).items():
            errors.setdefault(field, []).extend(messages)
        if errors:
            raise ValidationError(errors)
        if not unchanged(terms):
            terms.save()
    return terms


def constraint_errors(terms: TermsOfReference) -> dict[str, list[ValidationError]]:
    """The table's constraints (``TermsOfReference.Meta``), on the fields they are
    about: one set of terms a body, and a wait of at least a day before an exception
    report rises. One query."""
    errors: dict[str, list[ValidationError]] = {}
    days = terms.escalate_after_days
    if days is not None and days < 1:
        errors["escalate_after_days"] = [
            ValidationError(
                "Exception reports wait at least a day before they rise.",
                code="escalate_after_a_day",
            )
        ]
    if (
        terms.body_id is not None
        and TermsOfReference.objects.filter(body_id=terms.body_id).exclude(pk=terms.pk).exists()
    ):
        errors["body"] = [
            ValidationError(
                "This body already has terms of reference: edit them.", code="terms_once"
            )
        ]
    return errors


def routing_errors(terms: TermsOfReference) -> dict[str, list[ValidationError]]:
    """Complaints and whistle-blowing reports go to one body each: the messages, on
    their fields, when ``terms`` would route them to a second body (one query each
    of them that it sets)."""
    errors: dict[str, list[ValidationError]] = {}
    for field, label in ROUTED.items():
        if not getattr(terms, field):
            continue
        taken = (
            TermsOfReference.objects.filter(**{field: True})
            .exclude(pk=terms.pk)
            .exclude(body_id=terms.body_id)
            .select_related("body")
            .first()
        )
        if taken is not None:
            errors[field] = [
                ValidationError(
                    "%(what)s are routed to %(body)s already: change its terms first.",
                    code="routed_elsewhere",
                    params={"what": label, "body": taken.body.name},
                )
            ]
    return errors
