"""Dates that have passed say so, the same on the web as in the PDFs: a strategy
whose period has ended is never the current one; a milestone past its date and not
done, and a risk past its review date, are overdue; a grant past its planned end
with no evidence of success is flagged."""

import datetime
import io
import re

import pypdf
import pytest
from django.utils.timezone import localdate as today

from funding.models import GrantAward, Mechanism
from pace.reports.models import CabinetReport
from strategy import selectors
from strategy.models import Strategy, StrategyStatus

from ..funding import factories as ff
from ..partnerships import factories as pf
from ..reports import factories as rf

pytestmark = pytest.mark.django_db


def _strategy(title, starts, ends, status=StrategyStatus.ADOPTED) -> Strategy:
    return Strategy.objects.create(
        title=title,
        slug=title.lower().replace(" ", "-"),
        starts_on=starts,
        ends_on=ends,
        status=status,
        vision=f"The vision of {title}.",
    )


def test_a_strategy_whose_period_has_ended_is_not_the_current_one(client):
    ended = _strategy("Ambition 2010", datetime.date(2010, 4, 1), today() - datetime.timedelta(1))
    assert selectors.current_strategy() is None
    home = client.get("/").text
    assert "No partnership strategy is in force today" in home
    assert "Ambition 2010" in home and "The vision of Ambition 2010." not in home
    assert "ended" in client.get(ended.get_absolute_url()).text

    current = _strategy(
        "Ambition now", today() - datetime.timedelta(30), today() + datetime.timedelta(300)
    )
    _strategy("Ambition later", today() + datetime.timedelta(1), today() + datetime.timedelta(900))
    assert selectors.current_strategy() == current
    assert "The vision of Ambition now." in client.get("/").text


def _cells(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_milestones_and_risk_reviews_past_their_dates_are_overdue_on_web_and_pdf(client):
    strategy = rf.strategy("Refresh")
    Strategy.objects.filter(pk=strategy.pk).update(status=StrategyStatus.ADOPTED)
    rf.milestone(strategy, "Consultation closes", today() - datetime.timedelta(days=10))
    rf.milestone(strategy, "Cabinet decides", today() + datetime.timedelta(days=10))
    rf.risk(strategy, "Partners do not commit")  # reviewed by 31 October 2016
    web = _cells(client.get(strategy.get_absolute_url()).text)
    assert "Consultation closes" in web
    assert re.search(r"Consultation closes \S+ \S+ \S+ Overdue", web)
    assert re.search(r"Cabinet decides \S+ \S+ \S+ Not yet due", web)
    assert "31 October 2016 Review overdue" in web
    assert "Not yet " not in web.replace("Not yet due", "")

    report = rf.report(include_project_plan=True, include_risk_log=True, appendix_strategy=strategy)
    CabinetReport.objects.filter(pk=report.pk).update(status="draft")
    client.force_login(pf.officer())
    pdf = client.get(report.get_pdf_url()).content
    text = re.sub(
        r"\s+", " ", "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    )
    assert "Overdue" in text and "Not yet due" in text and "Review overdue" in text


def test_a_grant_past_its_planned_end_without_evidence_is_flagged(client):
    fund = ff.fund(mechanism=Mechanism.DIRECT_GRANT)
    late = ff.award(fund, title="Late evidence")
    GrantAward.objects.filter(pk=late.pk).update(planned_end_on=today() - datetime.timedelta(1))
    done = ff.award(fund, title="Evidence in")
    GrantAward.objects.filter(pk=done.pk).update(
        planned_end_on=today() - datetime.timedelta(1), evidence_of_success="Ran 40 sessions."
    )
    running = ff.award(fund, title="Still running")
    GrantAward.objects.filter(pk=running.pk).update(planned_end_on=today() + datetime.timedelta(9))

    assert list(GrantAward.objects.evidence_overdue(today())) == [late]
    page = client.get(late.get_absolute_url()).text
    assert "Overdue" in page and "Not recorded" in page
    assert "Overdue" not in client.get(running.get_absolute_url()).text
    client.force_login(pf.officer())
    checks = client.get("/funding/checks/").text
    section = checks.split('id="evidence"')[1].split("Conflicts of interest")[0]
    assert "Late evidence" in section
    assert "Evidence in" not in section and "Still running" not in section
