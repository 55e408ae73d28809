"""The residents' pages of participatory budgeting: what they show, the GOV.UK error
summary on every form, the honeypot and the allowances against floods, voting by
the e-mailed link (read as it arrives at a real SMTP server), markup shown as typed,
and query counts pinned."""

import datetime
import re

import pytest
from django.utils import timezone

from funding import services
from funding.models import Ballot, BudgetingProject, ProjectStatus
from pace.notifications.models import Message
from tests.notifications.conftest import run_worker, smtp  # noqa: F401  (a fixture)

from . import factories as ff

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def pb():
    return _pb_world()


def _pb_world() -> dict:
    """Around today: ``ideas`` takes ideas, ``voting`` is voting (three projects on its
    ballot, one not), ``closed`` has its results (five ballots)."""
    today = timezone.localdate()
    world = ff.pb_world(
        amount="10000",
        ideas=(today - DAY, today + 10 * DAY),
        voting=(today + 20 * DAY, today + 30 * DAY),
    )
    world["ideas"] = world.pop("round")
    voting = ff.budgeting_round(
        world["fund"],
        world["board"],
        amount="10000",
        ideas=None,
        voting=(today - 2 * DAY, today + 5 * DAY),
    )
    a = ff.project(voting, cost="6000", title="Allotments")
    b = ff.project(voting, cost="4000", title="Bowls")
    c = ff.project(voting, cost="500", title="Choir")
    ff.project(
        voting, cost="1", title="Dog show", status=ProjectStatus.REJECTED, reason="Not health."
    )
    closed = ff.budgeting_round(
        world["fund"],
        world["board"],
        amount="10000",
        ideas=None,
        voting=(today - 20 * DAY, today - 10 * DAY),
    )
    x = ff.project(closed, cost="6000", title="Xylophones")
    y = ff.project(closed, cost="5000", title="Yoga")
    z = ff.project(closed, cost="3000", title="Zumba")
    for chosen in ([x, z], [x], [x], [y], [y]):
        ff.vote(closed, chosen, on=today - 15 * DAY)
    return world | {
        "voting": voting,
        "closed": closed,
        "a": a,
        "b": b,
        "c": c,
        "x": x,
        "y": y,
        "z": z,
    }


def _text(response) -> str:
    return response.content.decode()


def _summary_links(page: str) -> list[str]:
    summary = re.search(r'<div class="govuk-error-summary".*?</div>\s*</div>\s*</div>', page, re.S)
    assert summary, "no GOV.UK error summary"
    return re.findall(r'href="#([^"]+)"', summary.group(0))


def test_the_pages_show_the_rounds_and_their_timelines(client, pb):
    page = _text(client.get("/funding/budgeting/"))
    assert pb["ideas"].name in page and "Taking ideas" in page and "Voting open" in page
    page = _text(client.get(pb["voting"].get_absolute_url()))
    assert 'aria-current="step"' in page and "govuk-task-list" in page
    assert "Allotments" in page and "£6,000" in page
    assert "Dog show" in page and "Not health." in page
    assert "CW1, CW2" in page
    assert f'href="/funding/budgeting/{pb["voting"].pk}/vote/"' in page


def test_results_and_ballots_wait_until_voting_closes(client, pb):
    voting = pb["voting"]
    page = _text(client.get(f"/funding/budgeting/{voting.pk}/results/"))
    assert "The results, the votes for each project and every ballot are published" in page
    assert client.get(f"/funding/budgeting/{voting.pk}/ballots.csv").status_code == 404
    assert client.get(f"/funding/budgeting/{voting.pk}/ballots.json").status_code == 404
    closed = pb["closed"]
    page = _text(client.get(f"/funding/budgeting/{closed.pk}/results/"))
    assert "5 ballots" in page and "Skipped" in page
    # Xylophones (3 votes) first; Yoga (2 votes, £5,000) does not fit the £4,000 left;
    # Zumba (1 vote, £3,000), after it, does.
    assert page.index("Xylophones") < page.index("Yoga") < page.index("Zumba")
    assert "costs more than the £4,000 left" in page


@pytest.mark.parametrize(
    "name, queries",
    [
        ("list", 1),  # the rounds with their funds and Area Boards
        ("rule", 0),
        ("round", 3),  # the round, its projects, its districts
        ("project", 1),
        ("results", 3),  # the round, the projects with their votes, the voters by channel
        ("ballots.csv", 4),  # ... and the ballots' choices
        ("ballots.json", 4),
        ("propose", 1),
        ("vote", 1),
    ],
)
def test_query_counts_are_pinned(client, pb, django_assert_num_queries, name, queries):
    closed = pb["closed"]
    urls = {
        "list": "/funding/budgeting/",
        "rule": "/funding/budgeting/rule/",
        "round": closed.get_absolute_url(),
        "project": pb["x"].get_absolute_url(),
        "results": f"/funding/budgeting/{closed.pk}/results/",
        "ballots.csv": f"/funding/budgeting/{closed.pk}/ballots.csv",
        "ballots.json": f"/funding/budgeting/{closed.pk}/ballots.json",
        "propose": f"/funding/budgeting/{pb['ideas'].pk}/propose/",
        "vote": f"/funding/budgeting/{pb['voting'].pk}/vote/",
    }
    # The same however many ballots and projects there are.
    for n in range(5):
        ff.vote(closed, [pb["z"]], email=f"more{n}@example.org", on=closed.voting_opens_on)
    with django_assert_num_queries(queries):
        assert client.get(urls[name]).status_code == 200


