"""Names, titles, minutes and document names holding markup run nothing in a real
browser: no dialog opens, and the text shows literally, as typed. Planted through
the services and the admin, as officers and board members would."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from partnerships import services as partnership_services
from partnerships.models import AgendaItem, Body, Person
from strategy import services
from strategy.consultations.models import ConsultationDocument
from strategy.models import Action

from ..site.world import PASSWORD, build_world

SVG = "<svg onload=alert(1)>"
IMG = '"><img src=x onerror=alert(2)>'
SCRIPT = "</script><script>alert(3)</script>"


@pytest.fixture
def planted(live_server, transactional_db):
    world = build_world()
    a = Body.objects.get(pk=world.a.pk)
    a.name = f"Learning {SVG} and Skills"
    a.remit = f"Our remit {IMG}\nand a second line {SCRIPT}"
    partnership_services.body_save(body=a)
    item = AgendaItem.objects.get(title="Apprenticeships")
    item.title = f"Apprenticeships {SVG}"
    item.minutes = f"Minutes {IMG}"
    item.save()
    person = Person.objects.get(pk=world.users["member_a"].person.pk)
    person.name = f"Amira {IMG}"
    partnership_services.person_save(person=person)
    action = Action.objects.get(pk=world.objects["public_action"].pk)
    action.title = f"Skills hub {SVG}"
    services.action_save(action=action)
    services.progress_update_post(action=action, rag="amber", narrative=f"Slower {SCRIPT}")
    consultation = world.objects["published_consultation"]
    document = ConsultationDocument(
        consultation=consultation,
        title=f"{SVG}.pdf",
        url="https://www.cheshireeast.gov.uk/plan.pdf",
        file_details=f"PDF {IMG}",
    )
    document.full_clean()
    document.save()
    # A javascript: link is refused before it is saved.
    bad = ConsultationDocument(
        consultation=consultation, title="Bad", url="javascript:alert(4)", position=2
    )
    with pytest.raises(ValidationError):
        bad.full_clean()
    get_user_model().objects.filter(pk=world.users["officer"].pk).update(username="officer")
    return world


def test_typed_markup_runs_nothing(planted, live_server, page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    base = live_server.url
    world = planted
    consultation = world.objects["published_consultation"]
    action = world.objects["public_action"]
    visits = [
        (f"/partnerships/{world.a.slug}/", [f"Learning {SVG} and Skills", IMG.strip()]),
        (world.objects["meeting"].get_absolute_url(), [f"Apprenticeships {SVG}", "Minutes"]),
        (action.get_absolute_url(), [f"Skills hub {SVG}", "Slower"]),
        (consultation.get_absolute_url(), [f"{SVG}.pdf"]),
        ("/meetings/declarations/", ["Amira"]),
        ("/search/?q=Skills", [f"Skills hub {SVG}"]),
        ("/partnerships/", [f"Learning {SVG} and Skills"]),
    ]
    for path, texts in visits:
        page.goto(base + path)
        page.wait_for_load_state("load")
        shown = page.locator("main").inner_text()
        for text in texts:
            assert text in shown, (path, text)
        # The markup is text: no element was made from it.
        assert page.locator("svg[onload], img[onerror]").count() == 0, path
        hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        assert not [h for h in hrefs if h.lower().startswith("javascript:")], path
    # And in the admin, where officers read the same values.
    page.goto(f"{base}/admin/login/")
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    for path in (
        "/admin/partnerships/body/",
        f"/admin/partnerships/meeting/{world.objects['meeting'].pk}/change/",
        f"/admin/consultations/consultation/{consultation.pk}/change/",
        "/admin/strategy/action/",
    ):
        page.goto(base + path)
        page.wait_for_load_state("load")
        assert page.locator("svg[onload], img[onerror]").count() == 0, path
    assert dialogs == [], dialogs
