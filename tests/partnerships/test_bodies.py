"""The tree of bodies: which kind sits under which, loops, time-limited groups,
deletion and horizontal links."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from partnerships import services
from partnerships.models import AccountabilityLink, Body, BodyKind, Meeting
from partnerships.models.bodies import ALLOWED_PARENT_KINDS

from . import factories as f

pytestmark = pytest.mark.django_db
K = BodyKind


def errors_of(excinfo) -> dict[str, list[str]]:
    return excinfo.value.message_dict


def test_every_kind_has_a_rule():
    assert set(ALLOWED_PARENT_KINDS) == set(BodyKind.values)


def test_leaders_board_is_the_top():
    leaders = f.body(K.LEADERS_BOARD)
    assert leaders.parent is None and leaders.is_root_node()
    with pytest.raises(ValidationError) as excinfo:
        f.body(K.LEADERS_BOARD, parent=leaders)
    assert "cannot sit under a Leaders Board" in errors_of(excinfo)["parent"][0]


def test_thematic_board_sits_under_the_leaders_board_only():
    leaders = f.body(K.LEADERS_BOARD)
    board = f.body(K.THEMATIC_BOARD, leaders)
    assert board.parent == leaders
    with pytest.raises(ValidationError) as excinfo:
        f.body(K.THEMATIC_BOARD)
    assert errors_of(excinfo)["parent"] == [
        "A Thematic board cannot sit at the top of the structure. "
        "It must be accountable to Leaders Board."
    ]


def test_town_partnership_needs_an_area_board():
    bodies = f.area()
    town = f.body(K.TOWN_PARTNERSHIP, bodies["area_board"])
    assert town.get_ancestors().count() == 2
    with pytest.raises(ValidationError) as excinfo:
        f.body(K.TOWN_PARTNERSHIP, bodies["leaders"])
    assert "must be accountable to Area Board" in errors_of(excinfo)["parent"][0]
    assert Body.objects.filter(kind=K.TOWN_PARTNERSHIP).count() == 1


def test_working_group_must_have_an_end_date():
    bodies = f.area()
    with pytest.raises(ValidationError) as excinfo:
        services.body_create(
            name="PB group", slug="pb-group", kind=K.WORKING_GROUP, parent=bodies["amg"]
        )
    assert "time limited" in errors_of(excinfo)["ends_on"][0]
    assert not Body.objects.filter(slug="pb-group").exists()
    group = services.body_create(
        name="PB group",
        slug="pb-group",
        kind=K.WORKING_GROUP,
        parent=bodies["amg"],
        ends_on=datetime.date(2017, 3, 31),
    )
    assert group.parent == bodies["amg"]


def test_end_date_cannot_precede_start():
    with pytest.raises(ValidationError) as excinfo:
        f.body(
            K.LEADERS_BOARD, starts_on=datetime.date(2017, 1, 1), ends_on=datetime.date(2016, 1, 1)
        )
    assert "on or after" in errors_of(excinfo)["ends_on"][0]


def test_move_under_own_descendant_is_refused_and_tree_unchanged():
    leaders = f.body(K.LEADERS_BOARD)
    thematic = f.body(K.THEMATIC_BOARD, leaders)
    group = f.body(K.THEMATIC_GROUP, thematic)
    working = f.body(K.WORKING_GROUP, group)
    before = list(
        Body.objects.order_by("pk").values_list("pk", "parent_id", "lft", "rght", "tree_id")
    )
    with pytest.raises(ValidationError) as excinfo:
        services.body_move(body=group, target=working)
    assert "would make a loop" in errors_of(excinfo)["parent"][0]
    thematic.parent = group
    with pytest.raises(ValidationError):
        services.body_save(body=thematic)
    with pytest.raises(ValidationError):
        services.body_move(body=group, target=group)
    after = list(
        Body.objects.order_by("pk").values_list("pk", "parent_id", "lft", "rght", "tree_id")
    )
    assert after == before


def test_move_to_a_valid_parent_updates_the_tree():
    leaders = f.body(K.LEADERS_BOARD)
    first = f.area(leaders)
    second_board = f.body(K.AREA_BOARD, leaders)
    town = f.body(K.TOWN_PARTNERSHIP, first["area_board"])
    services.body_move(body=town, target=second_board)
    for b in (town, second_board, first["area_board"]):
        b.refresh_from_db()
    assert town.parent == second_board
    assert town in second_board.get_descendants()
    assert town not in first["area_board"].get_descendants()
    # The stored tree is exactly what a full rebuild gives.
    stored = list(Body.objects.order_by("pk").values_list("pk", "lft", "rght", "level", "tree_id"))
    Body.objects.rebuild()
    assert (
        list(Body.objects.order_by("pk").values_list("pk", "lft", "rght", "level", "tree_id"))
        == stored
    )


def test_move_as_sibling_checks_the_new_parents_kind():
    bodies = f.area()
    town = f.body(K.TOWN_PARTNERSHIP, bodies["area_board"])
    thematic = f.body(K.THEMATIC_BOARD, bodies["leaders"])
    # "right of the thematic board" means "under the Leaders Board": not for a town.
    with pytest.raises(ValidationError):
        services.body_move(body=town, target=thematic, position="right")
    services.body_move(body=town, target=bodies["amg"], position="left")
    town.refresh_from_db()
    assert town.parent == bodies["area_board"]


def test_changing_kind_is_refused_when_children_would_not_fit():
    bodies = f.area()
    board = bodies["area_board"]
    board.kind = K.THEMATIC_BOARD
    with pytest.raises(ValidationError) as excinfo:
        services.body_save(body=board)
    assert "cannot have" in errors_of(excinfo)["kind"][0]


def test_delete_refuses_a_body_with_children_or_records():
    bodies = f.area()
    with pytest.raises(ValidationError, match="accountable to it"):
        services.body_delete(body=bodies["area_board"])
    Meeting.objects.create(body=bodies["amg"], title="First", starts_at="2020-01-01T10:00Z")
    with pytest.raises(ValidationError, match="meetings"):
        services.body_delete(body=bodies["amg"])
    assert Body.objects.filter(pk=bodies["amg"].pk).exists()
    services.body_delete(body=bodies["assembly"])
    assert not Body.objects.filter(pk=bodies["assembly"].pk).exists()
    stored = list(Body.objects.order_by("pk").values_list("pk", "lft", "rght"))
    Body.objects.rebuild()
    assert list(Body.objects.order_by("pk").values_list("pk", "lft", "rght")) == stored


def test_horizontal_link_is_not_to_itself_nor_twice():
    bodies = f.area()
    hwb = f.body(K.THEMATIC_BOARD, bodies["leaders"])
    link = AccountabilityLink(from_body=hwb, to_body=hwb, description="talks to itself")
    with pytest.raises(ValidationError, match="cannot be linked to itself"):
        link.full_clean()
    AccountabilityLink.objects.create(
        from_body=hwb, to_body=bodies["area_board"], description="local feel"
    )
    twice = AccountabilityLink(from_body=hwb, to_body=bodies["area_board"], description="again")
    with pytest.raises(ValidationError, match="already have this relation"):
        twice.full_clean()
    # A link is not a parent: the tree is unchanged.
    assert bodies["area_board"].parent == bodies["leaders"]
