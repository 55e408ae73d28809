# Over 400 lines, as one piece: its rules (Gunning, periods, rounds) constrain one record.
"""Consultations on a strategy, a body's action plan or a local issue of an Area
Board, checked against the Gunning principles (cabinet report 7.2.1).

A consultation's status follows from its dates: planned before it opens, open
until it closes, then closed until an officer publishes the outcome. Only the
last step is stored, because it is a decision (and refused while a Gunning
principle is not met); a stored "open" would go stale the day the consultation
closed and the public page would go on inviting responses.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from mptt.models import TreeForeignKey

from pace.core.history import HistoricalRecords
from strategy.models import ActionPlan, Strategy

from ..gunning import Consideration, GunningCheck, gunning_checklist

#: "Closing soon" on the public list: closes within this many days.
CLOSING_SOON_DAYS = 14
#: Slugs taken by the consultation pages themselves.
RESERVED_SLUGS = frozenset({"officers", "privacy"})
web_address = URLValidator(schemes=["http", "https"], message="Enter a web address (https://…).")


class Audience(models.Model):
    """Who is consulted (cabinet report 7.2.1 and 5.6.4: the general public,
    stakeholders, the voluntary, community and faith sector, businesses and
    hard-to-reach groups). A table rather than fixed choices, so officers can add an
    audience, such as young people, without a change to the code."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=100)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class ProposalStage(models.TextChoices):
    FORMATIVE = "formative", "Formative: no decision taken, options open"
    REFINING = "refining", "Options narrowed, still open to change"
    DECIDED = "decided", "Decision already taken"


class ConsultationStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed: outcome to follow"
    OUTCOME_PUBLISHED = "outcome_published", "Outcome published"


class ConsultationQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def planned(self, on: datetime.date):
        return self.filter(outcome_published=False, opens_on__gt=on)

    def open_on(self, on: datetime.date):
        return self.filter(outcome_published=False, opens_on__lte=on, closes_on__gte=on)

    def closing_soon(self, on: datetime.date):
        return self.open_on(on).filter(
            closes_on__lte=on + datetime.timedelta(days=CLOSING_SOON_DAYS)
        )

    def closed(self, on: datetime.date):
        return self.filter(outcome_published=False, closes_on__lt=on)

    def with_outcome(self):
        return self.filter(outcome_published=True)

    def with_consideration(self):
        """Each consultation with what the fourth Gunning principle counts, from the
        records (``Consultation.consideration``): in the same query, whatever the
        number of consultations."""
        from .responses import Answer, Response, ResponseStatus, Theme

        def count(queryset, by: str = "consultation"):
            counted = (
                queryset.order_by()
                .values(by)
                .annotate(n=models.Count("pk", distinct=True))
                .values("n")[:1]
            )
            return Coalesce(models.Subquery(counted), 0)

        here = models.OuterRef("pk")
        responses = Response.objects.filter(consultation=here)
        used_themes = Theme.objects.filter(consultation=here, answers__isnull=False)
        return self.annotate(
            n_responses=count(responses.filter(status=ResponseStatus.ACCEPTED)),
            n_held=count(responses.filter(status=ResponseStatus.HELD)),
            n_feedback=count(YouSaidWeDid.objects.filter(consultation=here)),
            n_themes=count(used_themes),
            n_unanswered_themes=count(used_themes.filter(feedback__isnull=True)),
            n_text_answers=count(
                Answer.objects.filter(
                    response__consultation=here, response__status=ResponseStatus.ACCEPTED
                ).exclude(text=""),
                by="response__consultation",
            ),
        )


_ONE_SUBJECT = (
    models.Q(
        strategy__isnull=False, action_plan__isnull=True, area_board__isnull=True, local_issue=""
    )
    | models.Q(
        strategy__isnull=True, action_plan__isnull=False, area_board__isnull=True, local_issue=""
    )
    | (
        models.Q(strategy__isnull=True, action_plan__isnull=True, area_board__isnull=False)
        & ~models.Q(local_issue="")
    )
)


