"""Load the Cheshire East example partnership; safe to run again (it changes nothing).

``--demo-logins`` also creates an officer and a board member with known passwords,
for a development site only."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from pace.core.roles import OFFICERS_GROUP, officers_group_sync
from pace.exampledata import funding_data as funding_example
from pace.exampledata import (
    indicator_data,
    meeting_data,
    member_data,
    protocol_data,
    question_data,
    referral_data,
    report_data,
    resource_data,
    terms_data,
    ward_data,
)
from pace.exampledata import partnership_data as partnerships_example
from pace.exampledata import strategy_data as strategy_example
from partnerships.models import Decision, Organisation, Person
from partnerships.services import person_save

DEMO_LOGINS = {
    # username: (slug of the person the login belongs to, is an officer)
    "officer": (None, True),
    "board.member": ("nadia-evans", False),
}


def demo_password(username: str) -> str:
    return f"pace-example-{username}"


class Command(BaseCommand):
    help = "Load the Cheshire East example partnership (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--demo-logins",
            action="store_true",
            help="Also create demonstration logins with published passwords (development only).",
        )

    def handle(self, *args, demo_logins: bool = False, **options) -> None:
        counts = (
            partnerships_example.load()
            | member_data.load()
            | strategy_example.load()
            # After the strategies and their plans: indicators serve their outcomes and
            # priorities, and measure the plans' work.
            | indicator_data.load()
            | funding_example.load()
            | report_data.load()
            # After the strategy (decisions serve its priorities) and the funding (it
            # makes a meeting whose record is kept here).
            | meeting_data.load()
            # After the meetings: the wards, on the local bodies and their meetings.
            | ward_data.load()
            # After the wards, the plans and the funds: partners' commitments, the pooled
            # fund, and the wards on local plans and grants.
            | resource_data.load()
            # After the meetings: questions for the next Area Assembly taking them.
            | question_data.load()
            # After the meetings and plans: terms of reference, the Annual Assemblies and
            # the annual reports; before the protocols, which the terms route.
            | terms_data.load()
            # After the bodies: complaints, whistle-blowing and a dispute (PA 3.2d, 3.5g, 7).
            | protocol_data.load()
            # After the wards and the plans: the Area Boards' referrals of local needs.
            | referral_data.load()
        )
        partnerships_example.attendance()
        funding_example.link_to_reports()
        report_data.publish()
        # Counted again at the end: the funding adds grant recipients, and publishing
        # the cabinet report records its decision.
        counts |= {
            "organisations": Organisation.objects.count(),
            "decisions": Decision.objects.count(),
        }
        self.stdout.write(", ".join(f"{n} {what}" for what, n in counts.items()))
        if demo_logins:
            if settings.ENVIRONMENT == "production":
                raise CommandError("Demonstration logins are refused in production.")
            self._demo_logins()

    def _demo_logins(self) -> None:
        officers_group_sync()
        User = get_user_model()
        for username, (person_slug, is_officer) in DEMO_LOGINS.items():
            user, created = User.objects.get_or_create(username=username)
            if created:
                user.set_password(demo_password(username))
                user.is_staff = is_officer
                user.save()
                if is_officer:
                    user.groups.add(Group.objects.get(name=OFFICERS_GROUP))
            if person_slug:
                person = Person.objects.get(slug=person_slug)
                if person.user_id != user.pk:
                    person.user = user
                    person_save(person=person)
            kind = "officer (admin at /admin/)" if is_officer else "board member"
            self.stdout.write(
                f"Sign in as the {kind}: username {username}, password {demo_password(username)}"
            )
