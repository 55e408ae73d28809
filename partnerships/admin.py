"""The officers' admin for the partnership structure. Every write that has rules
beyond one row (the tree, memberships and the permissions that follow them) goes
through ``partnerships.services``."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from mptt.admin import DraggableMPTTAdmin

from pace.core.history_admin import HiddenHistoryAdmin, HistoryAdmin
from pace.core.publication_admin import CorrectionAdmin

from . import services
from .assemblies import area_assemblies_check
from .models import (
    AccountabilityLink,
    AgendaItem,
    Attendance,
    Body,
    Declaration,
    Meeting,
    Membership,
    Organisation,
    Paper,
    Person,
    RegisteredInterest,
    Ward,
)
from .models.meetings import DESCRIPTION_REQUIRED, INTEREST_TYPE_REQUIRED


def _through_services(formset, *, save, delete) -> None:
    """An inline's rows written through their services, as every other door does."""
    for row in formset.save(commit=False):
        save(row)
    for row in formset.deleted_objects:
        delete(row)
    formset.save_m2m()


class MembershipInlineFormSet(forms.BaseInlineFormSet):
    """The body's rules (``Membership.body_rule_errors``) across all the rows sent
    together, as each row's own validation sees only what is already stored: each
    row is checked beside the stored memberships and the rows above it, so the row
    that breaks a rule (the eleventh member, the second chair) says so."""

    def clean(self) -> None:
        super().clean()
        body = self.instance
        if body.pk is None or any(form.errors for form in self.forms):
            return
        kept = [
            form
            for form in self.forms
            if (form.has_changed() or form.instance.pk)
            and not self._should_delete_form(form)
            and form.instance.starts_on
        ]
        in_form = {form.instance.pk for form in self.forms if form.instance.pk}
        others = list(
            Membership.objects.filter(body=body)
            .exclude(pk__in=in_form)
            .values_list("role", "starts_on", "ends_on", "person__name")
        )
        for form in kept:
            membership = form.instance
            for field, error in membership.body_rule_errors(others).items():
                form.add_error(field if field in form.fields else None, error)
            name = membership.person.name if membership.person_id else ""
            others.append((membership.role, membership.starts_on, membership.ends_on, name))


class MembershipInline(admin.TabularInline):
    model = Membership
    formset = MembershipInlineFormSet
    extra = 1
    autocomplete_fields = ["person", "organisation"]
    fields = ["person", "role", "organisation", "starts_on", "ends_on"]


class LinkInlineFormSet(forms.BaseInlineFormSet):
    """A relation's rules read the body that holds it (its kind, its parent), so a
    body not yet saved records none: the message says so rather than the rules being
    skipped."""

    def clean(self) -> None:
        super().clean()
        for form in self.forms:
            # The holding body is this page's, a hidden field whose errors the row
            # would not show: said on the row instead.
            refused = form.errors.pop("from_body", None)
            if refused:
                form.add_error(None, list(refused))
        if self.instance.pk is not None:
            return
        if any(form.has_changed() and not self._should_delete_form(form) for form in self.forms):
            raise ValidationError(
                "Save the body first, then record its relations with other bodies.",
                code="relation_on_new_body",
            )


class LinkInline(admin.TabularInline):
    """The relations the body holds (it reports to, takes guidance from ... the body
    chosen); those other bodies hold towards it are on their pages and on the
    relations' own list. Saved through ``services.relation_save``."""

    model = AccountabilityLink
    formset = LinkInlineFormSet
    fk_name = "from_body"
    extra = 0
    autocomplete_fields = ["to_body"]
    fields = ["kind", "to_body", "description"]
    verbose_name = "relation with another body"
    verbose_name_plural = "relations with other bodies (this body …)"