def test_a_resident_sends_an_idea_and_it_waits_unseen_for_the_check(client, pb):
    budgeting_round = pb["ideas"]
    response = client.post(
        f"/funding/budgeting/{budgeting_round.pk}/propose/",
        {
            "title": "Gardening buddies",
            "description": "Pairs of volunteers and older gardeners.",
            "cost": "4,200",
            "email": "gardener@example.org",
            "postcode": "CW2 5AA",
        },
    )
    assert response.status_code == 200 and "Idea sent" in _text(response)
    idea = BudgetingProject.objects.get(title="Gardening buddies")
    assert idea.status == ProjectStatus.SUBMITTED
    assert "Gardening buddies" not in _text(client.get(budgeting_round.get_absolute_url()))
    assert client.get(idea.get_absolute_url()).status_code == 404


def test_every_form_shows_its_errors_in_the_govuk_error_summary(client, pb):
    response = client.post(f"/funding/budgeting/{pb['ideas'].pk}/propose/", {})
    assert response.status_code == 400
    page = _text(response)
    assert _summary_links(page) == [
        "id_title",
        "id_description",
        "id_cost",
        "id_email",
        "id_postcode",
    ]
    assert "<title>Error: " in page and 'aria-describedby="id_cost-hint id_cost-error"' in page

    response = client.post(
        f"/funding/budgeting/{pb['voting'].pk}/vote/",
        {"email": "someone@example.org", "postcode": "SK10 1AA"},
    )
    assert response.status_code == 400
    assert _summary_links(_text(response)) == ["id_postcode"]
    assert "SK10 is not in the area" in _text(response)

    # Outside the phase: the form's own message, above the fields.
    response = client.post(
        f"/funding/budgeting/{pb['voting'].pk}/propose/",
        {
            "title": "t",
            "description": "d",
            "cost": "1",
            "email": "a@example.org",
            "postcode": "CW1 1AA",
        },
    )
    assert response.status_code == 400
    assert _summary_links(_text(response)) == ["main-content"]
    assert "does not take ideas online" in _text(response)

    token = _token(pb["voting"], "over@example.org")
    response = client.post(
        f"/funding/budgeting/ballot/{token}/",
        {"projects": [str(pb["a"].pk), str(pb["b"].pk), str(pb["c"].pk)]},
    )
    assert response.status_code == 400
    assert _summary_links(_text(response)) == ["id_projects"]
    assert "more than the £10,000" in _text(response)
    assert 'id="id_projects"' in _text(response)
    response = client.post(f"/funding/budgeting/ballot/{token}/", {"projects": ["999999"]})
    assert response.status_code == 400 and "Choose from the projects" in _text(response)
    assert not Ballot.objects.filter(round=pb["voting"]).exists()


def _token(budgeting_round, email: str, district: str = "CW1") -> str:
    return services.ballot_link_token(
        services.VotingLink(
            budgeting_round.pk, services.voter_identity(budgeting_round.pk, email=email), district
        )
    )


def test_the_honeypot_answers_as_if_it_worked_and_keeps_nothing(client, pb):
    response = client.post(
        f"/funding/budgeting/{pb['ideas'].pk}/propose/",
        {
            "title": "Cheap watches",
            "description": "Buy now",
            "cost": "1",
            "email": "bot@example.org",
            "postcode": "CW1 1AA",
            "website": "http://spam.example",
        },
    )
    assert response.status_code == 200 and "Idea sent" in _text(response)
    assert not BudgetingProject.objects.filter(title="Cheap watches").exists()
    response = client.post(
        f"/funding/budgeting/{pb['voting'].pk}/vote/",
        {"email": "bot@example.org", "postcode": "CW1 1AA", "website": "x"},
    )
    assert "Check your e-mail" in _text(response)
    assert not Message.objects.exists()


