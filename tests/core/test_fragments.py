"""Parts of pages kept for signed-in readers (``pace.core.fragments``): kept until the
data changes, and only ever shown to readers who may see what they count.

The versions of the tables written change when a change commits, so the tests that change data
either run the commit callbacks (``django_capture_on_commit_callbacks``) or commit
for real (``transactional_db``)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from pace.core import fragments
from partnerships import services as tree
from partnerships.access import BodyAccess
from partnerships.models import Body, BodyKind
from strategy import selectors
from strategy import services as strategy_services
from strategy.models import Action, ActionStatus, Rag

from ..partnerships import factories as pf
from ..strategy import factories as sf

SECRET = "Secret marker action"


def _world():
    """A Leaders Board with two boards under it; the first has a public action and a
    private one under the strategy's first priority. A member of each board, and a
    signed-in person who sits on none."""
    leaders = pf.body(BodyKind.LEADERS_BOARD, name="Leaders Board")
    own = pf.body(BodyKind.THEMATIC_BOARD, leaders, name="Own Board")
    other = pf.body(BodyKind.THEMATIC_BOARD, leaders, name="Other Board")
    strategy = sf.strategy()
    plan = sf.plan(own, strategy)
    sf.action(plan, title="Open walks for health")
    sf.action(plan, title=SECRET, is_public=False)
    member = pf.person("Own Member", with_login=True)
    pf.member(own, member)
    outsider = pf.person("Other Member", with_login=True)
    pf.member(other, outsider)
    nobody = pf.person("No Body", with_login=True)
    return {
        "leaders": leaders,
        "own": own,
        "other": other,
        "strategy": strategy,
        "priority": strategy.priorities.first(),
        "plan": plan,
        "member": member.user,
        "outsider": outsider.user,
        "nobody": nobody.user,
    }


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _counted(client, address: str) -> int:
    response = client.get(address)
    assert response.status_code == 200
    return response.context["rollup"].total


# --- The helper ------------------------------------------------------------------------


class Reader:
    def __init__(self, scope):
        self.scope = scope


@pytest.mark.django_db
def test_a_part_is_built_once_until_the_data_changes(
    kept_parts, django_capture_on_commit_callbacks
):
    built = []

    def build():
        built.append(Body.objects.count())
        return len(built)

    def read():
        return fragments.cached("part", reader=Reader("public"), key=(1,), build=build)

    # Whatever earlier tests wrote and rolled back on this connection counts as a
    # change not yet committed until a commit.
    with django_capture_on_commit_callbacks(execute=True):
        pf.body(BodyKind.LEADERS_BOARD)
    assert [read(), read()] == [1, 1]
    with django_capture_on_commit_callbacks(execute=True):
        pf.body(BodyKind.LEADERS_BOARD)
    assert [read(), read()] == [2, 2]
    # A change to records the part did not read leaves it kept.
    with django_capture_on_commit_callbacks(execute=True):
        sf.strategy()
    assert read() == 2


@pytest.mark.django_db
def test_a_part_found_kept_counts_as_reading_what_it_was_made_from(kept_parts):
    from pace.core import versions

    def read():
        return fragments.cached("part", reader=Reader("public"), build=Body.objects.count)

    read()  # kept
    with (
        versions.reading(versions.snapshot(cache)) as tables,
        CaptureQueriesContext(connection) as queries,
    ):
        read()
    assert len(queries) == 0 and tables == {Body._meta.db_table}


@pytest.mark.django_db
def test_a_part_is_kept_apart_for_each_scope_and_key(kept_parts):
    def read(scope, key):
        return fragments.cached("part", reader=Reader(scope), key=key, build=lambda: (scope, key))

    assert read("public", (1,)) == ("public", (1,))
    assert read("members:7", (1,)) == ("members:7", (1,))
    assert read("public", (2,)) == ("public", (2,))
    assert read("public", (1,)) == ("public", (1,))


@pytest.mark.django_db
def test_off_builds_every_time_and_never_reads_the_scope(settings):
    settings.PACE_FRAGMENT_CACHE_SECONDS = 0

    class Unread:
        @property
        def scope(self):
            raise AssertionError("the scope was read with the cache off")

    assert [fragments.cached("part", reader=Unread(), build=lambda n=n: n) for n in (1, 2)] == [
        1,
        2,
    ]


@pytest.mark.django_db(transaction=True)
def test_a_transaction_that_changed_records_neither_reads_nor_keeps_a_part(kept_parts):
    reader = Reader("public")

    def counted(name):
        return lambda: (name, Body.objects.count())

    assert fragments.cached("part", reader=reader, build=counted("before")) == ("before", 0)
    with transaction.atomic():
        pf.body(BodyKind.LEADERS_BOARD)
        assert fragments.cached("part", reader=reader, build=counted("inside")) == ("inside", 1)
        assert fragments.cached("part", reader=reader, build=counted("again")) == ("again", 1)
    assert fragments.cached("part", reader=reader, build=counted("after")) == ("after", 1)


@pytest.mark.django_db
def test_without_a_cache_the_part_is_built(kept_parts, monkeypatch):
    class Broken:
        def get(self, *args, **kwargs):
            raise ConnectionError("no cache")

        add = incr = set = delete = get_many = set_many = delete_many = get

    monkeypatch.setattr(fragments, "page_cache", lambda: Broken())
    monkeypatch.setattr("pace.core.cache.page_cache", lambda: Broken())
    assert fragments.cached("part", reader=Reader("public"), build=lambda: "built") == "built"


# --- Scopes --------------------------------------------------------------------------


@pytest.mark.django_db
def test_scopes_say_what_each_reader_may_see():
    world = _world()
    officer, second_officer = pf.officer(), pf.officer()
    scope = {
        name: BodyAccess(user).scope
        for name, user in {
            "anonymous": AnonymousUser(),
            "nobody": world["nobody"],
            "member": world["member"],
            "outsider": world["outsider"],
            "officer": officer,
            "second officer": second_officer,
        }.items()
    }
    assert scope["anonymous"] == scope["nobody"] == "public"
    assert scope["member"] == f";members:{world['own'].pk}"
    assert scope["outsider"] == f";members:{world['other'].pk}"
    assert scope["officer"] == scope["second officer"]
    assert scope["officer"].startswith("staff:")
    assert len(set(scope.values())) == 4


# --- On the pages --------------------------------------------------------------------


@pytest.mark.django_db
def test_a_part_counted_for_a_member_is_never_shown_to_anyone_else(
    kept_parts, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        world = _world()
        # A red update on the private action opens an exception report to the
        # Leaders Board, listed on its page to those who may see the action.
        strategy_services.progress_update_post(
            action=Action.objects.get(title=SECRET), rag=Rag.RED, narrative="Stuck"
        )
    priority = world["priority"].get_absolute_url()
    leaders = world["leaders"].get_absolute_url()
    member = _client(world["member"])
    assert _counted(member, priority) == 2  # the private action counted
    assert _counted(member, priority) == 2  # from the cache now
    for _ in range(2):
        assert SECRET.encode() in member.get(leaders).content
        member.get("/")
        member.get(world["own"].get_absolute_url())
    for reader in (world["outsider"], world["nobody"], None):
        client = _client(reader)
        for _ in range(2):
            response = client.get(priority)
            assert response.context["rollup"].total == 1
            assert SECRET.encode() not in response.content
            home = client.get("/")
            assert dict(home.context["priorities"])[world["priority"]].total == 1
            for body in (world["own"], world["leaders"]):
                page = client.get(body.get_absolute_url())
                assert SECRET.encode() not in page.content
                panel = next(p for p in page.context["panels"] if "rollup" in p.context)
                assert panel.context["rollup"].subtree.total == 1
                assert panel.context["rollup"].subtree.red == 0
    # And the member's own count was not replaced by another reader's.
    assert _counted(member, priority) == 2
    assert dict(member.get("/").context["priorities"])[world["priority"]].total == 2


@pytest.mark.django_db
def test_the_cache_saves_the_counts_queries(kept_parts, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        world = _world()
    member = _client(world["member"])
    priority = world["priority"].get_absolute_url()
    with CaptureQueriesContext(connection) as first:
        member.get(priority)
    with CaptureQueriesContext(connection) as second:
        member.get(priority)
    # The roll-up, the quarters' ratings, and the bodies the member sits on today.
    assert len(second) == len(first) - 3


@pytest.mark.django_db
def test_a_change_shows_on_the_next_signed_in_page_at_once(
    kept_parts, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        world = _world()
    member = _client(world["member"])
    priority = world["priority"].get_absolute_url()
    assert _counted(member, priority) == 2
    with django_capture_on_commit_callbacks(execute=True):
        added = sf.action(world["plan"], title="Added after", is_public=False)
    assert _counted(member, priority) == 3
    with django_capture_on_commit_callbacks(execute=True):
        strategy_services.progress_update_post(action=added, rag=Rag.RED, narrative="Stuck")
    assert member.get(priority).context["rollup"].red == 1
    assert member.get("/dashboard/").context["bodies"][0][1].own.red == 1


@pytest.mark.django_db
def test_the_dashboards_lists_are_kept_for_a_scope_and_never_shown_to_another(
    kept_parts, django_capture_on_commit_callbacks
):
    """Due soon and overdue: kept as HTML by scope and the pages asked for."""
    with django_capture_on_commit_callbacks(execute=True):
        world = _world()
        colleague = pf.person("A Colleague", with_login=True)
        pf.member(world["own"], colleague)
    member, same = _client(world["member"]), _client(colleague.user)

    def due_soon_queries(queries) -> int:
        return sum('"due_on" >=' in q["sql"] for q in queries)

    with CaptureQueriesContext(connection) as built:
        first = member.get("/dashboard/").content.decode()
    assert SECRET in first  # due in 30 days, on the member's board
    with CaptureQueriesContext(connection) as kept_queries:
        again = same.get("/dashboard/").content.decode()
    assert SECRET in again
    assert due_soon_queries(built) > 0 and due_soon_queries(kept_queries) == 0
    # Another scope builds its own, without the private action.
    assert SECRET not in _client(world["outsider"]).get("/dashboard/").content.decode()
    # A change to the actions shows at once.
    with django_capture_on_commit_callbacks(execute=True):
        sf.action(world["plan"], title="Added after the lists were kept")
    assert "Added after the lists were kept" in same.get("/dashboard/").content.decode()


def _recount(strategy, user) -> dict:
    return selectors.priority_rollups(strategy, actions=selectors.visible_actions(BodyAccess(user)))


@pytest.mark.django_db(transaction=True)
def test_kept_roll_ups_equal_a_recount_after_updates_deletions_and_moves(kept_parts):
    """Committed for real, as on the site: each change bumps the data version."""
    world = _world()
    strategy, member = world["strategy"], world["member"]

    def shown(user):
        return selectors.visible_priority_rollups(strategy, BodyAccess(user))

    def priority(user) -> selectors.Rollup:
        return shown(user).get(world["priority"].pk, selectors.Rollup())

    def same_as_a_recount():
        for user in (member, world["outsider"], world["nobody"]):
            assert shown(user) == _recount(strategy, user)

    same_as_a_recount()
    secret = Action.objects.get(title=SECRET)
    strategy_services.progress_update_post(action=secret, rag=Rag.AMBER, narrative="Slow")
    same_as_a_recount()
    assert priority(member).amber == 1
    secret.status = ActionStatus.COMPLETE
    strategy_services.action_save(action=secret)
    same_as_a_recount()
    Action.objects.filter(title="Open walks for health").delete()
    same_as_a_recount()
    # A group with a private action moves from under the member's board to under
    # the other: the other board's member now sees it counted, the first no longer.
    group = pf.body(BodyKind.THEMATIC_GROUP, world["own"], name="Moving Group")
    sf.action(sf.plan(group, strategy), title="Moving private action", is_public=False)
    same_as_a_recount()
    assert priority(member).total == 2
    assert priority(world["outsider"]).total == 0
    tree.body_move(body=group, target=world["other"])
    same_as_a_recount()
    assert priority(member).total == 1
    assert priority(world["outsider"]).total == 1
