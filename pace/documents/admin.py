from django.contrib import admin, messages
from django.utils.html import format_html

from .models import StoredDocument
from .registry import documents
from .services import document_build_queue


@admin.register(StoredDocument)
class StoredDocumentAdmin(admin.ModelAdmin):
    """What the worker last built of each open-data document, and a way to have it
    built again now (say, after a change made straight in the database)."""

    list_display = ("name", "address", "built_at", "size", "compressed_size", "build_seconds")
    actions = ("build_again",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="Address")
    def address(self, obj: StoredDocument):
        document = documents.get(obj.name)
        if document is None:
            return "(no longer published)"
        return format_html('<a href="{}">{}</a>', document.path, document.path)

    @admin.action(description="Build the selected documents again now")
    def build_again(self, request, queryset) -> None:
        names = [stored.name for stored in queryset if stored.name in documents]
        for name in names:
            document_build_queue(name)
        self.message_user(request, f"Queued for the worker: {', '.join(names)}.", messages.SUCCESS)
