"""Voting: one vote per resident of the area, however many times or ways they try;
ballots within the round's money; paper ballots under the same rules; and who voted
kept apart from what they chose."""

import time

import pytest
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models

from funding import services
from funding.models import (
    Ballot,
    BallotChoice,
    BallotKind,
    BudgetingVoter,
    ProjectStatus,
    VoteChannel,
)
from funding.services.ballots import VotingLink

from . import factories as ff

pytestmark = pytest.mark.django_db


@pytest.fixture
def pb():
    world = ff.pb_world(amount="10000")
    budgeting_round = world["round"]
    world["a"] = ff.project(budgeting_round, cost="6000", title="A")
    world["b"] = ff.project(budgeting_round, cost="4000", title="B")
    world["c"] = ff.project(budgeting_round, cost="500", title="C")
    return world


def _link(budgeting_round, email: str, district: str = "CW1") -> VotingLink:
    return VotingLink(
        budgeting_round.pk, services.voter_identity(budgeting_round.pk, email=email), district
    )


def _cast(link, projects, on=ff.IN_VOTING):
    return services.ballot_cast_from_link(link=link, project_ids=[p.pk for p in projects], on=on)


def test_a_ballot_holds_projects_within_the_rounds_money(pb):
    budgeting_round = pb["round"]
    with pytest.raises(ValidationError) as excinfo:
        ff.vote(budgeting_round, [pb["a"], pb["b"], pb["c"]])
    message = excinfo.value.message_dict["projects"][0]
    assert "cost £10,500, more than the £10,000" in message
    ff.vote(budgeting_round, [pb["a"], pb["b"]])  # exactly the money
    with pytest.raises(ValidationError) as excinfo:
        ff.vote(budgeting_round, [])
    assert excinfo.value.error_dict["projects"][0].code == "no_projects"
    assert Ballot.objects.count() == BudgetingVoter.objects.count() == 1


def test_only_projects_on_this_rounds_ballot_may_be_chosen(pb):
    budgeting_round = pb["round"]
    rejected = ff.project(
        budgeting_round, cost="10", status=ProjectStatus.REJECTED, reason="Not possible."
    )
    elsewhere = ff.project(ff.budgeting_round(pb["fund"], pb["other"]))
    for project in (rejected, elsewhere):
        with pytest.raises(ValidationError) as excinfo:
            ff.vote(budgeting_round, [pb["c"], project])
        assert excinfo.value.error_dict["projects"][0].code == "not_on_ballot"
    assert not Ballot.objects.exists()


def test_a_ballot_of_up_to_n_projects(pb):
    budgeting_round = ff.budgeting_round(
        pb["fund"], pb["board"], ballot_kind=BallotKind.APPROVAL, max_choices=2, amount="5000"
    )
    projects = [ff.project(budgeting_round, cost="4000") for _ in range(3)]
    with pytest.raises(ValidationError) as excinfo:
        ff.vote(budgeting_round, projects)
    assert "Choose up to 2 projects: you chose 3" in excinfo.value.message_dict["projects"][0]
    # Whatever they cost together.
    ff.vote(budgeting_round, projects[:2])


def test_a_postcode_outside_the_area_is_refused(pb):
    budgeting_round = pb["round"]
    for postcode, message in [
        ("SK10 1AA", "SK10 is not in the area"),
        ("CW11 1AA", "CW11 is not in the area"),
        ("CW1", "Enter a full postcode"),
        ("", "Enter your postcode"),
        ("<b>CW1 2BJ</b>", "Enter a full postcode"),
    ]:
        with pytest.raises(ValidationError) as excinfo:
            services.ballot_link_request(
                budgeting_round=budgeting_round,
                email="resident@example.org",
                postcode=postcode,
                client="198.51.100.7",
                on=ff.IN_VOTING,
            )
        assert message in excinfo.value.message_dict["postcode"][0], postcode
    # A link for a district the Area Board no longer lists votes nothing either.
    with pytest.raises(ValidationError) as excinfo:
        _cast(_link(budgeting_round, "x@example.org", district="SK10"), [pb["c"]])
    assert excinfo.value.error_dict["postcode"][0].code == "outside_area"
    assert not Ballot.objects.exists()


def test_a_verified_resident_votes_once_however_many_times_or_ways_they_try(pb):
    budgeting_round = pb["round"]
    first = _cast(_link(budgeting_round, "Sam.Jones@example.org"), [pb["a"]])
    attempts = [
        # The same link again (a resent form, the back button, a second tab).
        lambda: _cast(_link(budgeting_round, "Sam.Jones@example.org"), [pb["b"]]),
        # Another link to the same address, written differently.
        lambda: _cast(_link(budgeting_round, " sam.jones@EXAMPLE.org "), [pb["b"]]),
        lambda: _cast(_link(budgeting_round, "sam.jones+again@example.org"), [pb["b"]]),
        # From another postcode district of the area.
        lambda: _cast(_link(budgeting_round, "sam.jones@example.org", "CW2"), [pb["b"]]),
        # On paper at the Area Assembly, giving the same address.
        lambda: services.paper_ballot_record(
            budgeting_round=budgeting_round,
            project_ids=[pb["b"].pk],
            email="SAM.JONES@example.org",
            postcode="CW2 5AA",
            on=ff.IN_VOTING,
        ),
    ]
    for attempt in attempts:
        with pytest.raises(services.AlreadyVoted) as excinfo:
            attempt()
        assert "Your first vote stands" in excinfo.value.messages[0]
    assert list(Ballot.objects.all()) == [first]
    assert list(first.projects.all()) == [pb["a"]]
    assert BudgetingVoter.objects.count() == 1