@admin.register(Body)
class BodyAdmin(HistoryAdmin, DraggableMPTTAdmin):
    list_display = ["tree_actions", "indented_title", "kind", "starts_on", "ends_on"]
    list_display_links = ["indented_title"]
    list_filter = ["kind", "is_illustrative"]
    search_fields = ["name", "area_name", "remit"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    filter_horizontal = ["wards"]
    inlines = [MembershipInline, LinkInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "parent", "area_name", "remit", "quorum"]}),
        ("Wards", {"fields": ["wards"]}),
        ("Dates", {"fields": ["starts_on", "ends_on"]}),
        (
            "Who to contact",
            {"fields": ["contact_name", "contact_email", "contact_telephone", "contact_address"]},
        ),
        ("Example data", {"fields": ["is_illustrative"], "classes": ["collapse"]}),
    ]

    def save_model(self, request, obj, form, change) -> None:
        services.body_save(body=obj)

    def delete_model(self, request, obj) -> None:
        services.body_delete(body=obj)

    def deletion_order(self, objs: list) -> list:
        return sorted(objs, key=lambda b: -b.level)

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model is AccountabilityLink:
            return _through_services(
                formset,
                save=lambda r: services.relation_save(relation=r),
                delete=lambda r: services.relation_delete(relation=r),
            )
        if formset.model is not Membership:
            return super().save_formset(request, form, formset, change)
        _through_services(
            formset,
            save=lambda m: services.membership_save(membership=m),
            delete=lambda m: services.membership_delete(membership=m),
        )

    def _move_node(self, request):
        """Drag-and-drop: the same locked, validated move as everywhere else."""
        queryset = self.get_queryset(request)
        try:
            body = queryset.get(pk=request.POST.get("cut_item"))
            target = queryset.get(pk=request.POST.get("pasted_on"))
        except (Body.DoesNotExist, TypeError, ValueError):
            self.message_user(request, "Those bodies no longer exist.", level=messages.ERROR)
            return HttpResponse("FAIL, invalid objects.")
        if not self.has_change_permission(request, body):
            self.message_user(request, "No permission.", level=messages.ERROR)
            return HttpResponse("FAIL, no permission.")
        try:
            services.body_move(body=body, target=target, position=request.POST.get("position"))
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), level=messages.ERROR)
            return HttpResponse("FAIL, invalid move.")
        self.log_change(request, body, [{"changed": {"fields": ["parent"]}}])
        self.message_user(request, f"{body} has been moved.")
        return HttpResponse("OK, moved.")


