"""The project's addresses plus one the leak crawl does not know: for the test that
a new address with parameters fails the crawl until the crawler learns it."""

from django.http import HttpResponse
from django.urls import include, path

urlpatterns = [
    path("", include("pace.urls")),
    path("things/<int:pk>/", lambda request, pk: HttpResponse("a thing"), name="new-thing"),
]
