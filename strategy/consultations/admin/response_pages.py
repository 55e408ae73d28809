"""The officers' pages of a consultation's responses, in the admin
(``ConsultationAdmin.get_urls`` adds them):

- ``<id>/responses/``: each question's counts, with a bar chart and the same
  figures as a table, the themes, the equality monitoring in aggregate;
- ``<id>/responses/questions/<n>/``: the written answers to one question, to read
  and tag with themes (and new themes added);
- ``<id>/responses/themes/``: the themes, each answered by a "you said, we did"
  point written from it or linked to one;
- ``<id>/responses/record/``: a response received by e-mail, post or at an event,
  typed in;
- ``<id>/responses.csv`` and ``.json``: the exports.

Each checks the officer's permission on responses; each reads through
``response_selectors`` and writes through ``response_services``."""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from pace.core.access import is_officer

from .. import exports, response_services
from .. import response_selectors as selectors
from ..forms import (
    AnswerForm,
    FeedbackFromThemeForm,
    LinkFeedbackForm,
    RecordResponseForm,
)
from ..forms import ThemeForm as NewThemeForm
from ..models import Consultation, ResponseStatus, Theme

ANSWERS_PER_PAGE = 25


def officer_urls(model_admin) -> list:
    view = model_admin.admin_site.admin_view
    pages = ResponsePages(model_admin)
    name = "consultations_consultation_"
    return [
        path("<path:object_id>/responses/", view(pages.summary), name=name + "responses"),
        path(
            "<path:object_id>/responses/questions/<int:number>/",
            view(pages.question),
            name=name + "responses_question",
        ),
        path("<path:object_id>/responses/themes/", view(pages.themes), name=name + "themes"),
        path("<path:object_id>/responses/record/", view(pages.record), name=name + "record"),
        path("<path:object_id>/responses.csv", view(pages.export_csv), name=name + "export_csv"),
        path("<path:object_id>/responses.json", view(pages.export_json), name=name + "export_json"),
    ]


