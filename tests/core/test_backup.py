"""A backup restored into an empty database loses nothing: every table has the same
rows (count and checksum) as before, including users, groups, permissions,
guardian's object permissions, the admin's log and the audit history; the tree of
bodies is intact; content types and permissions map to the new database's ids."""

import gzip
import hashlib
import importlib
import io
import json
import threading
from collections import Counter
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection, models
from django.test import override_settings

from pace.core import backup as backup_module
from pace.core.backup import backup_apps
from pace.reports.models import CabinetReport, ReportParagraph
from partnerships import services
from partnerships.models import Body, Person
from strategy.consultations.models import Audience, Consultation, EqualityImpactAssessment
from tests.example_snapshot import load_example
from tests.partnerships import factories as pf

pytestmark = pytest.mark.django_db
SNAPSHOT_APPS = set(backup_apps())


@pytest.fixture(autouse=True)
def _forget_content_types():
    """The test's rollback brings the old content type ids back; Django's cache of
    content types must not keep the emptied database's ids for later tests."""
    yield
    ContentType.objects.clear_cache()


def _value(field, value):
    """A reference to a content type or permission by its natural key; anything else
    as stored."""
    if value is None or not isinstance(field, models.ForeignKey):
        return value
    target = field.related_model
    if target is ContentType:
        return ContentType.objects.get(pk=value).natural_key()
    if target is Permission:
        return Permission.objects.get(pk=value).natural_key()
    return value


def snapshot() -> dict[str, tuple[int, str]]:
    """Row count and SHA-256 of every table of the apps backed up, many-to-many
    tables included; permissions and content types by natural key, as their ids
    belong to the database they are in."""
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label not in SNAPSHOT_APPS or model._meta.proxy:
            continue
        fields = model._meta.concrete_fields
        if model._meta.auto_created:
            # A many-to-many table: the pairs are the content; the rows' own ids are
            # not (they are numbered afresh when the links are loaded).
            fields = [f for f in fields if not f.primary_key]
        rows = sorted(
            repr(tuple(_value(f, v) for f, v in zip(fields, row, strict=True)))
            for row in model._base_manager.values_list(*[f.attname for f in fields])
        )
        if model is Permission:
            rows = sorted(repr(p.natural_key()) for p in Permission.objects.all())
        digest = hashlib.sha256("\n".join(rows).encode()).hexdigest()
        tables[model._meta.db_table] = (len(rows), digest)
    return tables


def tree():
    return list(
        Body.objects.order_by("pk").values_list("pk", "parent_id", "lft", "rght", "tree_id")
    )


