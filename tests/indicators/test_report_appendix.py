"""The scorecards appendix of cabinet reports and annual reports
(``pace/reports/scorecards.py``): the chosen outcomes' and priorities' public
indicators with their latest value, target, status and direction of travel, kept
with the report when it is published or presented, so a figure that changes later
leaves the published page and PDF as they were while a draft's preview moves on."""

import io
import re
from decimal import Decimal

import pypdf
import pytest
from django.urls import reverse
from django.utils import timezone

from pace.reports import services as report_services
from pace.reports.appendices import report_appendices
from pace.reports.models import AnnualReport, ReportStatus
from partnerships.models import BodyKind
from strategy.indicators import services as indicator_services
from strategy.indicators.selectors import indicator_cards
from strategy.indicators.status import Status, Travel
from tests.partnerships import factories as pf
from tests.reports import factories as rf
from tests.strategy import factories as sf

from . import records as r

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    strategy = sf.strategy(priorities=2)
    outcome = strategy.outcomes.create(position=1, title="People live well for longer")
    priority = strategy.priorities.get(position=1)
    leaders = pf.body(BodyKind.LEADERS_BOARD, name="Leaders Board")
    board = pf.body(BodyKind.THEMATIC_BOARD, leaders, name="Health and Wellbeing Board")
    smoking = r.indicator(
        owner=board,
        title="Adults who smoke",
        slug="adults-who-smoke",
        values=["19.1", "18.4", "17.9", "16.5", "15.2"],
        target="12.0",
        polarity="down",
        outcomes=[outcome],
        priorities=[priority],
    )
    activity = r.indicator(
        owner=board,
        title="Adults who are active",
        slug="adults-active",
        values=["61.0", "60.2"],
        target="70.0",
        outcomes=[outcome],
    )
    hidden = r.indicator(
        owner=board,
        title="Loneliness draft measure",
        slug="loneliness",
        public=False,
        values=["33.3"],
        outcomes=[outcome],
        priorities=[priority],
    )
    return {
        "strategy": strategy,
        "outcome": outcome,
        "priority": priority,
        "leaders": leaders,
        "board": board,
        "smoking": smoking,
        "activity": activity,
        "hidden": hidden,
    }


def cabinet_report(world, status=ReportStatus.DRAFT):
    report = rf.report(status=status, title=f"Progress of the strategy ({status})")
    report.scorecard_outcomes.set([world["outcome"]])
    report.scorecard_priorities.set([world["priority"]])
    return report


