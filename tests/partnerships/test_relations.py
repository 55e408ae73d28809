"""Typed relations between bodies (issue 21): the rules of each kind with their
messages, the service that writes them, the admin, the body page, the structure
chart and its text twin, the open data and the history."""

import datetime
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerships import services, structure_chart
from partnerships.models import (
    RELATION_RULES,
    AccountabilityLink,
    Body,
    BodyKind,
    RelationKind,
)
from partnerships.selectors import body_relations, structure_relations, structure_tree
from tests.documents.helpers import body

from ..pins import AREA_BOARD_PAGE
from . import factories as f

pytestmark = pytest.mark.django_db
K, R = BodyKind, RelationKind


def every_kind() -> dict[str, Body]:
    """A body of each kind, each where the tree allows it."""
    leaders = f.body(K.LEADERS_BOARD, name="Leaders Board")
    thematic = f.body(K.THEMATIC_BOARD, leaders, name="Thematic Board")
    board = f.body(K.AREA_BOARD, leaders, name="Area Board")
    amg = f.body(K.AREA_MANAGEMENT_GROUP, board, name="Area Management Group")
    return {
        K.LEADERS_BOARD: leaders,
        K.ASSEMBLY: f.body(K.ASSEMBLY, name="Assembly"),
        K.THEMATIC_BOARD: thematic,
        K.THEMATIC_GROUP: f.body(K.THEMATIC_GROUP, thematic, name="Thematic Group"),
        K.AREA_BOARD: board,
        K.AREA_ASSEMBLY: f.body(K.AREA_ASSEMBLY, board, name="Area Assembly"),
        K.AREA_MANAGEMENT_GROUP: amg,
        K.TOWN_PARTNERSHIP: f.body(K.TOWN_PARTNERSHIP, board, name="Town Partnership"),
        K.WORKING_GROUP: f.body(K.WORKING_GROUP, amg, name="Working Group"),
    }


def errors_of(relation: AccountabilityLink) -> dict[str, list[str]]:
    """The codes of the errors ``full_clean`` finds, by field; empty when valid."""
    try:
        relation.full_clean()
    except ValidationError as error:
        return {field: [e.code for e in errs] for field, errs in error.error_dict.items()}
    return {}


@pytest.mark.parametrize("kind", list(R))
def test_each_relation_is_held_only_by_the_kinds_its_rule_names(kind):
    """Every pair of kinds, against ``RELATION_RULES``: a kind that may not hold the
    relation is named on "from", one it may not point to on "to"."""
    bodies = every_kind()
    # A second body of each kind at the top or beside the first, for pairs of one kind.
    twins = {k: f.body(k, b.parent, name=f"Second {b.name}") for k, b in bodies.items()}
    rule = RELATION_RULES[kind]
    for from_kind, source in bodies.items():
        for to_kind in bodies:
            target = twins[to_kind] if to_kind == from_kind else bodies[to_kind]
            found = errors_of(AccountabilityLink(from_body=source, to_body=target, kind=kind))
            assert ("relation_from_kind" in found.get("from_body", [])) == (
                from_kind not in rule.from_kinds
            ), (from_kind, to_kind)
            assert ("relation_to_kind" in found.get("to_body", [])) == (
                to_kind not in rule.to_kinds
            ), (from_kind, to_kind)


def test_the_messages_name_the_body_the_relation_and_who_may_hold_it():
    bodies = every_kind()
    with pytest.raises(ValidationError) as refused:
        AccountabilityLink(
            from_body=bodies[K.ASSEMBLY], to_body=bodies[K.LEADERS_BOARD], kind=R.REPORTS_TO
        ).full_clean()
    (message,) = refused.value.message_dict["from_body"]
    assert message.startswith(
        "Assembly is an Assembly, which cannot hold the relation “reports to”"
    )
    assert "The bodies that can: Leaders Board, Thematic board" in message
    with pytest.raises(ValidationError) as refused:
        AccountabilityLink(
            from_body=bodies[K.AREA_BOARD], to_body=bodies[K.TOWN_PARTNERSHIP], kind=R.REPORTS_TO
        ).full_clean()
    (message,) = refused.value.message_dict["to_body"]
    assert "Town Partnership is a Town partnership" in message
    assert "cannot point to one. It can point to: Leaders Board, Assembly" in message


