"""Addresses an officer can reach, and requests anyone can send, that answered with a
server error: each now answers as it should, with nothing logged as a failure of
the cache."""

import logging

import pytest
from django.contrib import admin
from django.test import Client

from pace.core.history_admin import HistoryAdmin
from partnerships.models import Body, BodyKind

from ..consultations import factories as cf
from ..partnerships import factories as pf

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_client(client):
    client.force_login(pf.officer())
    return client


def test_a_history_address_with_a_key_that_is_not_one_is_not_found(officer_client):
    checked = 0
    for model, model_admin in admin.site._registry.items():
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/abc/history/"
        status = officer_client.get(url).status_code
        if isinstance(model_admin, HistoryAdmin):
            assert status == 404, url
            checked += 1
        else:  # Django's own admin pages send the officer back to the index
            assert status < 500, url
    assert checked > 30


def test_publishing_an_outcome_at_a_wrong_address_is_not_found(officer_client):
    consultation = cf.consultation(title="A consultation")
    base = f"/admin/consultations/consultation/{consultation.pk}"
    assert officer_client.get(f"{base}/change/publish-outcome/").status_code == 404
    assert (
        officer_client.get("/admin/consultations/consultation/abc/publish-outcome/").status_code
        == 404
    )
    assert officer_client.get(f"{base}/publish-outcome/").status_code == 200


def test_dropping_a_body_onto_itself_says_so(officer_client):
    leaders = pf.body(BodyKind.LEADERS_BOARD)
    board = pf.body(BodyKind.AREA_BOARD, leaders)
    before = list(Body.objects.order_by("pk").values_list("pk", "parent_id", "lft", "rght"))
    for position in ("left", "right", "last-child"):
        response = officer_client.post(
            "/admin/partnerships/body/",
            {"cmd": "move_node", "cut_item": board.pk, "pasted_on": board.pk, "position": position},
        )
        assert response.status_code == 200 and response.content.startswith(b"FAIL")
    assert list(Body.objects.order_by("pk").values_list("pk", "parent_id", "lft", "rght")) == before
    page = officer_client.get("/admin/partnerships/body/").text
    assert "cannot be moved onto itself" in page


def test_a_disallowed_host_is_a_bad_request_not_a_cache_failure(caplog):
    with caplog.at_level(logging.WARNING):
        response = Client().get("/partnerships/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert not [r for r in caplog.records if "page cache" in r.getMessage()]
