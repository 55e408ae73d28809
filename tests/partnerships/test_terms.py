"""Terms of reference (issue 21, part 4): the services' rules with their messages on
the field, the admin writing through them, the public pages with their versions,
their query counts and the page cache, and the slugs bodies may not take."""

import datetime

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pace.core import cache as page_cache
from partnerships import services
from partnerships.models import Body, BodyKind, CoreTerms, MeetingFrequency, TermsOfReference
from partnerships.terms_selectors import terms_versions

from . import factories as f

pytestmark = pytest.mark.django_db

K = BodyKind


def core(**fields) -> CoreTerms:
    values = {
        "text": "Develop and deliver action plans.\n\nProvide annual progress reports.",
        "adopted_on": datetime.date(2016, 9, 1),
        "agreement_review_on": datetime.date(2030, 4, 1),
    } | fields
    return services.core_terms_save(terms=CoreTerms(**values))


def terms(body: Body, **fields) -> TermsOfReference:
    values = {
        "purpose": "Delivers the theme's outcomes.",
        "membership": "Partners appointed by their organisations.",
        "chair": "Chosen by the members each year",
        "meeting_frequency": MeetingFrequency.QUARTERLY,
        "reporting": "Annual report to the Leaders Board.",
        "adopted_on": datetime.date(2016, 9, 1),
        "review_on": datetime.date(2030, 8, 31),
    } | fields
    return services.terms_save(terms=TermsOfReference(body=body, **values))


def messages(error: ValidationError) -> dict[str, list[str]]:
    return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}


# --- Services --------------------------------------------------------------------------


def test_terms_save_checks_each_field_with_its_message():
    board = f.body(K.LEADERS_BOARD)
    with pytest.raises(ValidationError) as refused:
        terms(board, purpose="", review_on=datetime.date(2016, 8, 1))
    codes = messages(refused.value)
    assert "purpose" in codes
    assert codes["review_on"] == ["review_before_adoption"]
    assert not TermsOfReference.objects.exists()
    with pytest.raises(ValidationError) as refused:
        terms(board, escalate_after_days=0)
    assert messages(refused.value) == {"escalate_after_days": ["escalate_after_a_day"]}
    terms(board)
    with pytest.raises(ValidationError) as again:
        terms(board)
    assert messages(again.value) == {"body": ["terms_once"]}
    assert again.value.messages == ["This body already has terms of reference: edit them."]


def test_complaints_and_whistleblowing_go_to_one_body():
    leaders = f.body(K.LEADERS_BOARD)
    theme = f.body(K.THEMATIC_BOARD, leaders)
    terms(leaders, receives_complaints=True, receives_whistleblowing=True)
    with pytest.raises(ValidationError) as refused:
        terms(theme, receives_complaints=True, receives_whistleblowing=True)
    assert messages(refused.value) == {
        "receives_complaints": ["routed_elsewhere"],
        "receives_whistleblowing": ["routed_elsewhere"],
    }
    assert f"routed to {leaders.name} already" in refused.value.messages[0]
    # The same body's own terms may say it again; another body's may not.
    mine = TermsOfReference.objects.get(body=leaders)
    mine.chair = "The Leader of the council"
    services.terms_save(terms=mine)
    terms(theme)


def test_core_terms_are_one_record_and_a_save_that_changes_nothing_records_nothing():
    first = core()
    with pytest.raises(ValidationError) as refused:
        core()
    assert [e.code for e in refused.value.error_list] == ["core_terms_once"]
    assert first.history.count() == 1
    services.core_terms_save(terms=CoreTerms.objects.get())
    assert first.history.count() == 1
    stored = CoreTerms.objects.get()
    stored.text, stored.adopted_on, stored.agreement_review_on = "", None, None
    with pytest.raises(ValidationError) as bad:
        services.core_terms_save(terms=stored)
    assert {"text", "adopted_on", "agreement_review_on"} <= set(bad.value.error_dict)


def test_each_adoption_is_a_version_the_latest_first():
    board = f.body(K.LEADERS_BOARD)
    mine = terms(board)
    mine.chair = "A typo corrected"  # no new adoption: the same version
    services.terms_save(terms=mine)
    mine.adopted_on, mine.review_on = datetime.date(2019, 9, 1), datetime.date(2022, 8, 31)
    services.terms_save(terms=mine)
    versions = terms_versions(mine)
    assert [(v.adopted_on, v.review_on) for v in versions] == [
        (datetime.date(2019, 9, 1), datetime.date(2022, 8, 31)),
        (datetime.date(2016, 9, 1), datetime.date(2030, 8, 31)),
    ]
    assert terms_versions(None) == []


# --- Reserved slugs ---------------------------------------------------------------------


@pytest.mark.parametrize("slug", ["terms", "checks"])
def test_a_body_cannot_take_a_pages_address(slug):
    with pytest.raises(ValidationError) as refused:
        services.body_create(name="Terms", slug=slug, kind=K.LEADERS_BOARD, parent=None)
    assert [e.code for e in refused.value.error_dict["slug"]] == ["reserved_slug"]
    assert not Body.objects.filter(slug=slug).exists()


# --- The admin ---------------------------------------------------------------------------


