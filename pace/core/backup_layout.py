"""Backups taken before a model moved between apps restore into today's layout.

A backup names each row's model by its app label (``strategy.consultation``) and
refers to content types and permissions by natural key (``["strategy",
"consultation"]``). When models move to another app, ``upgrade`` rewrites both, so a
backup taken before the move loads as if it had been taken after it. Each move is
one entry below, written when the move is made, and never removed: an old backup
may be restored at any time.
"""

import datetime
from collections.abc import Iterable

from django.utils import timezone

#: The models each move took from one app to another: (from app, to app, model names,
#: lower case, audit history and many-to-many history included).
MOVES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "strategy",
        "consultations",
        (
            "audience",
            "consultation",
            "consultationdocument",
            "yousaidwedid",
            "equalityimpactassessment",
            "characteristicimpact",
            "strategyassessmentcheck",
            "historicalaudience",
            "historicalconsultation",
            "historicalconsultation_audiences",
            "historicalconsultationdocument",
            "historicalyousaidwedid",
            "historicalequalityimpactassessment",
            "historicalcharacteristicimpact",
        ),
    ),
    (
        "strategy",
        "reports",
        (
            "cabinetreport",
            "reportparagraph",
            "historicalcabinetreport",
            "historicalcabinetreport_summary_bodies",
            "historicalreportparagraph",
        ),
    ),
)

#: Models that kept a decision as text before the decision log.
TEXT_DECISIONS = frozenset(
    {
        "partnerships.agendaitem",
        "partnerships.historicalagendaitem",
        "reports.cabinetreport",
        "reports.historicalcabinetreport",
    }
)

#: Models whose vote totals were typed before participatory budgeting kept ballots.
TYPED_VOTES = frozenset({"funding.budgetingproject", "funding.historicalbudgetingproject"})

#: Models whose table went with a move, and with it their rows and permissions.
GONE = frozenset({"funding.historicalfund_cabinet_reports"})

#: The models' new app, by old ``app_label.model``.
_NEW_APP = {f"{old}.{model}": new for old, new, models in MOVES for model in models}


def _moved(app_label: str, model: str) -> str:
    return _NEW_APP.get(f"{app_label}.{model}", app_label)


def _gone(value) -> bool:
    """Whether ``value`` is the natural key of a gone model's content type or
    permission."""
    return (
        isinstance(value, list)
        and len(value) in (2, 3)
        and all(isinstance(v, str) for v in value)
        and f"{value[-2]}.{value[-1]}" in GONE
    )


def _natural_key(value):
    """A content type's (``[app, model]``) or permission's (``[codename, app,
    model]``) natural key, with the app it is in today."""
    if isinstance(value, list) and len(value) in (2, 3) and all(isinstance(v, str) for v in value):
        *head, app_label, model = value
        return [*head, _moved(app_label, model), model]
    return value


def upgrade(objects: Iterable[dict]) -> list[dict]:
    """The serialised rows of a backup, in today's layout."""
    rows = []
    # A fund used to name the cabinet reports that append its grants; the report
    # names the funds now (reports.CabinetReport.grant_funds).
    grant_funds: dict[int, list[int]] = {}
    for row in objects:
        app_label, model = row["model"].split(".")
        fields = row["fields"]
        if row["model"] == "funding.fund" and "cabinet_reports" in fields:
            for report in fields.pop("cabinet_reports"):
                grant_funds.setdefault(report, []).append(row["pk"])
        if row["model"] in GONE:
            continue
        if row["model"] in TYPED_VOTES and "votes" in fields:
            # Participatory budgeting's typed totals, kept as the record of the
            # rounds counted before ballots (migration funding.0006), and the
            # projects entered then were on the ballot.
            fields["recorded_votes"] = fields.pop("votes")
            fields.setdefault("status", "feasible")
        row["model"] = f"{_moved(app_label, model)}.{model}"
        for name, value in fields.items():
            if isinstance(value, list) and value and isinstance(value[0], list):
                fields[name] = [_natural_key(item) for item in value if not _gone(item)]
            else:
                fields[name] = _natural_key(value)
        rows.append(row)
    for row in rows:
        if row["model"] == "reports.cabinetreport":
            row["fields"].setdefault("grant_funds", grant_funds.get(row["pk"], []))
    return rows + _decisions_from_text(rows)


def _local_day(value: str) -> str:
    moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return timezone.localdate(moment).isoformat()


def _decisions_from_text(rows: list[dict]) -> list[dict]:
    """Decisions were kept as text on agenda items and cabinet reports until the
    decision log (``partnerships.Decision``) took them, as the migrations
    ``partnerships.0013`` and ``reports.0004`` did: a backup taken before restores
    them as records of the log, and the text fields they left are dropped."""
    meetings = {r["pk"]: r["fields"] for r in rows if r["model"] == "partnerships.meeting"}
    laid = {}
    for r in rows:
        f = r["fields"]
        if r["model"] == "core.publishedversion" and f.get("content_type") == [
            "reports",
            "cabinetreport",
        ]:
            laid.setdefault(f["object_id"], (f["number"], r["pk"]))
            laid[f["object_id"]] = min(laid[f["object_id"]], (f["number"], r["pk"]))
    made = []
    for row in rows:
        if row["model"] not in TEXT_DECISIONS:
            continue
        fields = row["fields"]
        text = fields.pop("decision", "")
        if not text.strip() or ".historical" in row["model"]:
            continue
        if row["model"] == "partnerships.agendaitem":
            meeting = meetings.get(fields["meeting"])
            if meeting is None:
                continue
            decision = {
                "meeting": fields["meeting"],
                "agenda_item": row["pk"],
                "decision_maker": "",
                "decided_on": _local_day(meeting["starts_at"]),
                "title": fields["title"],
            }
        else:
            decision = {
                "meeting": None,
                "agenda_item": None,
                "decision_maker": fields["committee"],
                "decided_on": fields["meeting_on"],
                "title": fields["title"][:200],
                "report": laid.get(row["pk"], (None, None))[1],
            }
        made.append(
            {
                "model": "partnerships.decision",
                "pk": None,
                "fields": decision
                | {
                    "text": text,
                    "recorded_at": timezone.now().isoformat(),
                },
            }
        )
    return made
