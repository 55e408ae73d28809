# Over 400 lines, as one piece: the permission matrix is one table, asserted row by row.
"""Who may do what to which private record, in one table, asserted through real
requests: the public pages and PDFs, the board members' forms, and the admin's
change, delete and add pages (their real forms, read from the page and posted).

Roles: an anonymous visitor; a member of body A; a member of A's parent P (A is
accountable to it); a member of an unrelated body B; an officer (staff in the
officers' group); a superuser. Each cell runs in a savepoint that is rolled back,
so a deletion in one cell does not change the next.

Outcomes:
    ok           allowed, and done (shown; changed; deleted; created)
    redacted     the page is shown without the private content
    404          as if the record did not exist
    403          refused
    login        sent to sign in (the board members' pages)
    admin-login  sent to the admin's sign-in page
    protected    the admin refuses to delete a record others depend on (PROTECT)
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse

from funding.models import GrantAward, OutcomeTarget
from pace.core.roles import OFFICERS_GROUP
from pace.reports.models import CabinetReport, ReportParagraph
from partnerships.models import AgendaItem, Declaration, Paper
from strategy.consultations.models import Consultation, ConsultationDocument
from strategy.models import Action, ActionPlan, ExceptionReport, ProgressUpdate

from ..example_snapshot import load_example
from ..partnerships.paperfiles import pdf_bytes
from .crawl import response_text
from .html_forms import add_inline_row, form_data
from .world import build_world

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "member_a", "member_p", "member_b", "officer", "superuser")
AL = "admin-login"
#: The expected outcome of each operation on each record, for each role.
TABLE = """
record             operation anonymous   member_a    member_p    member_b    officer     superuser
confidential_item  view      redacted    ok          ok          redacted    ok          ok
confidential_item  change    admin-login admin-login admin-login admin-login ok          ok
confidential_item  delete    admin-login admin-login admin-login admin-login protected   protected
confidential_item  create    admin-login admin-login admin-login admin-login ok          ok
confidential_paper view      404         ok          ok          404         ok          ok
confidential_paper change    admin-login admin-login admin-login admin-login ok          ok
confidential_paper delete    admin-login admin-login admin-login admin-login ok          ok
confidential_paper create    admin-login admin-login admin-login admin-login ok          ok
private_action     view      404         ok          ok          404         ok          ok
private_action     change    admin-login admin-login admin-login admin-login ok          ok
private_action     delete    admin-login admin-login admin-login admin-login protected   protected
private_action     create    login       ok          403         404         ok          ok
draft_plan         view      404         ok          ok          404         ok          ok
draft_plan         change    admin-login admin-login admin-login admin-login ok          ok
draft_plan         delete    admin-login admin-login admin-login admin-login protected   protected
draft_plan         create    admin-login admin-login admin-login admin-login ok          ok
progress_update    view      404         ok          ok          404         ok          ok
progress_update    change    admin-login admin-login admin-login admin-login ok          ok
progress_update    delete    admin-login admin-login admin-login admin-login protected   protected
progress_update    create    login       403         ok          404         ok          ok
award_proposed     view      404         404         404         404         ok          ok
award_proposed     change    admin-login admin-login admin-login admin-login ok          ok
award_proposed     delete    admin-login admin-login admin-login admin-login 403         403
award_proposed     create    admin-login admin-login admin-login admin-login ok          ok
award_approved     view      ok          ok          ok          ok          ok          ok
award_approved     change    admin-login admin-login admin-login admin-login ok          ok
award_approved     delete    admin-login admin-login admin-login admin-login 403         403
award_approved     create    admin-login admin-login admin-login admin-login ok          ok
draft_consultation view      404         404         404         404         ok          ok
draft_consultation change    admin-login admin-login admin-login admin-login ok          ok
draft_consultation delete    admin-login admin-login admin-login admin-login protected   protected
draft_consultation create    admin-login admin-login admin-login admin-login ok          ok
draft_report       view      404         404         404         404         ok          ok
draft_report       change    admin-login admin-login admin-login admin-login ok          ok
draft_report       delete    admin-login admin-login admin-login admin-login ok          ok
draft_report       create    admin-login admin-login admin-login admin-login ok          ok
confidential_referral view   404         404         ok          404         ok          ok
confidential_referral change admin-login admin-login admin-login admin-login ok          ok
confidential_referral delete admin-login admin-login admin-login admin-login protected   protected
confidential_referral create login       404         ok          404         ok          ok
complaint          view      login       hidden      hidden      hidden      ok          ok
complaint          change    admin-login admin-login admin-login admin-login ok          ok
complaint          delete    admin-login admin-login admin-login admin-login 403         403
complaint          create    admin-login admin-login admin-login admin-login 403         403
whistleblowing     view      admin-login admin-login admin-login admin-login 403         ok
whistleblowing     change    admin-login admin-login admin-login admin-login 403         ok
whistleblowing     delete    admin-login admin-login admin-login admin-login 403         403
whistleblowing     create    admin-login admin-login admin-login admin-login 403         403
dispute            view      login       ok          ok          hidden      ok          ok
dispute            change    admin-login admin-login admin-login admin-login ok          ok
dispute            delete    admin-login admin-login admin-login admin-login 403         403
dispute            create    admin-login admin-login admin-login admin-login ok          ok
"""


def _parse(table: str) -> dict[tuple[str, str], dict[str, str]]:
    header, *rows = [line.split() for line in table.strip().splitlines()]
    assert tuple(header[2:]) == ROLES, header
    return {(row[0], row[1]): dict(zip(ROLES, row[2:], strict=True)) for row in rows}


MATRIX = _parse(TABLE)
# What each operation is, for each record:
#   view    its public page (and its PDF, which must agree)
#   change  the admin's change form, posted with the record's title (or text) changed
#   delete  the admin's delete confirmation, posted
#   create  a record under it: a declaration on the item (admin); a progress update on
#           the action (the board members' form); an action in the plan (admin); the
#           resolution of the exception report the update opened (board members'
#           form); an outcome target on the award, a document of the consultation, a
#           paragraph of the report (admin inlines); a message in a referral's thread
#           (the members' form); a complaint or whistle-blowing report added in the
#           admin (never: they come through the public forms); a dispute referred
#           (admin). A complaint's and a dispute's "view" is the members' cases page;
#           a whistle-blowing report has no page but the admin's


def _denied(response) -> str | None:
    if response.status_code in (403, 404):
        return str(response.status_code)
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith("/admin/login/"):
            return AL
        if location.startswith("/accounts/login/"):
            return "login"
    return None


def _errors(response) -> str:
    context = response.context or {}
    for key in ("adminform", "form"):
        form = context.get(key)
        form = getattr(form, "form", form)
        if form is not None and getattr(form, "errors", None):
            return str(form.errors)
    return str(
        [
            (f.formset.prefix, f.formset.errors, f.formset.non_form_errors())
            for f in context.get("inline_admin_formsets", [])
        ]
    )[:2000]


def _post_form(client, url: str, change) -> tuple[str | None, object]:
    """GET ``url``; if allowed, post its form with ``change`` applied to the data."""
    page = client.get(url)
    denied = _denied(page)
    if denied:
        # Posting straight to it is refused the same way, and changes nothing.
        assert _denied(client.post(url, {"title": "changed"})) == denied
        return denied, page
    assert page.status_code == 200, (url, page.status_code)
    data = change(form_data(page.content.decode()))
    response = client.post(url, data)
    return None, response


def _replace_value(old: str, new: str):
    def change(data: dict) -> dict:
        keys = [key for key, value in data.items() if value == old]
        assert keys, f"No field holds {old!r}"
        return {**data, **dict.fromkeys(keys, new), "_save": "Save"}

    return change


def _admin_change(client, obj, *, field: str, url_obj=None) -> str:
    target = url_obj or obj
    url = reverse(
        f"admin:{target._meta.app_label}_{target._meta.model_name}_change", args=[target.pk]
    )
    old = getattr(obj, field)
    denied, response = _post_form(client, url, _replace_value(old, "Changed in the matrix"))
    if denied:
        assert getattr(type(obj).objects.get(pk=obj.pk), field) == old
        return denied
    assert response.status_code == 302, _errors(response)
    assert getattr(type(obj).objects.get(pk=obj.pk), field) == "Changed in the matrix"
    return "ok"


def _admin_delete(client, obj) -> str:
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_delete", args=[obj.pk])
    page = client.get(url)
    denied = _denied(page)
    if denied:
        assert _denied(client.post(url, {"post": "yes"})) == denied
        assert type(obj).objects.filter(pk=obj.pk).exists()
        return denied
    assert page.status_code == 200
    client.post(url, {"post": "yes"})
    if "Cannot delete" in page.content.decode():
        assert type(obj).objects.filter(pk=obj.pk).exists()
        return "protected"
    assert not type(obj).objects.filter(pk=obj.pk).exists()
    return "ok"


def _view(client, url: str, marker: str, *, pdf: str | None = None) -> str:
    response = client.get(url)
    denied = _denied(response)
    shown = "404" if denied == "404" else ("ok" if marker in response_text(response) else None)
    if pdf is not None:
        pdf_response = client.get(pdf)
        in_pdf = pdf_response.status_code == 200 and marker in response_text(pdf_response)
        assert in_pdf == (shown == "ok"), f"{url} and {pdf} disagree"
    if denied and denied != "404":
        return denied
    return shown or "hidden"


# --- The cells ---------------------------------------------------------------------


def confidential_item(op: str, client, world) -> str:
    item: AgendaItem = world.objects["confidential_item"]
    meeting = item.meeting
    if op == "view":
        page = client.get(meeting.get_absolute_url())
        assert page.status_code == 200
        text = page.content.decode()
        if item.title in text and item.minutes in text:
            return "ok"
        decision = world.objects["confidential_decision"]
        assert item.papers not in text and decision.text not in text
        return "redacted" if "Confidential item" in text else "hidden"
    if op == "change":
        return _admin_change(client, item, field="title", url_obj=meeting)
    if op == "delete":
        url = reverse("admin:partnerships_meeting_change", args=[meeting.pk])

        def delete(data):
            index = next(k for k, v in data.items() if k.endswith("-id") and v == str(item.pk))
            return {**data, index.replace("-id", "-DELETE"): "on", "_save": "Save"}

        denied, response = _post_form(client, url, delete)
        if denied:
            assert AgendaItem.objects.filter(pk=item.pk).exists()
            return denied
        if response.status_code == 200 and "protected related objects" in _errors(response):
            # Its decision in the log keeps it: refused on the page, nothing deleted.
            assert AgendaItem.objects.filter(pk=item.pk).exists()
            return "protected"
        assert response.status_code == 302, _errors(response)
        assert not AgendaItem.objects.filter(pk=item.pk).exists()
        return "ok"
    before = Declaration.objects.filter(agenda_item=item).count()
    person = world.users["member_p"].person

    def declare(data):
        return {
            **data,
            "meeting": str(meeting.pk),
            "person": str(person.pk),
            "interest_type": "business",
            "agenda_item": str(item.pk),
            "description": "Runs a training company.",
            "_save": "Save",
        }

    denied, response = _post_form(client, reverse("admin:partnerships_declaration_add"), declare)
    if denied:
        assert Declaration.objects.filter(agenda_item=item).count() == before
        return denied
    assert response.status_code == 302, _errors(response)
    assert Declaration.objects.filter(agenda_item=item).count() == before + 1
    return "ok"


def private_action(op: str, client, world) -> str:
    action: Action = world.objects["private_action"]
    if op == "view":
        return _view(
            client,
            action.get_absolute_url(),
            action.title,
            pdf=reverse("reports:plan-pdf", args=[action.plan_id]),
        )
    if op == "change":
        return _admin_change(client, action, field="title")
    if op == "delete":
        return _admin_delete(client, action)
    before = action.updates.count()

    def update(data):
        return {
            **data,
            "reported_on": datetime.date.today().strftime("%d/%m/%Y"),
            "rag": "amber",
            "narrative": "Recovering.",
        }

    denied, response = _post_form(
        client, reverse("strategy:update-create", args=[action.pk]), update
    )
    if denied:
        assert action.updates.count() == before
        return denied
    assert response.status_code == 302, _errors(response)
    assert action.updates.count() == before + 1
    return "ok"


def draft_plan(op: str, client, world) -> str:
    plan: ActionPlan = world.objects["draft_plan"]
    if op == "view":
        return _view(
            client,
            plan.get_absolute_url(),
            plan.summary,
            pdf=reverse("reports:plan-pdf", args=[plan.pk]),
        )
    if op == "change":
        return _admin_change(client, plan, field="title")
    if op == "delete":
        return _admin_delete(client, plan)
    before = plan.actions.count()

    def add(data):
        return {
            **data,
            "plan": str(plan.pk),
            "priority": str(plan.strategy.priorities.first().pk),
            "title": "Added in the matrix",
            "measure_of_success": "Measured",
            "target": "A target",
            "due_on": (datetime.date.today() + datetime.timedelta(days=10)).isoformat(),
            "status": "not_started",
            "is_public": "on",
            "_save": "Save",
        }

    denied, response = _post_form(client, reverse("admin:strategy_action_add"), add)
    if denied:
        assert plan.actions.count() == before
        return denied
    assert response.status_code == 302, _errors(response)
    assert plan.actions.count() == before + 1
    return "ok"


def progress_update(op: str, client, world) -> str:
    update: ProgressUpdate = world.objects["progress_update"]
    if op == "view":
        return _view(client, update.action.get_absolute_url(), update.narrative)
    if op == "change":
        return _admin_change(client, update, field="narrative")
    if op == "delete":
        return _admin_delete(client, update)
    report: ExceptionReport = world.objects["exception_report"]

    def resolve(data):
        return {**data, "resolution": "Back on track."}

    url = reverse("strategy:exception-resolve", args=[report.pk])
    denied, response = _post_form(client, url, resolve)
    report.refresh_from_db()
    if denied:
        assert report.status == "open"
        return denied
    assert response.status_code == 302, _errors(response)
    assert report.status == "resolved"
    return "ok"


def _award(key: str):
    def cell(op: str, client, world) -> str:
        award: GrantAward = world.objects[key]
        if op == "view":
            return _view(client, award.get_absolute_url(), award.title)
        if op == "change":
            return _admin_change(client, award, field="title")
        if op == "delete":
            return _admin_delete(client, award)
        before = OutcomeTarget.objects.filter(award=award).count()
        target = {"description": "Walks", "measure": "Walkers", "target_value": "50"}

        def add(data):
            return {**add_inline_row(data, "outcome_targets", target), "_save": "Save"}

        url = reverse("admin:funding_grantaward_change", args=[award.pk])
        denied, response = _post_form(client, url, add)
        if denied:
            assert OutcomeTarget.objects.filter(award=award).count() == before
            return denied
        assert response.status_code == 302, _errors(response)
        assert OutcomeTarget.objects.filter(award=award).count() == before + 1
        return "ok"

    return cell


def draft_consultation(op: str, client, world) -> str:
    consultation: Consultation = world.objects["draft_consultation"]
    if op == "view":
        return _view(client, consultation.get_absolute_url(), consultation.purpose)
    if op == "change":
        return _admin_change(client, consultation, field="title")
    if op == "delete":
        return _admin_delete(client, consultation)
    documents = ConsultationDocument.objects.filter(consultation=consultation)
    before = documents.count()
    row = {"position": "2", "title": "Maps", "url": "https://example.org/maps.pdf"}

    def add(data):
        return {**add_inline_row(data, "documents", row), "_save": "Save"}

    url = reverse("admin:consultations_consultation_change", args=[consultation.pk])
    denied, response = _post_form(client, url, add)
    if denied:
        assert documents.count() == before
        return denied
    assert response.status_code == 302, _errors(response)
    assert documents.count() == before + 1
    return "ok"


def draft_report(op: str, client, world) -> str:
    report: CabinetReport = world.objects["draft_report"]
    if op == "view":
        paragraph = report.paragraphs.get().text
        return _view(client, report.get_absolute_url(), paragraph, pdf=report.get_pdf_url())
    if op == "change":
        return _admin_change(client, report, field="title")
    if op == "delete":
        return _admin_delete(client, report)
    paragraphs = ReportParagraph.objects.filter(report=report)
    before = paragraphs.count()
    row = {"section": "background", "position": "1", "text": "Some background."}

    def add(data):
        return {**add_inline_row(data, "paragraphs", row), "_save": "Save"}

    url = reverse("admin:reports_cabinetreport_change", args=[report.pk])
    denied, response = _post_form(client, url, add)
    if denied:
        assert paragraphs.count() == before
        return denied
    assert response.status_code == 302, _errors(response)
    assert paragraphs.count() == before + 1
    return "ok"


def confidential_paper(op: str, client, world) -> str:
    """A confidential item's paper: downloaded (and read in the full agenda pack,
    which must agree), changed and deleted in the admin, and a paper added to the
    item on its admin page, uploaded."""
    paper: Paper = world.objects["confidential_paper"]
    if op == "view":
        text = next(m for m, where in world.markers.items() if where.startswith("text of a conf"))
        pack = reverse("partnerships:agenda-pack-full", args=[paper.agenda_item.meeting_id])
        return _view(client, paper.get_absolute_url(), text, pdf=pack)
    if op == "change":
        return _admin_change(client, paper, field="title")
    if op == "delete":
        return _admin_delete(client, paper)
    item = paper.agenda_item
    papers = Paper.objects.filter(agenda_item=item)
    before = papers.count()

    def add(data):
        index = int(data["paper_set-TOTAL_FORMS"])
        data = add_inline_row(data, "paper_set", {"position": "3", "title": "Added", "url": ""})
        upload = SimpleUploadedFile("added.pdf", pdf_bytes("Added"), "application/pdf")
        return {**data, f"paper_set-{index}-file": upload, "_save": "Save"}

    url = reverse("admin:partnerships_agendaitem_change", args=[item.pk])
    denied, response = _post_form(client, url, add)
    if denied:
        assert papers.count() == before
        return denied
    assert response.status_code == 302, _errors(response)
    assert papers.count() == before + 1
    return "ok"


def confidential_referral(op: str, client, world) -> str:
    """A confidential referral from an Area Board to the thematic board ``parent``:
    its page, the officers' admin, and a message posted to its thread."""
    referral = world.objects["referral_confidential"]
    if op == "view":
        return _view(client, referral.get_absolute_url(), referral.need)
    if op == "change":
        return _admin_change(client, referral, field="title")
    if op == "delete":
        return _admin_delete(client, referral)
    before = referral.messages.count()
    url = reverse("referrals:referral-message", args=[referral.pk])
    data = {"message-speaks_for": str(world.parent.pk), "message-text": "Thank you."}
    response = client.post(url, data)
    denied = _denied(response)
    if denied:
        assert referral.messages.count() == before
        return denied
    assert response.status_code == 302, response.status_code
    assert referral.messages.count() == before + 1
    return "ok"


