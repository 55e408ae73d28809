"""A URLconf for the error-page test: the site's URLs plus one that fails."""

from django.urls import path

from pace.urls import urlpatterns as site


def broken(request):
    raise RuntimeError("secret internal detail /etc/pace/settings")


urlpatterns = [path("broken/", broken), *site]
