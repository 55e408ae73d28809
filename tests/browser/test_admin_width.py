"""The officers' admin at a 1280 px window: no page wider than the window, so no
form field or button sits off screen (the body and consultation pages were)."""

from funding.models import Fund, GrantAward
from pace.reports.models import CabinetReport
from partnerships.models import Body, Meeting
from strategy.consultations.models import Consultation
from strategy.models import ActionPlan, Strategy

WIDE = {"width": 1280, "height": 900}
#: The elements that reach past the window and hold none that does: what to fix.
WIDEST = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > innerWidth + 1)
  .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > innerWidth + 1))
  .slice(0, 5)
  .map(e => `${e.tagName.toLowerCase()}#${e.id}.${[...e.classList].join('.')}`
    + ` name=${e.getAttribute('name')} right=${Math.round(e.getBoundingClientRect().right)}`)"""


def _sign_in_officer(page, base):
    page.goto(base + "/admin/login/")
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password").fill("pace-example-officer")
    page.get_by_role("button", name="Log in").click()


def test_no_admin_page_is_wider_than_a_1280_px_window(example, page, shot):
    page.set_viewport_size(WIDE)
    _sign_in_officer(page, example.url)

    def change(model, record) -> str:
        opts = model._meta
        return f"/admin/{opts.app_label}/{opts.model_name}/{record.pk}/change/"

    pages = {
        "body": change(Body, Body.objects.get(slug="crewe-and-nantwich-area-board")),
        "body-add": "/admin/partnerships/body/add/",
        "meeting": change(Meeting, Meeting.objects.filter(agenda_items__isnull=False).first()),
        "consultation": change(Consultation, Consultation.objects.first()),
        "consultation-add": "/admin/consultations/consultation/add/",
        "report": change(CabinetReport, CabinetReport.objects.first()),
        "strategy": change(Strategy, Strategy.objects.first()),
        "plan": change(ActionPlan, ActionPlan.objects.first()),
        "fund": change(Fund, Fund.objects.first()),
        "award": change(GrantAward, GrantAward.objects.first()),
        "import": "/admin/funding/grantaward/import/",
    }
    too_wide = {}
    for name, path in pages.items():
        response = page.goto(example.url + path)
        assert response.status == 200, (name, response.status)
        shot(f"admin-{name}")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > WIDE["width"]:
            too_wide[name] = (width, page.evaluate(WIDEST))
        # A row of inline forms fits its box: nothing to scroll to sideways.
        for box in page.locator(".inline-group .tabular").all():
            inner = box.evaluate("b => b.scrollWidth - b.clientWidth")
            if inner > 0:
                too_wide[f"{name} inline"] = inner
    assert too_wide == {}
