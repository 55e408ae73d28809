"""A URLconf for the page cache tests: the site's URLs plus pages that use a CSRF
token, leave a message or set a cookie, none of which may be cached."""

from django.contrib import messages
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import path

from pace.urls import urlpatterns as site


def with_form(request):
    return HttpResponse(f'<form method="post"><input name="t" value="{get_token(request)}">')


def with_message(request):
    messages.info(request, "Thank you")
    return HttpResponse("a page that left a message")


def with_cookie(request):
    response = HttpResponse("a page that sets a cookie")
    response.set_cookie("seen", "1")
    return response


urlpatterns = [
    path("with-form/", with_form),
    path("with-message/", with_message),
    path("with-cookie/", with_cookie),
    *site,
]
