"""Public pages of the structure and meetings: what anonymous visitors and members
see, bad input, and query counts that do not grow with the data."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partnerships import services
from partnerships.models import AgendaItem, Body, BodyKind, Declaration, InterestType, Meeting

from ..pins import AREA_BOARD_PAGE
from . import factories as f

pytestmark = pytest.mark.django_db
SECRET_TITLE = "Secret negotiation with Provider Zeta"
SECRET_MINUTES = "Agreed ceiling of 1.2m with Provider Zeta"


@pytest.fixture
def meeting_with_secret():
    bodies = f.area()
    amg = bodies["amg"]
    meeting = Meeting.objects.create(
        body=amg,
        title="Area Management Group, June",
        starts_at=timezone.now() - datetime.timedelta(days=3),
        minutes_published=True,
    )
    AgendaItem.objects.create(
        meeting=meeting, position=1, title="Area Plan progress", minutes="Progress was noted."
    )
    secret = AgendaItem.objects.create(
        meeting=meeting,
        position=2,
        title=SECRET_TITLE,
        papers="Provider Zeta's terms",
        minutes=SECRET_MINUTES,
        is_confidential=True,
    )
    declarer = f.person("Pat Declarer")
    Declaration.objects.create(
        meeting=meeting,
        agenda_item=secret,
        person=declarer,
        interest_type=InterestType.FINANCIAL,
        description="Shareholder in a bidder",
    )
    services.meeting_minutes_freeze(meeting=meeting)  # approved when it was made
    return bodies, meeting


def assert_no_secret(content: bytes):
    text = content.decode()
    for marker in (SECRET_TITLE, SECRET_MINUTES, "Provider Zeta"):
        assert marker not in text


def test_anonymous_never_sees_a_confidential_item(client, meeting_with_secret):
    bodies, meeting = meeting_with_secret
    pages = [
        meeting.get_absolute_url(),
        "/meetings/",
        bodies["amg"].get_absolute_url(),
        "/partnerships/",
        "/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_no_secret(response.content)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "2. Confidential item" in page
    assert "Area Plan progress" in page and "Progress was noted." in page
    # The declaration on the confidential item is public; the item's title is not.
    assert "Pat Declarer" in page and "Shareholder in a bidder" in page
    assert "Item 2: Confidential item" in page


def test_a_member_of_an_unrelated_body_does_not_see_it(client, meeting_with_secret):
    bodies, meeting = meeting_with_secret
    elsewhere = f.body(BodyKind.THEMATIC_BOARD, bodies["leaders"])
    outsider = f.person(with_login=True)
    f.member(elsewhere, outsider)
    client.force_login(outsider.user)
    assert_no_secret(client.get(meeting.get_absolute_url()).content)


@pytest.mark.parametrize("where", ["amg", "area_board"])
def test_members_of_the_body_and_of_the_body_above_see_it(client, meeting_with_secret, where):
    bodies, meeting = meeting_with_secret
    insider = f.person(with_login=True)
    f.member(bodies[where], insider)
    client.force_login(insider.user)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert SECRET_TITLE in page and SECRET_MINUTES in page


def test_officer_sees_it(client, meeting_with_secret):
    _, meeting = meeting_with_secret
    client.force_login(f.officer())
    assert SECRET_TITLE in client.get(meeting.get_absolute_url()).content.decode()


def test_unpublished_minutes_are_not_shown_to_the_public(client, meeting_with_secret):
    _, meeting = meeting_with_secret
    Meeting.objects.filter(pk=meeting.pk).update(minutes_published=False)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Area Plan progress" in page and "Progress was noted." not in page


def test_meeting_not_open_to_the_public_is_hidden_from_anonymous(client):
    bodies = f.area()
    private = Meeting.objects.create(
        body=bodies["amg"],
        title="Closed planning session",
        starts_at=timezone.now() + datetime.timedelta(days=2),
        is_public=False,
    )
    assert client.get(private.get_absolute_url()).status_code == 404
    for url in ("/meetings/", bodies["amg"].get_absolute_url()):
        assert "Closed planning session" not in client.get(url).content.decode()
    insider = f.person(with_login=True)
    f.member(bodies["amg"], insider)
    client.force_login(insider.user)
    assert client.get(private.get_absolute_url()).status_code == 200
    assert "Closed planning session" in client.get("/meetings/").content.decode()


def test_body_page_shows_chain_children_links_members_and_meetings(client):
    bodies = f.area()
    hwb = f.body(BodyKind.THEMATIC_BOARD, bodies["leaders"], name="Health and Wellbeing Board")
    from partnerships.models import AccountabilityLink

    AccountabilityLink.objects.create(
        from_body=hwb, to_body=bodies["area_board"], description="local feel"
    )
    chair = f.person("Chris Chair")
    chair.public_title = "Local Police Inspector"
    chair.email = "chris.private@example.org"
    chair.telephone = "01270 000 111"
    chair.save()
    police = f.organisation("Cheshire Constabulary")
    f.member(bodies["amg"], chair, role="chair", organisation_=police)
    Meeting.objects.create(
        body=bodies["amg"], title="Next AMG", starts_at=timezone.now() + datetime.timedelta(days=5)
    )
    page = client.get(bodies["amg"].get_absolute_url()).content.decode()
    assert bodies["leaders"].name in page and bodies["area_board"].name in page
    assert "Chris Chair" in page and "Chair" in page and "Cheshire Constabulary" in page
    assert "Local Police Inspector" in page
    assert "chris.private@example.org" not in page and "01270 000 111" not in page
    assert "Next AMG" in page
    board_page = client.get(bodies["area_board"].get_absolute_url()).content.decode()
    assert "Health and Wellbeing Board" in board_page and "local feel" in board_page
    assert bodies["amg"].name in board_page


def _next_meeting(page: str) -> str:
    """The text of the body page's "Next meeting" card."""
    return page.split('id="next-meeting"', 1)[1].split("</div>\n</div>", 1)[0]


