"""Audit history in the officers' admin, shared by every app's admin.

Each model officers or board members edit keeps its history with
django-simple-history: who changed what and when (the user comes from
``simple_history.middleware.HistoryRequestMiddleware``, so services called from a
request record it without being told). ``HistoryAdmin`` adds to a model's admin:

- the History page of a record, with what changed in each version, and "Revert"
  from any version; the revert saves through the admin's ``save_model``, so
  through the same service (``body_save``, ``award_save`` ...) as any other edit;
- the changes to the records edited inline on its page (agenda items on a
  meeting, say), listed under its own history;
- "Deleted records": records deleted since, each with its last version, from which
  it can be restored;
- a message instead of an error page when a delete is refused because other
  records depend on the record (``PROTECT``).

It goes first among an admin's bases: ``class BodyAdmin(HistoryAdmin,
DraggableMPTTAdmin, GuardedModelAdmin)`` keeps each base's own behaviour, as
``SimpleHistoryAdmin`` derives from ``ModelAdmin`` alone.
"""

from django.contrib import messages
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.forms.models import _get_foreign_key
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from simple_history.admin import SimpleHistoryAdmin

#: How many deleted records the "Deleted records" page lists, newest first.
DELETED_RECORDS_SHOWN = 200
#: How many changes to inline records the History page lists.
CHILD_CHANGES_SHOWN = 100


def history_url(model, pk) -> str | None:
    """The admin History page of the record of ``model`` with ``pk``, if its
    admin keeps history."""
    opts = model._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[pk])
    except NoReverseMatch:
        return None


#: How much of a changed value the History page quotes.
QUOTED_CHARS = 120


def _quote(value) -> str:
    text = "" if value is None else str(value)
    return f"“{text[:QUOTED_CHARS]}{'…' if len(text) > QUOTED_CHARS else ''}”"


def _changes(record, records: list) -> list[str]:
    """What a "Changed" version of an inline record changed, against the version of
    the same record before it among ``records`` (newest first; no query): each field
    with its old and new value, the text quoted. Empty when that version is not
    among them."""
    if record.history_type != "~":
        return []
    pk_name = record.instance_type._meta.pk.attname
    older = next(
        (
            r
            for r in records[records.index(record) + 1 :]
            if getattr(r, pk_name) == getattr(record, pk_name)
        ),
        None,
    )
    if older is None:
        return []
    delta = record.diff_against(older)
    fields = {f.name: f for f in record.instance_type._meta.fields}

    def shown(name: str, value):
        # A choice as officers chose it ("Reports to"), not as it is stored.
        field = fields.get(name)
        return dict(field.flatchoices).get(value, value) if field and field.choices else value

    return [
        f"{fields[c.field].verbose_name if c.field in fields else c.field}: "
        f"{_quote(shown(c.field, c.old))} → {_quote(shown(c.field, c.new))}"
        for c in delta.changes
    ]