def _case(key: str, model_name: str):
    """A complaint or a whistle-blowing report: the members' cases page (view), the
    admin's change form (its outcome changed), its delete page, and the admin's add
    page (a case comes only through the public forms)."""

    def cell(op: str, client, world) -> str:
        case = world.objects[key]
        if op == "view":
            if model_name == "complaint":
                return _view(client, reverse("protocols:cases"), case.summary)
            url = reverse(f"admin:protocols_{model_name}_change", args=[case.pk])
            return _view(client, url, case.summary)
        if op == "change":
            return _admin_change(client, case, field="outcome")
        if op == "delete":
            return _admin_delete(client, case)
        model = type(case)
        before = model.objects.count()
        denied, response = _post_form(
            client, reverse(f"admin:protocols_{model_name}_add"), lambda data: data
        )
        assert model.objects.count() == before
        return denied or str(response.status_code)

    return cell


def dispute(op: str, client, world) -> str:
    """A dispute between ``parent`` and ``a`` referred to the Leaders Board: the
    members' cases page, the officers' admin, and a new dispute referred there."""
    case = world.objects["dispute"]
    if op == "view":
        return _view(client, reverse("protocols:cases"), case.position_a)
    if op == "change":
        return _admin_change(client, case, field="subject")
    if op == "delete":
        return _admin_delete(client, case)
    model = type(case)
    before = model.objects.count()

    def refer(data):
        return {
            **data,
            "body_a": str(world.parent.pk),
            "body_b": str(world.b.pk),
            "subject": "Who runs the youth survey",
            "position_a": "We do.",
            "position_b": "We do.",
            "referred_on": datetime.date.today().strftime("%d/%m/%Y"),
            "status": "referred",
            "_save": "Save",
        }

    denied, response = _post_form(client, reverse("admin:protocols_dispute_add"), refer)
    if denied:
        assert model.objects.count() == before
        return denied
    assert response.status_code == 302, _errors(response)
    assert model.objects.count() == before + 1
    return "ok"


