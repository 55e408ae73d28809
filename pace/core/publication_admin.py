"""The admin's "Publish a correction" page, for any record with published versions.

An admin class mixes in ``CorrectionAdmin``, names its document (``correction_label``)
and implements ``publish_correction(obj, correction, by)`` with its own service and
``published_versions_of(obj)``. The page lists the versions, asks what the correction
changes, and publishes the record as it now stands as the next version.
"""

from django import forms
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html


class CorrectionForm(forms.Form):
    correction = forms.CharField(
        label="What does this correction change?",
        help_text="Published with the new version, beside the earlier ones.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class CorrectionAdmin:
    #: What is corrected, in words: "report", "minutes".
    correction_label = "record"

    def publish_correction(self, obj, correction: str, by):
        raise NotImplementedError

    def published_versions_of(self, obj) -> list:
        raise NotImplementedError

    def _correct_url_name(self) -> str:
        return f"{self.opts.app_label}_{self.opts.model_name}_correct"

    def get_urls(self):
        correct = path(
            "<path:object_id>/correct/",
            self.admin_site.admin_view(self.correct_view),
            name=self._correct_url_name(),
        )
        return [correct, *super().get_urls()]

    def correction_link(self, obj) -> str:
        """A sentence for the change form, linking to the correction page."""
        return format_html(
            "The public see the {} as published: changes made here reach them only "
            'when you <a href="{}">publish a correction</a>.',
            self.correction_label,
            reverse(f"admin:{self._correct_url_name()}", args=[obj.pk]),
        )

    def correct_view(self, request, object_id):
        """Template: admin/publish_correction.html."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404("Nothing to correct")
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        form = CorrectionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                version = self.publish_correction(
                    obj, form.cleaned_data["correction"], request.user
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(
                    request,
                    f"Version {version.number} of the {self.correction_label} is published.",
                )
                return redirect(
                    f"admin:{self.opts.app_label}_{self.opts.model_name}_change", obj.pk
                )
        return TemplateResponse(
            request,
            "admin/publish_correction.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": obj,
                "form": form,
                "versions": self.published_versions_of(obj),
                "what": self.correction_label,
                "title": f"Publish a correction of the {self.correction_label}: {obj}",
            },
        )
