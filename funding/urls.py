from django.urls import path

from . import budgeting_views, views

app_name = "funding"

urlpatterns = [
    path("funding/", views.funding_index, name="index"),
    path("funding/awards/<int:pk>/", views.award_detail, name="award-detail"),
    path("funding/funds/<int:pk>/", views.fund_detail, name="fund-detail"),
    path("funding/checks/", views.checks, name="checks"),
    path("funding/resources/", views.resources, name="resources"),
    path("funding/360giving.json", views.grants_360_json, name="360giving-json"),
    path("funding/360giving.csv", views.grants_360_csv, name="360giving-csv"),
    path("funding/transparency.csv", views.transparency_csv, name="transparency-csv"),
    # Participatory budgeting (funding/budgeting_views.py).
    path("funding/budgeting/", budgeting_views.round_list, name="budgeting"),
    path("funding/budgeting/rule/", budgeting_views.rule, name="budgeting-rule"),
    path("funding/budgeting/<int:pk>/", budgeting_views.round_detail, name="round-detail"),
    path("funding/budgeting/<int:pk>/propose/", budgeting_views.propose, name="round-propose"),
    path("funding/budgeting/<int:pk>/vote/", budgeting_views.vote, name="round-vote"),
    path("funding/budgeting/<int:pk>/results/", budgeting_views.results, name="round-results"),
    path(
        "funding/budgeting/<int:pk>/ballots.json",
        budgeting_views.ballots_json,
        name="round-ballots-json",
    ),
    path(
        "funding/budgeting/<int:pk>/ballots.csv",
        budgeting_views.ballots_csv,
        name="round-ballots-csv",
    ),
    path(
        "funding/budgeting/projects/<int:pk>/",
        budgeting_views.project_detail,
        name="project-detail",
    ),
    path("funding/budgeting/ballot/<str:token>/", budgeting_views.ballot, name="ballot"),
]