def content(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def latest_to(world, figure: str) -> None:
    """The latest value of smoking is revised (as an officer would, in the admin)."""
    value = world["smoking"].values.order_by("-period_end").first()
    value.value = Decimal(figure)
    indicator_services.indicator_value_save(value=value)


def test_the_appendix_tabulates_each_chosen_scorecard_with_public_indicators(world):
    report = cabinet_report(world)
    (appendix,) = report_appendices(report, on=timezone.localdate())
    assert appendix.title == "Scorecards"
    headings = [part.heading for part in appendix.parts]
    assert headings == [
        "Outcome 1: People live well for longer",
        f"Priority a: {world['priority'].title}",
    ]
    outcome_card = appendix.parts[0].context["scorecard"]
    assert [c.indicator.slug for c in outcome_card.indicators] == [
        "adults-active",
        "adults-who-smoke",
    ]
    # The report is public: the unpublished indicator is in no scorecard.
    for part in appendix.parts:
        assert "loneliness" not in [c.indicator.slug for c in part.context["scorecard"].indicators]


def test_a_report_without_scorecards_has_no_such_appendix(world):
    report = rf.report(status=ReportStatus.DRAFT)
    assert report_appendices(report, on=timezone.localdate()) == []


def test_the_tables_use_the_statuses_of_the_indicator_pages(client, world):
    report = cabinet_report(world)
    client.force_login(pf.officer())
    html = client.get(report.get_absolute_url()).content.decode()
    assert "Appendix 1: Scorecards" in html
    cards = {c.indicator.slug: c for c in indicator_cards([world["smoking"], world["activity"]])}
    for slug, card in cards.items():
        row = re.search(
            rf'<tr class="govuk-table__row" data-indicator="{slug}">(.*?)</tr>', html, re.S
        )
        assert row, slug
        cells = row.group(1)
        assert (
            f'data-status="{card.assessment.status.value}">{card.assessment.status.label}<' in cells
        )
        assert (
            f'data-travel="{card.assessment.travel.value}">{card.assessment.travel.label}<' in cells
        )
    smoking = cards["adults-who-smoke"].assessment
    assert smoking.travel == Travel.IMPROVING and smoking.status in (
        Status.ON_TRACK,
        Status.OFF_TRACK,
    )
    assert "15.2%" in html and "12.0% by" in html
    assert "Loneliness" not in html and "33.3" not in html


def test_the_published_report_keeps_its_scorecards_while_a_draft_moves_on(client, world):
    published = cabinet_report(world, status=ReportStatus.DRAFT)
    report_services.cabinet_report_publish(report=published)
    draft = cabinet_report(world, status=ReportStatus.DRAFT)

    # The PDF first: once made, the page shows its SHA-256 too.
    pdf = content(client.get(published.get_pdf_url()))
    page = client.get(published.get_absolute_url())
    assert page.status_code == 200
    assert "15.2%" in page.content.decode() and "15.2%" in pdf_text(pdf)

    latest_to(world, "9.9")

    # The published report, page and PDF, is what was published.
    assert client.get(published.get_absolute_url()).content == page.content
    assert content(client.get(published.get_pdf_url())) == pdf
    assert "9.9%" not in pdf_text(pdf)
    # The draft's preview is drawn from the data as it now is.
    client.force_login(pf.officer())
    preview = client.get(draft.get_absolute_url()).content.decode()
    assert "9.9%" in preview and "15.2%" not in preview
    assert "9.9%" in pdf_text(content(client.get(draft.get_pdf_url())))
    # The new figure reaches the published report only as a correction.
    report_services.cabinet_report_correct(
        report=published, correction="The latest smoking figure was revised."
    )
    client.logout()
    corrected = client.get(published.get_absolute_url()).content.decode()
    assert "9.9%" in corrected and "The latest smoking figure was revised." in corrected
    first = client.get(reverse("reports:report-version", args=[published.pk, 1]))
    assert first.content.decode().count("15.2%") >= 1 and "9.9%" not in first.content.decode()


def _year() -> int:
    today = timezone.localdate()
    return today.year if today.month >= 4 else today.year - 1


def test_an_annual_report_keeps_the_scorecards_it_was_presented_with(client, world):
    report = report_services.annual_report_present(
        report=AnnualReport(
            body=world["board"],
            year=_year(),
            presented_to=world["leaders"],
            presented_on=timezone.localdate(),
        ),
        scorecard_outcomes=[world["outcome"]],
        scorecard_priorities=[world["priority"]],
    )
    kept = content(client.get(report.get_absolute_url()))
    text = pdf_text(kept)
    assert "Scorecards" in text and "Adults who smoke" in text and "15.2%" in text
    assert "Loneliness" not in text
    assert pypdf.PdfReader(io.BytesIO(kept)).trailer["/Root"]["/Lang"] == "en-GB"

    latest_to(world, "9.9")
    assert content(client.get(report.get_absolute_url())) == kept
    report_services.annual_report_correct(
        report=report, correction="The latest smoking figure was revised."
    )
    corrected = pdf_text(content(client.get(report.get_absolute_url())))
    assert "9.9%" in corrected and "15.2%" not in corrected


def test_officers_choose_the_scorecards_of_an_annual_report_in_the_admin(client, world):
    client.force_login(pf.officer())
    response = client.post(
        reverse("admin:reports_annualreport_add"),
        {
            "body": world["board"].pk,
            "year": _year(),
            "presented_to": world["leaders"].pk,
            "presented_on": timezone.localdate().isoformat(),
            "scorecard_outcomes": [world["outcome"].pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    report = AnnualReport.objects.get(body=world["board"])
    assert list(report.scorecard_outcomes.all()) == [world["outcome"]]
    (version,) = report_services.annual_report_versions(report)
    assert "Adults who smoke" in version.html and "15.2%" in version.html


#: A report's appendices with the scorecards of one outcome and one priority,
#: whatever the number of indicators and values: the other kinds' choices (funds,
#: bodies: 2); the scorecards chosen (outcomes, priorities: 2); the outcome's
#: scorecard (its indicators, their values, their targets, the priorities they
#: serve, those priorities' plans' measures, their actions' roll-up: 6); the
#: priority's (its indicators, values, targets, measures, roll-up: 5).
APPENDIX_QUERIES = 2 + 2 + 6 + 5


@pytest.mark.parametrize("extra", [0, 5])
def test_the_appendix_costs_a_fixed_number_of_queries(world, django_assert_num_queries, extra):
    for n in range(extra):
        r.indicator(
            owner=world["board"],
            title=f"More {n}",
            values=["10.0", "11.0", "12.0"],
            outcomes=[world["outcome"]],
            priorities=[world["priority"]],
        )
    report = cabinet_report(world)
    with django_assert_num_queries(APPENDIX_QUERIES):
        report_appendices(report, on=timezone.localdate())
