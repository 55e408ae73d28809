import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from mptt.managers import TreeManager
from mptt.models import MPTTModel, TreeForeignKey
from mptt.querysets import TreeQuerySet
from simple_history.models import HistoricalRecords

from pace.core.contacts import contact_errors


class BodyKind(models.TextChoices):
    LEADERS_BOARD = "leaders_board", "Leaders Board"
    ASSEMBLY = "assembly", "Assembly"
    THEMATIC_BOARD = "thematic_board", "Thematic board"
    THEMATIC_GROUP = "thematic_group", "Thematic group"
    AREA_BOARD = "area_board", "Area Board"
    AREA_ASSEMBLY = "area_assembly", "Area Assembly"
    AREA_MANAGEMENT_GROUP = "area_management_group", "Area Management Group"
    TOWN_PARTNERSHIP = "town_partnership", "Town partnership"
    WORKING_GROUP = "working_group", "Task and finish working group"


K = BodyKind
#: Which kinds of body may be accountable to (sit under) which. ``None`` means the
#: top of the tree. The Leaders Board is the top (cabinet report 5.6.1); thematic
#: boards are "held accountable to and commissioned by the Leaders Board" (5.6.2);
#: Area Boards feed "upwards into the Leaders Board" (5.6.3); each Local Area
#: Partnership has its Area Assemblies, its Area Management Group and time-limited
#: task and finish working groups (agreement, Local Area Partnership Structure).
#: The Assembly is accountable to no body: the Executive (Leaders) Board takes
#: guidance from it and reports to it every year (agreement 2 and 5.5), so it is a
#: second top of the structure, joined to the Leaders Board by typed relations
#: (``RELATION_RULES``), never under it.
ALLOWED_PARENT_KINDS: dict[str, frozenset[str | None]] = {
    K.LEADERS_BOARD: frozenset({None}),
    K.ASSEMBLY: frozenset({None}),
    K.THEMATIC_BOARD: frozenset({K.LEADERS_BOARD}),
    K.THEMATIC_GROUP: frozenset({K.LEADERS_BOARD, K.THEMATIC_BOARD}),
    K.AREA_BOARD: frozenset({K.LEADERS_BOARD}),
    K.AREA_ASSEMBLY: frozenset({K.AREA_BOARD}),
    K.AREA_MANAGEMENT_GROUP: frozenset({K.AREA_BOARD}),
    K.TOWN_PARTNERSHIP: frozenset({K.AREA_BOARD}),
    K.WORKING_GROUP: frozenset(
        {
            K.LEADERS_BOARD,
            K.THEMATIC_BOARD,
            K.THEMATIC_GROUP,
            K.AREA_BOARD,
            K.AREA_MANAGEMENT_GROUP,
        }
    ),
}


def allowed_parents_text(kind: str) -> str:
    names = sorted(
        "the top of the structure" if k is None else BodyKind(k).label
        for k in ALLOWED_PARENT_KINDS[kind]
    )
    return " or ".join(names)


class BodyQuerySet(TreeQuerySet):
    def current(self, on: datetime.date | None = None):
        on = on or timezone.localdate()
        return self.filter(models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=on)).filter(
            models.Q(starts_on__isnull=True) | models.Q(starts_on__lte=on)
        )


def _place(node) -> tuple[int, int, int]:
    if isinstance(node, Mapping):
        return node["tree_id"], node["lft"], node["rght"]
    if isinstance(node, tuple):
        return node
    return node.tree_id, node.lft, node.rght


def in_subtree(top, node) -> bool:
    """Whether ``node`` is ``top`` or below it: ``subtree_q`` for places already in
    hand. Each is a body, or anything with its ``tree_id``, ``lft`` and ``rght``
    (attributes, keys, or a tuple in that order)."""
    top_tree, top_lft, top_rght = _place(top)
    tree_id, lft, rght = _place(node)
    return tree_id == top_tree and top_lft <= lft and rght <= top_rght


def subtree_q(top, prefix: str = "") -> Q:
    """Rows whose body (reached through ``prefix``, e.g. ``"plan__body__"``) is ``top``
    or below it: the one test of "within a body's subtree". ``top`` is a body, or
    anything with its ``tree_id``, ``lft`` and ``rght`` (attributes or keys)."""
    tree_id, lft, rght = _place(top)
    return Q(**{f"{prefix}tree_id": tree_id, f"{prefix}lft__gte": lft, f"{prefix}rght__lte": rght})


