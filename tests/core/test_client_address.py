"""The client's address, for sign-in throttling and the page cache's budget: behind
a load balancer it is read from X-Forwarded-For where the trusted proxies put it,
never from what the client wrote there itself; without one the header is ignored.
Before, behind a proxy every attempt counted against the proxy's own address: five
wrong passwords from anyone locked an account for everyone."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory

from pace.core.clients import client_address

from .test_security import attempt

PROXY = "10.0.0.2"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, None, PROXY),
        (0, "198.51.100.1", PROXY),  # no proxy is trusted: the header is anyone's
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # the client's own claim is left of it
        (2, "203.0.113.9, 10.0.0.1", "203.0.113.9"),
        (2, "6.6.6.6, 203.0.113.9, 10.0.0.1", "203.0.113.9"),
        (1, None, PROXY),  # not through the proxy
        (2, "203.0.113.9", PROXY),
        (1, "not an address", PROXY),
    ],
)
def test_the_client_address_is_where_the_trusted_proxies_put_it(
    settings, proxies, forwarded, expected
):
    settings.PACE_TRUSTED_PROXIES = proxies
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, **headers)
    assert client_address(request) == expected


@pytest.mark.django_db
def test_behind_a_proxy_one_clients_failures_lock_only_that_client(settings):
    settings.PACE_TRUSTED_PROXIES = 1
    get_user_model().objects.create_user("casey", password="the right password")
    through_proxy = Client(REMOTE_ADDR=PROXY)
    attacker = {"HTTP_X_FORWARDED_FOR": "203.0.113.66"}
    for _ in range(4):
        assert attempt(through_proxy, "casey", "wrong", **attacker).status_code == 200
    assert attempt(through_proxy, "casey", "wrong", **attacker).status_code == 429
    # The attacker cannot get round the lock by claiming another address ...
    forged = {"HTTP_X_FORWARDED_FOR": "192.0.2.1, 203.0.113.66"}
    assert attempt(through_proxy, "casey", "the right password", **forged).status_code == 429
    # ... and Casey, signing in from home through the same proxy, is not locked out.
    casey = {"HTTP_X_FORWARDED_FOR": "198.51.100.20"}
    assert attempt(through_proxy, "casey", "the right password", **casey).status_code == 302