def test_body_page_shows_its_next_meeting_first(client, django_assert_num_queries):
    """The next meeting the reader may see, with its date, time, place, page and
    calendar file: not a cancelled one, and a members-only one only to members."""
    # An Area Board, with the bodies below it (a body with none costs a query less).
    board = f.area()["area_board"]
    day = timezone.localdate() + datetime.timedelta(days=7)

    def at(days: int, hour: int) -> datetime.datetime:
        when = datetime.datetime.combine(day + datetime.timedelta(days=days), datetime.time(hour))
        return timezone.make_aware(when)

    Meeting.objects.create(body=board, title="Called off", starts_at=at(0, 10), status="cancelled")
    private = Meeting.objects.create(
        body=board, title="Budget session", starts_at=at(1, 10), is_public=False
    )
    public = Meeting.objects.create(
        body=board,
        title="Area Management Group, spring",
        starts_at=at(2, 14),
        ends_at=at(2, 16),
        location="Municipal Buildings, Crewe",
    )
    Meeting.objects.create(body=board, title="Later in the year", starts_at=at(60, 14))
    Meeting.objects.create(body=board, title="Held last month", starts_at=at(-40, 14))

    # No query of its own: the page costs what every Area Board's page costs.
    with django_assert_num_queries(AREA_BOARD_PAGE):
        page = client.get(board.get_absolute_url()).content.decode()
    card = _next_meeting(page)
    assert public.title in card and public.get_absolute_url() in card
    assert f"{public.starts_at:%A} {day + datetime.timedelta(days=2):%-d %B %Y}" in card
    assert "14:00 to 16:00" in card and "Municipal Buildings, Crewe" in card
    assert f"/meetings/{public.pk}.ics" in card
    for hidden in ("Called off", private.title, "Later in the year", "Held last month"):
        assert hidden not in card
    assert private.title not in page

    insider = f.person(with_login=True)
    f.member(board, insider)
    client.force_login(insider.user)
    card = _next_meeting(client.get(board.get_absolute_url()).content.decode())
    assert private.title in card and "Members only" in card
    assert f"/meetings/{private.pk}.ics" in card
    assert client.get(f"/meetings/{private.pk}.ics").status_code == 200


