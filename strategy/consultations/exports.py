"""The officers' exports of a consultation's counted responses: CSV for a
spreadsheet (a row a response, a column a question, with each written answer's
themes) and JSON for analysis (the questions, the themes with their "you said, we
did" point, and every answer with its choices and themes).

Both read through ``response_selectors``, as the summary page does. Every text
cell of the CSV goes through ``pace.core.spreadsheets.safe_cell``, so a resident
who types ``=HYPERLINK(...)`` gets text, not a formula. The JSON keeps the text
exactly as typed: it is data for programs, which run no formulas, and an
apostrophe added there would change what residents wrote. Neither holds an
equality answer or an e-mail address: a response has none."""

import csv
import io
import json

from django.utils import timezone

from pace.core.spreadsheets import safe_cell

from . import response_selectors as selectors
from .models import PREFER_NOT_LABEL, Answer, Consultation, Question


def _value(question: Question, answer: Answer | None, scale: dict) -> str:
    if answer is None:
        return ""
    if answer.prefer_not:
        return PREFER_NOT_LABEL
    if question.is_free_text:
        return answer.text
    if question.is_scale:
        return scale.get(answer.value, "") if answer.value is not None else ""
    return "; ".join(choice.label for choice in answer.choices.all())


def responses_csv(consultation: Consultation) -> str:
    questions = selectors.questions_for_form(consultation)
    scales = {q.pk: dict(q.scale_options()) for q in questions if q.is_scale}
    header = ["Reference", "Received on", "How it was received"]
    for number, question in enumerate(questions, 1):
        header.append(f"Q{number}. {question.text}")
        if question.is_free_text:
            header.append(f"Q{number} themes")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([safe_cell(cell) for cell in header])
    for response in selectors.responses_for_export(consultation):
        answers = {a.question_id: a for a in response.answers.all()}
        row = [response.reference, response.received_on.isoformat(), response.get_channel_display()]
        for question in questions:
            answer = answers.get(question.pk)
            row.append(_value(question, answer, scales.get(question.pk, {})))
            if question.is_free_text:
                row.append("; ".join(t.name for t in answer.themes.all()) if answer else "")
        writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue()


def responses_json(consultation: Consultation) -> str:
    questions = selectors.questions_for_form(consultation)
    numbers = {q.pk: n for n, q in enumerate(questions, 1)}
    themes = list(selectors.themes_with_counts(consultation))
    document = {
        "consultation": {
            "title": consultation.title,
            "slug": consultation.slug,
            "opens_on": consultation.opens_on.isoformat(),
            "closes_on": consultation.closes_on.isoformat(),
        },
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        "questions": [
            {
                "number": numbers[q.pk],
                "text": q.text,
                "kind": q.kind,
                "required": q.required,
                "choices": [{"id": c.pk, "label": c.label} for c in q.choices.all()],
                "scale": dict(q.scale_options()) if q.is_scale else None,
            }
            for q in questions
        ],
        "themes": [
            {
                "id": t.pk,
                "name": t.name,
                "description": t.description,
                "responses": t.n_responses,
                "you_said": t.feedback.you_said if t.feedback else None,
                "we_did": t.feedback.we_did if t.feedback else None,
            }
            for t in themes
        ],
        "responses": [
            {
                "reference": r.reference,
                "received_on": r.received_on.isoformat(),
                "channel": r.channel,
                "answers": [
                    {
                        "question": numbers.get(a.question_id),
                        "text": a.text,
                        "choices": [c.label for c in a.choices.all()],
                        "value": a.value,
                        "prefer_not": a.prefer_not,
                        "themes": [t.name for t in a.themes.all()],
                    }
                    for a in r.answers.all()
                ],
            }
            for r in selectors.responses_for_export(consultation)
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=1)
