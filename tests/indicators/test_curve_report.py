"""Turn-the-curve reports (``strategy/indicators/curve_views.py``,
``services.curve_report_publish``): a draft only for its body's members, the
bodies above and officers; publishing keeps the report with its indicator's
figures and status of that day, in the page and the tagged PDF, and a later change
reaches the public only as a correction that says what changed."""

import io
import re

import pypdf
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from pace.core.models import PublishedVersion
from partnerships.models import BodyKind
from strategy.indicators import services
from strategy.indicators.models import CurveReport, CurveReportStatus
from tests.partnerships import factories as pf

from . import records as r

pytestmark = pytest.mark.django_db

STORY = "Smoking fell fastest where pharmacies ran drop-in sessions."


@pytest.fixture
def world():
    leaders = pf.body(BodyKind.LEADERS_BOARD, name="Leaders Board")
    board = pf.body(BodyKind.THEMATIC_BOARD, leaders, name="Health and Wellbeing Board")
    other = pf.body(BodyKind.THEMATIC_BOARD, leaders, name="Learning and Skills Board")
    indicator = r.indicator(
        owner=board,
        title="Adults who smoke",
        slug="adults-who-smoke",
        values=["19.1", "18.4", "17.9", "16.5", "15.2"],
        target="12.0",
        polarity="down",
    )
    report = services.curve_report_save(
        report=CurveReport(
            indicator=indicator,
            body=board,
            title="Turning the curve on smoking",
            story=STORY,
            partners="Pharmacies, GPs and the NHS trust.",
            what_works="Drop-in sessions near where people work.",
            action_plan="Open ten more drop-in sessions by March.",
        )
    )

    def member_of(body):
        who = pf.person(with_login=True)
        pf.member(body, who)
        return who.user

    return {
        "indicator": indicator,
        "report": report,
        "board_member": member_of(board),
        "leaders_member": member_of(leaders),
        "other_member": member_of(other),
        "officer": pf.officer(),
    }


def page_url(report) -> str:
    return reverse("indicators:curve-report", args=[report.indicator.slug, report.pk])


def pdf_url(report) -> str:
    return reverse("indicators:curve-report-pdf", args=[report.indicator.slug, report.pk])