def test_body_page_says_when_no_meeting_is_scheduled(client):
    board = f.area()["area_board"]
    Meeting.objects.create(
        body=board, title="Held", starts_at=timezone.now() - datetime.timedelta(days=3)
    )
    card = _next_meeting(client.get(board.get_absolute_url()).content.decode())
    assert "No meeting is scheduled yet." in card and "Held" not in card


def _nesting(html: str) -> dict[str, list[str]]:
    """{body name: names of the bodies in the list nested under it}, read from the
    structure page's markup as a browser would nest it."""
    from html.parser import HTMLParser

    below: dict[str, list[str]] = {}

    class Reader(HTMLParser):
        def __init__(self):
            super().__init__()
            self.items: list[str | None] = []  # open <li>s, by the body they name
            self.in_link = False

        def handle_starttag(self, tag, attrs):
            if tag == "li":
                self.items.append(None)
            self.in_link = tag == "a" and bool(self.items)

        def handle_endtag(self, tag):
            if tag == "li":
                self.items.pop()
            self.in_link = False

        def handle_data(self, data):
            if self.in_link and self.items and self.items[-1] is None:
                self.items[-1] = data
                parents = [name for name in self.items[:-1] if name]
                below.setdefault(parents[-1] if parents else "", []).append(data)

    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    Reader().feed(main.split("pace-tree", 1)[1].rsplit("</ul>", 1)[0])
    return below


def test_structure_nests_each_body_under_the_body_it_is_accountable_to(client):
    leaders = f.body(BodyKind.LEADERS_BOARD, name="Leaders Board")
    theme = f.body(BodyKind.THEMATIC_BOARD, leaders, name="Theme Board")
    group = f.body(BodyKind.THEMATIC_GROUP, theme, name="Theme Group")
    f.body(BodyKind.WORKING_GROUP, group, name="Deep Working Group")
    area = f.body(BodyKind.AREA_BOARD, leaders, name="Area Board")
    f.body(BodyKind.TOWN_PARTNERSHIP, area, name="Town Partnership")
    f.body(BodyKind.AREA_ASSEMBLY, area, name="Area Assembly")
    html = client.get("/partnerships/").content.decode()
    assert _nesting(html) == {
        "": ["Leaders Board"],
        "Leaders Board": ["Theme Board", "Area Board"],
        "Theme Board": ["Theme Group"],
        "Theme Group": ["Deep Working Group"],
        "Area Board": ["Town Partnership", "Area Assembly"],
    }
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    assert main.count("<ul") == main.count("</ul>")
    assert main.count("<li>") == main.count("</li>")


def test_structure_escapes_what_officers_typed(client):
    f.body(BodyKind.LEADERS_BOARD, name='Leaders <script>alert("x")</script> Board')
    page = client.get("/partnerships/").content.decode()
    assert "<script>alert" not in page
    assert "Leaders &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Board" in page


def test_structure_as_it_was_on_a_date(client):
    leaders = f.body(BodyKind.LEADERS_BOARD, name="Leaders Board")
    f.body(
        BodyKind.WORKING_GROUP,
        leaders,
        name="Old Working Group",
        starts_on=datetime.date(2016, 1, 1),
        ends_on=datetime.date(2017, 3, 31),
    )
    assert "Old Working Group" not in client.get("/partnerships/").content.decode()
    assert "Old Working Group" in client.get("/partnerships/?on=01/06/2016").content.decode()


@pytest.mark.parametrize("bad", ["garbage", "31/02/2016", "2016-13-01", "<script>", "9" * 40])
def test_bad_date_gets_a_message_not_an_error(client, bad):
    f.body(BodyKind.LEADERS_BOARD, name="Leaders Board")
    for url in ("/partnerships/", "/partnerships/leaders-board/"):
        response = client.get(url, {"on": bad})
        assert response.status_code == 200
        assert "Enter a real date" in response.content.decode()
        assert "<script>" not in response.content.decode().split("</header>")[1]


def test_unknown_addresses_are_404(client):
    assert client.get("/partnerships/no-such-body/").status_code == 404
    assert client.get("/meetings/999999/").status_code == 404


