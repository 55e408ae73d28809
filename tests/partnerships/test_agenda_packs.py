"""Agenda packs: built by the worker when the agenda is published and when its
papers change; read back page by page: the cover and agenda, each paper's pages in
order, a page in place of each paper that cannot go in, "Page N of M" on every
page, tags kept; the confidential items' papers in the full pack only; and who may
download which pack."""

import io
import re
from datetime import timedelta

import pypdf
import pytest
from django.core.cache import cache
from django.utils import timezone

from partnerships import packs, services
from partnerships.models import AgendaItem, AgendaPack, Meeting, PackAudience, Paper

from ..notifications.conftest import run_worker
from . import factories as f
from .paperfiles import A4, ooxml_bytes, pdf_bytes, pdf_pages, upload

pytestmark = pytest.mark.django_db

SECRET_TEXT = "Heads of terms with Provider Zeta"
PAGE_NUMBER = re.compile(r"Page (\d+) of (\d+)")


@pytest.fixture
def meeting():
    """A public meeting: item 1 with a three-page report, a spreadsheet and a link;
    item 2, confidential, with a one-page paper on a landscape page and a rotated
    one; a member of the body, one of an unrelated body."""
    bodies = f.area()
    meeting = Meeting.objects.create(
        body=bodies["amg"], title="Area Management Group", starts_at=timezone.now()
    )
    public = AgendaItem.objects.create(meeting=meeting, position=1, title="Area plan")
    secret = AgendaItem.objects.create(
        meeting=meeting, position=2, title="Contract", is_confidential=True
    )

    def add(item, title, name, data=None, position=1, url=""):
        return services.paper_save(
            paper=Paper(agenda_item=item, title=title, position=position, url=url),
            upload=upload(name, data) if data else None,
        )

    add(public, "Area plan report", "plan.pdf", pdf_pages(3, "Area plan report"))
    add(public, "Area plan figures", "figures.xlsx", ooxml_bytes("xlsx"), position=2)
    add(public, "Strategy", "", position=3, url="https://example.org/strategy.pdf")
    add(secret, "Heads of terms", "terms.pdf", pdf_bytes(SECRET_TEXT, size=A4[::-1]))
    add(secret, "Signed letter", "letter.pdf", pdf_bytes("Signed letter", rotate=90), position=2)
    member, outsider = f.person(with_login=True), f.person(with_login=True)
    f.member(bodies["amg"], member)
    f.member(f.body(), outsider)
    meeting.readers = {"member": member.user, "outsider": outsider.user, "officer": f.officer()}
    return meeting


