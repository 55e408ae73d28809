"""A resident responds to a consultation online, with no account: a start page, one
question a page, the optional equality questions, "check your answers", and a
confirmation with a reference number; and, at any question, "save and come back
later" by a link e-mailed to them.

The answers so far live in the resident's session (``SessionDraft``), which is
theirs alone; nothing is stored as a response until they send it
(``response_services.response_submit``). None of these pages is kept in the page
cache: each is about one resident's answers, and each form carries a CSRF token.
Templates: consultations/respond/*.html."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from pace.core.cache import cache_params
from pace.core.clients import client_address

from . import limits, saved_responses
from . import response_selectors as selectors
from . import response_services as services
from .forms import AnswerForm, MonitoringForm, SaveForm, SubmitForm
from .models import AnswerData, Consultation, Question
from .respond_draft import (
    SessionDraft,
    answer_rows,
    monitoring_rows,
    problems_of,
    question_url,
)
from .selectors import can_preview_consultations

SENT_PREFIX = "consultation-sent:"


def _posted(request):
    """The data sent, or None for a GET: a form sent empty is still bound, and
    gets its error messages."""
    return request.POST if request.method == "POST" else None


def _client(request) -> str:
    return client_address(request) or "unknown"


def _url(name: str, consultation: Consultation, *args) -> str:
    return reverse(f"consultations:{name}", args=[consultation.slug, *args])


def _load(request, slug: str) -> tuple[Consultation, list[Question], bool]:
    """The consultation, its questions, and whether this is an officer's preview of
    a consultation not taking responses (they may look, not send)."""
    consultation = selectors.consultation_for_responding(request.user, slug)
    questions = selectors.questions_for_form(consultation)
    taking = consultation.is_taking_responses_online()
    preview = not taking and can_preview_consultations(request.user)
    return consultation, questions, preview


def _base(consultation: Consultation, preview: bool, **context) -> dict:
    return {
        "consultation": consultation,
        "preview": preview,
        "nav_section": "consultations",
        **context,
    }


def _not_open(request, consultation: Consultation):
    return render(
        request,
        "consultations/respond/not_open.html",
        _base(consultation, False, status=consultation.status),
    )


def _taking_or_preview(consultation: Consultation, preview: bool) -> bool:
    return preview or consultation.is_taking_responses_online()


@never_cache
def respond_start(request, slug: str):
    """``/consultations/<slug>/respond/``: what to expect, and the start button."""
    consultation, questions, preview = _load(request, slug)
    if not _taking_or_preview(consultation, preview):
        return _not_open(request, consultation)
    draft = SessionDraft(request, consultation)
    return render(
        request,
        "consultations/respond/start.html",
        _base(
            consultation,
            preview,
            questions=questions,
            first_url=question_url(consultation, 1) if questions else None,
            continue_url=_url("respond-check", consultation) if draft.has_answers else None,
            breadcrumbs=[
                ("Consultations", reverse("consultations:list")),
                (consultation.title, consultation.get_absolute_url()),
                ("Respond", None),
            ],
        ),
    )


@cache_params("change")  # the only query parameter these pages read (pace.core.cache)
@never_cache
@require_http_methods(["GET", "POST"])
def respond_question(request, slug: str, number: int):
    """``/consultations/<slug>/respond/questions/<n>/``: one question. "Continue"
    goes to the next (or back to "check your answers" when changing an answer);
    "Save and come back later" goes to the page that e-mails a link."""
    consultation, questions, preview = _load(request, slug)
    if not 1 <= number <= len(questions):
        raise Http404("No such question")
    if not _taking_or_preview(consultation, preview):
        return _not_open(request, consultation)
    question = questions[number - 1]
    draft = SessionDraft(request, consultation)
    change = (request.POST if request.method == "POST" else request.GET).get("change") == "1"
    saving = request.method == "POST" and "save" in request.POST
    form = AnswerForm(
        _posted(request),
        question=question,
        initial_answer=draft.answer(question),
        for_saving=saving,
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        if draft.is_new and not limits.start_within_limit(_client(request)):
            form.add_error(
                None,
                "Too many responses have been started from your connection in the last hour. "
                "Try again later, or respond another way (see the consultation's page).",
            )
            status = 429
        else:
            draft.set_answer(question, form.answer_data)
            draft.save()
            if saving:
                return redirect(_url("respond-save", consultation))
            if change:
                return redirect(_url("respond-check", consultation))
            if number < len(questions):
                return redirect(question_url(consultation, number + 1))
            if draft.monitoring is None:
                return redirect(_url("respond-equality", consultation))
            return redirect(_url("respond-check", consultation))
    if form.errors and status == 200:
        status = 400
    if change:
        back = _url("respond-check", consultation)
    elif number > 1:
        back = question_url(consultation, number - 1)
    else:
        back = _url("respond", consultation)
    return render(
        request,
        "consultations/respond/question.html",
        _base(
            consultation,
            preview,
            form=form,
            question=question,
            number=number,
            count=len(questions),
            change=change,
            back_url=back,
        ),
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def respond_equality(request, slug: str):
    """``/consultations/<slug>/respond/equality/``: the nine equality questions,
    each optional; "Skip these questions" leaves them all unanswered."""
    consultation, questions, preview = _load(request, slug)
    if not _taking_or_preview(consultation, preview):
        return _not_open(request, consultation)
    draft = SessionDraft(request, consultation)
    if request.method == "POST" and "skip" in request.POST:
        draft.set_monitoring({})
        draft.save()
        return redirect(_url("respond-check", consultation))
    form = MonitoringForm(_posted(request), initial=draft.monitoring or {})
    if request.method == "POST" and form.is_valid():
        draft.set_monitoring({k: v for k, v in form.cleaned_data.items() if v})
        draft.save()
        return redirect(_url("respond-check", consultation))
    back = (
        question_url(consultation, len(questions)) if questions else _url("respond", consultation)
    )
    return render(
        request,
        "consultations/respond/equality.html",
        _base(consultation, preview, form=form, back_url=back),
        status=400 if form.errors else 200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def respond_check(request, slug: str):
    """``/consultations/<slug>/respond/check/``: every answer with a link to change
    it, then "Send your response"."""
    consultation, questions, preview = _load(request, slug)
    if not _taking_or_preview(consultation, preview):
        return _not_open(request, consultation)
    draft = SessionDraft(request, consultation)
    form = SubmitForm(_posted(request))
    problems: list[tuple[str, str]] = []  # (message, link)
    if request.method == "POST" and form.is_valid():
        try:
            response = services.response_submit(
                consultation=consultation,
                answers=draft.answers(),
                monitoring=draft.monitoring,
                client=_client(request),
                honeypot=form.cleaned_data["website"],
                saved=draft.saved,
            )
        except ValidationError as error:
            problems = problems_of(consultation, questions, error)
        else:
            draft.clear()
            request.session[f"{SENT_PREFIX}{consultation.pk}"] = response.reference
            return redirect(_url("respond-sent", consultation))
    return render(
        request,
        "consultations/respond/check.html",
        _base(
            consultation,
            preview,
            form=form,
            problems=problems,
            rows=answer_rows(consultation, questions, draft),
            monitoring_asked=draft.monitoring is not None,
            monitoring_rows=monitoring_rows(draft),
            equality_url=_url("respond-equality", consultation),
            save_url=_url("respond-save", consultation),
            back_url=_url("respond-equality", consultation),
        ),
        status=400 if problems else 200,
    )


@never_cache
def respond_sent(request, slug: str):
    """``/consultations/<slug>/respond/sent/``: the confirmation, with the reference
    number, shown to the browser that sent the response only."""
    consultation = selectors.consultation_for_responding(request.user, slug)
    reference = request.session.get(f"{SENT_PREFIX}{consultation.pk}")
    if not isinstance(reference, str):
        return redirect(consultation.get_absolute_url())
    return render(
        request,
        "consultations/respond/sent.html",
        _base(consultation, False, reference=reference),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def respond_save(request, slug: str):
    """``/consultations/<slug>/respond/save/``: e-mail a link to come back to the
    answers so far. The same answer whether or not a link could be sent to an
    address that is fine (the service refuses a bad one with a message)."""
    consultation, questions, preview = _load(request, slug)
    if not _taking_or_preview(consultation, preview):
        return _not_open(request, consultation)
    draft = SessionDraft(request, consultation)
    form = SaveForm(_posted(request))
    expires = saved_responses.draft_expiry(consultation, timezone.now())
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["website"].strip():  # the honeypot: send nothing
            return _check_email(request, consultation, form, expires)
        try:
            link = saved_responses.draft_save(
                consultation=consultation,
                answers=draft.answers(),
                email=form.cleaned_data["email"],
                client=_client(request),
                replacing=draft.saved,
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            draft.set_saved(link.token_hash)
            draft.save()
            return _check_email(request, consultation, form, link.draft.expires_at)
    return render(
        request,
        "consultations/respond/save.html",
        _base(
            consultation,
            preview,
            form=form,
            expires=expires,
            has_answers=draft.has_answers,
            back_url=_url("respond-check", consultation),
        ),
        status=400 if form.errors else 200,
    )


def _check_email(request, consultation, form, expires):
    return render(
        request,
        "consultations/respond/saved.html",
        _base(
            consultation,
            False,
            email=form.cleaned_data["email"].strip(),
            expires=expires,
            continue_url=_url("respond-check", consultation),
        ),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def respond_resume(request, slug: str, token: str):
    """The link in the e-mail. A GET shows a button (a mail scanner opening the
    link changes nothing); pressing it brings the saved answers into this browser."""
    consultation = selectors.consultation_for_responding(request.user, slug)
    try:
        saved = saved_responses.draft_from_link(consultation=consultation, token=token)
    except saved_responses.LinkError as error:
        return render(
            request,
            "consultations/respond/link_error.html",
            _base(consultation, False, message=str(error)),
            status=404,
        )
    if request.method == "POST":
        draft = SessionDraft(request, consultation)
        draft.data["answers"] = {
            str(pk): value for pk, value in saved.answers.items() if str(pk).isdigit()
        }
        draft.set_saved(saved.token_hash)
        draft.save()
        questions = selectors.questions_for_form(consultation)
        answered = draft.answers()
        for number, question in enumerate(questions, 1):
            if answered.get(question.pk, AnswerData()).is_empty:
                return redirect(question_url(consultation, number))
        return redirect(_url("respond-check", consultation))
    return render(
        request,
        "consultations/respond/resume.html",
        _base(consultation, False, expires=saved.expires_at),
    )
