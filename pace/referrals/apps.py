from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "pace.referrals"
    label = "referrals"
    verbose_name = "Referrals of local needs"

    def ready(self):
        from partnerships.panels import register_body_panel

        from .panels import body_referrals

        register_body_panel(body_referrals)