def publish(meeting, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_agenda_publish(meeting=meeting)
    run_worker()


def read(pack: AgendaPack) -> pypdf.PdfReader:
    with pack.file.open("rb") as stored:
        return pypdf.PdfReader(io.BytesIO(stored.read()))


def texts(reader: pypdf.PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def test_publishing_the_agenda_queues_the_packs_and_the_worker_builds_them(
    meeting, django_capture_on_commit_callbacks
):
    assert not AgendaPack.objects.exists()
    publish(meeting, django_capture_on_commit_callbacks)
    built = {pack.audience: pack for pack in meeting.packs.all()}
    assert set(built) == {PackAudience.PUBLIC, PackAudience.FULL}
    for pack in built.values():
        pdf = pack.file.open("rb").read()
        assert pack.size == len(pdf) and pack.pages == len(read(pack).pages)
    # Built once: asked again, the worker finds them up to date.
    assert packs.agenda_packs_build_now(meeting) == "up to date"


def test_the_public_pack_is_the_cover_the_agenda_and_the_public_papers_numbered(
    meeting, django_capture_on_commit_callbacks
):
    publish(meeting, django_capture_on_commit_callbacks)
    reader = read(meeting.packs.get(audience=PackAudience.PUBLIC))
    pages = texts(reader)
    # Cover, agenda; the report's 3 pages; a page for the spreadsheet, one for the link.
    assert len(pages) == 2 + 3 + 1 + 1
    assert "Area Management Group" in pages[0] and "Agenda pack" in pages[0]
    agenda = pages[1]
    assert "Area plan report (PDF, 3 pages): page 3" in agenda
    assert "Area plan figures (Excel spreadsheet): not in this pack, see page 6" in agenda
    assert "2. Confidential item" in agenda and "Contract" not in agenda
    assert [p for p in pages[2:5] if "Area plan report" in p] == pages[2:5]
    assert "Area plan report, page 1" in pages[2]
    assert (
        "Excel spreadsheet" in pages[5]
        and f"/papers/{Paper.objects.get(title='Area plan figures').pk}/" in pages[5]
    )
    assert "https://example.org/strategy.pdf" in pages[6]
    # Numbered throughout, every page, and nothing of the confidential item.
    for number, text in enumerate(pages, 1):
        assert PAGE_NUMBER.findall(text) == [(str(number), "7")], number
        assert SECRET_TEXT not in text and "Heads of terms" not in text
    assert "Heads of terms" not in str(reader.metadata) + str(reader.outline)


def test_the_full_pack_has_the_confidential_papers_too(meeting, django_capture_on_commit_callbacks):
    publish(meeting, django_capture_on_commit_callbacks)
    pages = texts(read(meeting.packs.get(audience=PackAudience.FULL)))
    assert len(pages) == 2 + 3 + 1 + 1 + 1 + 1
    assert "2. Contract (confidential)" in pages[1]
    assert "Heads of terms (PDF, 1 page): page 8" in pages[1]
    assert SECRET_TEXT in pages[7] and "Signed letter" in pages[8]
    assert "not for publication" in pages[0]
    for number, text in enumerate(pages, 1):
        assert PAGE_NUMBER.findall(text) == [(str(number), "9")]


def _number_position(page) -> tuple[float, float]:
    """Where on the page, in its own space, "Page N of M" starts."""
    found = []

    def visit(text, cm, tm, font, size):
        if text.startswith("Page "):
            found.append(
                (cm[4] + tm[4] * cm[0] + tm[5] * cm[2], cm[5] + tm[4] * cm[1] + tm[5] * cm[3])
            )

    page.extract_text(visitor_text=visit)
    return found[0]


def test_the_number_sits_at_the_bottom_right_of_the_page_as_shown(
    meeting, django_capture_on_commit_callbacks
):
    publish(meeting, django_capture_on_commit_callbacks)
    reader = read(meeting.packs.get(audience=PackAudience.FULL))
    width, height = A4
    x, y = _number_position(reader.pages[2])  # portrait
    assert width - 100 < x < width - 51 and 20 < y < 30
    x, y = _number_position(reader.pages[7])  # landscape
    assert height - 100 < x < height - 51 and 20 < y < 30
    # Turned a quarter by /Rotate: along its right edge, which is shown at the bottom.
    rotated = reader.pages[8]
    assert rotated.rotation == 90
    x, y = _number_position(rotated)
    assert width - 30 < x < width - 20 and height - 100 < y < height - 51


def test_the_pack_stays_tagged(meeting, django_capture_on_commit_callbacks):
    publish(meeting, django_capture_on_commit_callbacks)
    reader = read(meeting.packs.get(audience=PackAudience.PUBLIC))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en-GB"
    assert reader.metadata["/Title"].startswith("Agenda pack: Area Management Group")
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    # Bookmarks: the cover's headings, and each paper where it starts.
    titles = [entry["/Title"] for entry in reader.outline if not isinstance(entry, list)]
    assert "Item 1: Area plan report" in titles
    # It does not claim PDF/UA conformance, which its papers' pages cannot meet.
    assert b"pdfuaid:part" not in root["/Metadata"].get_object().get_data()


def test_a_meeting_without_confidential_items_has_one_pack(
    meeting, django_capture_on_commit_callbacks
):
    AgendaItem.objects.filter(is_confidential=True).update(is_confidential=False)
    publish(meeting, django_capture_on_commit_callbacks)
    assert list(meeting.packs.values_list("audience", flat=True)) == [PackAudience.PUBLIC]


# --- Rebuilt when what it shows changes --------------------------------------------


def test_a_paper_added_after_publication_rebuilds_the_packs(
    meeting, django_capture_on_commit_callbacks, settings
):
    publish(meeting, django_capture_on_commit_callbacks)
    before = meeting.packs.get(audience=PackAudience.PUBLIC)
    with django_capture_on_commit_callbacks(execute=True):
        services.paper_save(
            paper=Paper(agenda_item=meeting.agenda_items.get(position=1), title="Late", position=9),
            upload=upload("late.pdf", pdf_pages(2, "Late paper")),
        )
    run_worker()
    after = meeting.packs.get(audience=PackAudience.PUBLIC)
    assert after.pk == before.pk and after.pages == before.pages + 2
    assert "Late paper, page 2" in texts(read(after))[-1]
    # The old file is gone: one file per pack.
    kept = sorted(p.name for p in (settings.MEDIA_ROOT / "packs").rglob("*.pdf"))
    assert len(kept) == 2 and after.file.name.rsplit("/", 1)[1] in kept


def test_papers_before_publication_queue_nothing(meeting, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.paper_save(
            paper=Paper(agenda_item=meeting.agenda_items.first(), title="Early", position=8),
            upload=upload("early.pdf", pdf_pages(1)),
        )
    assert callbacks == []


def test_an_item_made_confidential_is_never_served_from_the_old_pack(
    client, meeting, django_capture_on_commit_callbacks
):
    publish(meeting, django_capture_on_commit_callbacks)
    url = f"/meetings/{meeting.pk}/agenda-pack.pdf"
    assert "Area plan report" in _pdf_text(client.get(url))
    item = meeting.agenda_items.get(position=1)
    item.is_confidential = True
    item.save()
    # The old pack would show it: until the rebuild, nothing is served.
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url)
    assert response.status_code == 404
    assert "being prepared" in response.content.decode()
    run_worker()  # the build the visit queued, should the change's own have failed
    text = _pdf_text(client.get(url))
    assert "Area plan report" not in text and "1. Confidential item" in text


def test_a_build_that_finds_the_meeting_changed_keeps_nothing(meeting, monkeypatch, settings):
    meeting.agenda_published_at = timezone.now()
    meeting.save()
    real = packs.pack_build

    def build_while_someone_edits(*args):
        AgendaItem.objects.filter(position=1).update(title="Renamed meanwhile")
        return real(*args)

    monkeypatch.setattr(packs, "pack_build", build_while_someone_edits)
    assert packs.agenda_packs_build_now(meeting).startswith("changed while building")
    assert not AgendaPack.objects.exists()
    assert not list((settings.MEDIA_ROOT / "packs").rglob("*.pdf"))


def test_a_paper_whose_file_is_lost_gets_a_page_saying_so(meeting):
    meeting.agenda_published_at = timezone.now()
    meeting.save()
    lost = Paper.objects.get(title="Area plan report")
    lost.file.storage.delete(lost.file.name)
    packs.agenda_packs_build_now(meeting)
    pages = texts(read(meeting.packs.get(audience=PackAudience.PUBLIC)))
    assert len(pages) == 2 + 1 + 1 + 1
    assert "could not be put into the pack" in pages[2]


# --- Who may download which pack ---------------------------------------------------


def _pdf_text(response) -> str:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    return "\n".join(page.extract_text() for page in reader.pages)


def _as(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client


def test_no_pack_before_the_agenda_is_published(client, meeting):
    assert client.get(f"/meetings/{meeting.pk}/agenda-pack.pdf").status_code == 404
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "agenda-pack" not in page


def test_a_published_agenda_without_its_pack_yet_says_it_is_coming(
    client, meeting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_agenda_publish(meeting=meeting)
    response = client.get(f"/meetings/{meeting.pk}/agenda-pack.pdf")
    assert response.status_code == 404 and "being prepared" in response.content.decode()
    assert "being prepared" in client.get(meeting.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "reader, full",
    [("anonymous", 404), ("outsider", 404), ("member", 200), ("officer", 200)],
)
def test_the_full_pack_reaches_only_who_may_see_confidential_items(
    client, meeting, django_capture_on_commit_callbacks, reader, full
):
    publish(meeting, django_capture_on_commit_callbacks)
    _as(client, meeting.readers.get(reader))
    public = client.get(f"/meetings/{meeting.pk}/agenda-pack.pdf")
    assert SECRET_TEXT not in _pdf_text(public)
    assert public["X-Content-Type-Options"] == "nosniff"
    response = client.get(f"/meetings/{meeting.pk}/agenda-pack-full.pdf")
    assert response.status_code == full
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert f"/meetings/{meeting.pk}/agenda-pack.pdf" in page
    assert (f"/meetings/{meeting.pk}/agenda-pack-full.pdf" in page) == (full == 200)
    if full == 200:
        assert SECRET_TEXT in _pdf_text(response)
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
        assert (
            response["Content-Disposition"]
            == f'inline; filename="agenda-pack-{meeting.pk}-full.pdf"'
        )
    else:
        assert SECRET_TEXT not in response.content.decode()


def test_the_full_address_serves_the_public_pack_when_nothing_is_confidential(
    client, meeting, django_capture_on_commit_callbacks
):
    AgendaItem.objects.filter(is_confidential=True).update(is_confidential=False)
    publish(meeting, django_capture_on_commit_callbacks)
    client.force_login(meeting.readers["member"])
    full = _pdf_text(client.get(f"/meetings/{meeting.pk}/agenda-pack-full.pdf"))
    assert full == _pdf_text(client.get(f"/meetings/{meeting.pk}/agenda-pack.pdf"))


def test_a_private_meetings_pack_is_for_its_members_only(
    client, meeting, django_capture_on_commit_callbacks
):
    Meeting.objects.filter(pk=meeting.pk).update(is_public=False)
    meeting.refresh_from_db()
    meeting.readers = {"member": f.officer()}
    publish(meeting, django_capture_on_commit_callbacks)
    assert client.get(f"/meetings/{meeting.pk}/agenda-pack.pdf").status_code == 404
    client.force_login(meeting.readers["member"])
    response = client.get(f"/meetings/{meeting.pk}/agenda-pack.pdf")
    assert response.status_code == 200 and "private" in response["Cache-Control"]


def test_the_meeting_page_costs_the_same_however_many_papers(
    client, meeting, django_capture_on_commit_callbacks, django_assert_num_queries
):
    publish(meeting, django_capture_on_commit_callbacks)
    url = meeting.get_absolute_url()
    client.get(url)
    # The meeting, its ancestors, its items, their decisions and papers, its packs,
    # its declarations, its wards, and its attendance.
    with django_assert_num_queries(10):
        client.get(url)
    item = AgendaItem.objects.create(meeting=meeting, position=3, title="More")
    for n in range(5):
        services.paper_save(
            paper=Paper(agenda_item=item, title=f"More {n}"), upload=upload("m.pdf", pdf_pages(1))
        )
    with django_assert_num_queries(10):
        page = client.get(url).content.decode()
    assert "More 4" in page


def test_an_accepted_question_is_on_the_pack_and_a_pending_one_is_not(
    django_capture_on_commit_callbacks,
):
    """An Area Assembly's agenda lists the residents' questions accepted for it,
    with the asker's name only if they agreed: the pack is rebuilt when an officer
    accepts one after the agenda is published."""
    assembly = f.area()["assembly"]
    meeting = Meeting.objects.create(
        body=assembly, title="Crewe Area Assembly", starts_at=timezone.now() + timedelta(days=21)
    )
    AgendaItem.objects.create(meeting=meeting, position=1, title="Public spend")
    publish(meeting, django_capture_on_commit_callbacks)

    def ask(name, text, show_name):
        return services.question_ask(
            meeting=meeting,
            name=name,
            email=f"{name.split()[0].lower()}@example.org",
            text=text,
            where="CW1 2BJ",
            show_name=show_name,
            client="192.0.2.1",
        )

    named = ask("Rosa Resident", "When will the Mill Street crossing be mended?", True)
    anonymous = ask("Sam Private", "Who cuts the verges on Gresty Road?", False)
    waiting = ask("Tom Waiting", "Why is the library closed on Mondays?", True)
    with django_capture_on_commit_callbacks(execute=True):
        services.question_accept(question=named, reason="On the agenda.")
        services.question_accept(question=anonymous, reason="On the agenda.")
    run_worker()
    agenda = texts(read(meeting.packs.get(audience=PackAudience.PUBLIC)))[1]
    assert "Questions from residents" in agenda
    assert "Rosa Resident asked:" in agenda and "Mill Street crossing" in agenda
    assert "Gresty Road" in agenda and "Sam Private" not in agenda
    assert "library closed" not in agenda and "Tom Waiting" not in agenda
    assert waiting.status == "pending"