@admin.register(Organisation)
class OrganisationAdmin(HistoryAdmin):
    list_display = ["name", "sector", "is_council"]
    list_filter = ["sector", "is_council"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class RegisteredInterestInline(admin.TabularInline):
    """The person's standing register of interests (public, like declarations)."""

    model = RegisteredInterest
    extra = 0
    autocomplete_fields = ["organisation"]
    fields = ["interest_type", "organisation", "description", "registered_on", "ended_on"]


@admin.register(Person)
class PersonAdmin(HistoryAdmin):
    inlines = [RegisteredInterestInline]
    list_display = ["name", "public_title", "user", "is_illustrative"]
    list_filter = ["is_illustrative"]
    search_fields = ["name", "public_title", "email"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]

    def save_model(self, request, obj, form, change) -> None:
        services.person_save(person=obj)

    def save_formset(self, request, form, formset, change) -> None:
        _through_services(
            formset,
            save=lambda i: services.registered_interest_save(interest=i),
            delete=lambda i: services.registered_interest_delete(interest=i),
        )


@admin.register(Membership)
class MembershipAdmin(HistoryAdmin):
    list_display = ["person", "body", "role", "organisation", "starts_on", "ends_on"]
    list_filter = ["role", "body__kind"]
    search_fields = ["person__name", "body__name", "organisation__name"]
    autocomplete_fields = ["person", "body", "organisation"]
    date_hierarchy = "starts_on"
    list_select_related = ["person", "body", "organisation"]

    def save_model(self, request, obj, form, change) -> None:
        services.membership_save(membership=obj)

    def delete_model(self, request, obj) -> None:
        services.membership_delete(membership=obj)


@admin.register(AccountabilityLink)
class AccountabilityLinkAdmin(HistoryAdmin):
    """Typed relations between bodies (``RELATION_RULES``), written through
    ``services.relation_save``: a relation the rules refuse is a message on its field."""

    list_display = ["from_body", "kind", "to_body", "description"]
    list_filter = ["kind", "from_body__kind", "to_body__kind"]
    search_fields = ["from_body__name", "to_body__name", "description"]
    fields = ["from_body", "kind", "to_body", "description"]
    autocomplete_fields = ["from_body", "to_body"]
    list_select_related = ["from_body", "to_body"]

    def save_model(self, request, obj, form, change) -> None:
        services.relation_save(relation=obj)

    def delete_model(self, request, obj) -> None:
        services.relation_delete(relation=obj)

    def delete_queryset(self, request, queryset) -> None:
        for relation in queryset:
            services.relation_delete(relation=relation)


@admin.register(Ward)
class WardAdmin(HistoryAdmin):
    """The council's wards, each in one Area Board's area (cabinet report 6)."""

    list_display = ["name", "code", "area_board"]
    list_filter = [("area_board", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "code"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["area_board"]
    list_select_related = ["area_board"]


class AgendaItemForm(forms.ModelForm):
    """An agenda item: left without a number, it goes after the others."""

    class Meta:
        model = AgendaItem
        fields = ["position", "title", "is_confidential", "papers", "minutes"]
        labels = {"position": "Number"}
        help_texts = {
            "position": "Leave blank to put the item last. To reorder, change the numbers: "
            "two items may swap numbers in one save."
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].required = False
        if self.instance.pk is None:
            self.fields["position"].initial = None


#: Said on the form when two rows give one number.
REPEATED_NUMBER = (
    "Two items cannot have the same number on the agenda: give each its own number, or "
    "leave one blank to put it last."
)


class AgendaItemFormSet(forms.BaseInlineFormSet):
    def get_unique_error_message(self, unique_check) -> str:
        if "position" in unique_check:
            return REPEATED_NUMBER
        return super().get_unique_error_message(unique_check)


class AgendaItemInline(admin.StackedInline):
    model = AgendaItem
    form = AgendaItemForm
    formset = AgendaItemFormSet
    extra = 1
    # Its papers are uploaded on its own page ("Change").
    show_change_link = True
    fields = ["position", "title", "is_confidential", "papers", "minutes"]


class DeclarationForm(forms.ModelForm):
    class Meta:
        model = Declaration
        fields = ["person", "interest_type", "organisation", "agenda_item", "description"]
        error_messages = {
            "interest_type": {"required": INTEREST_TYPE_REQUIRED},
            "description": {"required": DESCRIPTION_REQUIRED},
        }


class DeclarationInline(admin.TabularInline):
    model = Declaration
    form = DeclarationForm
    extra = 0
    autocomplete_fields = ["person", "organisation"]
    fields = ["person", "interest_type", "organisation", "agenda_item", "description"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "agenda_item":
            meeting_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = AgendaItem.objects.filter(meeting_id=meeting_id or 0)
            kwargs["help_text"] = CONFIDENTIAL_ITEM_DECLARATION
            field = super().formfield_for_foreignkey(db_field, request, **kwargs)
            field.label_from_instance = _item_choice
            return field
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


#: Said beside the choice of item: a declaration is published in the register even
#: when the item it is on is confidential (only the item's title is withheld).
CONFIDENTIAL_ITEM_DECLARATION = (
    "Only this meeting's items are listed. A declaration is published in the register "
    "of declarations even on a confidential item: the public see that the person "
    "declared an interest on the item’s number, shown as “Confidential item”, with the "
    "interest described here."
)


def _item_choice(item: AgendaItem) -> str:
    label = f"{item.position}. {item.title}"
    if item.is_confidential:
        return f"{label} (confidential: the declaration is still public)"
    return label


class AttendanceInline(admin.TabularInline):
    """Who came: the body's members on the day, and invitees (ticked as such)."""

    model = Attendance
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["person", "status", "is_invitee", "invited_as"]


@admin.register(Meeting)
class MeetingAdmin(CorrectionAdmin, HistoryAdmin):
    list_display = ["title", "body", "kind", "starts_at", "status", "is_public"]
    list_filter = ["kind", "status", "is_public", "body__kind"]
    search_fields = ["title", "body__name"]
    autocomplete_fields = ["body", "wards"]
    date_hierarchy = "starts_at"
    list_select_related = ["body"]
    inlines = [AgendaItemInline, AttendanceInline, DeclarationInline]
    change_list_template = "admin/partnerships/meeting/change_list.html"
    readonly_fields = ["approved_minutes", "agenda_published_at"]
    correction_label = "minutes"
    actions = ["publish_agenda"]

    @admin.action(description="Publish the agenda: send it to members and subscribers")
    def publish_agenda(self, request, queryset) -> None:
        if not self.has_change_permission(request):
            raise PermissionDenied
        sent = already = 0
        for meeting in queryset:
            if meeting.agenda_published_at is not None:
                already += 1
                continue
            services.meeting_agenda_publish(meeting=meeting, by=request.user)
            sent += 1
        self.message_user(
            request,
            f"{sent} agenda{'s' if sent != 1 else ''} published and being sent"
            + (
                f"; {already} had been published already, and were not sent again."
                if already
                else "."
            ),
            messages.SUCCESS,
        )

    def publish_correction(self, obj, correction: str, by):
        return services.meeting_minutes_correct(meeting=obj, correction=correction, by=by)

    def published_versions_of(self, obj) -> list:
        return services.minutes_versions(obj)

    @admin.display(description="approved minutes")
    def approved_minutes(self, meeting: Meeting) -> str:
        if meeting.pk is None or not services.minutes_versions(meeting):
            return "Not approved yet: tick “minutes published” to approve and publish them."
        return self.correction_link(meeting)

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model is AgendaItem:
            services.agenda_items_save(
                meeting=form.instance,
                items=formset.save(commit=False),
                deleted=formset.deleted_objects,
            )
            return formset.save_m2m()
        if formset.model is not Attendance:
            return super().save_formset(request, form, formset, change)
        _through_services(
            formset,
            save=lambda a: services.attendance_save(attendance=a),
            delete=lambda a: services.attendance_delete(attendance=a),
        )

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        meeting = form.instance
        # Approved on this form: kept as they stand once the agenda items are saved too.
        if meeting.minutes_published and not services.minutes_versions(meeting):
            services.meeting_minutes_approve(meeting=meeting, by=request.user)
        # Items or the meeting changed after the agenda went out: the packs follow.
        services.agenda_packs_refresh(meeting=meeting)

    def get_urls(self):
        check = self.admin_site.admin_view(self.area_assemblies_view)
        return [
            path("area-assemblies/", check, name="partnerships_meeting_area_assemblies")
        ] + super().get_urls()

    def area_assemblies_view(self, request):
        """The same Area Assemblies check as the officers' page, inside the admin."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            year = int(request.GET.get("year", ""))
            if not 2000 <= year <= 2100:
                raise ValueError
        except ValueError:
            year = timezone.localdate().year
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Area Assemblies in {year}",
            "year": year,
            "rows": area_assemblies_check(year=year),
        }
        return TemplateResponse(request, "admin/partnerships/meeting/area_assemblies.html", context)


@admin.register(Declaration)
class DeclarationAdmin(HistoryAdmin):
    form = DeclarationForm
    # The shared form leaves out the meeting (the inline's parent); on its own page
    # a declaration must say which meeting it was made at.
    fields = ["meeting", "person", "interest_type", "organisation", "agenda_item", "description"]
    list_display = ["person", "interest_type", "meeting"]
    list_filter = ["interest_type"]
    search_fields = ["person__name", "description", "meeting__title"]
    autocomplete_fields = ["person", "meeting", "organisation"]
    list_select_related = ["person", "meeting"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        """The items of the declaration's own meeting (on adding, of the meeting in
        ``?meeting=``, else every item, named with its meeting); the model's rule
        refuses an item of another meeting."""
        if db_field.name != "agenda_item":
            return super().formfield_for_foreignkey(db_field, request, **kwargs)
        object_id = request.resolver_match.kwargs.get("object_id")
        meeting_id = (
            Declaration.objects.filter(pk=object_id).values_list("meeting_id", flat=True).first()
            if object_id
            else request.GET.get("meeting", "")
        )
        items = AgendaItem.objects.select_related("meeting")
        if str(meeting_id).isdigit():
            kwargs["queryset"] = items.filter(meeting_id=meeting_id)
            label = _item_choice
        else:
            kwargs["queryset"] = items.order_by("-meeting__starts_at", "position")
            label = lambda item: f"{item.meeting.title}: {_item_choice(item)}"  # noqa: E731
        kwargs["help_text"] = CONFIDENTIAL_ITEM_DECLARATION.replace(
            "Only this meeting's items are listed. ", ""
        )
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        field.label_from_instance = label
        return field


#: A link typed without a scheme is taken as https (Django 6's default).
HTTPS_LINKS = {models.URLField: {"assume_scheme": "https"}}


def _https_links(field, **kwargs):
    if isinstance(field, models.URLField):
        kwargs = {**HTTPS_LINKS[models.URLField], **kwargs}
    return field.formfield(**kwargs)


class PaperForm(forms.ModelForm):
    """A paper: an upload, checked for what it is as it is sent (a refused file is
    named on the form and nothing is stored), or a link."""

    class Meta:
        model = Paper
        fields = ["agenda_item", "position", "title", "file", "url"]
        formfield_callback = _https_links

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data and hasattr(upload, "chunks"):
            services.paper_upload_check(upload)
        return upload


class PaperInline(admin.TabularInline):
    model = Paper
    form = PaperForm
    extra = 1
    fields = ["position", "title", "file", "url", "type_label", "size", "pages"]
    readonly_fields = ["type_label", "size", "pages"]
    formfield_overrides = HTTPS_LINKS


@admin.register(Paper)
class PaperAdmin(HiddenHistoryAdmin):
    """Edited on its agenda item's page; registered for its history and restore,
    which save through the same service."""

    form = PaperForm
    list_display = ["title", "agenda_item", "type_label", "size", "pages"]
    list_select_related = ["agenda_item"]
    search_fields = ["title", "agenda_item__title", "agenda_item__meeting__title"]
    autocomplete_fields = ["agenda_item"]
    readonly_fields = ["content_type", "size", "pages", "sha256", "added_at"]
    formfield_overrides = HTTPS_LINKS

    def save_model(self, request, obj, form, change) -> None:
        services.paper_save(paper=obj)

    def delete_model(self, request, obj) -> None:
        services.paper_delete(paper=obj)

    def delete_queryset(self, request, queryset) -> None:
        for paper in queryset:
            services.paper_delete(paper=paper)


@admin.register(AgendaItem)
class AgendaItemAdmin(HiddenHistoryAdmin):
    """Edited on its meeting's page; registered for its history and restore, and
    for its papers, uploaded here (through ``services.paper_save``)."""

    list_display = ["title", "meeting", "position", "is_confidential"]
    fields = ["meeting", "position", "title", "is_confidential", "papers", "minutes"]
    autocomplete_fields = ["meeting"]
    search_fields = ["title", "meeting__title"]
    inlines = [PaperInline]

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model is not Paper:
            return super().save_formset(request, form, formset, change)
        _through_services(
            formset,
            save=lambda p: services.paper_save(paper=p),
            delete=lambda p: services.paper_delete(paper=p),
        )

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        services.agenda_packs_refresh(meeting=form.instance.meeting)


# Their own modules: residents' questions, and the terms of reference.
from . import question_admin, terms_admin  # noqa: E402, F401
