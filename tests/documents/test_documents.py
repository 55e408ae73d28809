"""The whole-data documents: built by the worker when their data changes, stored,
and served from storage with their ETag, compressed, never built in a request once
built, and never holding a record the public may not see (pace/documents)."""

import datetime
import gzip
import json

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from funding.models import AwardStatus
from pace.documents import services
from pace.documents.models import StoredDocument
from pace.documents.registry import documents
from partnerships.models import AgendaItem, BodyKind, Meeting
from strategy.models import Rag
from strategy.services import progress_update_post
from tests.funding import factories as ff
from tests.notifications.conftest import run_worker
from tests.partnerships import factories as pf
from tests.strategy import factories as sf

from .helpers import body

pytestmark = pytest.mark.django_db

BUILD = "pace.documents.services.document_build"
GRANTS = ("360giving.json", "360giving.csv", "transparency.csv")


@pytest.fixture(autouse=True)
def _nothing_queued():
    """Whether a build is queued is kept in the cache: each test starts with none."""
    cache.clear()


@pytest.fixture
def fund(django_capture_on_commit_callbacks):
    # Committed, as if made earlier, and what it queued done with: each test sees what
    # its own changes queue (its on-commit hooks are the ones it captures).
    with django_capture_on_commit_callbacks(execute=True):
        leaders = pf.body(BodyKind.LEADERS_BOARD)
        made = ff.fund(decided_by=leaders, amount="100000", name="Town Partnerships Fund")
    DBTaskResult.objects.all().delete()
    cache.clear()
    return made


def queued() -> list[str]:
    return sorted(
        row.args_kwargs["args"][0] for row in DBTaskResult.objects.filter(task_path=BUILD)
    )


def grants_in(client) -> list[str]:
    package = json.loads(body(client.get("/funding/360giving.json")))
    return sorted(grant["title"] for grant in package["grants"])


def test_a_committed_change_queues_each_document_made_from_it_once(
    fund, django_capture_on_commit_callbacks
):
    recipient = fund.decided_by  # a body already there: only funding's tables change
    with django_capture_on_commit_callbacks(execute=True):
        ff.award(fund, to=recipient, title="First grant")
        ff.award(fund, to=recipient, title="Second grant")
    with django_capture_on_commit_callbacks(execute=True):
        ff.award(fund, to=recipient, title="Third grant, before the build started")
    # Only funding's records were written: the grants' documents are queued, once
    # each; the structure, the calendar and the indicators are not made from them.
    assert queued() == sorted(GRANTS)


