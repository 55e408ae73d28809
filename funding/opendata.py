"""Open data of the public awards: the 360Giving Data Standard (JSON package and its
flattened CSV) and the Local Government Transparency Code 2015's grants to
voluntary, community and social enterprise organisations.

Every export starts from ``selectors.public_awards()``: proposed and withdrawn
awards never leave the building."""

import csv
import datetime
import io
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from pace.core.dates import financial_year_bounds, format_date, parse_financial_year
from pace.core.spreadsheets import safe_cell
from partnerships.models import BodyKind, Sector

from .models import GrantAward

CURRENCY = "GBP"
SCHEMA_VERSION = "1.4"


_SENTINEL = 987654321  # an award number, to be replaced in the address reverse() gives


@dataclass(frozen=True)
class Publisher:
    """What every grant of an export shares: the publisher's identifiers and the
    site's addresses, looked up once per export rather than once per grant (a
    large partnership publishes thousands)."""

    prefix: str
    funder_id: str
    funder_name: str
    award_url: str  # with __pk__ for the award's number
    body_url: str  # with __slug__ for the body's slug

    @classmethod
    def current(cls, site_url: str = "") -> "Publisher":
        return cls(
            prefix=settings.PACE_360GIVING_PREFIX,
            funder_id=settings.PACE_FUNDER_ID,
            funder_name=settings.PACE_FUNDER_NAME,
            award_url=site_url
            + reverse("funding:award-detail", args=[_SENTINEL]).replace(str(_SENTINEL), "__pk__")
            if site_url
            else "",
            body_url=site_url + reverse("partnerships:body-detail", args=["__slug__"])
            if site_url
            else "",
        )


def grant_identifier(award: GrantAward, publisher: Publisher) -> str:
    """Stable: the publisher prefix and the award's own number, never reused."""
    return f"{publisher.prefix}-{award.pk}"


def recipient_identifier(award: GrantAward, publisher: Publisher) -> str:
    """The recipients have no org-id on record (a town partnership has none, and a
    registration number alone does not say whether it is a charity or a company),
    so they get the publisher's own identifiers, as 360Giving's guidance allows."""
    if award.recipient_body_id:
        return f"{publisher.prefix}-body-{award.recipient_body_id}"
    return f"{publisher.prefix}-org-{award.recipient_organisation_id}"


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def _planned(award: GrantAward) -> dict | None:
    if not (award.planned_start_on or award.planned_end_on):
        return None
    event = {}
    if award.planned_start_on:
        event["startDate"] = _iso(award.planned_start_on)
    if award.planned_end_on:
        event["endDate"] = _iso(award.planned_end_on)
    return event


def grant_360(award: GrantAward, publisher: Publisher) -> dict:
    recipient = {"id": recipient_identifier(award, publisher), "name": str(award.recipient)}
    if publisher.body_url and award.recipient_body_id:
        recipient["url"] = publisher.body_url.replace("__slug__", award.recipient_body.slug)
    grant = {
        "id": grant_identifier(award, publisher),
        "title": award.title,
        "description": award.description,
        "currency": CURRENCY,
        "amountAwarded": float(award.amount) if award.amount % 1 else int(award.amount),
        "awardDate": _iso(award.award_date),
        "recipientOrganization": [recipient],
        "fundingOrganization": [
            {
                "id": publisher.funder_id,
                "name": publisher.funder_name,
                "department": award.fund.budget_holder,
            }
        ],
        "grantProgramme": [
            {
                "code": f"{publisher.prefix}-fund-{award.fund_id}",
                "title": award.fund.name,
            }
        ],
        "dateModified": award.modified_at.isoformat(),
    }
    if publisher.award_url:
        grant["url"] = publisher.award_url.replace("__pk__", str(award.pk))
    planned = _planned(award)
    if planned:
        grant["plannedDates"] = [planned]
    return grant


def package_360(awards: Iterable[GrantAward], site_url: str = "") -> dict:
    publisher = Publisher.current(site_url)
    return {
        "version": SCHEMA_VERSION,
        "title": f"Grants by {publisher.funder_name} through Partnerships for Action",
        "identifier": f"{publisher.prefix}-grants",
        "issued": timezone.now().isoformat(),
        "publisher": {"identifier": publisher.funder_id, "name": publisher.funder_name},
        "license": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
        "grants": [grant_360(award, publisher) for award in awards],
    }


#: The 360Giving flat (CSV) column titles, as the standard's spreadsheet template
#: and flatten-tool name them.
CSV_360_COLUMNS = [
    "Identifier",
    "Title",
    "Description",
    "Currency",
    "Amount Awarded",
    "Award Date",
    "Planned Dates:Start Date",
    "Planned Dates:End Date",
    "Recipient Org:Identifier",
    "Recipient Org:Name",
    "Funding Org:Identifier",
    "Funding Org:Name",
    "Funding Org:Department",
    "Grant Programme:Code",
    "Grant Programme:Title",
    "URL",
    "Last Modified",
]


def _csv(header: list[str], rows: Iterable[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return out.getvalue()


def csv_360(awards: Iterable[GrantAward], site_url: str = "") -> str:
    publisher = Publisher.current(site_url)
    rows = []
    for award in awards:
        grant = grant_360(award, publisher)
        planned = (grant.get("plannedDates") or [{}])[0]
        funder = grant["fundingOrganization"][0]
        programme = grant["grantProgramme"][0]
        rows.append(
            [
                grant["id"],
                grant["title"],
                grant["description"],
                grant["currency"],
                f"{award.amount:.2f}",
                grant["awardDate"],
                planned.get("startDate", ""),
                planned.get("endDate", ""),
                grant["recipientOrganization"][0]["id"],
                grant["recipientOrganization"][0]["name"],
                funder["id"],
                funder["name"],
                funder["department"],
                programme["code"],
                programme["title"],
                grant.get("url", ""),
                grant["dateModified"],
            ]
        )
    return _csv(CSV_360_COLUMNS, rows)


TRANSPARENCY_COLUMNS = [
    "Date awarded",
    "Time period",
    "Awarding department",
    "Beneficiary",
    "Beneficiary registration number",
    "Purpose of the grant",
    "Amount (GBP)",
]


def is_vcse_recipient(award: GrantAward) -> bool:
    """Grants to voluntary, community and social enterprise organisations: an
    organisation of the voluntary, community and faith sector, or a town partnership
    (a voluntary partnership of the town's community, not a public body)."""
    if award.recipient_organisation_id:
        return award.recipient_organisation.sector == Sector.VCF
    return award.recipient_body.kind == BodyKind.TOWN_PARTNERSHIP


def time_period(award: GrantAward) -> str:
    if award.planned_start_on and award.planned_end_on:
        return f"{format_date(award.planned_start_on)} to {format_date(award.planned_end_on)}"
    start, end = financial_year_bounds(parse_financial_year(award.fund.financial_year))
    return (
        f"{format_date(start)} to {format_date(end)} (financial year {award.fund.financial_year})"
    )


def csv_transparency(awards: Iterable[GrantAward]) -> str:
    """Local Government Transparency Code 2015, part 2: grants to VCSE organisations."""
    rows = [
        [
            _iso(award.award_date),
            time_period(award),
            award.fund.budget_holder,
            str(award.recipient),
            award.recipient_organisation.registration_number
            if award.recipient_organisation_id
            else "",
            award.description,
            f"{award.amount:.2f}",
        ]
        for award in awards
        if is_vcse_recipient(award)
    ]
    return _csv(TRANSPARENCY_COLUMNS, rows)
