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

from .models import Body, Membership, Organisation, Person


def _date(value) -> str | None:
    return value.isoformat() if value else None


def _drop_empty(record: dict) -> dict:
    return {key: value for key, value in record.items() if value not in (None, "", [])}


def popolo(*, base_url: str = "") -> dict:
    bodies = list(Body.objects.select_related("parent").order_by("tree_id", "lft"))
    organisations = list(Organisation.objects.order_by("name"))
    people = list(Person.objects.order_by("name").only("slug", "name", "public_title"))
    memberships = list(
        Membership.objects.select_related("person", "body", "organisation").order_by("pk")
    )
    organizations = [
        _drop_empty(
            {
                "id": f"body/{body.slug}",
                "name": body.name,
                "classification": body.get_kind_display(),
                "parent_id": f"body/{body.parent.slug}" if body.parent else None,
                "founding_date": _date(body.starts_on),
                "dissolution_date": _date(body.ends_on),
                "links": [{"url": base_url + body.get_absolute_url(), "note": "Body page"}],
            }
        )
        for body in bodies
    ] + [
        _drop_empty(
            {
                "id": f"organisation/{org.slug}",
                "name": org.name,
                "classification": org.get_sector_display(),
                "identifiers": [{"identifier": org.registration_number, "scheme": "registration"}]
                if org.registration_number
                else [],
                "links": [{"url": org.website, "note": "Website"}] if org.website else [],
            }
        )
        for org in organisations
    ]
    posts = {}
    for m in memberships:
        post_id = f"post/{m.body.slug}/{m.role}"
        posts.setdefault(
            post_id,
            {
                "id": post_id,
                "label": f"{m.get_role_display()}, {m.body.name}",
                "role": m.get_role_display(),
                "organization_id": f"body/{m.body.slug}",
            },
        )
    return {
        "organizations": organizations,
        "persons": [
            _drop_empty({"id": f"person/{p.slug}", "name": p.name, "summary": p.public_title})
            for p in people
        ],
        "posts": list(posts.values()),
        "memberships": [
            _drop_empty(
                {
                    "id": f"membership/{m.pk}",
                    "person_id": f"person/{m.person.slug}",
                    "organization_id": f"body/{m.body.slug}",
                    "post_id": f"post/{m.body.slug}/{m.role}",
                    "role": m.get_role_display(),
                    "on_behalf_of_id": f"organisation/{m.organisation.slug}"
                    if m.organisation
                    else None,
                    "start_date": _date(m.starts_on),
                    "end_date": _date(m.ends_on),
                }
            )
            for m in memberships
        ],
    }


@require_GET
def popolo_json(request):
    """``/partnerships/popolo.json``: the whole structure, past and present."""
    base_url = request.build_absolute_uri(reverse("home")).rstrip("/")
    response = JsonResponse(popolo(base_url=base_url), json_dumps_params={"indent": 1})
    response["Access-Control-Allow-Origin"] = "*"
    return response