def test_the_admin_writes_through_the_services(client):
    client.force_login(f.officer())
    leaders = f.body(K.LEADERS_BOARD)
    theme = f.body(K.THEMATIC_BOARD, leaders)
    terms(leaders, receives_complaints=True)
    form = {
        "body": theme.pk,
        "purpose": "Health",
        "membership": "Partners",
        "chair": "Chosen yearly",
        "meeting_frequency": MeetingFrequency.QUARTERLY,
        "reporting": "To the Leaders Board",
        "escalate_after_days": 28,
        "receives_complaints": "on",
        "adopted_on": "01/09/2016",
        "review_on": "31/08/2015",
    }
    response = client.post("/admin/partnerships/termsofreference/add/", form)
    page = response.content.decode()
    assert response.status_code == 200
    assert "The review date must be after the date these terms were adopted." in page
    assert f"Complaints are routed to {leaders.name} already" in page
    form |= {"review_on": "31/08/2019", "receives_complaints": ""}
    response = client.post("/admin/partnerships/termsofreference/add/", form)
    assert response.status_code == 302
    made = TermsOfReference.objects.get(body=theme)
    assert made.history.count() == 1
    listing = client.get("/admin/partnerships/termsofreference/?review=overdue").content.decode()
    assert theme.name in listing and f">{leaders.name}<" not in listing
    history = client.get(f"/admin/partnerships/termsofreference/{made.pk}/history/")
    assert history.status_code == 200


def test_the_core_terms_admin_leads_a_second_record_to_the_first(client):
    client.force_login(f.officer())
    assert client.get("/admin/partnerships/coreterms/add/").status_code == 200
    first = core()
    response = client.get("/admin/partnerships/coreterms/add/", follow=True)
    assert response.redirect_chain[-1][0] == f"/admin/partnerships/coreterms/{first.pk}/change/"
    assert "The core terms are recorded: edit them." in response.content.decode()


# --- Public pages ------------------------------------------------------------------------


def test_the_core_terms_page_lists_the_bodies_with_terms(client):
    leaders = f.body(K.LEADERS_BOARD)
    bare = f.body(K.THEMATIC_BOARD, leaders)
    core(text="First <b>paragraph</b>.\n\nSecond paragraph.")
    terms(leaders, review_on=datetime.date(2028, 8, 31))
    page = client.get("/partnerships/terms/").content.decode()
    assert "<p>First &lt;b&gt;paragraph&lt;/b&gt;.</p>" in page
    assert "<p>Second paragraph.</p>" in page
    assert "to be reviewed by 1 April 2030" in page
    assert f"/partnerships/{leaders.slug}/terms/" in page and "31 August 2028" in page
    assert f"/partnerships/{bare.slug}/terms/" not in page


def test_the_core_terms_page_without_any(client):
    page = client.get("/partnerships/terms/").content.decode()
    assert "The core terms of reference are not recorded yet." in page
    assert "No body has terms of its own yet" in page


def test_a_bodys_terms_page_shows_core_own_quorum_and_versions(client):
    leaders = f.body(K.LEADERS_BOARD, quorum=5)
    core(text="Core paragraph.")
    mine = terms(leaders, purpose="Decides <script>", receives_whistleblowing=True)
    mine.adopted_on, mine.review_on = datetime.date(2019, 9, 1), datetime.date(2022, 8, 31)
    services.terms_save(terms=mine)
    page = client.get(f"/partnerships/{leaders.slug}/terms/").content.decode()
    assert page.index("Core paragraph.") < page.index("Decides &lt;script&gt;")
    assert "5 members present" in page
    assert "Quarterly" in page
    assert "Whistle-blowing reports, in confidence" in page
    assert "Complaints about" not in page
    assert 'Adopted on</dt><dd class="govuk-summary-list__value">1 September 2019' in page
    assert "31 August 2022" in page and "1 September 2016" in page  # both versions
    body_page = client.get(leaders.get_absolute_url()).content.decode()
    assert f'href="/partnerships/{leaders.slug}/terms/"' in body_page


def test_a_body_without_terms_says_the_core_terms_apply(client):
    board = f.body(K.LEADERS_BOARD, quorum=3)
    page = client.get(f"/partnerships/{board.slug}/terms/").content.decode()
    assert "has no terms of its own recorded: the core terms apply" in page
    assert "Its quorum is 3 members present." in page
    assert client.get("/partnerships/no-such-body/terms/").status_code == 404


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_terms_pages_cost_a_fixed_number_of_queries(client, django_assert_num_queries):
    leaders = f.body(K.LEADERS_BOARD)
    core()
    terms(leaders)
    # The core terms, their versions, the bodies' terms with their bodies.
    with django_assert_num_queries(3):
        client.get("/partnerships/terms/")
    # The body, its terms, the core terms, the versions of its terms (a body at the
    # top has no chain to read).
    with django_assert_num_queries(4):
        client.get(f"/partnerships/{leaders.slug}/terms/")
    small = _queries(client, "/partnerships/terms/")
    for _ in range(6):
        theme = f.body(K.THEMATIC_BOARD, leaders)
        mine = terms(theme)
        mine.adopted_on = datetime.date(2018, 1, 1)
        services.terms_save(terms=mine)
    assert _queries(client, "/partnerships/terms/") == small
    # Below the top, its chain too.
    assert _queries(client, f"/partnerships/{theme.slug}/terms/") == 5


def test_the_terms_pages_are_public_and_cached(client, settings):
    settings.PACE_PAGE_CACHE_SECONDS = 300
    cache.clear()
    page_cache.PublicPageCacheMiddleware.near.clear()
    try:
        leaders = f.body(K.LEADERS_BOARD)
        for url in ("/partnerships/terms/", f"/partnerships/{leaders.slug}/terms/"):
            assert client.get(url)["X-Cache"] == "miss"
            assert client.get(url)["X-Cache"] == "hit"
    finally:
        cache.clear()
        page_cache.PublicPageCacheMiddleware.near.clear()