CELLS = {
    "confidential_item": confidential_item,
    "confidential_paper": confidential_paper,
    "private_action": private_action,
    "draft_plan": draft_plan,
    "progress_update": progress_update,
    "award_proposed": _award("award_proposed"),
    "award_approved": _award("award_approved"),
    "draft_consultation": draft_consultation,
    "draft_report": draft_report,
    "confidential_referral": confidential_referral,
    "complaint": _case("complaint", "complaint"),
    "whistleblowing": _case("whistleblowing", "whistleblowingreport"),
    "dispute": dispute,
}


def test_the_matrix_covers_every_record_operation_and_role():
    records = {record for record, _ in MATRIX}
    assert records == set(CELLS)
    assert {op for _, op in MATRIX} == {"view", "change", "delete", "create"}
    assert len(MATRIX) == len(CELLS) * 4
    assert len(TABLE.strip().splitlines()) == len(MATRIX) + 1  # no row given twice


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(role):
    world = build_world()
    client = Client()
    if world.users[role] is not None:
        client.force_login(world.users[role])
    wrong = []
    for (record, op), expected in MATRIX.items():
        with transaction.atomic():
            got = CELLS[record](op, client, world)
            transaction.set_rollback(True)
        if got != expected[role]:
            wrong.append(f"{record} {op}: expected {expected[role]}, got {got}")
    assert not wrong, "\n".join(wrong)
    print(f"\nPermission matrix, {role}: {len(MATRIX)} cells asserted")


