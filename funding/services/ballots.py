"""Voting in a participatory budgeting round: one vote per resident of the area.

Online, a resident gives their e-mail address and postcode and is sent a link
(``ballot_link_request``); the link carries, signed, the round, their identity
(a keyed hash, ``residents.voter_identity``) and their postcode district, so
nothing is stored until they vote, and following it proves the address is theirs.
On paper, at an Area Assembly, an officer records each ballot with the voter's
e-mail address if they give one, or their name, and their postcode
(``paper_ballot_record``). Both end in ``ballot_cast``, which checks the same rules
and writes, in one transaction, the voter row (who voted) and the ballot (what was
chosen, under a random id, with no link back). The voter row is unique per identity
and round, so a second ballot from the same resident, however sent and even at the
same moment as the first, fails on that constraint and rolls back with its ballot:
the first vote stands, and the resident is told so.
"""

import datetime
from collections.abc import Collection
from dataclasses import dataclass
from secrets import token_urlsafe

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from pace.core.dates import format_date
from pace.notifications.services import message_queue, site_url

from ..models import (
    Ballot,
    BallotChoice,
    BallotKind,
    BudgetingRound,
    BudgetingVoter,
    Phase,
    VoteChannel,
    format_money,
)
from .residents import (
    allow,
    check_resident,
    clean_email,
    postcode_district,
    voter_identity,
)

LINK_SALT = "pace.funding.ballot-link"


class LinkError(Exception):
    """A voting link that is wrong or expired: its message is for the resident."""


class AlreadyVoted(ValidationError):
    """The resident has voted in this round already: their first vote stands."""

    def __init__(self) -> None:
        super().__init__(
            "You have already voted in this round. Your first vote stands: this one was "
            "not counted, and nothing was changed.",
            code="already_voted",
        )


@dataclass(frozen=True)
class VotingLink:
    round_id: int
    identity: str
    district: str


def _voting_closed(budgeting_round: BudgetingRound, on: datetime.date) -> ValidationError:
    return ValidationError(
        "Voting in %(round)s is open from %(opens)s to %(closes)s.",
        code="voting_closed",
        params={
            "round": budgeting_round.name,
            "opens": format_date(budgeting_round.voting_opens_on),
            "closes": format_date(budgeting_round.voting_closes_on),
        },
    )


def ballot_link_token(link: VotingLink) -> str:
    return signing.dumps([link.round_id, link.identity, link.district], salt=LINK_SALT)


def ballot_link_read(token: str) -> VotingLink:
    """The voting link a token stands for; ``LinkError`` if it is wrong or expired."""
    days = settings.PACE_BUDGETING_LINK_DAYS
    try:
        round_id, identity, district = signing.loads(
            token[:500], salt=LINK_SALT, max_age=datetime.timedelta(days=days)
        )
    except signing.SignatureExpired:
        raise LinkError(
            f"This link has expired: links work for {days} days. Ask for a new one on the "
            "round's voting page."
        ) from None
    except (signing.BadSignature, ValueError, TypeError):
        raise LinkError(
            "This link is not right: it may have been cut short. Use the link in your latest "
            "e-mail from us, or ask for a new one on the round's voting page."
        ) from None
    return VotingLink(int(round_id), str(identity), str(district))


def has_voted(link: VotingLink) -> bool:
    return BudgetingVoter.objects.filter(round_id=link.round_id, identity=link.identity).exists()


def ballot_link_request(
    *,
    budgeting_round: BudgetingRound,
    email: str,
    postcode: str,
    client: str,
    on: datetime.date | None = None,
) -> None:
    """A resident asks to vote: check their postcode is in the area and mail them a
    voting link (or, if they have voted already, a message saying so). The answer
    on the page is the same either way, so the form tells nobody who has voted.
    Refused with a message on the field: voting not open, an address or postcode
    that is wrong or outside the area, too many requests."""
    on = on or timezone.localdate()
    if budgeting_round.phase(on) != Phase.VOTING:
        raise _voting_closed(budgeting_round, on)
    errors = {}
    try:
        email = clean_email(email)
    except ValidationError as error:
        errors |= error.message_dict
    try:
        district = postcode_district(postcode)
        check_resident(budgeting_round, district)
    except ValidationError as error:
        errors |= error.message_dict
    if errors:
        raise ValidationError(errors)
    allow(client=client, email=email)
    link = VotingLink(budgeting_round.pk, voter_identity(budgeting_round.pk, email=email), district)
    context = {
        "round": budgeting_round,
        "round_url": site_url(budgeting_round.get_absolute_url()),
        "closes": format_date(budgeting_round.voting_closes_on),
        "days": settings.PACE_BUDGETING_LINK_DAYS,
    }
    if has_voted(link):
        template, subject = "funding/email/already_voted", f"You have voted: {budgeting_round}"
    else:
        template, subject = "funding/email/voting_link", f"Your link to vote: {budgeting_round}"
        context["ballot_url"] = site_url(reverse("funding:ballot", args=[ballot_link_token(link)]))
    # A topic of its own for each request: someone who lost the first link may ask
    # again, within the allowance per address.
    message_queue(
        to=[email],
        topic=f"ballot-link:{budgeting_round.pk}:{token_urlsafe(9)}",
        subject=subject,
        template=template,
        context=context,
    )


