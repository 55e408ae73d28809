"""The partnership's structure as Popolo open data (http://www.popoloproject.com).

Organizations are the bodies (with ``parent_id`` following the accountability tree)
and the partner organisations; persons carry names and public titles only, never
contact details; memberships carry their dates, role and the organisation a member
represents (``on_behalf_of_id``); posts are the roles held on each body; areas
are the wards (Popolo's ``Area``: name, the ONS code as its ``identifier``), and an
organization's ``area_id`` the Area Board's own area where it has wards.

The typed relations between bodies (commissioned by, reports to, takes guidance
from, works with) are in ``relations``, a collection of the document's own beside
Popolo's. Popolo has no class for a relation between two organizations other than
containment (``parent_id``, already the tree) and membership, and a relation is
neither: the Leaders Board is not a member of the Assembly it reports to, and an
organization's ``links`` and ``other_names`` are for documents and names. Popolo
publishes no schema for the document around its collections, so a collection of
its own validates against every Popolo schema and a reader of Popolo ignores it;
each item is written in Popolo's manner (``id``, ``classification``, the two ends
as ``*_id`` of organizations in this document, ``label``). Its shape is
``RELATION_SCHEMA``. Six queries, whatever the size of the partnership.
"""

from django.urls import reverse
from django.views.decorators.http import require_GET

from pace.documents.services import stored_document_response

from .models import (
    RELATION_RULES,
    AccountabilityLink,
    Body,
    BodyKind,
    Membership,
    Organisation,
    Person,
    Role,
    Sector,
    Ward,
)
from .relations import relation_sentence

#: The shape of an item of ``relations`` (JSON Schema draft 3, as Popolo's own).
RELATION_SCHEMA = {
    "$schema": "http://json-schema.org/draft-03/schema#",
    "title": "Relation between bodies (PACE)",
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "required": True},
        "classification": {
            "type": "string",
            "required": True,
            "enum": list(RELATION_RULES),
            "description": "commissioned_by, reports_to, takes_guidance_from or works_with",
        },
        "label": {"type": "string", "required": True, "description": "The relation in words"},
        "organization_id": {
            "type": "string",
            "required": True,
            "description": "The body that holds the relation (reports, takes guidance ...)",
        },
        "other_organization_id": {
            "type": "string",
            "required": True,
            "description": "The body it is towards (reported to, giving guidance ...)",
        },
        "mutual": {
            "type": "boolean",
            "required": True,
            "description": "Said of both bodies alike (works with)",
        },
        "note": {"type": "string"},
    },
}


def _date(value) -> str | None:
    return value.isoformat() if value else None


def _contact_details(name: str, email: str, telephone: str, address: str) -> list[dict]:
    """A body's own contact (not one it shows from above), in Popolo's vocabulary."""
    ways = [("email", email), ("voice", telephone.strip()), ("address", address.strip())]
    return [{"label": name, "type": kind, "value": value} for kind, value in ways if value]


def _drop_empty(record: dict) -> dict:
    return {key: value for key, value in record.items() if value not in (None, "", [])}