class Body(MPTTModel):
    """A body of the partnership. Its parent is the body it is accountable to and
    commissioned by (cabinet report 5.6.2).

    Never save a body's place in the tree directly: ``partnerships.services.tree``
    serialises every tree write, because django-mptt takes no lock of its own.
    """

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=30, choices=BodyKind.choices)
    parent = TreeForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="accountable to",
    )
    # Plain text, escaped where it is shown (see AgendaItem).
    remit = models.TextField(blank=True, help_text="What the body is for, in plain language.")
    area_name = models.CharField(
        max_length=120, blank=True, help_text="The place a local body covers, if any."
    )
    quorum = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="How many members must be present for a meeting to decide, where the "
        "body's terms of reference set a number.",
    )
    starts_on = models.DateField("established on", null=True, blank=True)
    ends_on = models.DateField(
        "ends on",
        null=True,
        blank=True,
        help_text="Required for a task and finish working group, which is time limited.",
    )
    is_illustrative = models.BooleanField(
        default=False,
        help_text="Example data the source documents do not name (shown as illustrative).",
    )
    wards = models.ManyToManyField(
        "partnerships.Ward",
        blank=True,
        related_name="bodies",
        help_text="The wards the body covers or whose residents its work affects.",
    )
    # Who residents contact about the body, published on its page. Blank: the
    # contact of the nearest body it is accountable to that gives one, else the
    # partnership's own (``partnerships.selectors.body_contact``).
    contact_name = models.CharField(
        "who to contact",
        max_length=200,
        blank=True,
        help_text="A team or a role, such as the Area Board's support officer: published on the "
        "body's page. Leave blank to show the contact of the body it is accountable to.",
    )
    contact_email = models.EmailField("contact e-mail address", blank=True)
    contact_telephone = models.CharField("contact telephone", max_length=40, blank=True)
    contact_address = models.TextField("contact postal address", blank=True)

    objects = TreeManager.from_queryset(BodyQuerySet)()

    # The tree fields are left out: django-mptt shifts them for other rows with
    # queryset.update(), which records no history, so they would go stale, and a
    # historical row with them crashes (STACK.md). A restored body is placed in the
    # tree again by ``partnerships.services.body_save``.
    history = HistoricalRecords(excluded_fields=["lft", "rght", "tree_id", "level"])

    class Meta:
        verbose_name_plural = "bodies"
        permissions = [
            ("see_confidential", "Can see the body's confidential items and private actions"),
            ("manage_plans", "Can manage the body's action plans and post progress"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="body_ends_after_it_starts",
                violation_error_message="A body cannot end before it is established.",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind=BodyKind.WORKING_GROUP) | models.Q(ends_on__isnull=False),
                name="body_working_group_has_end",
                violation_error_message="A task and finish working group must have an end date.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnerships:body-detail", args=[self.slug])

    def is_current(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        started = self.starts_on is None or self.starts_on <= on
        return started and (self.ends_on is None or self.ends_on >= on)

    #: Addresses under /partnerships/ that are pages, not bodies (partnerships.urls,
    #: pace.site.urls): no body may take them as its slug.
    RESERVED_SLUGS = frozenset({"terms", "checks"})

    def clean(self) -> None:
        errors: dict[str, list[ValidationError]] = {}
        if self.slug in self.RESERVED_SLUGS:
            errors["slug"] = [
                ValidationError(
                    "This address is taken by the site: choose another.", code="reserved_slug"
                )
            ]
        if self.kind == BodyKind.WORKING_GROUP and self.ends_on is None:
            errors.setdefault("ends_on", []).append(
                ValidationError(
                    "A task and finish working group is time limited: give the date it ends.",
                    code="working_group_end",
                )
            )
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors.setdefault("ends_on", []).append(
                ValidationError(
                    "The end date must be on or after the date the body was established.",
                    code="dates_order",
                )
            )
        errors.update(contact_errors(self))
        if self.kind:
            errors.update(self._kind_errors())
        if errors:
            raise ValidationError(errors)

    def _kind_errors(self) -> dict[str, list[ValidationError]]:
        errors: dict[str, list[ValidationError]] = {}
        parent = self.parent
        if parent is not None and self.pk is not None:
            # Read the tree from the database: the instances in hand may be stale.
            here = type(self)._tree_manager.filter(pk=self.pk).values("tree_id", "lft", "rght")
            here = here.first()
            if here and type(self)._tree_manager.filter(subtree_q(here), pk=parent.pk).exists():
                errors["parent"] = [
                    ValidationError(
                        "%(body)s cannot be accountable to %(parent)s, which is %(body)s itself "
                        "or a body accountable to it: that would make a loop.",
                        code="parent_is_descendant",
                        params={"parent": parent.name, "body": self.name},
                    )
                ]
                return errors
        parent_kind = parent.kind if parent is not None else None
        if parent_kind not in ALLOWED_PARENT_KINDS[self.kind]:
            label = BodyKind(self.kind).label
            where = (
                "at the top of the structure"
                if parent is None
                else f"under a {parent.get_kind_display()}"
            )
            errors["parent"] = [
                ValidationError(
                    "A %(kind)s cannot sit %(where)s. It must be accountable to %(allowed)s.",
                    code="kind_not_allowed",
                    params={
                        "kind": label,
                        "where": where,
                        "allowed": allowed_parents_text(self.kind),
                    },
                )
            ]
        if self.pk is not None:
            bad_children = [
                child.name
                for child in type(self)._tree_manager.filter(parent_id=self.pk).only("name", "kind")
                if self.kind not in ALLOWED_PARENT_KINDS[child.kind]
            ]
            if bad_children:
                errors["kind"] = [
                    ValidationError(
                        "A %(kind)s cannot have %(children)s accountable to it; move them first.",
                        code="children_kind_not_allowed",
                        params={
                            "kind": BodyKind(self.kind).label,
                            "children": ", ".join(bad_children),
                        },
                    )
                ]
        return errors


class RelationKind(models.TextChoices):
    """The relations between bodies the agreement and the cabinet report name, besides
    the tree's own "accountable to" (the parent)."""

    COMMISSIONED_BY = "commissioned_by", "Commissioned by"
    REPORTS_TO = "reports_to", "Reports to"
    TAKES_GUIDANCE_FROM = "takes_guidance_from", "Takes guidance from"
    WORKS_WITH = "works_with", "Works with"


@dataclass(frozen=True)
class RelationRule:
    """What a kind of relation means, and which kinds of body may hold it."""

    #: The kinds of body that may be ``from_body`` and ``to_body``.
    from_kinds: frozenset[str]
    to_kinds: frozenset[str]
    #: Reports (exception reports, annual reports, referrals) go along it.
    carries_reports: bool = False
    #: The "from" body takes guidance from the "to" body.
    carries_guidance: bool = False
    #: The "to" body commissions the "from" body's work.
    carries_commissioning: bool = False
    #: Said of both bodies alike (works with): listed once, drawn without an arrow.
    is_mutual: bool = False


ALL_KINDS = frozenset(BodyKind.values)
BOARDS = frozenset({K.LEADERS_BOARD, K.THEMATIC_BOARD, K.AREA_BOARD})

#: Sources: the Executive (Leaders) Board "will take guidance from" the Assembly and
#: reports to it yearly (agreement 2 and 5.5); thematic boards are "commissioned by"
#: the Leaders Board (cabinet report 5.6.2) and the thematic groups report "to the
#: Executive Board and the Assembly" (agreement, Thematic Groups); thematic boards
#: and Area Boards work with each other (5.6.2) and Area Boards reflect local needs
#: into the thematic partnerships (5.6.3).
RELATION_RULES: dict[str, RelationRule] = {
    RelationKind.COMMISSIONED_BY: RelationRule(
        from_kinds=ALL_KINDS - {K.LEADERS_BOARD, K.ASSEMBLY},
        to_kinds=BOARDS | {K.THEMATIC_GROUP},
        carries_commissioning=True,
    ),
    RelationKind.REPORTS_TO: RelationRule(
        from_kinds=ALL_KINDS - {K.ASSEMBLY},
        to_kinds=BOARDS | {K.ASSEMBLY, K.THEMATIC_GROUP, K.AREA_ASSEMBLY},
        carries_reports=True,
    ),
    RelationKind.TAKES_GUIDANCE_FROM: RelationRule(
        from_kinds=ALL_KINDS - {K.ASSEMBLY},
        to_kinds=frozenset({K.ASSEMBLY, K.AREA_ASSEMBLY, K.LEADERS_BOARD, K.THEMATIC_BOARD}),
        carries_guidance=True,
    ),
    RelationKind.WORKS_WITH: RelationRule(
        from_kinds=ALL_KINDS - {K.ASSEMBLY, K.AREA_ASSEMBLY},
        to_kinds=ALL_KINDS - {K.ASSEMBLY, K.AREA_ASSEMBLY},
        is_mutual=True,
    ),
}


def _a(label: str) -> str:
    """ "an Assembly", "a Leaders Board"."""
    return f"{'an' if label[:1] in 'AEIOU' else 'a'} {label}"


def _kinds_text(kinds: frozenset[str]) -> str:
    """The kinds' labels in ``BodyKind``'s order, for a message."""
    return ", ".join(label for value, label in BodyKind.choices if value in kinds)


class AccountabilityLink(models.Model):
    """A typed relation between two bodies besides the tree's "accountable to": commissioned
    by, reports to, takes guidance from, works with (``RELATION_RULES``). Horizontal
    accountability (agreement 3.1e and 3.3f): thematic boards "speak to the other
    partnerships and especially the Area Boards" (cabinet report 5.6.2). Never a
    second parent."""

    # PROTECT: a body with links is not deleted from under them (end it instead).
    from_body = TreeForeignKey(Body, on_delete=models.PROTECT, related_name="links_out")
    to_body = TreeForeignKey(Body, on_delete=models.PROTECT, related_name="links_in")
    kind = models.CharField(
        "relation",
        max_length=30,
        choices=RelationKind.choices,
        default=RelationKind.WORKS_WITH,
    )
    description = models.CharField(
        max_length=200,
        blank=True,
        help_text='Optional: for example "consults on local priorities".',
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "relation between bodies"
        verbose_name_plural = "relations between bodies"
        ordering = ["from_body__name", "kind", "to_body__name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(from_body=models.F("to_body")),
                name="link_not_to_itself",
                violation_error_message="A body cannot be linked to itself.",
            ),
            models.UniqueConstraint(
                fields=["from_body", "to_body", "kind"],
                name="link_once_per_kind",
                violation_error_message="These two bodies already have this relation.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_body} {self.get_kind_display().lower()} {self.to_body}"

    @property
    def rule(self) -> RelationRule:
        return RELATION_RULES[self.kind]

    def clean(self) -> None:
        if not (self.kind and self.from_body_id and self.to_body_id):
            return
        rule = RELATION_RULES[self.kind]
        label = RelationKind(self.kind).label.lower()
        errors: dict[str, ValidationError] = {}
        if self.from_body.kind not in rule.from_kinds:
            errors["from_body"] = ValidationError(
                "%(body)s is %(kind)s, which cannot hold the relation “%(relation)s”. "
                "The bodies that can: %(allowed)s.",
                code="relation_from_kind",
                params={
                    "body": self.from_body.name,
                    "kind": _a(self.from_body.get_kind_display()),
                    "relation": label,
                    "allowed": _kinds_text(rule.from_kinds),
                },
            )
        if self.to_body.kind not in rule.to_kinds:
            errors["to_body"] = ValidationError(
                "%(body)s is %(kind)s, and the relation “%(relation)s” cannot point to one. "
                "It can point to: %(allowed)s.",
                code="relation_to_kind",
                params={
                    "body": self.to_body.name,
                    "kind": _a(self.to_body.get_kind_display()),
                    "relation": label,
                    "allowed": _kinds_text(rule.to_kinds),
                },
            )
        redundant = {RelationKind.COMMISSIONED_BY, RelationKind.REPORTS_TO}
        if not errors and self.kind in redundant and self.to_body_id == self.from_body.parent_id:
            # The tree already says it: a body reports to and is commissioned by the
            # body it is accountable to.
            errors["to_body"] = ValidationError(
                "%(from)s is accountable to %(to)s, which already says it %(relation)s it: "
                "no relation is needed.",
                code="relation_is_parent",
                params={"to": self.to_body.name, "from": self.from_body.name, "relation": label},
            )
        if not errors and rule.is_mutual and self._reverse_exists():
            # Said of both alike: B works with A is the same relation as A works with B.
            errors["to_body"] = ValidationError(
                "%(to)s already %(relation)s %(from)s: the relation is said of both, so "
                "it is recorded once.",
                code="relation_mutual_twice",
                params={"to": self.to_body.name, "from": self.from_body.name, "relation": label},
            )
        if errors:
            raise ValidationError(errors)

    def _reverse_exists(self) -> bool:
        reverse = type(self).objects.filter(
            from_body_id=self.to_body_id, to_body_id=self.from_body_id, kind=self.kind
        )
        return reverse.exclude(pk=self.pk).exists()


class Ward(models.Model):
    """An electoral ward of the council's area (cabinet report 6, "wards affected"),
    within one Area Board's area. Bodies, meetings, plans and grants name the wards
    they affect, so residents can find what touches their own."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    code = models.CharField(
        "statistical code",
        max_length=12,
        blank=True,
        help_text="The Office for National Statistics ward code, for example E05008617.",
    )
    area_board = TreeForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="area_wards",
        limit_choices_to={"kind": BodyKind.AREA_BOARD},
        help_text="The Area Board whose area the ward is in.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.area_board_id and self.area_board.kind != BodyKind.AREA_BOARD:
            raise ValidationError(
                {"area_board": ValidationError("Choose an Area Board.", code="not_area_board")}
            )