class HistoryAdmin(SimpleHistoryAdmin):
    object_history_template = "admin/history/object_history.html"

    def get_urls(self):
        deleted = self.admin_site.admin_view(self.deleted_records_view)
        return [path("deleted/", deleted, name=self._url_name("deleted"))] + super().get_urls()

    def _url_name(self, view: str) -> str:
        return f"{self.model._meta.app_label}_{self.model._meta.model_name}_{view}"

    def deleted_records_url(self) -> str:
        return reverse(f"admin:{self._url_name('deleted')}")

    def deleted_records_view(self, request):
        """Records deleted and not restored since, each with its last version."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        model = self.model
        pk_name = model._meta.pk.attname
        deletions = (
            model.history.filter(history_type="-")
            .exclude(**{f"{pk_name}__in": model._default_manager.values("pk")})
            .select_related("history_user")
            .order_by("-history_date", "-history_id")
        )
        seen, rows = set(), []
        for record in deletions[: DELETED_RECORDS_SHOWN * 2]:
            pk = getattr(record, pk_name)
            if pk not in seen and len(rows) < DELETED_RECORDS_SHOWN:
                seen.add(pk)
                rows.append((record, history_url(model, pk)))
        context = {
            **self.admin_site.each_context(request),
            "opts": model._meta,
            "title": f"Deleted {model._meta.verbose_name_plural}",
            "rows": rows,
            "can_restore": self.has_change_permission(request),
        }
        return TemplateResponse(request, "admin/history/deleted_records.html", context)

    def save_form(self, request, form, change):
        """A change form sent with nothing changed (sent twice, say) leaves no
        entry in the history; its inline rows are saved and recorded as usual."""
        obj = super().save_form(request, form, change)
        reverting = getattr(request, "_pace_reverting", False)
        if change and not reverting and not form.has_changed():
            obj.skip_history_when_saving = True
        return obj

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # The revert form starts from the old version, so it is "unchanged" when
        # sent as it is: that is the change to record.
        request._pace_reverting = True
        return super().history_form_view(request, object_id, version_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        try:
            self.model._meta.pk.to_python(unquote(object_id))
        except ValidationError as bad:
            raise Http404(f"No {self.model._meta.verbose_name} has the key {object_id!r}.") from bad
        extra_context = {**(extra_context or {}), "child_changes": self._child_changes(object_id)}
        return super().history_view(request, object_id, extra_context)

    def _child_changes(self, object_id) -> list[dict]:
        """The history of the records edited inline on this record's page."""
        sections = []
        for inline in self.inlines:
            child = inline.model
            if not hasattr(child, "history"):
                continue
            fk = _get_foreign_key(self.model, child, fk_name=getattr(inline, "fk_name", None))
            records = (
                child.history.filter(**{fk.attname: unquote(object_id)})
                .select_related("history_user")
                .order_by("-history_date", "-history_id")[:CHILD_CHANGES_SHOWN]
            )
            records = list(records)
            rows = [
                (r, history_url(child, getattr(r, child._meta.pk.attname)), _changes(r, records))
                for r in records
            ]
            if rows:
                sections.append({"name": child._meta.verbose_name_plural, "rows": rows})
        return sections

    def delete_view(self, request, object_id, extra_context=None):
        """A delete refused because other records depend on this one is a message on
        the record's page, not an error page (and nothing is deleted)."""
        try:
            return super().delete_view(request, object_id, extra_context)
        except (ValidationError, ProtectedError) as error:
            self._refused(request, error)
            change = reverse(f"admin:{self._url_name('change')}", args=[object_id])
            return HttpResponseRedirect(change)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            _, name, description = actions["delete_selected"]
            actions["delete_selected"] = (delete_selected, name, description)
        return actions

    def deletion_order(self, objs: list) -> list:
        """The order the bulk delete takes the records in (the tree: deepest first)."""
        return objs

    def delete_each(self, request, objs: list) -> list:
        """Delete ``objs`` record by record through ``delete_model`` (so through the
        app's service), each with its admin log entry in the same transaction:
        those that may be deleted are, the others are named in a message and keep
        their log clean. Returns those deleted."""
        deleted = []
        for obj in self.deletion_order(objs):
            try:
                with transaction.atomic():
                    self.log_deletions(request, [obj])
                    self.delete_model(request, obj)
            except (ValidationError, ProtectedError) as error:
                self._refused(request, error, obj=obj)
            else:
                deleted.append(obj)
        return deleted

    def delete_queryset(self, request, queryset) -> None:
        self.delete_each(request, list(queryset))

    def _refused(self, request, error, obj=None) -> None:
        subject = f"{obj} cannot be deleted" if obj is not None else "It cannot be deleted"
        if isinstance(error, ProtectedError):
            kinds = sorted({str(o._meta.verbose_name_plural) for o in error.protected_objects})
            text = f"{subject} while it has {', '.join(kinds)}."
        else:
            text = " ".join(error.messages)  # the services' messages name the record
        self.message_user(request, text, level=messages.ERROR)


def delete_selected(modeladmin: HistoryAdmin, request, queryset):
    """Django's "Delete selected" action, but honest about refusals: the records are
    deleted one by one (``HistoryAdmin.delete_each``), and the message counts only
    those that were. The confirmation page, and the refusal for want of permission
    or because of protected records, are Django's own."""
    if not request.POST.get("post"):
        return django_delete_selected(modeladmin, request, queryset)
    _, _, perms_needed, protected = modeladmin.get_deleted_objects(queryset, request)
    if perms_needed or protected:
        return django_delete_selected(modeladmin, request, queryset)
    objs = list(queryset)
    deleted = modeladmin.delete_each(request, objs)
    if deleted:
        opts = modeladmin.model._meta
        name = opts.verbose_name if len(deleted) == 1 else opts.verbose_name_plural
        left = len(objs) - len(deleted)
        text = f"Deleted {len(deleted)} {name}."
        if left:
            text += f" {left} could not be deleted (see above)."
        modeladmin.message_user(request, text, level=messages.SUCCESS)
    return None


class HiddenHistoryAdmin(HistoryAdmin):
    """For records edited inline on another record's page: not listed in the admin's
    index, but with their own History and restore pages, which the parent's History
    page links to."""

    def has_module_permission(self, request) -> bool:
        return False


__all__ = ["HiddenHistoryAdmin", "HistoryAdmin", "history_url"]
