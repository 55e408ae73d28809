"""The example data has residents' questions for the next Area Assembly meeting
taking them: one accepted, on the meeting's agenda, and one waiting, shown nowhere."""

import pytest
from django.core.management import call_command

from partnerships.models import Question, QuestionStatus

pytestmark = pytest.mark.django_db


def test_the_next_area_assembly_has_an_accepted_and_a_waiting_question(client):
    call_command("load_example_data", stdout=None)
    accepted = Question.objects.get(status=QuestionStatus.ACCEPTED)
    waiting = Question.objects.get(status=QuestionStatus.PENDING)
    assert accepted.meeting == waiting.meeting
    page = client.get(accepted.meeting.get_absolute_url()).content.decode()
    assert "Margaret Hollins asked:" in page and "Nantwich Road" in page
    assert "Queens Park" not in page and "@example.org" not in page
    assert f"/meetings/{accepted.meeting.pk}/questions/" in page
    call_command("load_example_data", stdout=None)
    assert Question.objects.count() == 2
