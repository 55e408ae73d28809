"""A resident asks a question at an Area Assembly's meeting, with no account: the
form (reached from the meeting's page and the Area Assembly's), and the
confirmation with the question's reference, shown to the browser that sent it.

Neither page is kept in the page cache: the form carries a CSRF token, and the
confirmation is one resident's. Templates: partnerships/questions/*.html."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from pace.core.clients import client_address
from pace.core.forms import add_errors

from . import services
from .meeting_views import _meeting_or_404
from .models.questions import questions_close_on, takes_questions
from .question_forms import QuestionForm
from .views import _body_breadcrumbs

SENT_KEY = "question-sent"


def _context(meeting, **context) -> dict:
    crumbs = _body_breadcrumbs(list(meeting.body.get_ancestors()), meeting.body, link_body=True)
    return {
        "meeting": meeting,
        "close_on": questions_close_on(meeting),
        "keep_days": settings.PACE_QUESTIONS_KEEP_DAYS,
        "breadcrumbs": crumbs
        + [(meeting.title, meeting.get_absolute_url()), ("Ask a question", None)],
        "nav_section": "meetings",
        **context,
    }


@never_cache
@require_http_methods(["GET", "POST"])
def question_ask(request, pk: int):
    """``/meetings/<pk>/questions/``: the form, while the meeting takes questions;
    a page saying when they closed otherwise."""
    meeting = _meeting_or_404(request, pk)
    if not takes_questions(meeting):
        return render(request, "partnerships/questions/closed.html", _context(meeting))
    form = QuestionForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if form.is_spam():  # answered as if it worked, and dropped
            request.session[SENT_KEY] = {"meeting": meeting.pk, "reference": ""}
            return redirect(reverse("partnerships:question-sent", args=[meeting.pk]))
        data = form.cleaned_data
        try:
            question = services.question_ask(
                meeting=meeting,
                name=data["name"],
                email=data["email"],
                text=data["text"],
                where=data["where"],
                show_name=data["show_name"],
                client=client_address(request) or "unknown",
            )
        except ValidationError as error:
            add_errors(form, error)
            codes = getattr(error, "error_dict", {}).get("email", [])
            if any(e.code == "rate_limited" for e in codes):
                status = 429
        else:
            request.session[SENT_KEY] = {"meeting": meeting.pk, "reference": question.reference}
            return redirect(reverse("partnerships:question-sent", args=[meeting.pk]))
    if form.errors and status == 200:
        status = 400
    return render(
        request, "partnerships/questions/ask.html", _context(meeting, form=form), status=status
    )


@never_cache
def question_sent(request, pk: int):
    """``/meetings/<pk>/questions/sent/``: the confirmation, with the reference, for
    the browser that sent the question; anyone else is sent to the meeting."""
    meeting = _meeting_or_404(request, pk)
    sent = request.session.get(SENT_KEY)
    if not isinstance(sent, dict) or sent.get("meeting") != meeting.pk:
        return redirect(meeting.get_absolute_url())
    return render(
        request,
        "partnerships/questions/sent.html",
        _context(meeting, reference=str(sent.get("reference") or "")),
    )
