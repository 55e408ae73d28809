"""Bad input, thrown at every public form and query string (hypothesis): arbitrary
text and unicode, control characters, huge values. Never a server error (the test
client raises one); invalid input gets a message on the page; nothing private
comes back. Bounded to keep the suite fast."""

import datetime

import pytest
from django.test import Client
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from funding.forms import FundingFilterForm
from funding.models import Fund
from partnerships.forms import MeetingFilterForm, RegisterFilterForm, YearForm
from partnerships.views import OnDateForm
from strategy.forms import ProgressUpdateForm, ResolveExceptionForm
from strategy.models import ExceptionReport, ProgressUpdate

from .world import MARKER, build_world

pytestmark = pytest.mark.django_db

NASTY = [
    "",
    "\x00",
    "a\x00b",
    "%00",
    "\r\n",
    "\x1b[31m",
    "' OR 1=1 --",
    '"; DROP TABLE partnerships_body; --',
    "<svg onload=alert(1)>",
    "javascript:alert(1)",
    "../../../etc/passwd",
    "9" * 400,
    "-1",
    "0",
    "1e9999",
    "NaN",
    "Infinity",
    "0x10",
    "２０１６/１７",
    "31/02/2016",
    "29/02/2017",
    "12/07/99999",
    "2016-13-45",
    "\u202eevil",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "ﷺ" * 50,
    "\ufeff",
    "leaders-board\x00",
]

#: Arbitrary text (any code point but lone surrogates, which cannot be sent),
#: control characters, very long values, and known troublemakers.
text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=20),
    st.text(min_size=2000, max_size=20000).filter(lambda s: s.strip()),
    st.sampled_from(NASTY),
    st.integers().map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.dates(min_value=datetime.date(1, 1, 1)).map(lambda d: d.strftime("%d/%m/%Y")),
)

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def world():
    return build_world()


def _has_message(page: str) -> bool:
    return "govuk-error-message" in page or "govuk-error-summary" in page


def _check(response, *, valid: bool | None, outsider: bool = True) -> str:
    assert response.status_code == 200, response.status_code
    page = response.content.decode()
    if outsider:  # nothing private, whatever was asked
        assert not MARKER.search(page)
    if valid is False:
        assert _has_message(page), "Invalid input without a message"
    return page


# --- Query strings ----------------------------------------------------------------


def _funds():
    return list(Fund.objects.order_by("-financial_year", "name"))


#: Each public address that reads its query string, its parameters, and the form
#: that decides whether a value is valid (None: the value is cleaned or ignored).
QUERIES = {
    "search": ("/search/", ["q"], None),
    "structure": ("/partnerships/", ["on"], OnDateForm),
    "body": ("/partnerships/learning-and-skills/", ["on"], OnDateForm),
    "meetings": ("/meetings/", ["body", "below", "page", "upcoming"], MeetingFilterForm),
    "register": (
        "/meetings/declarations/",
        ["body", "person", "below", "page"],
        RegisterFilterForm,
    ),
    "funding": (
        "/funding/",
        ["year", "fund", "mechanism", "page"],
        lambda data: FundingFilterForm(data, funds=_funds()),
    ),
    "consultations": ("/consultations/", ["page"], None),
    "reports": ("/reports/", ["page"], None),
}


@pytest.mark.parametrize("name", list(QUERIES))
@FUZZ
@given(data=st.data())
def test_query_strings_never_fail(client, world, name, data):
    path, params, form = QUERIES[name]
    chosen = data.draw(st.lists(st.sampled_from(params), min_size=1, unique=True))
    query = {param: data.draw(text, label=param) for param in chosen}
    page = _check(
        client.get(path, query),
        valid=None if form is None else form(query).is_valid(),
    )
    if name == "search" and len(query["q"]) > 200:
        assert "Search for 200 characters or fewer" in page


@FUZZ
@given(year=text)
def test_the_officers_area_assemblies_year_never_fails(client, world, year):
    client.force_login(world.users["officer"])
    valid = YearForm({"year": year}).is_valid()
    response = client.get("/meetings/area-assemblies/", {"year": year})
    _check(response, valid=valid, outsider=False)


# --- Forms --------------------------------------------------------------------------


@FUZZ
@given(username=text, password=text, agent=text)
@example(username="0" * 256, password="0", agent="")  # a server error on PostgreSQL, once
def test_sign_in_never_fails(world, username, password, agent):
    client = Client(HTTP_USER_AGENT=agent.replace("\x00", "")[:5000])
    response = client.post("/accounts/login/", {"username": username, "password": password})
    # Throttled after repeated failures of one name from one address (django-axes).
    assert response.status_code in (200, 429), response.status_code
    if response.status_code == 200:
        assert _has_message(response.content.decode())


valid_date = st.dates(
    min_value=datetime.date.today() - datetime.timedelta(days=90),
    max_value=datetime.date.today(),
).map(lambda d: d.strftime("%d/%m/%Y"))


@FUZZ
@given(
    reported_on=st.one_of(valid_date, text),
    rag=st.one_of(st.sampled_from(["red", "amber", "green"]), text),
    narrative=text,
    measured_value=st.one_of(st.just(""), text),
    submission_key=text,
)
def test_progress_update_form_never_fails(
    client, world, reported_on, rag, narrative, measured_value, submission_key
):
    client.force_login(world.users["member_a"])
    action = world.objects["public_action"]
    data = {
        "reported_on": reported_on,
        "rag": rag,
        "narrative": narrative,
        "measured_value": measured_value,
        "submission_key": submission_key,
    }
    form = ProgressUpdateForm(data, action=action, instance=ProgressUpdate(action=action))
    before = action.updates.count()
    response = client.post(f"/actions/{action.pk}/update/", data)
    if form.is_valid():
        assert response.status_code == 302
        assert action.updates.count() <= before + 1
    else:
        _check(response, valid=False, outsider=False)
        assert action.updates.count() == before


@FUZZ
@given(resolution=text)
def test_exception_resolution_form_never_fails(client, world, resolution):
    report = world.objects["exception_report"]
    ExceptionReport.objects.filter(pk=report.pk).update(
        status="open", resolution="", resolved_on=None, resolved_by=None
    )
    client.force_login(world.users["member_p"])
    response = client.post(f"/exceptions/{report.pk}/resolve/", {"resolution": resolution})
    report.refresh_from_db()
    if ResolveExceptionForm({"resolution": resolution}).is_valid():
        assert response.status_code == 302 and report.status == "resolved"
    else:
        _check(response, valid=False, outsider=False)
        assert report.status == "open"
