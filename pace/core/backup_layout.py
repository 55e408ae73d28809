"""Backups taken before a model moved between apps restore into today's layout.

A backup names each row's model by its app label (``strategy.consultation``) and
refers to content types and permissions by natural key (``["strategy",
"consultation"]``). When models move to another app, ``upgrade`` rewrites both, so a
backup taken before the move loads as if it had been taken after it. Each move is
one entry below, written when the move is made, and never removed: an old backup
may be restored at any time.
"""

from collections.abc import Iterable

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
    return rows
