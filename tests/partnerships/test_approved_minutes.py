"""Minutes once approved are a record: the public see them as approved, whatever is
edited afterwards, until a correction is published, which says what it changed;
every version stays public, with its PDF and SHA-256. Approved minutes cannot be
unpublished, and a confidential item's minutes are never in them."""

import hashlib
import io

import pypdf
import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from pace.core.queueing import queued_started
from partnerships import services
from partnerships.models import AgendaItem, Decision, Meeting

from ..notifications.conftest import run_worker
from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    amg = f.area()["amg"]
    made = Meeting.objects.create(
        body=amg, title="Management group", starts_at=timezone.now(), is_public=True
    )
    town_centre = AgendaItem.objects.create(
        meeting=made, position=1, title="Town centre", minutes="Agreed a survey."
    )
    services.decision_record(
        decision=Decision(meeting=made, agenda_item=town_centre, title="Survey", text="Go")
    )
    AgendaItem.objects.create(
        meeting=made,
        position=2,
        title="Bids in confidence",
        minutes="Chose Acme Ltd.",
        is_confidential=True,
    )
    return made


def test_approved_minutes_are_served_as_approved(client, meeting):
    assert "Agreed a survey." not in client.get(f"/meetings/{meeting.pk}/").text
    services.meeting_minutes_approve(meeting=meeting)
    page = client.get(f"/meetings/{meeting.pk}/").text
    assert "Agreed a survey." in page and "Chose Acme Ltd." not in page

    AgendaItem.objects.filter(meeting=meeting, position=1).update(minutes="Rewritten later.")
    page = client.get(f"/meetings/{meeting.pk}/").text
    assert "Agreed a survey." in page and "Rewritten later." not in page
    pdf = client.get(f"/meetings/{meeting.pk}/minutes.pdf").content
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "Agreed a survey." in text and "Rewritten later." not in text
    assert "Chose Acme Ltd." not in text

    (version,) = services.minutes_versions(meeting)
    assert version.sha256 == hashlib.sha256(version.html.encode()).hexdigest()
    assert version.sha256 in page and version.pdf_sha256 == hashlib.sha256(pdf).hexdigest()
    keywords = pypdf.PdfReader(io.BytesIO(pdf)).metadata["/Keywords"]
    assert keywords == f"sha256:{version.sha256}"


def test_a_correction_publishes_the_minutes_as_they_now_stand(client, meeting):
    services.meeting_minutes_approve(meeting=meeting)
    AgendaItem.objects.filter(meeting=meeting, position=1).update(minutes="Agreed two surveys.")
    with pytest.raises(ValidationError):
        services.meeting_minutes_correct(meeting=meeting, correction="")
    services.meeting_minutes_correct(meeting=meeting, correction="Two surveys, not one.")
    page = client.get(f"/meetings/{meeting.pk}/").text
    assert "Agreed two surveys." in page and "Two surveys, not one." in page
    first = client.get(f"/meetings/{meeting.pk}/minutes/1/").text
    assert "Agreed a survey." in first and "Read the latest version" in first
    assert client.get(f"/meetings/{meeting.pk}/minutes/3/").status_code == 404


def test_approved_minutes_cannot_be_unpublished(meeting):
    services.meeting_minutes_approve(meeting=meeting)
    meeting.minutes_published = False
    with pytest.raises(ValidationError) as refused:
        meeting.full_clean()
    assert "publish a correction" in str(refused.value.message_dict["minutes_published"])


def test_minutes_approved_in_the_admin_are_kept_and_correctable(client, meeting):
    client.force_login(f.officer())
    change = client.get(f"/admin/partnerships/meeting/{meeting.pk}/change/")
    assert "Not approved yet" in change.text
    meeting.minutes_published = True
    meeting.save()
    # Approved outside the service: kept by the worker, then corrected in the admin.
    services.meeting_minutes_freeze(meeting=meeting)
    url = f"/admin/partnerships/meeting/{meeting.pk}/correct/"
    assert url in client.get(f"/admin/partnerships/meeting/{meeting.pk}/change/").text
    assert client.post(url, {"correction": "Adds the decision."}).status_code == 302
    assert [v.number for v in services.minutes_versions(meeting)] == [1, 2]