def test_dots_are_one_address_where_the_provider_ignores_them(pb):
    budgeting_round = pb["round"]
    _cast(_link(budgeting_round, "sam.jones@gmail.com"), [pb["a"]])
    with pytest.raises(services.AlreadyVoted):
        _cast(_link(budgeting_round, "samjones@googlemail.com"), [pb["a"]])
    # Elsewhere a dot makes another mailbox.
    _cast(_link(budgeting_round, "samjones@example.org"), [pb["a"]])
    assert Ballot.objects.count() == 2


def test_a_resident_who_voted_on_paper_cannot_vote_online(pb):
    budgeting_round = pb["round"]
    services.paper_ballot_record(
        budgeting_round=budgeting_round,
        project_ids=[pb["a"].pk],
        email="pat@example.org",
        postcode="CW1 3AB",
        on=ff.IN_VOTING,
    )
    with pytest.raises(services.AlreadyVoted):
        _cast(_link(budgeting_round, "pat@example.org"), [pb["b"]])


def test_paper_ballots_follow_the_same_rules(pb):
    budgeting_round = pb["round"]

    def paper(**fields):
        data = {
            "budgeting_round": budgeting_round,
            "project_ids": [pb["c"].pk],
            "name": "Pat Smith",
            "postcode": "CW1 3AB",
            "on": ff.IN_VOTING,
        } | fields
        return services.paper_ballot_record(**data)

    with pytest.raises(ValidationError) as excinfo:
        paper(project_ids=[pb["a"].pk, pb["b"].pk, pb["c"].pk])
    assert excinfo.value.error_dict["projects"][0].code == "over_budget"
    with pytest.raises(ValidationError) as excinfo:
        paper(postcode="SK10 1AA")
    assert excinfo.value.error_dict["postcode"][0].code == "outside_area"
    with pytest.raises(ValidationError) as excinfo:
        paper(on=ff.AFTER_VOTING)
    assert excinfo.value.code == "voting_closed"
    with pytest.raises(ValidationError) as excinfo:
        paper(name="")
    assert "name" in excinfo.value.message_dict
    paper()
    # The same name and postcode, written differently, is the same voter.
    with pytest.raises(services.AlreadyVoted):
        paper(name="  pat   SMITH ", postcode="cw13ab")
    paper(name="Pat Smith", postcode="CW1 3AC")  # a neighbour of the same name
    voters = BudgetingVoter.objects.filter(channel=VoteChannel.PAPER)
    assert voters.count() == 2 and set(voters.values_list("postcode_district", flat=True)) == {
        "CW1"
    }


def test_the_voter_is_kept_apart_from_the_ballot(pb):
    """Nothing on a ballot or its choices leads back to the voter: no key to the
    voter table, no time, no number in the order ballots were cast; and nothing on
    the voter row says what they chose."""
    budgeting_round = pb["round"]
    for n in range(3):
        ff.vote(budgeting_round, [pb["c"]], email=f"v{n}@example.org")
    for model in (Ballot, BallotChoice):
        fields = {f.name: f for f in model._meta.get_fields() if f.concrete}
        assert isinstance(model._meta.pk, models.UUIDField)
        assert not any(
            isinstance(f, models.DateField | models.DateTimeField | models.TimeField)
            for f in fields.values()
        )
        related = {f.related_model for f in fields.values() if f.is_relation}
        assert BudgetingVoter not in related
    voter_fields = {f.name for f in BudgetingVoter._meta.get_fields()}
    assert voter_fields == {"id", "round", "identity", "postcode_district", "channel"}
    assert not hasattr(Ballot, "history") and not hasattr(BudgetingVoter, "history")
    # The identity is a keyed hash, not the address.
    identities = list(BudgetingVoter.objects.values_list("identity", flat=True))
    assert all(len(i) == 64 and "@" not in i for i in identities)
    # Identities differ from round to round, so votes cannot be followed across rounds.
    other = ff.budgeting_round(pb["fund"], pb["other"])
    assert services.voter_identity(other.pk, email="v0@example.org") not in identities


def test_the_link_is_signed_and_expires(pb, monkeypatch):
    budgeting_round = pb["round"]
    link = _link(budgeting_round, "sam@example.org")
    token = services.ballot_link_token(link)
    assert services.ballot_link_read(token) == link
    forged = signing.dumps([budgeting_round.pk, "0" * 64, "CW1"], salt="another salt")
    for bad in (forged, token[:-2], "x" * 600, "", "a:b:c"):
        with pytest.raises(services.LinkError, match="not right"):
            services.ballot_link_read(bad)
    eight_days_ago = time.time() - 8 * 86400
    monkeypatch.setattr(signing.time, "time", lambda: eight_days_ago)
    old = services.ballot_link_token(link)
    monkeypatch.undo()
    with pytest.raises(services.LinkError, match="expired"):
        services.ballot_link_read(old)
