"""Anyone can recompute a round's results from its published ballots: this test
does, with its own reading of the rule the page publishes, from the CSV and the JSON
alone, and gets the results page. The exports say nothing about who voted."""

import csv
import io
import json
import re
from collections import Counter
from decimal import Decimal
from html import unescape

import pytest
from django.utils import timezone

from funding.models import BudgetingVoter

from . import factories as ff

pytestmark = pytest.mark.django_db


def recompute(money: Decimal, costs: dict[int, Decimal], votes: Counter) -> list[tuple]:
    """The rule as /funding/budgeting/rule/ states it, written again from the words:
    most votes first, then the cheaper, then the lower number; selected while it
    fits, skipped when it does not; never without a vote."""
    order = sorted(costs, key=lambda pk: (-votes[pk], costs[pk], pk))
    left, results = money, []
    for pk in order:
        if votes[pk] and costs[pk] <= left:
            left -= costs[pk]
            results.append((pk, votes[pk], "selected"))
        else:
            results.append((pk, votes[pk], "skipped" if votes[pk] else "no_votes"))
    return results


@pytest.fixture
def closed_round():
    today = timezone.localdate()
    day = timezone.timedelta(days=1)
    world = ff.pb_world(amount="10000", ideas=None, voting=(today - 20 * day, today - day))
    budgeting_round = world["round"]
    p = {
        name: ff.project(budgeting_round, cost=cost, title=title)
        for name, cost, title in [
            ("a", "6000", '=HYPERLINK("http://evil.example")'),
            ("b", "5000", "Bowls"),
            ("c", "3000", "Choir"),
            ("d", "2000", "Dance"),
            ("e", "9000", "Eels"),
        ]
    }
    ballots = [["a", "c"], ["a", "d"], ["a"], ["a", "c"], ["b", "c"], ["b"], ["b", "d"], ["e"]]
    ballots += [["b"], ["c"], ["d"]]
    for n, chosen in enumerate(ballots):
        ff.vote(
            budgeting_round,
            [p[name] for name in chosen],
            email=f"resident{n}@example.org",
            district="CW2" if n % 2 else "CW1",
            on=today - 10 * day,
        )
    return budgeting_round, p


def test_the_results_are_recomputed_from_the_published_ballots(client, closed_round):
    budgeting_round, p = closed_round
    package = json.loads(
        client.get(f"/funding/budgeting/{budgeting_round.pk}/ballots.json").content
    )
    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get(f"/funding/budgeting/{budgeting_round.pk}/ballots.csv").content.decode()
            )
        )
    )
    money = Decimal(package["round"]["money"])
    costs = {project["id"]: Decimal(project["cost"]) for project in package["projects"]}
    # From the CSV alone: one row a choice.
    votes = Counter(int(row["project_id"]) for row in rows)
    for row in rows:
        assert Decimal(row["project_cost"]) == costs[int(row["project_id"])]
    assert len({row["ballot_id"] for row in rows}) == 11
    # And from the JSON's ballots: the same count.
    assert votes == Counter(pk for ballot in package["ballots"] for pk in ballot["projects"])
    mine = recompute(money, costs, votes)
    # C, B and A have 4 votes each: the cheapest first. C and B leave £2,000; A
    # (£6,000) no longer fits and is skipped; D (3 votes, £2,000), after it, fits.
    order = [pk for pk, _, _ in mine]
    assert order == [p[name].pk for name in "cbade"]
    assert [outcome for _, _, outcome in mine] == [
        "selected",
        "selected",
        "skipped",
        "selected",
        "skipped",
    ]
    published = [
        (r["project_id"], r["votes"], "selected" if r["selected"] else "skipped")
        for r in package["results"]
    ]
    assert published == mine
    # The results page says the same, in the same order.
    page = client.get(f"/funding/budgeting/{budgeting_round.pk}/results/").content.decode()
    titles = {project["id"]: project["title"] for project in package["projects"]}
    shown = re.findall(
        r'<th scope="row" class="govuk-table__header"[^>]*><a class="govuk-link" href="[^"]+">'
        r"([^<]+)</a>",
        page,
    )
    assert [unescape(title) for title in shown] == [titles[pk] for pk in order]


def test_the_exports_say_nothing_about_who_voted(client, closed_round):
    budgeting_round, _ = closed_round
    texts = [
        client.get(f"/funding/budgeting/{budgeting_round.pk}/ballots.{kind}").content.decode()
        for kind in ("csv", "json")
    ]
    identities = list(BudgetingVoter.objects.values_list("identity", flat=True))
    for text in texts:
        assert "@" not in text and "resident" not in text
        assert not any(identity in text for identity in identities)
        assert not any(identity[:16] in text for identity in identities)
        assert "CW1" not in text and "CW2" not in text and "online" not in text
        assert not re.search(r"\d\d:\d\d", text)  # no time of any vote


def test_a_title_that_looks_like_a_formula_stays_text_in_the_csv(client, closed_round):
    budgeting_round, p = closed_round
    text = client.get(f"/funding/budgeting/{budgeting_round.pk}/ballots.csv").content.decode()
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text