def content(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def as_user(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client


def test_a_draft_is_only_for_its_body_the_bodies_above_and_officers(client, world):
    report = world["report"]
    for who, expected in [
        (None, 404),
        ("other_member", 404),
        ("board_member", 200),
        ("leaders_member", 200),
        ("officer", 200),
    ]:
        as_user(client, world[who] if who else None)
        assert client.get(page_url(report)).status_code == expected, who
        assert client.get(pdf_url(report)).status_code == expected, who
    as_user(client, world["board_member"])
    page = client.get(page_url(report)).content.decode()
    assert "This report is a draft" in page and STORY in page


def test_a_report_on_another_indicator_address_is_404(client, world):
    other = r.indicator(owner=world["report"].body, title="Other", slug="other", values=["1.0"])
    as_user(client, world["officer"])
    url = reverse("indicators:curve-report", args=[other.slug, world["report"].pk])
    assert client.get(url).status_code == 404


def test_the_draft_pdf_is_tagged_with_the_story_and_the_figures(client, world):
    as_user(client, world["board_member"])
    response = client.get(pdf_url(world["report"]))
    assert response["Content-Type"] == "application/pdf"
    data = content(response)
    reader = pypdf.PdfReader(io.BytesIO(data))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog and catalog["/Lang"] == "en-GB"
    text = pdf_text(data)
    assert STORY in text
    assert "15.2%" in text and "19.1%" in text and "Draft" in text


def test_publishing_keeps_the_report_with_the_figures_of_that_day(client, world):
    report, indicator = world["report"], world["indicator"]
    version = services.curve_report_publish(report=report, by=world["officer"])
    report.refresh_from_db()
    assert report.status == CurveReportStatus.PUBLISHED
    assert report.published_on == timezone.localdate()
    assert version.number == 1 and version.correction == ""
    as_user(client, None)
    page = client.get(page_url(report)).content.decode()
    assert STORY in page and "15.2%" in page and "Version 1, the latest" in page
    published_pdf = content(client.get(pdf_url(report)))
    catalog = pypdf.PdfReader(io.BytesIO(published_pdf)).trailer["/Root"]
    assert "/StructTreeRoot" in catalog and catalog["/Lang"] == "en-GB"
    text = pdf_text(published_pdf)
    assert STORY in text and "15.2%" in text and "Draft" not in text

    # The figures move on and the text is edited: the public still read what was
    # published, page and PDF alike.
    latest = max(v.period_end for v in indicator.values.all())
    indicator.values.filter(period_end=latest).update(value="9.9")
    report.story = "A different story, written later."
    services.curve_report_save(report=report)
    page = client.get(page_url(report)).content.decode()
    assert STORY in page and "15.2%" in page
    assert "9.9%" not in page and "A different story" not in page
    assert content(client.get(pdf_url(report))) == published_pdf

    # Published again only as a correction that says what changed.
    with pytest.raises(ValidationError) as refused:
        services.curve_report_publish(report=report, by=world["officer"])
    assert "correction" in refused.value.message_dict
    services.curve_report_publish(
        report=report, by=world["officer"], correction="The latest figure was revised."
    )
    page = client.get(page_url(report)).content.decode()
    assert "A different story" in page and "9.9%" in page
    assert "The latest figure was revised." in page
    first = client.get(page_url(report) + "?version=1").content.decode()
    assert STORY in first and "9.9%" not in first
    assert content(client.get(pdf_url(report) + "?version=1")) == published_pdf
    corrected = pdf_text(content(client.get(pdf_url(report))))
    assert "9.9%" in corrected and "The latest figure was revised." in corrected
    assert client.get(page_url(report) + "?version=3").status_code == 404


def test_a_draft_has_nothing_to_correct(world):
    with pytest.raises(ValidationError):
        services.curve_report_publish(report=world["report"], correction="Something")
    assert not PublishedVersion.objects.exists()


def test_a_report_on_an_unpublished_indicator_cannot_be_published(world):
    indicator = world["indicator"]
    indicator.is_public = False
    services.indicator_save(indicator=indicator)
    with pytest.raises(ValidationError) as refused:
        services.curve_report_publish(report=world["report"])
    assert refused.value.code == "indicator_not_public"
    world["report"].refresh_from_db()
    assert world["report"].status == CurveReportStatus.DRAFT


def test_officers_publish_from_the_admin(client, world):
    report = world["report"]
    as_user(client, world["officer"])
    changelist = reverse("admin:indicators_curvereport_changelist")
    response = client.post(
        changelist, {"action": "publish", "_selected_action": [report.pk]}, follow=True
    )
    assert response.status_code == 200
    report.refresh_from_db()
    assert report.status == CurveReportStatus.PUBLISHED
    assert PublishedVersion.objects.filter(object_id=report.pk, number=1).exists()
    # Then a correction, from the report's own page in the admin.
    correct = reverse("admin:indicators_curvereport_correct", args=[report.pk])
    response = client.post(correct, {"correction": "Typo in the partners."})
    assert response.status_code == 302
    assert services.curve_report_versions(report)[-1].correction == "Typo in the partners."
    change = client.get(reverse("admin:indicators_curvereport_change", args=[report.pk]))
    assert correct in change.content.decode()


#: A published report's page for an anonymous visitor: the report with its
#: indicator, body and plan (1) and its versions (1).
PUBLISHED_PAGE = 2


@pytest.mark.parametrize("values", [2, 8])
def test_a_published_page_costs_a_fixed_number_of_queries(
    client, world, django_assert_num_queries, values
):
    indicator = r.indicator(
        owner=world["report"].body, title="Many", slug="many", values=["10.0"] * values
    )
    report = services.curve_report_save(
        report=CurveReport(
            indicator=indicator,
            body=world["report"].body,
            title="Many values",
            story="s",
            partners="p",
            what_works="w",
            action_plan="a",
        )
    )
    services.curve_report_publish(report=report)
    as_user(client, None)
    with django_assert_num_queries(PUBLISHED_PAGE):
        assert client.get(page_url(report)).status_code == 200
