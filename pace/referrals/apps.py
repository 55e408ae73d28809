from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "pace.referrals"
    label = "referrals"
    verbose_name = "Referrals of local needs"