class Consultation(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)

    # What is consulted on: exactly one of these.
    strategy = models.ForeignKey(
        Strategy,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultations",
        help_text="The strategy consulted on, if it is a strategy.",
    )
    action_plan = models.ForeignKey(
        ActionPlan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultations",
        help_text="The body's action plan consulted on, if it is a plan.",
    )
    area_board = TreeForeignKey(
        "partnerships.Body",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultations",
        limit_choices_to={"kind": "area_board"},
        help_text="The Area Board, if it is a local issue of an Area Board.",
    )
    local_issue = models.TextField(
        blank=True, help_text="The local issue the Area Board consults on."
    )

    # The long texts below are plain text, escaped where they are shown: never
    # marked safe (see partnerships.models.meetings.AgendaItem).
    purpose = models.TextField(help_text="What the consultation is for, in plain language.")
    stage = models.CharField(
        "stage the proposal is at",
        max_length=20,
        choices=ProposalStage.choices,
        default=ProposalStage.FORMATIVE,
    )
    reasons = models.TextField("reasons for the proposal", blank=True)
    decision_criteria = models.TextField(
        "criteria that will decide it",
        blank=True,
        help_text="The factors that will be decisive or of substantial importance.",
    )
    audiences = models.ManyToManyField(
        Audience, related_name="consultations", help_text="Who is consulted."
    )
    opens_on = models.DateField("opens on")
    closes_on = models.DateField("closes on", help_text="The last day responses are accepted.")
    short_period_confirmed = models.BooleanField(
        "I confirm the shorter period is adequate",
        default=False,
        help_text="Needed when the consultation is open for fewer days than the minimum.",
    )
    short_period_reason = models.TextField("why the shorter period is adequate", blank=True)
    short_period_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    short_period_confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)

    # Ways to respond: a published consultation that has not closed needs one.
    online_form = models.BooleanField(
        "take responses online here",
        default=False,
        help_text="Residents answer this consultation's questions on this site, with no "
        "account. Add the questions first.",
    )
    response_url = models.URLField(
        "online form elsewhere",
        blank=True,
        validators=[web_address],
        help_text="A survey run on another site, if the responses are collected there.",
    )
    response_email = models.EmailField("e-mail address for responses", blank=True)
    response_postal_address = models.TextField("postal address for responses", blank=True)
    response_events = models.TextField(
        "events where people can respond",
        blank=True,
        help_text="When and where: a drop-in session, an Area Assembly. One a line.",
    )
    how_to_respond = models.TextField(
        "more about how to respond", blank=True, help_text="Anything else residents should know."
    )
    # Who to contact: published with the consultation.
    contact_name = models.CharField(
        "who to contact",
        max_length=200,
        blank=True,
        help_text="A team or a role, such as the Partnerships and Communities team: published "
        "on the consultation's page.",
    )
    contact_email = models.EmailField("contact e-mail address", blank=True)
    contact_telephone = models.CharField("contact telephone", max_length=40, blank=True)

    #: Responses counted before PACE kept each response as a record: the number
    #: officers typed then, under its old name (so backups taken before keep
    #: restoring). Kept so that an outcome published then still says how many
    #: responded; nothing sets it any more. Responses are counted from their
    #: records: ``consideration()``, never this field alone.
    response_count = models.PositiveIntegerField(
        "responses counted before they were kept as records", null=True, blank=True, editable=False
    )
    responses_summary = models.TextField("summary of the responses", blank=True)
    outcome = models.TextField("decision taken", blank=True)
    outcome_published = models.BooleanField(
        "outcome published",
        default=False,
        help_text="Publish from the consultation's page in the admin, with the button "
        '"Publish the outcome": refused while a Gunning principle is not met.',
    )
    outcome_published_on = models.DateField(null=True, blank=True, editable=False)
    outcome_published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    earlier_round = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="later_rounds",
        help_text="For a re-consultation: the round before it.",
    )
    is_published = models.BooleanField(
        "show on the public site",
        default=False,
        help_text="Leave unticked while the record is a draft.",
    )
    is_illustrative = models.BooleanField(
        default=False, help_text="Example data (shown as illustrative)."
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ConsultationQuerySet.as_manager()

    history = HistoricalRecords(m2m_fields=[audiences])

    class Meta:
        ordering = ["-opens_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="consultation_closes_after_it_opens",
                violation_error_message="A consultation cannot close before it opens.",
            ),
            models.CheckConstraint(
                condition=_ONE_SUBJECT,
                name="consultation_one_subject",
                violation_error_message="Consult on exactly one thing: a strategy, an action "
                "plan, or a local issue of an Area Board.",
            ),
            models.CheckConstraint(
                condition=models.Q(short_period_confirmed=False)
                | ~models.Q(short_period_reason=""),
                name="consultation_short_period_reason",
                violation_error_message="Give the reason the shorter period is adequate.",
            ),
            models.CheckConstraint(
                condition=models.Q(outcome_published=False) | models.Q(is_published=True),
                name="consultation_outcome_is_public",
                violation_error_message="A published outcome must be on the public site.",
            ),
            models.CheckConstraint(
                condition=~models.Q(earlier_round=models.F("id")),
                name="consultation_not_its_own_earlier_round",
                violation_error_message="A consultation cannot be its own earlier round.",
            ),
        ]
        indexes = [models.Index(fields=["is_published", "opens_on", "closes_on"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("consultations:detail", args=[self.slug])

    # --- What it is about ------------------------------------------------------------

    @property
    def subject_label(self) -> str:
        if self.strategy_id:
            return f"Strategy: {self.strategy.title}"
        if self.action_plan_id:
            return f"Action plan: {self.action_plan.title} ({self.action_plan.body.name})"
        if self.area_board_id:
            return f"Local issue for {self.area_board.name}"
        return ""

    @property
    def subject_url(self) -> str | None:
        """Where the thing consulted on can be read, if it is public."""
        if self.strategy_id:
            return self.strategy.get_absolute_url()
        if self.action_plan_id and self.action_plan.is_published:
            return self.action_plan.get_absolute_url()
        if self.area_board_id:
            return self.area_board.get_absolute_url()
        return None

    # --- Time ------------------------------------------------------------------------

    @property
    def open_days(self) -> int:
        """Days open, the opening and the closing day both counted."""
        return (self.closes_on - self.opens_on).days + 1

    @property
    def min_days(self) -> int:
        return settings.PACE_CONSULTATION_MIN_DAYS

    def is_short_period(self) -> bool:
        return bool(self.opens_on and self.closes_on) and self.open_days < self.min_days

    def status_on(self, on: datetime.date | None = None) -> str:
        on = on or timezone.localdate()
        if self.outcome_published:
            return ConsultationStatus.OUTCOME_PUBLISHED
        if on < self.opens_on:
            return ConsultationStatus.PLANNED
        if on <= self.closes_on:
            return ConsultationStatus.OPEN
        return ConsultationStatus.CLOSED

    @property
    def status(self) -> str:
        return self.status_on()

    def get_status_display(self) -> str:
        return ConsultationStatus(self.status).label

    def days_left(self, on: datetime.date | None = None) -> int:
        return (self.closes_on - (on or timezone.localdate())).days

    # --- The Gunning principles -------------------------------------------------------

    def consideration(self) -> Consideration:
        """What the fourth principle counts, from the records: the counted responses
        (and any counted before responses were kept as records), those held for
        moderation, the "you said, we did" points, and the themes drawn from the
        written answers. Read from ``with_consideration()``'s annotations when the
        consultation came with them, else in one query."""
        names = (
            "n_responses",
            "n_held",
            "n_feedback",
            "n_themes",
            "n_unanswered_themes",
            "n_text_answers",
        )
        if all(hasattr(self, name) for name in names):
            row = {name: getattr(self, name) for name in names}
        elif self.pk:
            row = Consultation.objects.filter(pk=self.pk).with_consideration().values(*names).get()
        else:
            row = dict.fromkeys(names, 0)
        return Consideration(
            responses=row["n_responses"] + (self.response_count or 0),
            held=row["n_held"],
            feedback=row["n_feedback"],
            themes=row["n_themes"],
            unanswered_themes=row["n_unanswered_themes"],
            text_answers=row["n_text_answers"],
        )

    def gunning_checklist(
        self,
        *,
        on: datetime.date | None = None,
        counts: Consideration | None = None,
        public: bool = False,
    ) -> list[GunningCheck]:
        """Each principle, met or not, with the reason. ``counts`` spares a query
        when the caller has them in hand; ``public`` leaves the responses out until
        the outcome is published."""
        return gunning_checklist(
            self,
            on=on or timezone.localdate(),
            counts=counts or self.consideration(),
            min_days=self.min_days,
            public=public,
        )

    # --- Ways to respond and who to contact ------------------------------------------

    def ways_to_respond(self) -> list[str]:
        """The ways to respond this record gives, in words."""
        ways = []
        if self.online_form:
            ways.append("online here")
        if self.response_url:
            ways.append("an online form elsewhere")
        if self.response_email:
            ways.append("by e-mail")
        if self.response_postal_address.strip():
            ways.append("by post")
        if self.response_events.strip():
            ways.append("at an event")
        return ways

    def is_taking_responses_online(self, on: datetime.date | None = None) -> bool:
        return (
            self.is_published and self.online_form and self.status_on(on) == ConsultationStatus.OPEN
        )

    def _will_be_open(self) -> bool:
        """On the public site and not yet closed: it invites responses now or will."""
        return (
            self.is_published
            and not self.outcome_published
            and bool(self.closes_on)
            and self.closes_on >= timezone.localdate()
        )

    def clean(self) -> None:
        errors: dict[str, list[ValidationError]] = {}

        def add(field: str, message: str, code: str, **params) -> None:
            errors.setdefault(field, []).append(
                ValidationError(message, code=code, params=params or None)
            )

        if self.slug in RESERVED_SLUGS:
            add("slug", "This address is taken by the site: choose another.", "reserved_slug")
        self._clean_subject(add)
        if self.opens_on and self.closes_on:
            if self.closes_on < self.opens_on:
                add(
                    "closes_on",
                    "The consultation must close on or after the day it opens.",
                    "dates_order",
                )
            elif self.is_short_period() and not self.short_period_confirmed:
                add(
                    "short_period_confirmed",
                    "The consultation is open for %(days)s days, fewer than the minimum of "
                    "%(min)s. Extend the closing date, or tick this box and give the reason the "
                    "shorter period is adequate.",
                    "short_period_unconfirmed",
                    days=self.open_days,
                    min=self.min_days,
                )
        if self.short_period_confirmed and not self.short_period_reason.strip():
            add(
                "short_period_reason",
                "Give the reason the shorter period is adequate.",
                "short_period_reason",
            )
        if self.earlier_round_id:
            self._clean_earlier_round(add)
        if self._will_be_open():
            self._clean_ways_and_contact(add)
        if self.outcome_published:
            if not self.is_published:
                add(
                    "is_published",
                    "A consultation whose outcome is published must be on the public site.",
                    "outcome_not_public",
                )
            if self.opens_on and self.closes_on and self.closes_on >= self.opens_on:
                for check in self.gunning_checklist():
                    if not check.passed:
                        add(
                            "outcome_published",
                            "Cannot publish as complete: principle %(n)s, %(title)s, is not "
                            "met. %(reason)s",
                            f"gunning_{check.principle}",
                            n=check.number,
                            title=check.title.lower(),
                            reason=check.reason,
                        )
        if errors:
            raise ValidationError(errors)

    def _clean_subject(self, add) -> None:
        chosen = [
            name
            for name in ("strategy", "action_plan", "area_board")
            if getattr(self, f"{name}_id")
        ]
        if not chosen:
            add(
                "strategy",
                "Choose what is consulted on: a strategy, an action plan, or an Area Board "
                "with its local issue.",
                "subject_missing",
            )
        elif len(chosen) > 1:
            for name in chosen[1:]:
                add(
                    name,
                    "Consult on one thing only: a strategy, an action plan, or a local issue of "
                    "an Area Board. Clear this field or the other one.",
                    "subject_many",
                )
        if self.area_board_id:
            if self.area_board.kind != "area_board":
                add(
                    "area_board",
                    "%(body)s is not an Area Board: local issues are consulted on by Area Boards.",
                    "not_area_board",
                    body=self.area_board.name,
                )
            if not self.local_issue.strip():
                add("local_issue", "Describe the local issue consulted on.", "local_issue_missing")
        elif self.local_issue.strip():
            add(
                "local_issue",
                "A local issue belongs to an Area Board: choose the Area Board, or clear this.",
                "local_issue_without_board",
            )

    def _clean_ways_and_contact(self, add) -> None:
        if not self.ways_to_respond():
            add(
                "online_form",
                "A consultation on the public site needs at least one way to respond before it "
                "opens: take responses online here, an online form elsewhere, an e-mail address, "
                "a postal address or an event. Give one, or leave it off the public site.",
                "no_way_to_respond",
            )
        if self.online_form:
            self._clean_online_form(add)
        if not self.contact_name.strip():
            add(
                "contact_name",
                "Say who to contact about the consultation (a team or a role): it is published "
                "with it.",
                "contact_missing",
            )
        elif not (self.contact_email or self.contact_telephone.strip()):
            add(
                "contact_email",
                "Give an e-mail address or a telephone number for the contact.",
                "contact_how_missing",
            )

    def _clean_online_form(self, add) -> None:
        from .questions import CHOICE_KINDS

        questions = (
            list(self.questions.annotate(n_choices=models.Count("choices"))) if self.pk else []
        )
        if not questions:
            add(
                "online_form",
                "Add the questions before taking responses online: leave the consultation off "
                "the public site, add its questions, then publish it.",
                "online_form_without_questions",
            )
        for number, question in enumerate(questions, 1):
            if question.kind in CHOICE_KINDS and question.n_choices < 2:
                add(
                    "online_form",
                    "Question %(n)s (%(text)s) needs at least two choices.",
                    "question_without_choices",
                    n=number,
                    text=question.text,
                )

    def _clean_earlier_round(self, add) -> None:
        earlier = self.earlier_round
        if self.pk and earlier.pk == self.pk:
            add("earlier_round", "A consultation cannot be its own earlier round.", "self_round")
        elif self.opens_on and earlier.closes_on >= self.opens_on:
            add(
                "earlier_round",
                "A re-consultation opens after the earlier round has closed (%(closed)s).",
                "round_overlaps",
                closed=f"{earlier.closes_on.day} {earlier.closes_on:%B %Y}",
            )


class ConsultationDocument(models.Model):
    """A document consulted on, published where the council keeps its documents:
    a link, not an upload, so that nothing lives on an app server's disk."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, related_name="documents"
    )
    position = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(max_length=200)
    url = models.URLField("web address", max_length=500, validators=[web_address])
    file_details = models.CharField(
        max_length=60, blank=True, help_text='For example "PDF, 1.2 MB".'
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["consultation", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class YouSaidWeDid(models.Model):
    """What respondents said and what was done about it: how the responses were
    conscientiously taken into account (the fourth Gunning principle)."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, related_name="feedback"
    )
    position = models.PositiveSmallIntegerField(default=1)
    you_said = models.TextField("you said")
    we_did = models.TextField("we did")

    history = HistoricalRecords()

    class Meta:
        ordering = ["consultation", "position", "pk"]
        verbose_name = '"you said, we did" point'
        verbose_name_plural = '"you said, we did" points'

    def __str__(self) -> str:
        return self.you_said[:60]