# bulk_create skips mptt's save(): placeholders until rebuild() fills the tree in.
UNBUILT = {"lft": 0, "rght": 0, "tree_id": 0, "level": 0}


def build_tree(size: int) -> None:
    """A Leaders Board with ``size`` bodies under it in three levels, bulk-loaded."""
    leaders = f.body(BodyKind.LEADERS_BOARD, name="Leaders Board")
    rows, boards = [], []
    with Body.objects.disable_mptt_updates():
        for i in range(max(1, size // 10)):
            board = Body(
                name=f"Area Board {i}",
                slug=f"area-board-{i}",
                kind=BodyKind.AREA_BOARD,
                parent=leaders,
            )
            board.save()
            boards.append(board)
        for i in range(size - len(boards)):
            rows.append(
                Body(
                    name=f"Town {i}",
                    slug=f"town-{i}",
                    kind=BodyKind.TOWN_PARTNERSHIP,
                    parent=boards[i % len(boards)],
                    **UNBUILT,
                )
            )
        Body.objects.bulk_create(rows)
    Body.objects.rebuild()


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_structure_page_queries_do_not_grow_with_bodies(client, django_assert_max_num_queries):
    build_tree(10)
    small = count_queries(client, "/partnerships/")
    build_tree_more = 490
    leaders = Body.objects.get(slug="leaders-board")
    with Body.objects.disable_mptt_updates():
        Body.objects.bulk_create(
            Body(
                name=f"Extra {i}",
                slug=f"extra-{i}",
                kind=BodyKind.AREA_BOARD,
                parent=leaders,
                **UNBUILT,
            )
            for i in range(build_tree_more)
        )
    Body.objects.rebuild()
    assert Body.objects.count() == 501
    # The tree, and the relations between its bodies.
    with django_assert_max_num_queries(2):
        client.get("/partnerships/")
    assert count_queries(client, "/partnerships/") == small


def test_body_page_queries_do_not_grow_with_members_or_meetings(
    client, django_assert_max_num_queries
):
    bodies = f.area()
    board = bodies["area_board"]
    url = board.get_absolute_url()
    f.member(board)
    Meeting.objects.create(body=board, title="One", starts_at=timezone.now())
    small = count_queries(client, url)
    for _ in range(40):
        f.member(board)
    for i in range(60):
        Meeting.objects.create(
            body=board,
            title=f"Meeting {i}",
            starts_at=timezone.now() + datetime.timedelta(days=i - 30),
        )
    for _ in range(5):
        f.body(BodyKind.TOWN_PARTNERSHIP, board)
    with django_assert_max_num_queries(AREA_BOARD_PAGE):
        client.get(url)
    assert count_queries(client, url) == small


def test_meeting_pages_queries_do_not_grow(
    client, meeting_with_secret, django_assert_max_num_queries
):
    bodies, meeting = meeting_with_secret
    # One upcoming meeting too, so both lists (each paginated) have a page to show.
    Meeting.objects.create(
        body=bodies["amg"], title="Soon", starts_at=timezone.now() + datetime.timedelta(days=1)
    )
    client.get(meeting.get_absolute_url())  # keeps its approved minutes, once
    small_detail = count_queries(client, meeting.get_absolute_url())
    small_list = count_queries(client, "/meetings/")
    for i in range(3, 40):
        AgendaItem.objects.create(
            meeting=meeting, position=i, title=f"Item {i}", is_confidential=i % 2 == 0
        )
        Declaration.objects.create(
            meeting=meeting, person=f.person(), interest_type=InterestType.PERSONAL, description="x"
        )
        Meeting.objects.create(
            body=bodies["amg"], title=f"M{i}", starts_at=timezone.now() + datetime.timedelta(days=i)
        )
        services.attendance_record(
            meeting=meeting, person=f.person(), status="present", is_invitee=True
        )
    # the meeting, its agenda and its items' decisions and papers, its declarations
    # and their items, the versions of its approved minutes, its wards, and its
    # attendance: the members of the day and the records
    with django_assert_max_num_queries(10):
        client.get(meeting.get_absolute_url())
    assert count_queries(client, meeting.get_absolute_url()) == small_detail
    assert count_queries(client, "/meetings/") == small_list
