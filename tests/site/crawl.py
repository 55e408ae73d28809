"""Walking every address of the site: the URL resolver's patterns with their path
parameters filled from the database, the links on each page, and what each
response carries (pages, feeds, exports and the text of PDFs)."""

import io
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import quote, urljoin, urlsplit

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern, RoutePattern
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from funding.models import BudgetingProject, BudgetingRound, BudgetingVoter, Fund, GrantAward
from funding.services import VotingLink, ballot_link_token
from pace.notifications.models import Message
from pace.notifications.subscriptions import manage_token
from pace.referrals.models import Referral
from pace.reports.models import CabinetReport
from partnerships.models import Body, Decision, Meeting, Paper, Person, Ward
from strategy.consultations.models import Consultation
from strategy.indicators.models import CurveReport, Indicator
from strategy.models import Action, ActionPlan, ExceptionReport, Outcome, Priority, Strategy

_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>\w+)>")


@dataclass(frozen=True)
class Route:
    name: str | None  # namespaced, e.g. "partnerships:body-detail"
    route: str  # e.g. "partnerships/<slug:slug>/"
    params: tuple[str, ...]

    @property
    def path(self) -> str:
        """The address of a route without parameters."""
        return "/" + self.route


def _route_text(pattern) -> str:
    if isinstance(pattern, RoutePattern):
        return str(pattern)
    if isinstance(pattern, RegexPattern):
        regex = str(pattern).lstrip("^").rstrip("$").replace("\\/", "/")
        if re.search(r"[()\[\]*+?{}|\\.]", regex):
            raise AssertionError(
                f"The crawler cannot fill the regular expression {pattern!s}: use path() "
                "with converters, and teach tests/site/crawl.py its parameters."
            )
        return regex
    raise AssertionError(f"Unknown kind of URL pattern: {pattern!r}")


def walk(
    patterns=None, prefix: str = "", namespace: str = "", *, exclude: tuple[str, ...] = ()
) -> Iterator[Route]:
    """Every URL pattern of the project, through includes, with its full route;
    none under the prefixes in ``exclude``."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver) and str(pattern.pattern) in exclude:
            continue
        text = prefix + _route_text(pattern.pattern)
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk(pattern.url_patterns, text, ns, exclude=exclude)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else None
            params = tuple(m["name"] for m in _PARAM.finditer(text))
            yield Route(name=name, route=text, params=params)


# --- Filling path parameters with every real object -------------------------------

Filler = Callable[[], Iterable[dict]]


def _pks(model) -> Filler:
    return lambda: ({"pk": pk} for pk in model.objects.values_list("pk", flat=True))


def _slugs(model) -> Filler:
    return lambda: ({"slug": slug} for slug in model.objects.values_list("slug", flat=True))


def _question_numbers() -> Iterator[dict]:
    """Each consultation's questions by number, and one past the last."""
    for slug in Consultation.objects.values_list("slug", flat=True):
        count = Consultation.objects.get(slug=slug).questions.count()
        for number in range(1, count + 2):
            yield {"slug": slug, "number": number}


def _resume_links() -> Iterator[dict]:
    """Links to a saved response: every real one (read from the outbox: a visitor
    who holds one sees a button, not the answers), under every consultation's
    address, and wrong, overlong and forged ones."""
    from django.core import signing

    found = re.compile(r"/consultations/[\w-]+/respond/resume/([\w:.\-]+)/")
    real = [
        token
        for text in Message.objects.filter(topic__startswith="consultation-return:").values_list(
            "text", flat=True
        )
        for token in found.findall(text)
    ]
    forged = signing.TimestampSigner(salt="not-the-salt").sign("guess")
    for slug in Consultation.objects.values_list("slug", flat=True):
        for token in [*real, "bad-token", "x" * 300, forged]:
            yield {"slug": slug, "token": token}


def _password_reset_links() -> Iterator[dict]:
    for user in get_user_model().objects.all():
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        yield {"uidb64": uid, "token": "set-password"}  # not a token: refused
        yield {"uidb64": uid, "token": "bad-token"}
        yield {"uidb64": uid, "token": default_token_generator.make_token(user)}


def _ballot_links() -> Iterator[dict]:
    yield from ({"token": token} for token in ("bad-token", "x" * 600))
    for round_id, identity, district in BudgetingVoter.objects.values_list(
        "round_id", "identity", "postcode_district"
    ):
        yield {"token": ballot_link_token(VotingLink(round_id, identity, district))}