class ResponsePages:
    """The pages above; each checks the officer's permission on responses."""

    def __init__(self, model_admin) -> None:
        self.model_admin = model_admin

    def _consultation(self, request, object_id, permission: str) -> Consultation:
        if not is_officer(request.user, f"consultations.{permission}_response"):
            raise PermissionDenied
        consultation = self.model_admin.get_object(request, unquote(object_id))
        if consultation is None:  # no such consultation, or not a key at all
            raise Http404("No consultation found")
        return consultation

    def _render(self, request, template: str, consultation, title: str, **context):
        site = self.model_admin.admin_site
        return TemplateResponse(
            request,
            f"admin/consultations/consultation/{template}",
            {
                **site.each_context(request),
                "opts": Consultation._meta,
                "original": consultation,
                "title": title,
                "summary_url": reverse(
                    "admin:consultations_consultation_responses", args=[consultation.pk]
                ),
                **context,
            },
            status=400 if context.get("errors") else 200,
        )

    def summary(self, request, object_id):
        consultation = self._consultation(request, object_id, "view")
        return self._render(
            request,
            "responses.html",
            consultation,
            f"Responses to {consultation}",
            summary=selectors.responses_summary(consultation),
            can_change=is_officer(request.user, "consultations.change_response"),
            held_url=reverse("admin:consultations_response_changelist")
            + f"?consultation__id__exact={consultation.pk}&status__exact={ResponseStatus.HELD}",
        )

    def question(self, request, object_id, number: int):
        consultation = self._consultation(request, object_id, "view")
        question = selectors.question_of(consultation, number)
        can_change = is_officer(request.user, "consultations.change_response")
        theme_filter = (request.GET.get("theme") or "")[:20]
        themes = list(Theme.objects.filter(consultation=consultation).order_by("name"))
        theme_form = NewThemeForm(prefix="theme")
        if request.method == "POST":
            if not can_change:
                raise PermissionDenied
            if "add_theme" in request.POST:
                theme_form = NewThemeForm(request.POST, prefix="theme")
                if theme_form.is_valid():
                    theme = theme_form.save(commit=False)
                    theme.consultation = consultation
                    try:
                        response_services.theme_save(theme=theme)
                    except ValidationError as error:
                        theme_form.add_error(None, error)
                    else:
                        messages.success(request, f"The theme {theme.name} is added.")
                        return redirect(request.get_full_path())
            else:
                ids = [int(v) for v in request.POST.getlist("answers") if v.isdigit()][:200]
                tags = {
                    pk: {int(t) for t in request.POST.getlist(f"tags-{pk}") if t.isdigit()}
                    for pk in ids
                }
                changed = response_services.answer_tags_set(consultation=consultation, tags=tags)
                messages.success(request, f"Tags saved ({changed} changed).")
                return redirect(request.get_full_path())
        page = Paginator(
            selectors.text_answers(question, theme=theme_filter), ANSWERS_PER_PAGE
        ).get_page(request.GET.get("page"))
        rows = [
            {
                "answer": answer,
                "tagged": {t.pk for t in answer.themes.all()},
            }
            for answer in page
        ]
        return self._render(
            request,
            "responses_question.html",
            consultation,
            f"Question {number}: {question.text}",
            question=question,
            number=number,
            page=page,
            rows=rows,
            themes=themes,
            theme_filter=theme_filter,
            theme_form=theme_form,
            can_change=can_change,
            errors=bool(theme_form.errors),
        )

    def themes(self, request, object_id):
        consultation = self._consultation(request, object_id, "view")
        can_change = is_officer(request.user, "consultations.change_response")
        points = list(consultation.feedback.all())
        failed: dict[int, forms.Form] = {}
        if request.method == "POST":
            if not can_change:
                raise PermissionDenied
            theme = Theme.objects.filter(
                consultation=consultation, pk=int_or_none(request.POST.get("theme"))
            ).first()
            if theme is None:
                raise Http404("No such theme")
            if "write_feedback" in request.POST:
                form = FeedbackFromThemeForm(request.POST, prefix=f"t{theme.pk}")
                if form.is_valid():
                    response_services.feedback_from_theme(
                        theme=theme,
                        you_said=form.cleaned_data["you_said"],
                        we_did=form.cleaned_data["we_did"],
                    )
                    messages.success(request, f'"You said, we did" written for {theme.name}.')
                    return redirect(request.path)
                failed[theme.pk] = form
            else:
                form = LinkFeedbackForm(request.POST, prefix=f"l{theme.pk}", points=points)
                if form.is_valid():
                    response_services.theme_link_feedback(
                        theme=theme, feedback=form.cleaned_data["feedback"]
                    )
                    messages.success(request, f"{theme.name} is linked.")
                    return redirect(request.path)
                failed[theme.pk] = form
        rows = []
        for theme in selectors.themes_with_counts(consultation):
            rows.append(
                {
                    "theme": theme,
                    "write": failed.get(theme.pk)
                    if isinstance(failed.get(theme.pk), FeedbackFromThemeForm)
                    else FeedbackFromThemeForm(
                        prefix=f"t{theme.pk}",
                        initial={"you_said": theme.description or theme.name},
                    ),
                    "link": failed.get(theme.pk)
                    if isinstance(failed.get(theme.pk), LinkFeedbackForm)
                    else LinkFeedbackForm(
                        prefix=f"l{theme.pk}",
                        points=points,
                        initial={"feedback": theme.feedback_id},
                    ),
                }
            )
        return self._render(
            request,
            "responses_themes.html",
            consultation,
            f'Themes and "you said, we did": {consultation}',
            rows=rows,
            can_change=can_change,
            errors=bool(failed),
            publish_url=reverse(
                "admin:consultations_consultation_publish_outcome", args=[consultation.pk]
            ),
        )

    def record(self, request, object_id):
        consultation = self._consultation(request, object_id, "add")
        questions = selectors.questions_for_form(consultation)
        data = request.POST if request.method == "POST" else None
        form = RecordResponseForm(data)
        answer_forms = [
            AnswerForm(data, question=q, prefix=f"q{n}", auto_id=f"id_q{n}_%s")
            for n, q in enumerate(questions, 1)
        ]
        if request.method == "POST":
            valid = form.is_valid()
            valid = all([f.is_valid() for f in answer_forms]) and valid
            if valid:
                try:
                    response = response_services.response_record(
                        consultation=consultation,
                        answers={f.question.pk: f.answer_data for f in answer_forms},
                        channel=form.cleaned_data["channel"],
                        received_on=form.cleaned_data["received_on"],
                        by=request.user,
                    )
                except ValidationError as error:
                    for key, errors in error.message_dict.items():
                        number = key.removeprefix("question-")
                        if number.isdigit() and 0 < int(number) <= len(answer_forms):
                            answer_forms[int(number) - 1].add_error("answer", errors)
                        else:
                            form.add_error(key if key in form.fields else None, errors)
                else:
                    messages.success(request, f"Response {response.reference} is recorded.")
                    return redirect(
                        reverse(
                            "admin:consultations_consultation_responses", args=[consultation.pk]
                        )
                    )
        return self._render(
            request,
            "responses_record.html",
            consultation,
            f"Record a response to {consultation}",
            form=form,
            answer_forms=list(zip(range(1, len(answer_forms) + 1), answer_forms, strict=True)),
            errors=bool(form.errors or any(f.errors for f in answer_forms)),
        )

    def export_csv(self, request, object_id):
        consultation = self._consultation(request, object_id, "view")
        return _download(
            exports.responses_csv(consultation),
            "text/csv; charset=utf-8",
            f"{consultation.slug}-responses.csv",
        )

    def export_json(self, request, object_id):
        consultation = self._consultation(request, object_id, "view")
        return _download(
            exports.responses_json(consultation),
            "application/json",
            f"{consultation.slug}-responses.json",
        )


def int_or_none(value) -> int | None:
    return int(value) if isinstance(value, str) and value.isdigit() else None


def _download(body: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