def test_matrix_size():
    cells = len(MATRIX) * len(ROLES)
    print(
        f"\nPermission matrix: {cells} cells ({len(CELLS)} records x 4 operations x "
        f"{len(ROLES)} roles)"
    )
    assert cells == 312


# --- Board members hold no model-level permissions -----------------------------------


def test_board_members_hold_no_model_level_permissions():
    """Guardian counts a model-level permission as a permission on every object
    (``accept_global_perms``), so a board member with one would open every body.
    After the example data with its demonstration logins: the only group is the
    officers', and no one who is not staff holds a model-level permission, directly
    or through a group."""
    load_example(demo_logins=True)
    assert list(Group.objects.values_list("name", flat=True)) == [OFFICERS_GROUP]
    board_members = get_user_model().objects.filter(is_staff=False, is_superuser=False)
    assert board_members.filter(person__memberships__isnull=False).exists()
    for user in board_members:
        assert not user.user_permissions.exists(), user
        assert not Permission.objects.filter(group__user=user).exists(), user
        assert user.get_all_permissions() == set(), user


def test_a_model_level_permission_opens_no_body():
    """Should a board member be given a model-level permission by mistake, it shows
    (the test above would catch it), and it still opens no body: bodies open only
    through guardian's object permissions, which ``BodyAccess`` reads."""
    world = build_world()
    member = world.users["member_b"]
    member.user_permissions.add(
        Permission.objects.get(codename="see_confidential"),
        Permission.objects.get(codename="manage_plans"),
    )
    member = get_user_model().objects.get(pk=member.pk)
    assert member.get_all_permissions() == {
        "partnerships.see_confidential",
        "partnerships.manage_plans",
    }
    client = Client()
    client.force_login(member)
    action = world.objects["private_action"]
    assert client.get(action.get_absolute_url()).status_code == 404
    assert client.get(reverse("strategy:update-create", args=[action.pk])).status_code == 404
    item = world.objects["confidential_item"]
    assert item.title not in client.get(item.meeting.get_absolute_url()).content.decode()
