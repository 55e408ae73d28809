"""Participatory budgeting in the world of private records (``world.py``): what
residents give that must never be public, each holding its own marker.

- the closed round (voting in May 2017) gets ballots; its voters' identities are
  replaced with markers, and its public project carries a proposer's address;
- a round taking ideas today holds an idea waiting for the officers' check and one
  removed as spam, their words and their proposers' addresses marked;
- a round voting today holds a ballot whose voter's identity is a marker, and a
  voting link sent to a marked address (in the outbox).
"""

import datetime
import uuid
from decimal import Decimal

from django.utils.timezone import localdate as today

from funding import services
from funding.models import (
    BudgetingProject,
    BudgetingRound,
    BudgetingVoter,
    PostcodeDistrict,
    ProjectStatus,
)

DAY = datetime.timedelta(days=1)


def budgeting_world(world, mark, *, fund, closed: BudgetingRound, project: BudgetingProject):
    services.postcode_district_save(district=PostcodeDistrict(area_board=world.b, code="CW1"))
    for n in range(3):
        services.ballot_cast(
            budgeting_round=closed,
            identity=services.voter_identity(closed.pk, email=f"voter{n}@example.org"),
            district="CW1",
            channel="online",
            project_ids=[project.pk],
            on=datetime.date(2017, 5, 10),
        )
    for n, voter in enumerate(BudgetingVoter.objects.filter(round=closed).order_by("pk")):
        BudgetingVoter.objects.filter(pk=voter.pk).update(identity=mark(f"voter identity {n}"))
    BudgetingProject.objects.filter(pk=project.pk).update(
        proposer_email=f"{mark('proposer e-mail of a public project')}@example.org"
    )

    ideas = services.round_save(
        budgeting_round=BudgetingRound(
            fund=fund,
            area_board=world.b,
            name="Crewe ideas round",
            theme="older people",
            amount=Decimal("100000"),
            proposals_open_on=today() - 5 * DAY,
            proposals_close_on=today() + 10 * DAY,
            voting_opens_on=today() + 20 * DAY,
            voting_closes_on=today() + 30 * DAY,
        )
    )
    waiting = services.project_propose(
        budgeting_round=ideas,
        title=mark("title of an idea waiting for its check"),
        description=mark("description of an idea waiting for its check"),
        group_name=mark("group of an idea waiting for its check"),
        cost="2500",
        email=f"{mark('proposer e-mail of an idea waiting')}@example.org",
        postcode="CW1 2BJ",
        client=None,
    )
    removed = services.project_propose(
        budgeting_round=ideas,
        title=mark("title of an idea removed as spam"),
        description=mark("description of an idea removed as spam"),
        cost="10",
        email="spammer@example.org",
        postcode="CW1 2BJ",
        client=None,
    )
    removed.status = ProjectStatus.REMOVED
    services.project_save(project=removed)
    # An officer checked this one: on the ballot, its proposer told and forgotten.
    checked = services.project_propose(
        budgeting_round=ideas,
        title="Tea dances",
        description="Tea dances at the town hall.",
        cost="3000",
        email=f"{mark('proposer e-mail of a checked idea')}@example.org",
        postcode="CW1 2BJ",
        client=None,
    )
    checked.status = ProjectStatus.FEASIBLE
    services.project_save(project=checked)

    voting = services.round_save(
        budgeting_round=BudgetingRound(
            fund=fund,
            area_board=world.b,
            name="Crewe voting round",
            theme="older people",
            amount=Decimal("100000"),
            voting_opens_on=today() - 2 * DAY,
            voting_closes_on=today() + 5 * DAY,
        ),
        on=today() - 3 * DAY,
    )
    on_ballot = services.project_save(
        project=BudgetingProject(
            round=voting,
            title="Befriending calls",
            description="Weekly calls.",
            cost=Decimal("4000"),
            status=ProjectStatus.FEASIBLE,
        ),
        on=today() - 3 * DAY,
    )
    services.ballot_cast(
        budgeting_round=voting,
        identity=services.voter_identity(voting.pk, email="today@example.org"),
        district="CW1",
        channel="online",
        project_ids=[on_ballot.pk],
    )
    BudgetingVoter.objects.filter(round=voting).update(identity=mark("voter identity today"))
    # A fresh address and client each time a world is built: the allowances against
    # floods are counted in the cache, which outlives a test.
    fresh = uuid.uuid4().hex[:8]
    services.ballot_link_request(
        budgeting_round=voting,
        email=f"{mark('e-mail of a resident asking to vote')}.{fresh}@example.org",
        postcode="CW1 2BJ",
        client=f"world-{fresh}",
    )
    world.objects |= {
        "closed_round": closed,
        "ideas_round": ideas,
        "voting_round": voting,
        "idea_waiting": waiting,
        "idea_removed": removed,
        "idea_checked": checked,
    }