def test_minutes_marked_approved_alone_are_kept_by_the_worker_not_the_page(
    client, meeting, django_capture_on_commit_callbacks
):
    """Minutes marked approved by a door that wrote the mark alone (a bulk load, an
    old backup) are kept by the worker, queued once by the first page that finds
    them; the page itself writes no record, and shows no minutes until then."""
    from django_tasks_db.models import DBTaskResult

    Meeting.objects.filter(pk=meeting.pk).update(minutes_published=True)
    queued_started(f"minutes-freeze:{meeting.pk}")
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            page = client.get(f"/meetings/{meeting.pk}/")
        assert "These minutes are approved and are being published" in page.text
        assert "Agreed a survey." not in page.text
    assert services.minutes_versions(meeting) == []
    queued = DBTaskResult.objects.filter(task_path="partnerships.services.meetings.minutes_freeze")
    assert queued.count() == 1
    assert client.get(f"/meetings/{meeting.pk}/minutes/1/").status_code == 404
    run_worker()
    [kept] = services.minutes_versions(meeting)
    assert "Agreed a survey." in kept.html and "Chose Acme Ltd." not in kept.html
    page = client.get(f"/meetings/{meeting.pk}/")
    assert "Agreed a survey." in page.text
    assert "being published" not in page.text
    queued_started(f"minutes-freeze:{meeting.pk}")


def test_unapproved_minutes_have_no_versions(client, meeting):
    assert client.get(f"/meetings/{meeting.pk}/minutes.pdf").status_code == 404
    assert client.get(f"/meetings/{meeting.pk}/minutes/1/").status_code == 404


def test_a_decision_the_approved_minutes_hold_changes_only_as_their_correction(client, meeting):
    services.meeting_minutes_approve(meeting=meeting)
    decision = Decision.objects.get(meeting=meeting)
    decision.text = "Go, with a second survey in the spring"
    with pytest.raises(ValidationError) as refused:
        services.decision_record(decision=decision)
    assert "correction" in refused.value.message_dict
    assert Decision.objects.get(pk=decision.pk).text == "Go"
    assert len(services.minutes_versions(meeting)) == 1

    # Saved unchanged: no correction needed, nothing recorded.
    same = Decision.objects.get(pk=decision.pk)
    services.decision_record(decision=same)
    assert len(services.minutes_versions(meeting)) == 1

    services.decision_record(decision=decision, correction="The decision adds a second survey.")
    versions = services.minutes_versions(meeting)
    assert len(versions) == 2
    assert versions[-1].correction == "The decision adds a second survey."
    assert "second survey in the spring" in versions[-1].html
    # The decision log and the minutes say the same; the first version stays public.
    assert "second survey in the spring" in client.get(decision.get_absolute_url()).text
    assert "second survey in the spring" not in versions[0].html

    # A decision added to those minutes, and one taken back, are corrections too.
    item = AgendaItem.objects.get(meeting=meeting, position=1)
    late = Decision(meeting=meeting, agenda_item=item, title="Late", text="Also agreed")
    with pytest.raises(ValidationError):
        services.decision_record(decision=late)
    services.decision_record(decision=late, correction="Adds a decision left out.")
    with pytest.raises(ValidationError):
        services.decision_delete(decision=late)
    services.decision_delete(decision=late, correction="Takes back the decision added in error.")
    assert len(services.minutes_versions(meeting)) == 4
    assert not Decision.objects.filter(title="Late").exists()


def test_the_admin_asks_what_a_change_to_such_a_decision_corrects(client, meeting):
    from ..site.html_forms import form_data

    services.meeting_minutes_approve(meeting=meeting)
    decision = Decision.objects.get(meeting=meeting)
    client.force_login(f.officer())
    url = f"/admin/partnerships/decision/{decision.pk}/change/"
    page = client.get(url).text
    # It cannot be deleted, only corrected.
    assert f"/admin/partnerships/decision/{decision.pk}/delete/" not in page
    data = form_data(page, "decision_form")
    data["text"] = "Go, in the spring"
    response = client.post(url, data)
    assert response.status_code == 200
    assert (
        "say what this change corrects"
        in response.context["adminform"].form.errors["correction"][0]
    )
    assert Decision.objects.get(pk=decision.pk).text == "Go"

    data["correction"] = "The minutes left out when."
    response = client.post(url, data)
    assert response.status_code == 302
    assert Decision.objects.get(pk=decision.pk).text == "Go, in the spring"
    assert services.minutes_versions(meeting)[-1].correction == "The minutes left out when."
