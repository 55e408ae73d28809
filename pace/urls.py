"""The site's addresses: each app's own, under the prefixes README's table of
public addresses gives. The order matters only where two apps share a prefix."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("pace.site.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("consultations/", include("strategy.consultations.urls")),
    path("", include("partnerships.urls")),
    path("", include("strategy.urls")),
    path("", include("funding.urls")),
    path("", include("strategy.indicators.urls")),
    path("", include("pace.reports.urls")),
    path("", include("pace.referrals.urls")),
    path("", include("pace.protocols.urls")),
    path("", include("pace.notifications.urls")),
]
