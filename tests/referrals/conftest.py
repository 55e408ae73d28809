import pytest

from .factories import referral, world


@pytest.fixture
def w():
    return world()


@pytest.fixture
def confidential(w):
    return referral(
        w, title="Care home at risk of closing", need="Lantern care home.", is_public=False
    )


@pytest.fixture
def public(w):
    return referral(w, title="Healthy weight in Railside", need="Lantern sessions.")