def test_a_rolled_back_change_queues_nothing(fund, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        ff.award(fund, title="Never saved")
        raise RuntimeError
    assert queued() == []


def test_a_progress_update_queues_no_grants_structure_or_calendar(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        bodies = pf.area()
        owner = pf.person()
        pf.member(bodies["amg"], owner)
        action = sf.action(sf.plan(bodies["amg"]), owner)
    DBTaskResult.objects.all().delete()
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        progress_update_post(action=action, rag=Rag.GREEN, narrative="On track")
    assert not set(queued()) & {*GRANTS, "popolo.json", "meetings.ics"}


def test_the_stored_document_changes_when_its_data_does_and_only_then(
    client, fund, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ff.award(fund, title="First grant")
    first = client.get("/funding/360giving.json")  # a new site: built on this visit, once
    assert grants_in(client) == ["First grant"]
    with django_capture_on_commit_callbacks(execute=True):
        ff.award(fund, title="Second grant")
    # Until the worker has built it again, the last build is served, as it was.
    assert client.get("/funding/360giving.json")["ETag"] == first["ETag"]
    run_worker()
    assert grants_in(client) == ["First grant", "Second grant"]
    changed = client.get("/funding/360giving.json")
    assert changed["ETag"] != first["ETag"]
    # A build that finds the same document keeps the same file and ETag, and says it
    # was found current later. (The 360Giving package says when it was issued, so
    # each of its builds differs; its flat CSV does not.)
    before = services.document_build_now("360giving.csv")
    again = services.document_build_now("360giving.csv")
    assert (again.etag, again.content.name) == (before.etag, before.content.name)
    assert again.built_at > before.built_at


def test_a_stored_document_is_served_with_one_query_then_none_and_no_build(
    client, fund, django_assert_num_queries
):
    ff.award(fund, title="A grant")
    services.document_build_now("360giving.json")
    with django_assert_num_queries(1):
        client.get("/funding/360giving.json")
    with django_assert_num_queries(0):  # what serving needs is kept in the cache
        response = client.get("/funding/360giving.json")
    assert response["Cache-Control"] == "public, no-cache"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Last-Modified" in response


def test_served_gzipped_to_whoever_accepts_it_and_304_to_whoever_has_it(client, fund):
    ff.award(fund, title="A grant")
    plain = client.get("/funding/360giving.json")
    content = body(plain)
    zipped = client.get("/funding/360giving.json", headers={"accept-encoding": "gzip, br"})
    assert zipped["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped["Vary"]
    assert gzip.decompress(body(zipped)) == content
    assert int(zipped["Content-Length"]) < len(content)
    assert plain.get("Content-Encoding") is None
    again = client.get("/funding/360giving.json", headers={"if-none-match": plain["ETag"]})
    assert again.status_code == 304
    assert again.content == b""


def test_the_build_never_holds_a_record_the_public_may_not_see(
    client, fund, django_capture_on_commit_callbacks
):
    charity = pf.organisation("Helping Hands")
    ff.award(fund, to=charity, title="Public grant", status=AwardStatus.PAID)
    with django_capture_on_commit_callbacks(execute=True):
        ff.award(fund, to=charity, status=AwardStatus.PROPOSED, title="Secret proposed grant")
        bodies = pf.area()
        secret = Meeting.objects.create(
            body=bodies["amg"],
            title="Closed session",
            starts_at=timezone.now() + datetime.timedelta(days=3),
            is_public=False,
        )
        open_meeting = Meeting.objects.create(
            body=bodies["amg"],
            title="Open meeting",
            starts_at=timezone.now() + datetime.timedelta(days=4),
        )
        AgendaItem.objects.create(
            meeting=open_meeting, position=1, title="Confidential land deal", is_confidential=True
        )
    # The worker builds them, as nobody: an officer signed in on the site changes nothing.
    client.force_login(pf.officer())
    run_worker()
    for name, document in documents.items():
        text = body(client.get(document.path)).decode()
        for secret_text in ("Secret proposed grant", "Closed session", "Confidential land deal"):
            assert secret_text not in text, (name, secret_text)
    assert "Public grant" in body(client.get("/funding/360giving.csv")).decode()
    assert "Open meeting" in body(client.get("/meetings.ics")).decode()
    assert secret.pk  # made, and kept out


def test_a_later_build_that_finished_first_is_kept(fund):
    ff.award(fund, title="A grant")
    later = services.document_build_now("360giving.csv")
    StoredDocument.objects.filter(pk=later.pk).update(
        built_at=timezone.now() + datetime.timedelta(minutes=1)
    )
    kept = services.document_build_now("360giving.csv")
    assert kept.pk == later.pk
    assert kept.built_at > timezone.now()


def test_a_document_whose_files_are_lost_is_built_again_and_served(client, fund):
    """A database restored without its media, even one whose kept row says it was
    built later than now (another machine's clock): served, not a server error."""
    ff.award(fund, title="A grant")
    kept = services.document_build_now("360giving.csv")
    StoredDocument.objects.filter(pk=kept.pk).update(
        built_at=timezone.now() + datetime.timedelta(minutes=1)
    )
    default_storage.delete(kept.content.name)
    response = client.get("/funding/360giving.csv")
    assert response.status_code == 200
    assert "A grant" in body(response).decode()
    assert default_storage.exists(StoredDocument.objects.get(name="360giving.csv").content.name)


def test_the_open_data_page_says_when_each_file_was_updated(
    client, fund, django_assert_num_queries
):
    ff.award(fund, title="A grant")
    services.document_build_now("popolo.json")
    with django_assert_num_queries(1):
        page = client.get("/open-data/").content.decode()
    stored = StoredDocument.objects.get(name="popolo.json")
    local = timezone.localtime(stored.built_at)
    assert f'Updated at <time datetime="{local.isoformat()}">' in page or "Updated at" in page
    assert local.strftime("%H:%M") in page
    assert page.count("Made when first asked for") == len(documents) - 1
    for document in documents.values():
        assert f'href="{document.path}"' in page


def test_the_daily_duty_builds_the_calendar_again(client):
    from pace.documents.duties import documents_daily

    said = documents_daily(timezone.localdate())
    assert "meetings.ics" in said
    assert queued() == ["meetings.ics"]


def test_a_migration_builds_again_what_was_built(fund):
    services.document_build_now("popolo.json")
    services.migration_finished(sender=None)
    assert queued() == sorted(documents)


def test_the_command_builds_each_document_and_refuses_an_unknown_one(fund, capsys):
    call_command("build_documents", "popolo.json", "360giving.csv")
    assert set(StoredDocument.objects.values_list("name", flat=True)) == {
        "popolo.json",
        "360giving.csv",
    }
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No such document: nothing.json"):
        call_command("build_documents", "nothing.json")


@pytest.mark.parametrize(
    ("sql", "app"),
    [
        ('INSERT INTO "funding_grantaward" ("title") VALUES (%s)', "funding"),
        ("UPDATE partnerships_body SET name = %s", "partnerships"),
        ('DELETE FROM "strategy_action" WHERE id = 1', "strategy"),
        ("TRUNCATE funding_grantaward, partnerships_body", "*"),  # not read: anything
        ("/* a comment */ UPDATE funding_fund SET name = 'x'", "funding"),
        ('DELETE FROM "django_session"', None),  # holds no record
        ('INSERT INTO "documents_storeddocument" ("name") VALUES (%s)', None),  # a build
        ("SELECT * FROM funding_grantaward", None),
        ('CREATE DATABASE "test_pace"', "schema"),  # never queues a build
        ("ALTER TABLE funding_fund ADD COLUMN x int", "schema"),
    ],
)
def test_each_write_is_put_down_to_the_app_whose_records_it_changes(sql, app):
    from pace.core.writes import written_app

    assert written_app(sql) == app
