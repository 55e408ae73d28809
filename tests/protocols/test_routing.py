"""Where a complaint or a whistle-blowing report goes: the nearest body at or above
the one it is about whose terms receive it, else the Leaders Board."""

import pytest
from django.core.exceptions import ValidationError

from pace.protocols.models import CaseKind
from pace.protocols.routing import leaders_board, route_for
from partnerships.models import Body

from .conftest import terms

pytestmark = pytest.mark.django_db


def test_with_no_terms_everything_goes_to_the_leaders_board(tree):
    for kind in CaseKind.values:
        assert route_for(kind, tree["amg"]) == tree["leaders"]
        assert route_for(kind, None) == tree["leaders"]


def test_the_nearest_body_at_or_above_whose_terms_receive_it(tree):
    terms(tree["area_board"], receives_complaints=True)
    terms(tree["amg"], receives_whistleblowing=True)
    # At the body itself, then walking up.
    assert route_for(CaseKind.COMPLAINT, tree["area_board"]) == tree["area_board"]
    assert route_for(CaseKind.COMPLAINT, tree["amg"]) == tree["area_board"]
    assert route_for(CaseKind.WHISTLEBLOWING, tree["amg"]) == tree["amg"]
    # Each kind follows its own flag: the Area Board takes no whistle-blowing.
    assert route_for(CaseKind.WHISTLEBLOWING, tree["area_board"]) == tree["leaders"]
    # Never sideways or down: the thematic board is not above the Area Board.
    assert route_for(CaseKind.COMPLAINT, tree["thematic"]) == tree["leaders"]


def test_the_nearer_of_two_receiving_bodies_wins(tree):
    terms(tree["leaders"], receives_complaints=True)
    terms(tree["area_board"], receives_complaints=True)
    assert route_for(CaseKind.COMPLAINT, tree["amg"]) == tree["area_board"]


def test_a_body_that_has_ended_receives_nothing(tree):
    import datetime

    terms(tree["area_board"], receives_complaints=True)
    Body.objects.filter(pk=tree["area_board"].pk).update(ends_on=datetime.date(2021, 1, 1))
    assert route_for(CaseKind.COMPLAINT, tree["amg"]) == tree["leaders"]


def test_routing_costs_one_query(tree, django_assert_num_queries):
    terms(tree["area_board"], receives_complaints=True)
    with django_assert_num_queries(1):
        route_for(CaseKind.COMPLAINT, tree["amg"])


def test_without_a_leaders_board_routing_says_so():
    with pytest.raises(ValidationError) as raised:
        leaders_board()
    assert raised.value.code == "no_leaders_board"
