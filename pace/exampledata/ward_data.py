"""Wards for the example area (cabinet report 6, "Wards Affected and Local Ward
Members"), a few in each Area Board's area, attached to the local bodies and their
meetings so that residents can find what touches their own ward.

Illustrative: the seeds name no wards, and these names are made up for the example
(plausible for the towns, not the council's real wards). Their Office for National
Statistics codes are left blank, as a made-up code would look real. Loading is
idempotent: wards are found by slug, and attaching them again changes nothing.
"""

from django.db import transaction
from django.utils.text import slugify

from partnerships.models import Body, BodyKind, Meeting, Ward

from .partnership_data import AREAS

#: (ward name, the town it is in), by the slug stem of its Area Board. Fictional.
WARDS: dict[str, list[tuple[str, str]]] = {
    "crewe-and-nantwich": [
        ("Crewe Railside", "Crewe"),
        ("Crewe Wistaston Brook", "Crewe"),
        ("Nantwich Weaverbank", "Nantwich"),
        ("Alsager Heathfield", "Alsager"),
    ],
    "macclesfield": [
        ("Macclesfield Silkmill", "Macclesfield"),
        ("Wilmslow Carrside", "Wilmslow"),
        ("Knutsford Heathside", "Knutsford"),
        ("Poynton Towerfield", "Poynton"),
    ],
    "congleton": [
        ("Congleton Daneside", "Congleton"),
        ("Congleton Mossvale", "Congleton"),
        ("Sandbach Wheelock Vale", "Sandbach"),
    ],
}

#: The kinds of an Area Board's bodies that cover the whole of its area.
AREA_WIDE = (BodyKind.AREA_BOARD, BodyKind.AREA_ASSEMBLY, BodyKind.AREA_MANAGEMENT_GROUP)


@transaction.atomic
def load() -> dict[str, int]:
    """The wards, each in its Area Board's area; each Area Board, Area Assembly and
    Area Management Group covers its area's wards, and each town partnership its
    town's; the meetings of those bodies affect the same wards."""
    for stem, _area, towns in AREAS:
        board = Body.objects.get(slug=f"{stem}-area-board")
        wards = []
        for name, _town in WARDS[stem]:
            ward, _ = Ward.objects.get_or_create(
                slug=slugify(name), defaults={"name": name, "area_board": board}
            )
            wards.append(ward)
        area_wide = list(board.get_descendants(include_self=True).filter(kind__in=AREA_WIDE))
        for body in area_wide:
            _attach(body, wards)
        for town in towns:
            town_partnership = Body.objects.filter(slug=f"{town.lower()}-town-partnership").first()
            if town_partnership is not None:
                in_town = [w for w, (_, t) in zip(wards, WARDS[stem], strict=True) if t == town]
                _attach(town_partnership, in_town)
    return {"wards": Ward.objects.count()}


def _attach(body: Body, wards: list[Ward]) -> None:
    """``wards`` on ``body`` and on each of its meetings; pairs already there stay."""
    body.wards.add(*wards)
    through = Meeting.wards.through
    through.objects.bulk_create(
        [
            through(meeting_id=meeting_id, ward_id=ward.pk)
            for meeting_id in Meeting.objects.filter(body=body).values_list("pk", flat=True)
            for ward in wards
        ],
        ignore_conflicts=True,
    )
