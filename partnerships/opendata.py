"""The partnership's structure as Popolo open data (http://www.popoloproject.com).

Organizations are the bodies (with ``parent_id`` following the accountability tree)
and the partner organisations; persons carry names and public titles only, never
contact details; memberships carry their dates, role and the organisation a member
represents (``on_behalf_of_id``); posts are the roles held on each body. Four
queries, whatever the size of the partnership.
"""

from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from .models import Body, BodyKind, Membership, Organisation, Person, Role, Sector


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
    """``/partnerships/popolo.json``: the whole structure, past and present."""
    base_url = request.build_absolute_uri(reverse("home")).rstrip("/")
    # Compact: json's C encoder only runs without indent (a tenth of the time for
    # the 3 MB of a large partnership); anyone reading it can pretty-print it.
    response = JsonResponse(popolo(base_url=base_url), json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response