#: How to fill the parameters of each named address: every object of its kind,
#: private ones included (which must then give nothing away). A new address with
#: parameters must be added here, or the crawl fails.
FILLERS: dict[str, Filler] = {
    "partnerships:body-detail": _slugs(Body),
    "partnerships:body-meetings-feed": _slugs(Body),
    "partnerships:body-terms": _slugs(Body),
    "partnerships:meeting-detail": _pks(Meeting),
    "partnerships:meeting-ics": _pks(Meeting),
    # Every meeting's question form (most take none) and confirmation (a visitor
    # who sent nothing is sent to the meeting).
    "partnerships:question-ask": _pks(Meeting),
    "partnerships:question-sent": _pks(Meeting),
    "partnerships:person-detail": lambda: (
        {"slug": slug} for slug in Person.objects.values_list("slug", flat=True)
    ),
    "partnerships:minutes-pdf": _pks(Meeting),
    "partnerships:agenda-pack": _pks(Meeting),
    "partnerships:agenda-pack-full": _pks(Meeting),
    # Every paper under every meeting: its own, and each other one, which must not
    # open it.
    "partnerships:paper-download": lambda: (
        {"pk": meeting, "paper_pk": paper}
        for paper in Paper.objects.values_list("pk", flat=True)
        for meeting in Meeting.objects.values_list("pk", flat=True)
    ),
    # Version 1 of every meeting's minutes (unapproved ones are a 404) and one that
    # does not exist.
    "partnerships:meeting-minutes-version": lambda: (
        {"pk": pk, "number": n}
        for pk in Meeting.objects.values_list("pk", flat=True)
        for n in (1, 2)
    ),
    "partnerships:minutes-version-pdf": lambda: (
        {"pk": pk, "number": n}
        for pk in Meeting.objects.values_list("pk", flat=True)
        for n in (1, 2)
    ),
    "decision-detail": _pks(Decision),
    "ward-detail": _slugs(Ward),
    # Every referral, confidential ones included, and the forms on its page.
    "referrals:referral-detail": _pks(Referral),
    "referrals:referral-answer": _pks(Referral),
    "referrals:referral-message": _pks(Referral),
    "strategy:strategy-detail": _slugs(Strategy),
    "strategy:priority-detail": lambda: (
        {"strategy_slug": s, "slug": p}
        for s, p in Priority.objects.values_list("strategy__slug", "slug")
    ),
    "strategy:plan-detail": _pks(ActionPlan),
    "strategy:action-detail": _pks(Action),
    "strategy:update-create": _pks(Action),
    "strategy:exception-resolve": _pks(ExceptionReport),
    "consultations:detail": _slugs(Consultation),
    "consultations:respond": _slugs(Consultation),
    "consultations:respond-question": _question_numbers,
    "consultations:respond-equality": _slugs(Consultation),
    "consultations:respond-check": _slugs(Consultation),
    "consultations:respond-sent": _slugs(Consultation),
    "consultations:respond-save": _slugs(Consultation),
    "consultations:respond-resume": _resume_links,
    "indicators:indicator-detail": _slugs(Indicator),
    "indicators:indicator-csv": _slugs(Indicator),
    "indicators:indicator-json": _slugs(Indicator),
    "indicators:value-create": _slugs(Indicator),
    # Every turn-the-curve report under every indicator: drafts, and each report
    # under an indicator not its own, must give nothing.
    "indicators:curve-report": lambda: (
        {"slug": slug, "pk": pk}
        for pk in CurveReport.objects.values_list("pk", flat=True)
        for slug in Indicator.objects.values_list("slug", flat=True)
    ),
    "indicators:curve-report-pdf": lambda: (
        {"slug": slug, "pk": pk}
        for pk in CurveReport.objects.values_list("pk", flat=True)
        for slug in Indicator.objects.values_list("slug", flat=True)
    ),
    # Every outcome's and priority's scorecard, a draft strategy's included.
    "indicators:outcome-scorecard": lambda: (
        {"strategy_slug": s, "position": n}
        for s, n in Outcome.objects.values_list("strategy__slug", "position")
    ),
    "indicators:priority-scorecard": lambda: (
        {"strategy_slug": s, "slug": p}
        for s, p in Priority.objects.values_list("strategy__slug", "slug")
    ),
    "funding:award-detail": _pks(GrantAward),
    "funding:fund-detail": _pks(Fund),
    "funding:round-detail": _pks(BudgetingRound),
    "funding:round-propose": _pks(BudgetingRound),
    "funding:round-vote": _pks(BudgetingRound),
    "funding:round-results": _pks(BudgetingRound),
    "funding:round-ballots-json": _pks(BudgetingRound),
    "funding:round-ballots-csv": _pks(BudgetingRound),
    # Every project: ideas waiting for their check and those removed must give nothing.
    "funding:project-detail": _pks(BudgetingProject),
    # A visitor holds no resident's voting link: wrong ones answer with a message, and
    # real ones (for each voter, whose identity holds a marker) show no identity.
    "funding:ballot": _ballot_links,
    "reports:report-detail": _pks(CabinetReport),
    "reports:report-pdf": _pks(CabinetReport),
    # Version 1 of every report (a draft's is a 404) and a version that does not exist.
    "reports:report-version": lambda: (
        {"pk": pk, "number": n}
        for pk in CabinetReport.objects.values_list("pk", flat=True)
        for n in (1, 2)
    ),
    "reports:report-version-pdf": lambda: (
        {"pk": pk, "number": n}
        for pk in CabinetReport.objects.values_list("pk", flat=True)
        for n in (1, 2)
    ),
    "reports:body-annual-report": _slugs(Body),
    "reports:plan-pdf": _pks(ActionPlan),
    # Every body's report for 2016/17 (presented or not) and its second version.
    "reports:annual-report-presented": lambda: (
        {"slug": slug, "year": 2016} for slug in Body.objects.values_list("slug", flat=True)
    ),
    "reports:annual-report-version": lambda: (
        {"slug": slug, "year": 2016, "number": n}
        for slug in Body.objects.values_list("slug", flat=True)
        for n in (1, 2)
    ),
    "password_reset_confirm": _password_reset_links,
    # A visitor holds no resident's secret link: wrong and overlong ones must answer
    # with a message, and a real manage link for an address with no alerts shows none.
    "notifications:confirm": lambda: [{"token": "bad-token"}, {"token": "x" * 200}],
    "notifications:unsubscribe": lambda: [{"token": "bad-token"}, {"token": "x" * 200}],
    "notifications:manage": lambda: [
        {"token": "bad-token"},
        {"token": manage_token("nobody@example.org")},
    ],
}

