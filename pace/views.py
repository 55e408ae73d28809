from django.shortcuts import render

from partnerships.models import Body, BodyKind


def home(request):
    """The front page. Template: pace/home.html."""
    top = Body.objects.current().filter(kind=BodyKind.LEADERS_BOARD).first()
    return render(request, "pace/home.html", {"leaders_board": top, "nav_section": "strategy"})
