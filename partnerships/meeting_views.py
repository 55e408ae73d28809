"""Public pages of meetings, the register of declarations, the calendar feeds and
each meeting's calendar file, and the officers' Area Assemblies check."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from pace.core.cache import cache_params
from pace.core.publication import version_chosen, version_pdf_response
from pace.documents.services import stored_document_response

from . import packs, question_selectors, records, selectors, services
from .access import body_access, can_check_assemblies
from .assemblies import area_assemblies_check
from .documents import feed_since
from .feeds import meeting_calendar, meetings_calendar
from .forms import (
    MeetingListForm,
    RegisterFilterForm,
    YearForm,
    valid_choices,
)
from .kept_pages import kept_for_scope
from .models import Body, Meeting, PackAudience
from .models.questions import questions_close_on, takes_questions
from .views import _body_breadcrumbs

PAGE_SIZE = 25
REGISTER_PAGE_SIZE = 50


@cache_params(MeetingListForm, "upcoming", "page")
@kept_for_scope
def meeting_list(request):
    """Upcoming and past meetings of every body, or of one body (and those
    accountable to it), and of one ward. Template: partnerships/meeting_list.html."""
    access = body_access(request)
    form = MeetingListForm(request.GET or None)
    chosen = valid_choices(form)
    body, ward = chosen.get("body"), chosen.get("ward")
    meetings = selectors.meetings_for(
        access, body=body, include_below=bool(chosen.get("below")), ward=ward
    )
    upcoming = Paginator(meetings.upcoming(), PAGE_SIZE).get_page(request.GET.get("upcoming"))
    past = Paginator(meetings.past(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "partnerships/meeting_list.html",
        {
            "form": form,
            "body": body,
            "ward": ward,
            "include_below": bool(chosen.get("below")),
            "upcoming": upcoming,
            "past": past,
            "can_check_assemblies": can_check_assemblies(request.user),
            "nav_section": "meetings",
        },
    )


def _minutes_versions(meeting: Meeting) -> list:
    """Approved minutes' versions. Minutes marked approved but never kept have none
    until the worker keeps them (queued here: a page never writes the record)."""
    if not meeting.minutes_published:
        return []
    versions = services.minutes_versions(meeting)
    if not versions:
        services.minutes_freeze_queue(meeting)
    return versions


def _approved_minutes(meeting: Meeting, number: int | None) -> dict:
    versions = _minutes_versions(meeting)
    if not versions:
        if number is not None:
            raise Http404("These minutes are not approved")
        return {}
    version = version_chosen(versions, number)
    return {
        "minutes_version": version,
        "minutes_versions": versions,
        # Rendered by the minutes' own template when they were approved, where every
        # text was escaped.
        "minutes_html": mark_safe(version.html),  # noqa: S308
    }


def _meeting_or_404(request, pk: int) -> Meeting:
    """The meeting ``pk`` with its body, if the reader may see it: a meeting not open
    to the public is for those who may see its body's confidential records, and is
    "not found" to anyone else, exactly as a meeting that does not exist. Every
    address of one meeting (its page, its minutes' PDFs, its calendar file) gets it
    here, so that they cannot disagree on who sees it."""
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    if not meeting.is_public and not body_access(request).can_see_confidential(meeting.body):
        raise Http404("No meeting found")
    return meeting


@kept_for_scope
def meeting_detail(request, pk: int, number: int | None = None):
    """A meeting's agenda, minutes and declarations. A confidential item shows to
    those who may not see it only as "Confidential item". Template:
    partnerships/meeting_detail.html."""
    meeting = _meeting_or_404(request, pk)
    # No query of its own: the request's access is cached by ``body_access``.
    can_see = body_access(request).can_see_confidential(meeting.body)
    agenda = selectors.meeting_agenda(meeting, can_see_confidential=can_see)
    ancestors = list(meeting.body.get_ancestors())
    return render(
        request,
        "partnerships/meeting_detail.html",
        {
            "meeting": meeting,
            "agenda": agenda,
            **_approved_minutes(meeting, number),
            "declarations": selectors.meeting_declarations(meeting, agenda),
            "wards": selectors.wards_of(meeting),
            "packs": selectors.meeting_packs(meeting, can_see_confidential=can_see),
            "attendance": records.meeting_attendance(meeting),
            # Residents' questions (Area Assemblies only): those accepted, and
            # whether more are taken.
            "questions": question_selectors.public_questions(meeting),
            "takes_questions": takes_questions(meeting),
            "questions_close_on": questions_close_on(meeting),
            "is_member_view": can_see,
            "breadcrumbs": _body_breadcrumbs(ancestors, meeting.body, link_body=True)
            + [(meeting.title, None)],
            "nav_section": "meetings",
        },
    )


def meeting_minutes_pdf(request, pk: int, number: int | None = None):
    """Approved minutes as a PDF, exactly as stored when they were approved (or
    corrected)."""
    meeting = _meeting_or_404(request, pk)
    minutes = _approved_minutes(meeting, number)
    if not minutes:
        raise Http404("These minutes are not approved")
    version = minutes["minutes_version"]
    return version_pdf_response(version, filename=f"minutes-{meeting.pk}-v{version.number}.pdf")


def _file_response(stored, *, content_type: str, filename: str, attachment: bool, private: bool):
    """A stored file as it is, named for the reader. Never sniffed into another
    type; a confidential one is the reader's alone, kept by no shared cache."""
    response = FileResponse(
        stored, content_type=content_type, as_attachment=attachment, filename=filename
    )
    response["X-Content-Type-Options"] = "nosniff"
    if private:
        patch_cache_control(response, private=True, no_store=True)
        patch_vary_headers(response, ["Cookie"])
    return response


def paper_download(request, pk: int, paper_pk: int):
    """``/meetings/<pk>/papers/<paper_pk>/``: an uploaded paper, to whoever sees its
    item on the meeting's page; "not found" to anyone else, as a paper that does not
    exist (and for a link, which is not kept here)."""
    meeting = _meeting_or_404(request, pk)
    can_see = body_access(request).can_see_confidential(meeting.body)
    paper = selectors.meeting_paper(meeting, paper_pk, can_see_confidential=can_see)
    if paper is None or not paper.is_upload:
        raise Http404("No paper found")
    try:
        stored = paper.file.open("rb")
    except FileNotFoundError:
        raise Http404("This paper's file is no longer kept") from None
    name = slugify(paper.title)[:80] or f"paper-{paper.pk}"
    return _file_response(
        stored,
        content_type=paper.content_type,
        filename=f"{name}.{paper.extension}",
        attachment=True,
        private=paper.agenda_item.is_confidential or not meeting.is_public,
    )


def _agenda_pack(request, pk: int, *, full: bool):
    meeting = _meeting_or_404(request, pk)
    if full and not body_access(request).can_see_confidential(meeting.body):
        raise Http404("No agenda pack found")
    if meeting.agenda_published_at is None:
        raise Http404("The agenda is not published")
    audience = PackAudience.FULL if full else PackAudience.PUBLIC
    pack = packs.agenda_pack_current(meeting, audience)
    if pack is None:
        response = render(
            request,
            "partnerships/agenda_pack_pending.html",
            {"meeting": meeting, "nav_section": "meetings"},
            status=404,
        )
        patch_cache_control(response, no_store=True)
        return response
    try:
        stored = pack.file.open("rb")
    except FileNotFoundError:
        raise Http404("No agenda pack found") from None
    return _file_response(
        stored,
        content_type="application/pdf",
        filename=f"agenda-pack-{meeting.pk}{'-full' if full else ''}.pdf",
        attachment=False,
        private=full or not meeting.is_public,
    )


def agenda_pack(request, pk: int):
    """``/meetings/<pk>/agenda-pack.pdf``: the public agenda pack, once built
    (``packs``), to whoever sees the meeting."""
    return _agenda_pack(request, pk, full=False)


def agenda_pack_full(request, pk: int):
    """``/meetings/<pk>/agenda-pack-full.pdf``: the pack with the confidential items,
    to those who may see them; "not found" to anyone else."""
    return _agenda_pack(request, pk, full=True)


@cache_params(RegisterFilterForm, "page")
@kept_for_scope
def declarations_register(request):
    """The register of declarations of interest (agreement 5.6: open to public
    scrutiny at all times), of everyone or one person, at every body's meetings or
    one body's. Template: partnerships/declarations_register.html."""
    access = body_access(request)
    form = RegisterFilterForm(request.GET or None)
    chosen = valid_choices(form)
    declarations = selectors.declarations_register(
        access=access,
        body=chosen.get("body"),
        include_below=bool(chosen.get("below")),
        person=chosen.get("person"),
    )
    page = Paginator(declarations, REGISTER_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "partnerships/declarations_register.html",
        {
            "form": form,
            "body": chosen.get("body"),
            "person": chosen.get("person"),
            "page": page,
            "entries": selectors.register_entries(page.object_list, access),
            "nav_section": "meetings",
        },
    )


def officers_only(view):
    """Officers only: anonymous visitors are asked to sign in, others refused."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_check_assemblies(request.user):
            raise PermissionDenied("Only partnership officers can see this page.")
        return view(request, *args, **kwargs)

    return wrapped


@cache_params(YearForm)
@kept_for_scope
@officers_only
def area_assemblies(request):
    """Each Area Board's four Area Assemblies in a year, and which are missing.
    Template: partnerships/area_assemblies.html."""
    form = YearForm(request.GET or None)
    year = valid_choices(form).get("year") or timezone.localdate().year
    rows = area_assemblies_check(year=year)
    return render(
        request,
        "partnerships/area_assemblies.html",
        {
            "form": form,
            "year": year,
            "rows": rows,
            "missing_count": sum(1 for row in rows if row.missing or not row.assemblies),
            "nav_section": "meetings",
        },
    )


def _calendar(request, meetings, *, name: str, filename: str) -> HttpResponse:
    meetings = list(meetings)
    body = meetings_calendar(
        meetings=meetings,
        agendas=selectors.public_agendas(meetings),
        absolute_url=request.build_absolute_uri,
        name=name,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def meetings_feed(request):
    """``/meetings.ics``: every body's meetings open to the public, as last built
    (``partnerships/documents.py``)."""
    return stored_document_response(request, "meetings.ics")


def body_meetings_feed(request, slug: str):
    """``/partnerships/<slug>/meetings.ics``: one body's meetings open to the public."""
    body = get_object_or_404(Body, slug=slug)
    return _calendar(
        request,
        selectors.public_feed_meetings(body=body, since=feed_since()),
        name=f"{body.name}: meetings",
        filename=f"{body.slug}-meetings.ics",
    )


def meeting_ics(request, pk: int):
    """``/meetings/<pk>.ics``: one meeting as a calendar file, to add it to one's own
    calendar. Seen by whoever sees the meeting's page; the event is the feeds' own,
    with the public agenda (``feeds.meeting_calendar``)."""
    meeting = _meeting_or_404(request, pk)
    body = meeting_calendar(
        meeting=meeting,
        agenda=selectors.public_agendas([meeting])[meeting.pk],
        absolute_url=request.build_absolute_uri,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    # An attachment, named by number alone: the title of a members-only meeting stays
    # out of the headers.
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response