@pytest.fixture
def everything(client):
    """The example partnership with logins, plus history made in the admin (a
    change, a delete), direct user permissions and another group."""
    load_example(demo_logins=True)
    officer = User.objects.get(username="officer")
    client.force_login(officer)
    town = Body.objects.get(slug="crewe-town-partnership")
    doomed = pf.body("working_group", town.parent, name="Short-lived group")
    response = client.post(f"/admin/partnerships/body/{doomed.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    town.remit = "Changed in the admin, to leave a history"
    services.body_save(body=town)
    analyst = User.objects.create_user(username="analyst", password="pw-for-tests-only")
    analyst.user_permissions.add(Permission.objects.get(codename="view_fund"))
    readers = Group.objects.create(name="Readers")
    readers.permissions.add(Permission.objects.get(codename="view_body"))
    analyst.groups.add(readers)
    return officer


def fresh_database() -> None:
    """Empty every table, then let migrate's hooks make the content types and
    permissions again, with ids shifted from the old ones (as a new database may
    number them differently)."""
    if connection.vendor == "postgresql":
        # Inside the test's transaction: check the deferred foreign keys now, as
        # PostgreSQL will not TRUNCATE a table with checks pending.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    ContentType.objects.clear_cache()
    placeholder = ContentType.objects.create(app_label="placeholder", model="shift")
    Permission.objects.create(codename="shift", name="Shift", content_type=placeholder)
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    placeholder.delete()
    ContentType.objects.clear_cache()
    # And the rows a data migration puts in a new database (the strategy app's, which
    # held the audiences before consultations had an app of their own; its
    # historical models keep no audit history).
    seeded = importlib.import_module("strategy.migrations.0003_seed_audiences").AUDIENCES
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        for slug, name, description, position in seeded:
            Audience.objects.create(
                slug=slug, name=name, description=description, position=position
            )
    assert Audience.objects.exists()


def test_backup_and_restore_lose_nothing(everything, tmp_path):
    assert Body.history.filter(history_type="-").exists()
    before, tree_before = snapshot(), tree()
    body_type_before = ContentType.objects.get_for_model(Body).pk
    out = io.StringIO()
    call_command("pace_backup", str(tmp_path / "pace.jsonl.gz"), stdout=out)
    assert "Backed up" in out.getvalue()

    fresh_database()
    assert not User.objects.exists() and not Body.objects.exists()
    assert ContentType.objects.get_for_model(Body).pk != body_type_before
    call_command("pace_restore", str(tmp_path / "pace.jsonl.gz"), stdout=out)
    ContentType.objects.clear_cache()

    after = snapshot()
    assert after.keys() == before.keys()
    differ = [(t, before[t][0], after[t][0]) for t in before if before[t] != after[t]]
    assert differ == []
    assert len(before) > 60 and before["partnerships_historicalbody"][0] > 20
    # The tree came back exactly, and is what django-mptt would build from the parents.
    assert tree() == tree_before
    Body.objects.rebuild()
    assert tree() == tree_before


def test_restored_permissions_work(everything, tmp_path, client):
    call_command("pace_backup", str(tmp_path / "pace.jsonl"), stdout=io.StringIO())
    fresh_database()
    call_command("pace_restore", str(tmp_path / "pace.jsonl"), stdout=io.StringIO())
    ContentType.objects.clear_cache()
    # Guardian's object permissions and a group's permissions, by the new ids.
    member = User.objects.get(username="board.member")
    amg = Body.objects.get(slug="crewe-and-nantwich-area-management-group")
    assert member.has_perm("partnerships.manage_plans", amg)
    analyst = User.objects.get(username="analyst")
    assert analyst.has_perm("funding.view_fund") and analyst.has_perm("partnerships.view_body")
    assert not analyst.has_perm("funding.change_fund")
    # Passwords survived: the officer signs in and reaches the admin.
    response = client.post(
        "/accounts/login/", {"username": "officer", "password": "pace-example-officer"}
    )
    assert response.status_code == 302
    assert client.get("/admin/partnerships/body/").status_code == 200


def test_restore_refuses_a_database_that_is_not_empty(everything, tmp_path):
    call_command("pace_backup", str(tmp_path / "pace.jsonl"), stdout=io.StringIO())
    bodies = Body.objects.count()
    with pytest.raises(CommandError, match="not empty"):
        call_command("pace_restore", str(tmp_path / "pace.jsonl"), stdout=io.StringIO())
    assert Body.objects.count() == bodies


def test_bad_file_names_are_refused(tmp_path):
    with pytest.raises(CommandError, match=r"\.jsonl"):
        call_command("pace_backup", str(tmp_path / "pace.sql"))
    with pytest.raises(CommandError, match="no backup file"):
        call_command("pace_restore", str(tmp_path / "missing.jsonl"))


#: A backup of the example data (with its logins) taken at commit 78f2290, when
#: consultations and cabinet reports were the strategy app's and a fund named the
#: reports that append its grants.
BACKUP_BEFORE_THE_APPS_MOVED = (
    Path(__file__).resolve().parents[1] / "data" / "backups" / "backup-before-layout.json.gz"
)


def test_a_backup_taken_before_the_apps_moved_restores_into_them(client):
    with gzip.open(BACKUP_BEFORE_THE_APPS_MOVED, "rt", encoding="utf-8") as stream:
        rows = json.load(stream)
    counted = Counter(row["model"] for row in rows)
    fresh_database()
    call_command("pace_restore", str(BACKUP_BEFORE_THE_APPS_MOVED), stdout=io.StringIO())
    ContentType.objects.clear_cache()

    # Every row of the moved models is in its new app, audit history included.
    for old, model in [
        ("strategy.consultation", Consultation),
        ("strategy.equalityimpactassessment", EqualityImpactAssessment),
        ("strategy.cabinetreport", CabinetReport),
        ("strategy.reportparagraph", ReportParagraph),
    ]:
        assert model.objects.count() == counted[old] > 0, old
        history = old.replace(".", ".historical")
        assert model.history.count() == counted[history] > 0, history
    # Many-to-many choices: a consultation's audiences, and the funds whose grants
    # a report appends, which the fund used to name.
    consultation = Consultation.objects.get(pk=rows_of(rows, "strategy.consultation")[0]["pk"])
    old_audiences = rows_of(rows, "strategy.consultation")[0]["fields"]["audiences"]
    assert sorted(consultation.audiences.values_list("pk", flat=True)) == sorted(old_audiences)
    report = CabinetReport.objects.get()
    old_funds = [
        row["pk"]
        for row in rows_of(rows, "funding.fund")
        if report.pk in row["fields"]["cabinet_reports"]
    ]
    assert sorted(report.grant_funds.values_list("pk", flat=True)) == sorted(old_funds) != []

    # The officers' group holds the moved models' permissions under their new app,
    # and they work.
    officer = User.objects.get(username="officer")
    assert officer.has_perm("consultations.change_consultation")
    assert officer.has_perm("reports.change_cabinetreport")
    client.force_login(officer)
    assert client.get("/admin/consultations/consultation/").status_code == 200
    assert client.get(f"/admin/reports/cabinetreport/{report.pk}/change/").status_code == 200
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Appendix 4: Grants" in page and "£72,000" in page


def rows_of(rows: list[dict], label: str) -> list[dict]:
    return [row for row in rows if row["model"] == label]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Needs PostgreSQL: SQLite's in-memory test database cannot be shared by a "
    "writing thread. On SQLite the backup's IMMEDIATE transaction holds writers off.",
)
def test_a_backup_is_the_database_as_it_was_when_it_began(tmp_path, monkeypatch):
    """Rows written while the backup runs, by another connection, are in none of its
    tables: under READ COMMITTED the tables read after the write held them, and a
    membership could be saved without the person it refers to."""
    load_example()
    started, written = threading.Event(), threading.Event()
    real_default = backup_module.ExactJSONEncoder.default

    def pausing(self, o):
        if not started.is_set():
            started.set()
            assert written.wait(30)
        return real_default(self, o)

    monkeypatch.setattr(backup_module.ExactJSONEncoder, "default", pausing)

    def write_meanwhile():
        started.wait(30)
        try:
            town = Body.objects.get(slug="crewe-town-partnership")
            newcomer = pf.person("Written During Backup")
            pf.member(town, newcomer)
            pf.organisation("Organisation Written During Backup")
        finally:
            connection.close()
            written.set()

    writer = threading.Thread(target=write_meanwhile)
    writer.start()
    counts = backup_module.backup(tmp_path / "pace.jsonl")
    writer.join()
    text = (tmp_path / "pace.jsonl").read_text(encoding="utf-8")
    assert "Written During Backup" not in text
    assert sum(1 for _ in text.splitlines()) == sum(counts.values())
    # The rows are there now, for the next backup.
    assert Person.objects.filter(name="Written During Backup").exists()
