"""Who may vote, who has voted, and the ballots: kept apart.

``PostcodeDistrict``: the districts of an Area Board's area (officers edit them).
``BudgetingVoter``: that a resident has voted in a round, as a keyed hash of their
e-mail address (or, for a paper ballot without one, of their name and postcode) and
their postcode district, for the one-vote rule; never what they chose.
``Ballot`` and ``BallotChoice``: what was chosen, under a random id, with no link to
the voter, no time and no sequence number: their keys are random (UUIDs), so not
even the order of the rows ties a ballot to the voter written with it. The voter
row and the ballot are written in one transaction, and the voter row's uniqueness
(one per identity and round) is what lets only one of two simultaneous ballots
count (``funding.services.ballot_cast``)."""

import re
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from mptt.models import TreeForeignKey
from simple_history.models import HistoricalRecords

from .budgeting import BudgetingRound
from .projects import BudgetingProject

#: The outward code of a UK postcode: its district, e.g. CW1, SK10, M1A.
DISTRICT_PATTERN = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")


def district_order(code: str) -> tuple[str, int, str]:
    """CW2 before CW10: the area letters, then the district's number."""
    match = re.match(r"^([A-Z]+)([0-9]+)(.*)$", code)
    return (match[1], int(match[2]), match[3]) if match else (code, 0, "")


def validate_district(value: str) -> None:
    if not DISTRICT_PATTERN.match((value or "").strip().upper()):
        raise ValidationError(
            "Write a postcode district like CW1 or SK10: the first half of a postcode.",
            code="district_format",
        )


class PostcodeDistrict(models.Model):
    """A postcode district in an Area Board's area: its residents may propose and
    vote in the Area Board's participatory budgeting. A district that straddles two
    areas may be listed under both."""

    area_board = TreeForeignKey(
        "partnerships.Body",
        on_delete=models.PROTECT,
        related_name="postcode_districts",
        help_text="The Area Board whose area the district is in.",
    )
    code = models.CharField(
        "district", max_length=4, validators=[validate_district], help_text="For example CW1."
    )
    places = models.CharField(
        max_length=200, blank=True, help_text='Where it is, e.g. "Crewe (north and east)".'
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["area_board", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["area_board", "code"],
                name="district_once_per_area",
                violation_error_message="The Area Board already has this district.",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def clean(self) -> None:
        from partnerships.models import BodyKind

        self.code = (self.code or "").strip().upper()
        if self.area_board_id and self.area_board.kind != BodyKind.AREA_BOARD:
            raise ValidationError(
                {
                    "area_board": ValidationError(
                        "Postcode districts belong to Area Boards; %(body)s is a %(kind)s.",
                        code="district_needs_area_board",
                        params={
                            "body": self.area_board.name,
                            "kind": self.area_board.get_kind_display(),
                        },
                    )
                }
            )


class VoteChannel(models.TextChoices):
    ONLINE = "online", "Online, verified by e-mail"
    PAPER = "paper", "On paper, recorded by an officer"


class BudgetingVoter(models.Model):
    """That someone has voted in a round: never what they chose. No time is kept."""

    round = models.ForeignKey(BudgetingRound, on_delete=models.PROTECT, related_name="voters")
    #: HMAC-SHA256 of the normalised e-mail address (or name and postcode) with the
    #: round, keyed by the site's secret: the same resident gives the same value in
    #: the round, and no value says who it is.
    identity = models.CharField(max_length=64, editable=False)
    postcode_district = models.CharField(max_length=4, editable=False)
    channel = models.CharField(max_length=6, choices=VoteChannel.choices, editable=False)

    class Meta:
        # By identity, not by id: the id order is the order people voted in.
        ordering = ["round", "identity"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "identity"], name="one_ballot_per_voter_per_round"
            ),
        ]

    def __str__(self) -> str:
        return f"A voter in {self.postcode_district}"


class Ballot(models.Model):
    """One resident's choice of projects in a round, published under its random id."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(BudgetingRound, on_delete=models.PROTECT, related_name="ballots")
    projects = models.ManyToManyField(
        BudgetingProject, through="BallotChoice", related_name="ballots"
    )

    class Meta:
        ordering = ["round", "id"]

    def __str__(self) -> str:
        return f"Ballot {self.id}"


class BallotChoice(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(Ballot, on_delete=models.PROTECT, related_name="choices")
    project = models.ForeignKey(
        BudgetingProject, on_delete=models.PROTECT, related_name="ballot_choices"
    )

    class Meta:
        ordering = ["ballot", "project"]
        constraints = [
            models.UniqueConstraint(fields=["ballot", "project"], name="project_once_per_ballot"),
        ]

    def __str__(self) -> str:
        return f"{self.ballot_id}: {self.project_id}"
