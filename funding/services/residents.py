"""Who is a resident of an Area Board's area, and who they are for the one-vote
rule, without keeping who they are.

A resident gives an e-mail address (proved by following a link sent to it) and a
postcode; only the postcode's district (CW1, SK10) is kept, and it must be one of
the Area Board's districts (``PostcodeDistrict``, which officers edit). For the
one-vote rule a voter is a keyed hash of their normalised address and the round:
the same person always gives the same value in a round, different rounds give
unrelated values, and without the site's secret key no value can be traced to an
address. Changing ``SECRET_KEY`` during a vote would let a resident vote again: do
not change it while a round's voting is open."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.crypto import salted_hmac

from pace.core import limits

from ..models import BudgetingRound, PostcodeDistrict, district_order

IDENTITY_SALT = "pace.funding.voter"
#: A full UK postcode without its space: the outward code (district) and the
#: inward code (a digit and two letters).
POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")
#: Providers that ignore dots in the part before the @.
DOTLESS_DOMAINS = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}


def clean_email(email: str, field: str = "email") -> str:
    """The address as typed, trimmed, or a ``ValidationError`` on ``field``."""
    email = (email or "").strip()
    if not email:
        raise ValidationError(
            {field: ValidationError("Enter your e-mail address.", code="required")}
        )
    if len(email) > 254:
        raise ValidationError(
            {
                field: ValidationError(
                    "Enter an e-mail address of 254 characters or fewer.", code="max_length"
                )
            }
        )
    try:
        EmailValidator()(email)
    except ValidationError:
        raise ValidationError(
            {
                field: ValidationError(
                    "Enter an e-mail address in the right form, like name@example.com.",
                    code="invalid",
                )
            }
        ) from None
    return email


def normalise_email(email: str) -> str:
    """One form for the addresses that reach one mailbox: lower case, without a
    "+tag" before the @ (most providers deliver ``name+x@`` to ``name@``), and
    without dots before the @ where the provider ignores them."""
    local, _, domain = email.strip().lower().rpartition("@")
    local = local.split("+", 1)[0]
    if domain in DOTLESS_DOMAINS:
        local, domain = local.replace(".", ""), DOTLESS_DOMAINS[domain]
    return f"{local}@{domain}"


def allow(*, client: str, email: str) -> None:
    """Count one idea or voting link asked for from ``client`` for ``email``, under
    the one rule every residents' form follows (``pace.core.limits``), with the
    budgeting allowances (``PACE_BUDGETING_PER_CLIENT_PER_HOUR``,
    ``PACE_BUDGETING_PER_ADDRESS_PER_DAY``). The address is counted normalised, so
    ``name+x@`` counts with ``name@``."""
    limits.allow(
        kind="budgeting",
        client=client,
        address=normalise_email(email),
        per_client_hour=settings.PACE_BUDGETING_PER_CLIENT_PER_HOUR,
        per_address_day=settings.PACE_BUDGETING_PER_ADDRESS_PER_DAY,
    )


def postcode_district(postcode: str, field: str = "postcode") -> str:
    """The district (outward code) of a full UK postcode, or a ``ValidationError``."""
    compact = re.sub(r"\s+", "", postcode or "").upper()
    if not compact:
        raise ValidationError({field: ValidationError("Enter your postcode.", code="required")})
    match = POSTCODE.match(compact)
    if not match:
        raise ValidationError(
            {field: ValidationError("Enter a full postcode, like CW1 2BJ.", code="postcode_format")}
        )
    return match[1]


def check_resident(budgeting_round: BudgetingRound, district: str, field: str = "postcode"):
    """Refuse a district outside the round's Area Board's area, naming the ones in it."""
    codes = sorted(
        PostcodeDistrict.objects.filter(area_board_id=budgeting_round.area_board_id).values_list(
            "code", flat=True
        ),
        key=district_order,
    )
    if district in codes:
        return
    area = budgeting_round.area_board.name
    if codes:
        message = (
            f"{district} is not in the area of {area}. This round is for residents of "
            f"postcodes starting {', '.join(codes)}."
        )
    else:
        message = f"{area} has not listed its postcodes yet, so nobody can take part online."
    raise ValidationError({field: ValidationError(message, code="outside_area")})


def voter_identity(budgeting_round_id: int, *, email: str = "", name: str = "", postcode: str = ""):
    """The voter's identity in a round: from their e-mail address when there is one
    (online, or on paper when they give it), else from their name and full postcode
    (a paper ballot from someone without e-mail)."""
    if email:
        basis = "email:" + normalise_email(email)
    else:
        compact = re.sub(r"\s+", "", postcode).upper()
        basis = "paper:" + " ".join(name.casefold().split()) + "|" + compact
    return salted_hmac(
        IDENTITY_SALT, f"{budgeting_round_id}:{basis}", algorithm="sha256"
    ).hexdigest()