def _check_choice(budgeting_round: BudgetingRound, project_ids: Collection[int]) -> list[int]:
    wanted = set(project_ids)
    if not wanted:
        raise ValidationError(
            {"projects": ValidationError("Choose at least one project.", code="no_projects")}
        )
    projects = list(
        budgeting_round.projects.on_ballot().filter(pk__in=wanted).values_list("pk", "cost")
    )
    if len(projects) != len(wanted):
        raise ValidationError(
            {
                "projects": ValidationError(
                    "Choose from the projects on this round's ballot.", code="not_on_ballot"
                )
            }
        )
    if budgeting_round.ballot_kind == BallotKind.KNAPSACK:
        total = sum(cost for _, cost in projects)
        if total > budgeting_round.amount:
            raise ValidationError(
                {
                    "projects": ValidationError(
                        "The projects you chose cost %(total)s, more than the %(amount)s "
                        "the round has. Take off projects until they cost %(amount)s or less.",
                        code="over_budget",
                        params={
                            "total": format_money(total),
                            "amount": format_money(budgeting_round.amount),
                        },
                    )
                }
            )
    elif len(projects) > budgeting_round.max_choices:
        raise ValidationError(
            {
                "projects": ValidationError(
                    "Choose up to %(n)s projects: you chose %(chosen)s.",
                    code="too_many",
                    params={"n": budgeting_round.max_choices, "chosen": len(projects)},
                )
            }
        )
    return sorted(pk for pk, _ in projects)


def ballot_cast(
    *,
    budgeting_round: BudgetingRound,
    identity: str,
    district: str,
    channel: str,
    project_ids: Collection[int],
    on: datetime.date | None = None,
) -> Ballot:
    """Cast a ballot: every door (the e-mailed link, the officers' paper ballots, the
    example data) comes here. Voting must be open, the district in the area, the
    projects on the ballot and within the round's money (or its number of
    projects). ``AlreadyVoted`` if this identity has voted in the round."""
    on = on or timezone.localdate()
    if budgeting_round.phase(on) != Phase.VOTING:
        raise _voting_closed(budgeting_round, on)
    check_resident(budgeting_round, district)
    chosen = _check_choice(budgeting_round, project_ids)
    with transaction.atomic():
        try:
            with transaction.atomic():
                BudgetingVoter.objects.create(
                    round=budgeting_round,
                    identity=identity,
                    postcode_district=district,
                    channel=channel,
                )
        except IntegrityError:
            raise AlreadyVoted() from None
        ballot = Ballot.objects.create(round=budgeting_round)
        BallotChoice.objects.bulk_create(
            BallotChoice(ballot=ballot, project_id=pk) for pk in chosen
        )
    return ballot


def ballot_cast_from_link(
    *, link: VotingLink, project_ids: Collection[int], on: datetime.date | None = None
) -> Ballot:
    """Cast the ballot of a resident who followed their e-mailed link."""
    budgeting_round = BudgetingRound.objects.select_related("area_board").get(pk=link.round_id)
    return ballot_cast(
        budgeting_round=budgeting_round,
        identity=link.identity,
        district=link.district,
        channel=VoteChannel.ONLINE,
        project_ids=project_ids,
        on=on,
    )


def paper_ballot_record(
    *,
    budgeting_round: BudgetingRound,
    project_ids: Collection[int],
    postcode: str,
    email: str = "",
    name: str = "",
    on: datetime.date | None = None,
) -> Ballot:
    """An officer records a paper ballot from an Area Assembly, under the same rules
    as one cast online. The voter is known by their e-mail address when they give
    one (so they cannot also vote online), else by their name and postcode."""
    errors = {}
    email = (email or "").strip()
    name = " ".join((name or "").split())
    if email:
        try:
            email = clean_email(email)
        except ValidationError as error:
            errors |= error.message_dict
    elif not name:
        errors["name"] = ["Enter the voter's name, or their e-mail address."]
    try:
        district = postcode_district(postcode)
    except ValidationError as error:
        errors |= error.message_dict
    if errors:
        raise ValidationError(errors)
    identity = voter_identity(budgeting_round.pk, email=email, name=name, postcode=postcode)
    return ballot_cast(
        budgeting_round=budgeting_round,
        identity=identity,
        district=district,
        channel=VoteChannel.PAPER,
        project_ids=project_ids,
        on=on,
    )
