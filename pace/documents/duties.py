import datetime

from pace.notifications.schedule import duty

from .registry import documents
from .services import document_build_queue


@duty(
    "documents_daily",
    at=datetime.time(0, 10),
    description="Builds again the open-data documents that depend on the day (the "
    "meetings calendar, which keeps the last year's meetings).",
)
def documents_daily(on: datetime.date) -> str:
    daily = [name for name, document in documents.items() if document.daily]
    for name in daily:
        document_build_queue(name)
    return f"Queued {len(daily)} documents to build: {', '.join(daily) or 'none'}."
