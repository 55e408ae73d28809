"""Attendance: the body's members on the day are expected; each is recorded present,
with apologies or absent; invitees who are not members are recorded as such; the
quorum is checked where the body sets one. A person's page shows their roles,
attendance and declarations, and never anything private about them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from partnerships import services
from partnerships.models import Attendance, Meeting
from partnerships.records import meeting_attendance

from . import factories as f

pytestmark = pytest.mark.django_db

DAY = timezone.make_aware(datetime.datetime(2016, 9, 14, 18, 30))


@pytest.fixture
def board():
    board = f.area()["area_board"]
    board.quorum = 2
    services.body_save(body=board)
    people = {}
    for name in ["Ann Able", "Ben Busy", "Cat Cole"]:
        people[name] = f.member(board, f.person(name), starts_on=datetime.date(2016, 1, 1)).person
    people["Len Left"] = f.member(
        board,
        f.person("Len Left"),
        starts_on=datetime.date(2015, 1, 1),
        ends_on=datetime.date(2016, 6, 30),
    ).person
    meeting = Meeting.objects.create(body=board, title="September", starts_at=DAY)
    private = Meeting.objects.create(
        body=board, title="Budget", starts_at=DAY + datetime.timedelta(days=7), is_public=False
    )
    return board, people, meeting, private


def test_members_of_the_day_are_expected_and_counted(board):
    body, people, meeting, _ = board
    services.attendance_record(meeting=meeting, person=people["Ann Able"], status="present")
    services.attendance_record(meeting=meeting, person=people["Ben Busy"], status="apologies")
    guest = f.person("Gus Guest")
    services.attendance_record(
        meeting=meeting, person=guest, status="present", is_invitee=True, invited_as="Highways"
    )
    record = meeting_attendance(meeting)
    assert [e.name for e in record.members] == ["Ann Able", "Ben Busy", "Cat Cole"]
    assert [e.status_label for e in record.members] == ["Present", "Sent apologies", "Not recorded"]
    assert record.present == 1 and record.apologies == 1
    assert record.quorate is False
    assert [(e.name, e.role) for e in record.invitees] == [("Gus Guest", "Highways")]
    services.attendance_record(meeting=meeting, person=people["Cat Cole"], status="present")
    assert meeting_attendance(meeting).quorate is True


@pytest.mark.parametrize(
    ("who", "invitee", "field", "message"),
    [
        ("Len Left", False, "person", "was not a member of"),
        ("a stranger", False, "person", "was not a member of"),
        ("Ann Able", True, "is_invitee", "record them as a member"),
    ],
)
def test_attendance_of_someone_not_expected_is_refused(board, who, invitee, field, message):
    _, people, meeting, _ = board
    person = people.get(who) or f.person("Sam Stranger")
    with pytest.raises(ValidationError) as refused:
        services.attendance_record(
            meeting=meeting, person=person, status="present", is_invitee=invitee
        )
    assert message in " ".join(refused.value.message_dict[field])
    assert not Attendance.objects.exists()


def test_the_admin_refuses_a_non_member_on_the_field(admin_client, board):
    _, _, meeting, _ = board
    stranger = f.person("Sam Stranger")
    url = reverse("admin:partnerships_meeting_change", args=[meeting.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "agenda_published_at"}
    data.update(
        {
            "body": meeting.body.pk,
            "title": meeting.title,
            "kind": meeting.kind,
            "status": meeting.status,
            "is_public": "on",
            "starts_at_0": "14/09/2016",
            "starts_at_1": "18:30:00",
        }
    )
    for prefix in ["agenda_items", "attendance", "declarations"]:
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(
        {
            "attendance-TOTAL_FORMS": "1",
            "attendance-0-person": stranger.pk,
            "attendance-0-status": "present",
            "attendance-0-meeting": meeting.pk,
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "was not a member of" in response.content.decode()
    assert not Attendance.objects.exists()


def test_the_meeting_page_shows_attendance_and_the_quorum(client, board, django_assert_num_queries):
    _, people, meeting, _ = board
    services.attendance_record(meeting=meeting, person=people["Ann Able"], status="present")
    client.get(meeting.get_absolute_url())
    # (7 with the meeting's wards, issue 21.)
    with django_assert_num_queries(7):
        page = client.get(meeting.get_absolute_url()).content.decode()
    assert "1 of 3 members present" in page
    assert "The meeting was not quorate" in page
    assert reverse("partnerships:person-detail", args=["ann-able"]) in page


def test_a_persons_page_shows_public_attendance_only_to_the_public(client, board):
    body, people, meeting, private = board
    ann = people["Ann Able"]
    ann.email, ann.telephone = "ann.private@example.org", "07700 900123"
    ann.save()
    services.attendance_record(meeting=meeting, person=ann, status="present")
    services.attendance_record(meeting=private, person=ann, status="apologies")
    page = client.get(ann.get_absolute_url()).content.decode()
    assert body.name in page and "September" in page and "Budget" not in page
    assert "ann.private" not in page and "07700" not in page
    member = f.person("Mo Member", with_login=True)
    f.member(body, member)
    client.force_login(member.user)
    assert "Budget" in client.get(ann.get_absolute_url()).content.decode()


def test_the_period_narrows_the_attendance_and_bad_dates_say_so(client, board):
    _, people, meeting, _ = board
    services.attendance_record(meeting=meeting, person=people["Ann Able"], status="present")
    url = people["Ann Able"].get_absolute_url()
    assert "September" in client.get(url, {"since": "01/09/2016", "until": "30/09/2016"}).text
    assert "September" not in client.get(url, {"since": "01/10/2016"}).text
    bad = client.get(url, {"since": "31/02/2016"})
    assert bad.status_code == 400 and "Enter a real date" in bad.text
    backwards = client.get(url, {"since": "01/10/2016", "until": "01/09/2016"})
    assert backwards.status_code == 400 and "on or after its start" in backwards.text


def test_a_persons_page_costs_a_fixed_number_of_queries(client, board, django_assert_num_queries):
    _, people, meeting, _ = board
    services.attendance_record(meeting=meeting, person=people["Ann Able"], status="present")
    url = people["Ann Able"].get_absolute_url()
    client.get(url)
    # the person, their roles, their registered interests, their attendance, their
    # declarations
    with django_assert_num_queries(5):
        client.get(url)
    assert client.get(reverse("partnerships:person-detail", args=["nobody"])).status_code == 404


def test_the_standing_register_of_interests(client, board):
    from partnerships.models import RegisteredInterest

    ann = board[1]["Ann Able"]
    services.registered_interest_save(
        interest=RegisteredInterest(
            person=ann,
            interest_type="organisational",
            description="Trustee of Crewe Food Bank",
            registered_on=datetime.date(2016, 5, 1),
        )
    )
    services.registered_interest_save(
        interest=RegisteredInterest(
            person=ann,
            interest_type="business",
            description="Director of Able Consulting Ltd",
            registered_on=datetime.date(2015, 1, 1),
            ended_on=datetime.date(2016, 3, 31),
        )
    )
    page = client.get(ann.get_absolute_url()).text
    assert page.index("Trustee of Crewe Food Bank") < page.index("Director of Able Consulting")
    assert "31 Mar 2016" in page
    with pytest.raises(ValidationError) as refused:
        services.registered_interest_save(
            interest=RegisteredInterest(
                person=ann,
                interest_type="personal",
                description="x",
                registered_on=datetime.date(2016, 5, 1),
                ended_on=datetime.date(2016, 4, 1),
            )
        )
    assert "cannot end before" in refused.value.message_dict["ended_on"][0]
    with pytest.raises(ValidationError) as refused:
        services.registered_interest_save(
            interest=RegisteredInterest(person=ann, interest_type="", description="")
        )
    assert set(refused.value.message_dict) == {"interest_type", "description"}
    assert RegisteredInterest.objects.count() == 2
