"""RAG ratings (Plan, Do, Review, agreement 5.4): their values, words, shapes and
colours, the same on the web pages and in the PDFs. A rating is always shown in
words and by shape as well as colour (WCAG 1.4.1)."""

from dataclasses import dataclass

from django.db import models


class Rag(models.TextChoices):
    RED = "red", "Red: off track"
    AMBER = "amber", "Amber: at risk"
    GREEN = "green", "Green: on track"


@dataclass(frozen=True)
class RagDisplay:
    label: str
    short: str
    shape: str
    colour: str  # the GOV.UK tag's colour (govuk-tag--<colour>), styled for print in pdf.css


#: How each rating shows, and an action with no rating yet ("").
RAG_DISPLAY: dict[str, RagDisplay] = {
    Rag.RED: RagDisplay(Rag.RED.label, "Red", "▲", "red"),
    Rag.AMBER: RagDisplay(Rag.AMBER.label, "Amber", "◆", "orange"),
    Rag.GREEN: RagDisplay(Rag.GREEN.label, "Green", "●", "green"),
    "": RagDisplay("No update yet", "No update yet", "○", "grey"),
}


def rag_display(rating: str | None) -> RagDisplay:
    return RAG_DISPLAY.get(rating or "", RAG_DISPLAY[""])
