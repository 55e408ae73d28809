"""Searches against the example data with what must come first: (what is typed,
the first hit's kind, its title). Shared by the relevance test and the Chromium
journey. The example is generated from the day it is loaded, so the meeting and the
plan are named from the data once it is loaded (``example_searches``)."""

from django.utils import timezone

from partnerships.models import Meeting
from strategy.models import ActionPlan, PlanStatus

#: Cases whose answer does not move with the day.
FIXED = [
    ("Nadia Evans", "Person", "Nadia Evans"),
    ("older population", "Priority", "Prepare for an increasingly older population"),
    ("Health and Wellbeing Board", "Body", "Health and Wellbeing Board"),
    ("health", "Body", "Health and Wellbeing Board"),
    ("helth", "Body", "Health and Wellbeing Board"),
    ("Leaders Board", "Body", "Cheshire East Leaders Board"),
    ("town partnerships fund", "Fund", "Town Partnerships Fund 2016/17"),
    ("falls prevention", "Action", "Falls prevention for older people"),
    (
        "sustainable community strategy",
        "Strategy",
        "Ambition for All: Sustainable Community Strategy 2010-2025",
    ),
    (
        "independent active healthy lives",
        "Outcome",
        "People live independent, active and healthy lives",
    ),
    (
        "cabinet agrees revised partnership structure",
        "Decision",
        "Ambition for All - Partnerships Structure and Strategy 2016-2020",
    ),
    (
        "commissioning manager joint strategic needs assessment",
        "Minutes",
        "Minutes: Participatory Budgeting Working Group, Participatory Budgeting Working Group, "
        "November 2016, 16 November 2016",
    ),
    (
        "money becomes tighter",
        "Report paragraph",
        "Ambition for All - Partnerships Structure and Strategy 2016-2020: 1. Report Summary",
    ),
    (
        "town partnership grants",
        "Grant",
        "Alsager Town Partnership: town partnership grant 2016/17",
    ),
]


def example_searches() -> list[tuple[str, str, str]]:
    """``FIXED``, with the Area Management Group's next meeting found by its title
    and the Health and Wellbeing Board's plan of this year coming before the
    earlier years' plans, named alike."""
    meeting = (
        Meeting.objects.filter(
            body__slug="crewe-and-nantwich-area-management-group",
            starts_at__gte=timezone.now(),
            is_public=True,
        )
        .order_by("starts_at")
        .first()
    )
    plan = (
        ActionPlan.objects.filter(body__slug="health-and-wellbeing-board")
        .exclude(status=PlanStatus.DRAFT)
        .order_by("-starts_on")
        .first()
    )
    return [
        *FIXED,
        (meeting.title, "Meeting", meeting.title),
        ("Health and Wellbeing Board action plan", "Action plan", plan.title),
    ]