def test_a_relation_the_tree_already_says_is_refused_on_to():
    bodies = every_kind()
    group, thematic = bodies[K.THEMATIC_GROUP], bodies[K.THEMATIC_BOARD]
    for kind in (R.REPORTS_TO, R.COMMISSIONED_BY):
        found = errors_of(AccountabilityLink(from_body=group, to_body=thematic, kind=kind))
        assert found == {"to_body": ["relation_is_parent"]}
    # Guidance is not what the tree says: allowed.
    assert not errors_of(
        AccountabilityLink(from_body=group, to_body=thematic, kind=R.TAKES_GUIDANCE_FROM)
    )


def test_works_with_is_recorded_once_for_the_pair():
    bodies = every_kind()
    thematic, board = bodies[K.THEMATIC_BOARD], bodies[K.AREA_BOARD]
    services.relation_save(
        relation=AccountabilityLink(from_body=thematic, to_body=board, kind=R.WORKS_WITH)
    )
    back = AccountabilityLink(from_body=board, to_body=thematic, kind=R.WORKS_WITH)
    with pytest.raises(ValidationError) as refused:
        services.relation_save(relation=back)
    assert refused.value.error_dict["to_body"][0].code == "relation_mutual_twice"
    assert "already works with" in refused.value.message_dict["to_body"][0]
    # One way only: the other kinds are not mutual, so both directions may be held.
    services.relation_save(
        relation=AccountabilityLink(from_body=board, to_body=thematic, kind=R.TAKES_GUIDANCE_FROM)
    )


def test_the_service_saves_nothing_it_refuses():
    bodies = every_kind()
    before = (AccountabilityLink.objects.count(), AccountabilityLink.history.count())
    for bad in (
        AccountabilityLink(
            from_body=bodies[K.ASSEMBLY], to_body=bodies[K.LEADERS_BOARD], kind=R.REPORTS_TO
        ),
        AccountabilityLink(
            from_body=bodies[K.LEADERS_BOARD], to_body=bodies[K.LEADERS_BOARD], kind=R.WORKS_WITH
        ),
    ):
        with pytest.raises(ValidationError):
            services.relation_save(relation=bad)
    assert (AccountabilityLink.objects.count(), AccountabilityLink.history.count()) == before
    good = services.relation_save(
        relation=AccountabilityLink(
            from_body=bodies[K.LEADERS_BOARD], to_body=bodies[K.ASSEMBLY], kind=R.REPORTS_TO
        )
    )
    assert good.pk and AccountabilityLink.history.filter(id=good.pk).count() == 1


def test_an_assembly_sits_at_the_top_and_never_under_the_leaders_board():
    leaders = f.body(K.LEADERS_BOARD)
    assembly = f.body(K.ASSEMBLY)
    assert assembly.is_root_node() and leaders.is_root_node()
    assembly.parent = leaders
    with pytest.raises(ValidationError) as refused:
        services.body_save(body=assembly)
    assert "must be accountable to the top of the structure" in refused.value.messages[0]


# --- The admin ------------------------------------------------------------------------


@pytest.fixture
def officer_client(client):
    client.force_login(f.officer())
    return client


