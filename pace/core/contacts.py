"""Who residents contact, and how: the partnership's own contact (its secretariat,
set for the site in settings) and the rules a contact given on a record must meet.

A body's page, a consultation's page, the accessibility statement and the privacy
notices all say who to contact; the same ``Contact`` is shown by
``templates/includes/contact.html`` wherever it appears."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError

#: A telephone number as people write it: digits, spaces, brackets, hyphens and a
#: leading plus; between 7 and 15 digits.
_TELEPHONE = re.compile(r"^\+?[\d ()\-]+$")


@dataclass(frozen=True)
class Contact:
    name: str
    email: str = ""
    telephone: str = ""
    address: str = ""
    #: Where the contact comes from when it is not the record's own: the body whose
    #: contact it is, or "" for the partnership's own contact.
    inherited_from: str = ""
    is_partnership: bool = False

    def __bool__(self) -> bool:
        return bool(self.name and (self.email or self.telephone or self.address))


def site_contact() -> Contact:
    """The partnership's own contact: the team that supports it for the council."""
    return Contact(
        name=settings.PACE_CONTACT_NAME,
        email=settings.PACE_CONTACT_EMAIL,
        telephone=settings.PACE_CONTACT_TELEPHONE,
        address=settings.PACE_CONTACT_ADDRESS,
        is_partnership=True,
    )


def record_contact(record, *, inherited_from: str = "") -> Contact:
    """The contact a record gives in its ``contact_*`` fields (blank where it has none)."""
    return Contact(
        name=record.contact_name.strip(),
        email=record.contact_email,
        telephone=record.contact_telephone.strip(),
        address=getattr(record, "contact_address", "").strip(),
        inherited_from=inherited_from,
    )


def telephone_errors(value: str) -> list[ValidationError]:
    value = value.strip()
    digits = sum(c.isdigit() for c in value)
    if value and (not _TELEPHONE.match(value) or not 7 <= digits <= 15):
        return [
            ValidationError(
                "Enter a telephone number, like 01632 960 001 or +44 1632 960 001.",
                code="telephone_invalid",
            )
        ]
    return []


def contact_errors(record) -> dict[str, list[ValidationError]]:
    """What is wrong with a contact given in a record's ``contact_*`` fields. A contact
    is optional, but one given names who (a team or a role) and at least one way to
    reach them."""
    errors: dict[str, list[ValidationError]] = {}
    ways = (record.contact_email, record.contact_telephone.strip(), record.contact_address.strip())
    if any(ways) and not record.contact_name.strip():
        errors["contact_name"] = [
            ValidationError(
                "Say who to contact (a team or a role), or clear the contact's details.",
                code="contact_missing",
            )
        ]
    elif record.contact_name.strip() and not any(ways):
        errors["contact_email"] = [
            ValidationError(
                "Give an e-mail address, a telephone number or a postal address for the contact.",
                code="contact_how_missing",
            )
        ]
    if telephone := telephone_errors(record.contact_telephone):
        errors["contact_telephone"] = telephone
    return errors
