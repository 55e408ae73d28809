"""A round's phases (ideas, the officers' check, voting, results): what each allows,
and what is fixed once voting opens; the officers' check of residents' ideas."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from funding import services
from funding.models import BallotKind, BudgetingProject, Phase, ProjectStatus
from pace.notifications.models import Message

from . import factories as ff

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def pb():
    return ff.pb_world()


def _idea(budgeting_round, on, **fields):
    data = {
        "title": "Gardening buddies",
        "description": "Volunteers and older gardeners, in pairs.",
        "cost": "4200",
        "email": "Resident@Example.org",
        "postcode": "cw1 2bj",
        "client": None,
    } | fields
    return services.project_propose(budgeting_round=budgeting_round, on=on, **data)


def test_the_phase_and_the_timeline_follow_the_dates(pb):
    budgeting_round = pb["round"]
    ideas_open, ideas_close = ff.IDEAS
    opens, closes = ff.VOTING
    expected = [
        (ideas_open - DAY, Phase.COMING),
        (ideas_open, Phase.PROPOSALS),
        (ideas_close, Phase.PROPOSALS),
        (ideas_close + DAY, Phase.CHECKING),
        (opens, Phase.VOTING),
        (closes, Phase.VOTING),
        (closes + DAY, Phase.RESULTS),
    ]
    for day, phase in expected:
        assert budgeting_round.phase(day) == phase, day
    steps = budgeting_round.timeline(ff.BEFORE_VOTING)
    assert [(s.phase, s.state) for s in steps] == [
        (Phase.PROPOSALS, "done"),
        (Phase.CHECKING, "now"),
        (Phase.VOTING, "coming"),
        (Phase.RESULTS, "coming"),
    ]
    assert steps[1].starts_on == ideas_close + DAY and steps[1].ends_on == opens - DAY
    assert steps[-1].ends_on is None


def test_a_round_without_ideas_online_starts_with_voting(pb):
    budgeting_round = ff.budgeting_round(pb["fund"], pb["other"], ideas=None)
    assert [s.phase for s in budgeting_round.timeline(ff.IN_VOTING)] == [
        Phase.VOTING,
        Phase.RESULTS,
    ]
    assert budgeting_round.phase(ff.IDEAS[0]) == Phase.COMING
    with pytest.raises(ValidationError) as excinfo:
        _idea(budgeting_round, ff.IDEAS[0], postcode="SK10 1AA")
    assert "does not take ideas online" in excinfo.value.messages[0]


def test_the_dates_must_be_in_order(pb):
    budgeting_round = pb["round"]
    budgeting_round.proposals_close_on = ff.VOTING[0]
    with pytest.raises(ValidationError) as excinfo:
        budgeting_round.full_clean()
    assert excinfo.value.error_dict["voting_opens_on"][0].code == "voting_after_ideas"
    budgeting_round.proposals_close_on = None
    with pytest.raises(ValidationError) as excinfo:
        budgeting_round.full_clean()
    assert excinfo.value.error_dict["proposals_close_on"][0].code == "ideas_dates_pair"


def test_a_ballot_of_up_to_n_projects_says_how_many(pb):
    budgeting_round = pb["round"]
    budgeting_round.ballot_kind = BallotKind.APPROVAL
    with pytest.raises(ValidationError) as excinfo:
        budgeting_round.full_clean()
    assert excinfo.value.error_dict["max_choices"][0].code == "round_approval_limit"


def test_ideas_are_taken_only_while_the_round_takes_them(pb):
    budgeting_round = pb["round"]
    for day in (ff.IDEAS[0] - DAY, ff.IDEAS[1] + DAY, ff.IN_VOTING):
        with pytest.raises(ValidationError) as excinfo:
            _idea(budgeting_round, day)
        assert excinfo.value.code == "ideas_closed"
        assert "takes ideas from 1 March 2017 to 31 March 2017" in excinfo.value.messages[0]
    idea = _idea(budgeting_round, ff.IDEAS[1])
    assert idea.status == ProjectStatus.SUBMITTED and not idea.is_public
    assert idea.proposer_email == "Resident@Example.org"
    assert idea.proposer_district == "CW1"
    assert idea.proposed_cost == idea.cost == Decimal("4200")


def test_an_idea_from_outside_the_area_is_refused(pb):
    with pytest.raises(ValidationError) as excinfo:
        _idea(pb["round"], ff.IDEAS[0], postcode="SK10 1AA")
    message = excinfo.value.message_dict["postcode"][0]
    assert "SK10 is not in the area" in message and "CW1, CW2" in message
    assert not BudgetingProject.objects.exists()


def test_bad_ideas_get_a_message_on_each_field(pb):
    with pytest.raises(ValidationError) as excinfo:
        _idea(
            pb["round"],
            ff.IDEAS[0],
            title="",
            description="",
            cost="lots",
            email="not an address",
            postcode="CW1",
        )
    assert set(excinfo.value.message_dict) == {
        "title",
        "description",
        "cost",
        "email",
        "postcode",
    }
    for cost, message in [
        ("0", "more than £0"),
        ("-5", "more than £0"),
        ("NaN", "more than £0"),
        ("1.005", "pounds and pence"),
        ("100000.01", "£100,000 in all"),
        ("1e9999", "less than £10 billion"),
        ("9" * 400, "less than £10 billion"),
    ]:
        with pytest.raises(ValidationError) as excinfo:
            _idea(pb["round"], ff.IDEAS[0], cost=cost)
        assert message in excinfo.value.message_dict["cost"][0], cost
    assert _idea(pb["round"], ff.IDEAS[0], cost="£2,500.50").cost == Decimal("2500.50")


def test_the_officers_check_tells_the_resident_once_and_forgets_the_address(pb):
    budgeting_round = pb["round"]
    idea = _idea(budgeting_round, ff.IDEAS[0])
    idea.status = ProjectStatus.REJECTED
    idea.decision_reason = "The council already runs this."
    services.project_save(project=idea, on=ff.BEFORE_VOTING)
    idea.refresh_from_db()
    assert idea.proposer_email == "" and idea.is_public
    message = Message.objects.get(topic=f"budgeting-check:{idea.pk}")
    assert message.to == "resident@example.org"
    assert "The council already runs this." in message.text
    assert idea.get_absolute_url() in message.text
    # Its history never held the address.
    assert not hasattr(idea.history.first(), "proposer_email")

    spam = _idea(budgeting_round, ff.IDEAS[0], title="Cheap pills")
    spam.status = ProjectStatus.REMOVED
    services.project_save(project=spam, on=ff.BEFORE_VOTING)
    spam.refresh_from_db()
    assert spam.proposer_email == "" and not spam.is_public
    assert Message.objects.count() == 1


def test_once_voting_opens_the_ballot_is_fixed(pb):
    budgeting_round = pb["round"]
    project = ff.project(budgeting_round, cost="5000")
    for field, value in [("cost", Decimal("6000")), ("status", ProjectStatus.REJECTED)]:
        setattr(project, field, value)
        project.decision_reason = "Changed."
        with pytest.raises(ValidationError) as excinfo:
            services.project_save(project=project, on=ff.VOTING[0])
        assert excinfo.value.error_dict[field][0].code == "voting_opened"
        project.refresh_from_db()
    with pytest.raises(ValidationError) as excinfo:
        services.project_save(
            project=BudgetingProject(
                round=budgeting_round, title="Late", description="d", cost=Decimal("10")
            ),
            on=ff.VOTING[0],
        )
    assert excinfo.value.error_dict["round"][0].code == "voting_opened"
    # A typo in the title may still be mended.
    project.title = "Mended title"
    services.project_save(project=project, on=ff.IN_VOTING)

    budgeting_round.amount = Decimal("90000")
    with pytest.raises(ValidationError) as excinfo:
        services.round_save(budgeting_round=budgeting_round, on=ff.IN_VOTING)
    assert excinfo.value.error_dict["amount"][0].code == "voting_opened"
    budgeting_round.refresh_from_db()
    # Its dates may move: voting extended, or closed early.
    budgeting_round.voting_closes_on = ff.VOTING[1] + 7 * DAY
    services.round_save(budgeting_round=budgeting_round, on=ff.IN_VOTING)


def test_votes_are_taken_only_while_voting_is_open(pb):
    budgeting_round = pb["round"]
    project = ff.project(budgeting_round)
    for day in (ff.VOTING[0] - DAY, ff.VOTING[1] + DAY):
        with pytest.raises(ValidationError) as excinfo:
            ff.vote(budgeting_round, [project], on=day)
        assert excinfo.value.code == "voting_closed"
        with pytest.raises(ValidationError) as excinfo:
            services.ballot_link_request(
                budgeting_round=budgeting_round,
                email="a@example.org",
                postcode="CW1 1AA",
                client="198.51.100.1",
                on=day,
            )
        assert excinfo.value.code == "voting_closed"
    ff.vote(budgeting_round, [project], on=ff.VOTING[0])
    ff.vote(budgeting_round, [project], on=ff.VOTING[1])
    assert budgeting_round.ballots.count() == 2