def test_floods_are_held_back_per_client_and_per_address(client, pb, settings):
    settings.PACE_BUDGETING_PER_CLIENT_PER_HOUR = 3
    settings.PACE_BUDGETING_PER_ADDRESS_PER_DAY = 2
    url = f"/funding/budgeting/{pb['voting'].pk}/vote/"

    def ask(email, client_address):
        return client.post(url, {"email": email, "postcode": "CW1 1AA"}, REMOTE_ADDR=client_address)

    assert ask("one@example.org", "198.51.100.1").status_code == 200
    assert ask("one@example.org", "198.51.100.2").status_code == 200
    # A third time for the address, from yet another connection (and as "One+x").
    response = ask("One+x@example.org", "198.51.100.3")
    assert response.status_code == 400
    assert "This address has been used several times today" in _text(response)
    assert ask("two@example.org", "198.51.100.1").status_code == 200
    assert ask("three@example.org", "198.51.100.1").status_code == 200
    response = ask("four@example.org", "198.51.100.1")
    assert response.status_code == 400
    assert "Too many requests from your connection" in _text(response)
    assert Message.objects.count() == 4


def test_a_resident_votes_by_the_emailed_link_once(
    client,
    pb,
    smtp,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    """The test runs in one transaction: the delivery the request queues on commit is
    run as the commit would (``django_capture_on_commit_callbacks``), then the worker
    sends it to the SMTP server."""
    budgeting_round = pb["voting"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/funding/budgeting/{budgeting_round.pk}/vote/",
            {"email": "Sam@Example.org", "postcode": "cw2 5aa"},
        )
    answer = _text(response)
    assert "Check your e-mail" in answer
    run_worker()
    [mail] = smtp.messages
    assert mail["X-Envelope-To"] == "sam@example.org"
    link = re.search(r"http://\S+/funding/budgeting/ballot/(\S+)/", smtp.text(mail)).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    page = _text(client.get("/" + path))
    assert "Your ballot" in page and "Allotments: £6,000" in page
    assert not budgeting_round.ballots.exists()  # opening the link votes nothing
    response = client.post("/" + path, {"projects": [str(pb["a"].pk), str(pb["c"].pk)]})
    assert "Your vote is in" in _text(response)
    assert budgeting_round.voters.get().postcode_district == "CW2"
    # Again, by the same link: nothing changes, and the resident is told.
    response = client.post("/" + path, {"projects": [str(pb["b"].pk)]})
    assert "You have already voted" in _text(response)
    assert "You have already voted" in _text(client.get("/" + path))
    assert [list(b.projects.order_by("pk")) for b in budgeting_round.ballots.all()] == [
        [pb["a"], pb["c"]]
    ]
    # Asking for another link: the page answers as before; the e-mail says why there
    # is no new ballot.
    smtp.clear()
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(
            f"/funding/budgeting/{budgeting_round.pk}/vote/",
            {"email": "sam@example.org", "postcode": "CW1 1AA"},
        )
    assert _text(again).count("Check your e-mail") == answer.count("Check your e-mail")
    run_worker()
    [mail] = smtp.messages
    assert "You have already voted in this round" in smtp.text(mail)
    assert "/funding/budgeting/ballot/" not in smtp.text(mail)


def test_a_wrong_link_says_so(client, pb):
    for token in ("bad-token", "x" * 300):
        response = client.get(f"/funding/budgeting/ballot/{token}/")
        assert response.status_code == 404
        assert "This link does not work" in _text(response)


def test_an_idea_with_markup_shows_as_typed(client, pb):
    typed = '<script>alert("x")</script> & <b>bold</b>'
    services.project_propose(
        budgeting_round=pb["ideas"],
        title=typed,
        description=typed,
        cost="100",
        group_name=typed,
        email="a@example.org",
        postcode="CW1 1AA",
        client=None,
    )
    idea = BudgetingProject.objects.get(title=typed)
    idea.status = ProjectStatus.REJECTED
    idea.decision_reason = "Officers typed <i>this</i>."
    services.project_save(project=idea)
    for url in (idea.get_absolute_url(), pb["ideas"].get_absolute_url()):
        page = _text(client.get(url))
        assert "<script>alert" not in page and "<b>bold" not in page and "<i>this" not in page
        assert (
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"
            in page
        )
        assert "Officers typed &lt;i&gt;this&lt;/i&gt;." in page


def test_signed_in_readers_are_sent_the_kept_results_until_a_ballot_changes_them(
    client, settings, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    from ..partnerships import factories as pf

    settings.PACE_KEPT_PAGE_SECONDS = 300
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        pb = _pb_world()  # committed, as pages are kept only from committed records
        client.force_login(pf.person("A Member", with_login=True).user)
    closed = pb["closed"]
    address = f"/funding/budgeting/{closed.pk}/results/"
    first = client.get(address)
    assert first.context["results"].published and "5 ballots" in _text(first)
    again = client.get(address)
    assert again.context.get("results") is None  # base.html alone was rendered
    assert "5 ballots" in _text(again)
    with django_capture_on_commit_callbacks(execute=True):
        ff.vote(closed, [pb["z"]], email="late@example.org", on=closed.voting_opens_on)
    assert "6 ballots" in _text(client.get(address))
    cache.clear()