def test_the_admin_refuses_a_relation_with_its_message_on_the_field(officer_client):
    bodies = every_kind()
    response = officer_client.post(
        "/admin/partnerships/accountabilitylink/add/",
        {
            "from_body": bodies[K.ASSEMBLY].pk,
            "kind": R.COMMISSIONED_BY,
            "to_body": bodies[K.LEADERS_BOARD].pk,
            "description": "",
        },
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "cannot hold the relation “commissioned by”" in errors["from_body"][0]
    assert not AccountabilityLink.objects.exists()
    response = officer_client.post(
        "/admin/partnerships/accountabilitylink/add/",
        {
            "from_body": bodies[K.LEADERS_BOARD].pk,
            "kind": R.TAKES_GUIDANCE_FROM,
            "to_body": bodies[K.ASSEMBLY].pk,
            "description": "Its overall direction",
        },
    )
    assert response.status_code == 302
    assert AccountabilityLink.objects.get().kind == R.TAKES_GUIDANCE_FROM


def body_form(body, **changes):
    data = {
        "name": body.name,
        "slug": body.slug,
        "kind": body.kind,
        "parent": body.parent_id or "",
        "remit": body.remit,
        "area_name": body.area_name,
        "starts_on": "",
        "ends_on": "",
        "memberships-TOTAL_FORMS": 0,
        "memberships-INITIAL_FORMS": 0,
        "links_out-TOTAL_FORMS": 1,
        "links_out-INITIAL_FORMS": 0,
    }
    data.update(changes)
    return data


def test_the_body_admin_inline_checks_the_rules_and_records_the_kind(officer_client):
    bodies = every_kind()
    leaders, assembly = bodies[K.LEADERS_BOARD], bodies[K.ASSEMBLY]
    url = f"/admin/partnerships/body/{assembly.pk}/change/"
    response = officer_client.post(
        url,
        body_form(
            assembly,
            **{"links_out-0-kind": R.REPORTS_TO, "links_out-0-to_body": leaders.pk},
        ),
    )
    assert response.status_code == 200
    assert "cannot hold the relation “reports to”" in response.content.decode()
    assert not AccountabilityLink.objects.exists()
    url = f"/admin/partnerships/body/{leaders.pk}/change/"
    response = officer_client.post(
        url,
        body_form(
            leaders,
            **{"links_out-0-kind": R.REPORTS_TO, "links_out-0-to_body": assembly.pk},
        ),
    )
    assert response.status_code == 302
    link = AccountabilityLink.objects.get()
    assert (link.from_body, link.kind, link.to_body) == (leaders, R.REPORTS_TO, assembly)


def test_a_new_body_records_its_relations_once_saved(officer_client):
    leaders = f.body(K.LEADERS_BOARD)
    response = officer_client.post(
        "/admin/partnerships/body/add/",
        {
            "name": "New Assembly",
            "slug": "new-assembly",
            "kind": K.ASSEMBLY,
            "parent": "",
            "memberships-TOTAL_FORMS": 0,
            "memberships-INITIAL_FORMS": 0,
            "links_out-TOTAL_FORMS": 1,
            "links_out-INITIAL_FORMS": 0,
            "links_out-0-kind": R.WORKS_WITH,
            "links_out-0-to_body": leaders.pk,
        },
    )
    assert response.status_code == 200
    assert "Save the body first" in response.content.decode()
    assert not Body.objects.filter(slug="new-assembly").exists()


def test_the_history_records_a_change_of_kind(officer_client):
    bodies = every_kind()
    group, assembly = bodies[K.THEMATIC_GROUP], bodies[K.ASSEMBLY]
    link = services.relation_save(
        relation=AccountabilityLink(from_body=group, to_body=assembly, kind=R.TAKES_GUIDANCE_FROM)
    )
    link.kind = R.REPORTS_TO
    services.relation_save(relation=link)
    newest, oldest = link.history.order_by("-history_id")
    assert (oldest.kind, newest.kind) == (R.TAKES_GUIDANCE_FROM, R.REPORTS_TO)
    # The body's own History page lists it, in the words officers chose it by.
    page = officer_client.get(f"/admin/partnerships/body/{group.pk}/history/").content.decode()
    assert "relation: “Takes guidance from” → “Reports to”" in page


# --- Reads: the body page ---------------------------------------------------------------


def relate(source: Body, kind: str, target: Body, description: str = "") -> AccountabilityLink:
    return services.relation_save(
        relation=AccountabilityLink(
            from_body=source, to_body=target, kind=kind, description=description
        )
    )


def test_a_bodys_relations_both_ways_grouped_in_plain_words():
    bodies = every_kind()
    board = bodies[K.AREA_BOARD]
    relate(bodies[K.THEMATIC_BOARD], R.WORKS_WITH, board, "a local feel")
    relate(board, R.TAKES_GUIDANCE_FROM, bodies[K.ASSEMBLY])
    relate(bodies[K.THEMATIC_GROUP], R.REPORTS_TO, board)
    relate(bodies[K.WORKING_GROUP], R.COMMISSIONED_BY, board)
    relate(board, R.WORKS_WITH, bodies[K.LEADERS_BOARD])
    ended = f.body(
        K.THEMATIC_BOARD,
        bodies[K.LEADERS_BOARD],
        starts_on=datetime.date(2016, 1, 1),
        ends_on=datetime.date(2018, 1, 1),
    )
    relate(ended, R.WORKS_WITH, board)
    with CaptureQueriesContext(connection) as queries:
        groups = body_relations(board)
    assert len(queries) == 1
    assert [(g.heading, [b.name for b in g.bodies]) for g in groups] == [
        ("Takes guidance from", ["Assembly"]),
        # Listed once, whichever end recorded it; the ended board is left out.
        ("Works with", ["Leaders Board", "Thematic Board"]),
        ("Commissions", ["Working Group"]),
        ("Receives reports from", ["Thematic Group"]),
    ]
    # From the other end, the words turn round.
    assert [
        (g.heading, [b.name for b in g.bodies]) for g in body_relations(bodies[K.ASSEMBLY])
    ] == [("Gives guidance to", ["Area Board"])]
    # On a day the ended board was in force, it is listed.
    on = datetime.date(2017, 1, 1)
    works = [g for g in body_relations(board, on=on) if g.kind == R.WORKS_WITH][0]
    assert ended.name in [b.name for b in works.bodies]


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_body_page_lists_relations_and_wards_at_a_fixed_cost(client, django_assert_num_queries):
    from partnerships.models import Ward

    bodies = every_kind()
    board = bodies[K.AREA_BOARD]
    relate(bodies[K.THEMATIC_BOARD], R.WORKS_WITH, board, "A <b>local</b> feel")
    relate(bodies[K.THEMATIC_GROUP], R.REPORTS_TO, board)
    ward = Ward.objects.create(name="Crewe Railside", slug="crewe-railside", area_board=board)
    board.wards.add(ward)
    with django_assert_num_queries(AREA_BOARD_PAGE):
        page = client.get(board.get_absolute_url()).content.decode()
    section = page[page.index('id="relations"') : page.index('id="members"')]
    assert "Works with" in section and "Receives reports from" in section
    assert bodies[K.THEMATIC_BOARD].get_absolute_url() in section
    assert "A &lt;b&gt;local&lt;/b&gt; feel" in section
    assert "Crewe Railside" in section and "/meetings/?ward=crewe-railside" in section
    for i in range(6):
        group = f.body(K.THEMATIC_GROUP, bodies[K.THEMATIC_BOARD], name=f"Group {i}")
        relate(group, R.REPORTS_TO, board)
        other = Ward.objects.create(name=f"Ward {i}", slug=f"ward-{i}", area_board=board)
        board.wards.add(other)
    with django_assert_num_queries(AREA_BOARD_PAGE):
        client.get(board.get_absolute_url())


# --- The structure chart and its text twin ------------------------------------------------


def seeded_structure() -> dict[str, Body]:
    bodies = every_kind()
    leaders, assembly = bodies[K.LEADERS_BOARD], bodies[K.ASSEMBLY]
    relate(leaders, R.TAKES_GUIDANCE_FROM, assembly)
    relate(leaders, R.REPORTS_TO, assembly)
    relate(bodies[K.THEMATIC_BOARD], R.WORKS_WITH, bodies[K.AREA_BOARD])
    relate(bodies[K.AREA_MANAGEMENT_GROUP], R.TAKES_GUIDANCE_FROM, bodies[K.AREA_ASSEMBLY])
    return bodies


def test_the_overview_chart_draws_the_assembly_above_and_each_relation_in_its_pattern():
    bodies = seeded_structure()
    roots = structure_tree()
    relations = structure_relations()
    (chart,) = structure_chart.overview_charts(roots, relations)
    names = [" ".join(box.lines) for box in chart.boxes]
    assert names[:2] == ["Assembly", "Leaders Board"]
    assembly_box, leaders_box = chart.boxes[:2]
    assert assembly_box.y + assembly_box.height < leaders_box.y
    svg = str(chart.to_svg())
    drawn = re.findall(r'data-relation="(\w+)"', svg)
    assert sorted(drawn) == sorted(["takes_guidance_from", "reports_to", "works_with"])
    # Patterns, not colour alone: each kind its own dash array; arrows where one way.
    dashes = {
        kind: re.search(rf'data-relation="{kind}"[^>]*stroke-dasharray="([^"]+)"', svg).group(1)
        for kind in drawn
    }
    assert len(set(dashes.values())) == 3
    assert re.search(r'data-relation="reports_to"[^>]*marker-end="url\(#', svg)
    assert not re.search(r'data-relation="works_with"[^>]*marker-end', svg)
    # The legend names the tree's line and each kind drawn.
    legend = svg[svg.index('class="pace-chart-legend"') :]
    for words in ("Accountable to", "Reports to", "Takes guidance from", "Works with"):
        assert words in legend
    assert "Commissioned by" not in legend
    # Every line stays on the chart.
    for path in chart.paths:
        for x, y in path.points:
            assert 0 <= x <= chart.width and 0 <= y <= chart.height
    # The relation between the Area Management Group and its Area Assembly is in the
    # Area Board's branch chart.
    board = next(node for node in roots[0].children if node.body.pk == bodies[K.AREA_BOARD].pk)
    (branch,) = structure_chart.branch_charts(board, relations)
    assert re.findall(r'data-relation="(\w+)"', str(branch.to_svg())) == ["takes_guidance_from"]


def test_the_structure_page_draws_the_relations_and_lists_them_in_words(
    client, django_assert_max_num_queries
):
    bodies = seeded_structure()
    with django_assert_max_num_queries(2):
        page = client.get("/partnerships/").content.decode()
    # One chart: the Assembly is drawn with the Leaders Board.
    assert page.count('class="pace-chart"') == 1
    assert 'class="pace-chart-legend"' in page
    listed = page[page.index('id="relations"') :]
    for sentence in (
        "Leaders Board takes guidance from Assembly",
        "Leaders Board reports to Assembly",
        "Thematic Board works with Area Board",
        "Area Management Group takes guidance from Area Assembly",
    ):
        assert sentence in listed
    assert bodies[K.ASSEMBLY].name in page[page.index("Every body") :]


# --- Open data -------------------------------------------------------------------------------


def test_popolo_carries_the_relations_and_the_wards_and_stays_valid(client):
    from jsonschema import Draft3Validator

    from partnerships.models import Ward
    from partnerships.opendata import RELATION_SCHEMA

    from .test_opendata import errors_in, validator

    bodies = seeded_structure()
    ward = Ward.objects.create(
        name="Crewe Railside", slug="crewe-railside", code="", area_board=bodies[K.AREA_BOARD]
    )
    bodies[K.AREA_BOARD].wards.add(ward)
    data = json.loads(body(client.get("/partnerships/popolo.json")))
    assert errors_in(data) == []
    area = validator("area")
    assert [e.message for item in data["areas"] for e in area.iter_errors(item)] == []
    relation = Draft3Validator(RELATION_SCHEMA)
    assert [e.message for item in data["relations"] for e in relation.iter_errors(item)] == []
    found = {
        (r["organization_id"], r["classification"], r["other_organization_id"]): r
        for r in data["relations"]
    }
    guidance = found["body/leaders-board", "takes_guidance_from", "body/assembly"]
    assert guidance["label"] == "Leaders Board takes guidance from Assembly"
    assert guidance["mutual"] is False
    works = found["body/thematic-board", "works_with", "body/area-board"]
    assert works["mutual"] is True
    assert len(data["relations"]) == 4
    board_area = "area/area-board"
    assert {
        "id": "ward/crewe-railside",
        "name": "Crewe Railside",
        "classification": "ward",
        "parent_id": board_area,
    } in data["areas"]
    orgs = {o["id"]: o for o in data["organizations"]}
    assert orgs["body/area-board"]["area_id"] == board_area
    # The Assembly is a top of the structure, under no body.
    assert "parent_id" not in orgs["body/assembly"]


def test_the_relation_schema_catches_a_bad_item():
    from jsonschema import Draft3Validator

    from partnerships.opendata import RELATION_SCHEMA

    bad = {"id": "relation/1", "classification": "owns", "label": "x", "mutual": "no"}
    assert len(list(Draft3Validator(RELATION_SCHEMA).iter_errors(bad))) == 4
