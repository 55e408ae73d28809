"""The referrals section of a body's page (``partnerships.panels``): the latest
referrals an Area Board raised, or a thematic partnership or the Leaders Board
received, that the reader may see, with a link to all of them. One query; none for
a body of another kind (tests/pins.py, ``REFERRALS_PANEL``). Registered in
``apps.ReferralsConfig.ready``."""

from pace.core.pagination import first_rows
from partnerships.access import body_access
from partnerships.panels import BodyPanel

from .models import RAISING_KINDS, RECEIVING_KINDS
from .selectors import referrals_for_body

SHOWN = 5


def body_referrals(request, body) -> BodyPanel | None:
    if body.kind not in RAISING_KINDS | RECEIVING_KINDS:
        return None
    rows, more = first_rows(referrals_for_body(body, body_access(request)), SHOWN)
    return BodyPanel(
        template="referrals/_body_panel.html",
        context={
            "referrals": rows,
            "more": more,
            "raises": body.kind in RAISING_KINDS,
            "body": body,
        },
        order=60,
    )