#: Addresses the crawl does not request, each with the reason. Only state-changing
#: POST-only endpoints belong here.
SKIPPED: dict[str, str] = {
    "logout": "POST only: signs the visitor out (a GET is refused with 405)",
}


def public_routes() -> list[Route]:
    """Every address outside the admin (which is checked on its own)."""
    return list(walk(exclude=("admin/",)))


def unfillable(routes: Iterable[Route]) -> list[Route]:
    return [r for r in routes if r.params and (r.name not in FILLERS or r.name in SKIPPED)]


def addresses(routes: Iterable[Route]) -> list[str]:
    """The address of every route, once for each real object its parameters name."""
    urls = []
    for route in routes:
        if route.name in SKIPPED:
            continue
        if not route.params:
            urls.append(reverse(route.name) if route.name else route.path)
            continue
        for kwargs in FILLERS[route.name]():
            urls.append(reverse(route.name, kwargs=kwargs))
    return urls


# --- Reading responses -------------------------------------------------------------


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag in ("a", "link", "area"):
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def links(html: str, base: str) -> list[str]:
    """Same-site addresses linked from ``html`` (path and query, no fragment)."""
    parser = _Links()
    parser.feed(html)
    found = []
    for href in parser.hrefs:
        absolute = urljoin("http://testserver" + base, href)
        parts = urlsplit(absolute)
        if parts.scheme not in ("http", "https") or parts.netloc != "testserver":
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def response_text(response) -> str:
    """Everything a reader receives: the headers and the body, with PDFs read as
    text and calendar lines unfolded."""
    content_type = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if content_type.startswith("application/pdf"):
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(body))
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
        text += "\n" + " ".join(str(v) for v in (reader.metadata or {}).values())
    else:
        text = body.decode("utf-8", errors="replace")
        if content_type.startswith("text/calendar"):
            text = text.replace("\r\n ", "").replace("\r\n\t", "")
    headers = []
    for name, value in response.items():
        if name.lower() == "location":
            # A redirect to sign in names the address asked for; that is no leak.
            value = value.split("?next=", 1)[0]
        headers.append(f"{name}: {value}")
    return "\n".join(headers) + "\n" + text


@dataclass
class Visit:
    url: str
    status: int
    text: str
    content_type: str


def crawl(client, seeds: Iterable[str], *, limit: int, skip: Callable[[str], bool]) -> list[Visit]:
    """Visit ``seeds`` and every same-site link found on the pages, breadth first, up
    to ``limit`` addresses. A response of 500 raises in the test client."""
    queue = deque(dict.fromkeys(seeds))
    seen = set(queue)
    visits = []
    while queue and len(visits) < limit:
        url = queue.popleft()
        response = client.get(url)
        text = response_text(response)
        content_type = response.get("Content-Type", "")
        visits.append(Visit(url, response.status_code, text, content_type))
        if content_type.startswith("text/html"):
            for link in links(response.content.decode("utf-8", errors="replace"), url):
                if link not in seen and not skip(link):
                    seen.add(link)
                    queue.append(link)
    return visits


def search_address(term: str) -> str:
    return f"/search/?q={quote(term)}"