def popolo(*, base_url: str = "") -> dict:
    """The document. Rows are read as plain values and labels looked up once, not
    per row: a large partnership has some 27,000 of them, and making a model
    instance of each was half the time."""
    kinds, sectors, roles = dict(BodyKind.choices), dict(Sector.choices), dict(Role.choices)
    body_url = base_url + reverse("partnerships:body-detail", args=["__slug__"])
    bodies = list(
        Body.objects.order_by("tree_id", "lft").values_list(
            "pk",
            "slug",
            "name",
            "kind",
            "parent_id",
            "starts_on",
            "ends_on",
            "contact_name",
            "contact_email",
            "contact_telephone",
            "contact_address",
        )
    )
    slugs = {pk: slug for pk, slug, *_ in bodies}
    names = {pk: name for pk, _slug, name, *_ in bodies}
    wards = list(Ward.objects.order_by("name").values_list("slug", "name", "code", "area_board_id"))
    # The Area Boards' own areas, of which their wards are part.
    board_areas = {board_id for *_, board_id in wards if board_id}
    relations = AccountabilityLink.objects.order_by("pk").values_list(
        "pk", "from_body_id", "to_body_id", "kind", "description"
    )
    organisations = Organisation.objects.order_by("name").values_list(
        "slug", "name", "sector", "registration_number", "website"
    )
    people = Person.objects.order_by("name").values_list("slug", "name", "public_title")
    memberships = list(
        Membership.objects.order_by("pk").values_list(
            "pk",
            "person__slug",
            "body__slug",
            "body__name",
            "role",
            "organisation__slug",
            "starts_on",
            "ends_on",
        )
    )
    organizations = [
        _drop_empty(
            {
                "id": f"body/{slug}",
                "name": name,
                "classification": kinds.get(kind, kind),
                "parent_id": f"body/{slugs[parent_id]}" if parent_id else None,
                "area_id": f"area/{slug}" if _pk in board_areas else None,
                "founding_date": _date(starts_on),
                "dissolution_date": _date(ends_on),
                "contact_details": _contact_details(*contact),
                "links": [{"url": body_url.replace("__slug__", slug), "note": "Body page"}],
            }
        )
        for _pk, slug, name, kind, parent_id, starts_on, ends_on, *contact in bodies
    ] + [
        _drop_empty(
            {
                "id": f"organisation/{slug}",
                "name": name,
                "classification": sectors.get(sector, sector),
                "identifiers": [{"identifier": registration, "scheme": "registration"}]
                if registration
                else [],
                "links": [{"url": website, "note": "Website"}] if website else [],
            }
        )
        for slug, name, sector, registration, website in organisations
    ]
    posts = {}
    for _pk, _person, body_slug, body_name, role, *_ in memberships:
        post_id = f"post/{body_slug}/{role}"
        if post_id not in posts:
            posts[post_id] = {
                "id": post_id,
                "label": f"{roles.get(role, role)}, {body_name}",
                "role": roles.get(role, role),
                "organization_id": f"body/{body_slug}",
            }
    return {
        "organizations": organizations,
        "persons": [
            _drop_empty({"id": f"person/{slug}", "name": name, "summary": public_title})
            for slug, name, public_title in people
        ],
        "posts": list(posts.values()),
        "areas": [
            _drop_empty(
                {
                    "id": f"area/{slugs[pk]}",
                    "name": f"{names[pk]} area",
                    "classification": "Area Board area",
                }
            )
            for pk in sorted(board_areas, key=lambda pk: names[pk])
        ]
        + [
            _drop_empty(
                {
                    "id": f"ward/{slug}",
                    "name": name,
                    "identifier": code,
                    "classification": "ward",
                    "parent_id": f"area/{slugs[board_id]}" if board_id else None,
                }
            )
            for slug, name, code, board_id in wards
        ],
        "relations": [
            _drop_empty(
                {
                    "id": f"relation/{pk}",
                    "classification": kind,
                    "label": relation_sentence(names[from_pk], kind, names[to_pk]),
                    "organization_id": f"body/{slugs[from_pk]}",
                    "other_organization_id": f"body/{slugs[to_pk]}",
                    "mutual": RELATION_RULES[kind].is_mutual,
                    "note": description,
                }
            )
            for pk, from_pk, to_pk, kind, description in relations
        ],
        "memberships": [
            _drop_empty(
                {
                    "id": f"membership/{pk}",
                    "person_id": f"person/{person_slug}",
                    "organization_id": f"body/{body_slug}",
                    "post_id": f"post/{body_slug}/{role}",
                    "role": roles.get(role, role),
                    "on_behalf_of_id": f"organisation/{organisation_slug}"
                    if organisation_slug
                    else None,
                    "start_date": _date(starts_on),
                    "end_date": _date(ends_on),
                }
            )
            for (
                pk,
                person_slug,
                body_slug,
                _body_name,
                role,
                organisation_slug,
                starts_on,
                ends_on,
            ) in memberships
        ],
    }


@require_GET
def popolo_json(request):
    """``/partnerships/popolo.json``: the whole structure, past and present, as last
    built (``partnerships/documents.py``)."""
    return stored_document_response(request, "popolo.json")
