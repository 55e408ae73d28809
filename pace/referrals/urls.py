from django.urls import path

from . import views

app_name = "referrals"

urlpatterns = [
    path("referrals/", views.referral_list, name="referral-list"),
    path("referrals/new/", views.referral_new, name="referral-new"),
    path("referrals/<int:pk>/", views.referral_detail, name="referral-detail"),
    path("referrals/<int:pk>/answer/", views.referral_answer, name="referral-answer"),
    path("referrals/<int:pk>/messages/", views.referral_message, name="referral-message"),
]
