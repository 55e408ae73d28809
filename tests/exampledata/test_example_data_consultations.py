"""Issue 5's "done when", on the example data: the refresh consultation with its
checklist on /consultations/, the Area Assemblies on /meetings/, and /meetings.ics
read by a calendar parser."""

import pytest
from django.apps import apps
from icalendar import Calendar

from strategy.consultations.models import Consultation, EqualityImpactAssessment
from tests.documents.helpers import body

from .test_example_data import load

pytestmark = pytest.mark.django_db


def test_consultations_meetings_and_calendar_with_the_example_data(client):
    load()
    listing = client.get("/consultations/").content.decode()
    refresh = Consultation.objects.get(slug="ambition-for-all-refresh-2016")
    assert refresh.title in listing
    local = Consultation.objects.get(slug="crewe-and-nantwich-participatory-budgeting-priorities")
    closing_soon = listing.split(">Closing soon</h2>")[1].split("</table>")[0]
    assert local.title in closing_soon
    page = client.get(refresh.get_absolute_url()).content.decode()
    assert page.count(">Met</strong>") == 4
    assert "You said, we did" in page and "Equality impact assessment" in page
    assert all(check.passed for check in refresh.gunning_checklist())
    assert EqualityImpactAssessment.objects.get(strategy=refresh.strategy).is_complete
    assert client.get(local.get_absolute_url()).status_code == 200
    # Issue 16: the open consultation takes responses online and has some already;
    # the refresh's principle 4 is met from its records.
    assert local.is_taking_responses_online()
    assert local.consideration().responses > 20 and local.consideration().held == 1
    assert "Respond online" in client.get(local.get_absolute_url()).content.decode()
    assert refresh.consideration().responses == 48
    assert "We received 48 responses (16 e-mail, 12 post, 20 at an event)." in page

    meetings = client.get("/meetings/?body=crewe-and-nantwich-area-assembly").content.decode()
    assert "Summer Assembly" in meetings and "November Assembly" in meetings
    response = client.get("/meetings.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(body(response))
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert any("Assembly" in s for s in summaries)
    private = apps.get_model("partnerships", "Meeting").objects.filter(is_public=False)
    assert private.exists() and not any(m.title in summaries for m in private)
    for url in ("/meetings/declarations/", "/meetings/area-assemblies/"):
        assert client.get(url).status_code in (200, 302)
