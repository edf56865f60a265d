"""Admin pieces for translated content, shared by every domain's admin."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.permissions import is_coordinator
from core import audit
from core.enums import TranslationStatus
from core.languages import target_language_codes
from core.mail import mail_retry
from core.models import Change, ChangeSet, DemoDataset, OutgoingMail
from core.translation import TranslatableModel, Translation, source_changes_record

STATUS_MARKS = {
    TranslationStatus.CURRENT: "✓",
    TranslationStatus.OUTDATED: "!",
    TranslationStatus.MISSING: "–",
}


class CoordinatorOnly:
    """Admin permissions for coordinators and superusers; nobody else."""

    def _allowed(self, request: HttpRequest) -> bool:
        return request.user.is_superuser or is_coordinator(request.user)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._allowed(request)

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._allowed(request)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._allowed(request)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._allowed(request)


class CoordinatorAdmin(CoordinatorOnly, admin.ModelAdmin):
    # Web addresses typed without a scheme are taken as https (Django 6 default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    # Saves and deletions in the admin are change sets of the audit log, like
    # the services' writes. The values before are kept on the request's form.

    def _action(self, obj: models.Model, verb: str) -> str:
        return f"{obj._meta.app_label}.{obj._meta.model_name}.admin-{verb}"

    def save_model(self, request: HttpRequest, obj, form, change: bool) -> None:
        stored = type(obj)._default_manager.filter(pk=obj.pk).first() if change else None
        form.audit_before = audit.snapshot(stored) if stored is not None else None
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        obj, before = form.instance, getattr(form, "audit_before", None)
        action = self._action(obj, "change" if before is not None else "add")
        with audit.change_set(by=request.user, action=action, subject=obj) as cs:
            if before is None:
                cs.created(obj)
            else:
                cs.changed(obj, before)

    def delete_model(self, request: HttpRequest, obj) -> None:
        with audit.change_set(
            by=request.user, action=self._action(obj, "delete"), subject=obj
        ) as cs:
            cs.deleted(obj)
            super().delete_model(request, obj)


class CoordinatorInline(CoordinatorOnly):
    """Mix into an inline class so it follows the same rule."""


class TranslationForm(forms.ModelForm):
    language = forms.ChoiceField(
        label=_("language"), choices=lambda: [(code, code) for code in target_language_codes()]
    )


class TranslationInline(CoordinatorInline, admin.StackedInline):
    """Edit translations beside the German text; shows each row's status."""

    form = TranslationForm
    extra = 0
    readonly_fields = ["status_display"]

    @admin.display(description=_("status"))
    def status_display(self, obj: Translation) -> str:
        if obj.pk is None:
            return "—"
        return obj.status().label


class TranslatedAdmin(CoordinatorAdmin):
    """Admin for a translatable model: notes the day the German text changed and
    which German text the translations saved here were made from."""

    def save_model(self, request: HttpRequest, obj, form, change: bool) -> None:
        if change:
            stored = type(obj)._default_manager.filter(pk=obj.pk).first()
            source_changes_record(obj, stored.german_texts() if stored else None)
        super().save_model(request, obj, form, change)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).prefetch_related("translations")

    def save_formset(self, request, form, formset, change) -> None:
        if not issubclass(formset.model, Translation):
            super().save_formset(request, form, formset, change)
            return
        formset.save(commit=False)
        for row in formset.deleted_objects:
            row.delete()
        # The fields saved now were translated from the German text as it is now.
        source = form.instance
        written = [(row, source.translated_fields) for row in formset.new_objects]
        written += formset.changed_objects
        for row, fields in written:
            row.remember_source(source, [f for f in fields if f in source.translated_fields])
            row.save()
        formset.save_m2m()

    @admin.display(description=_("translations"))
    def translation_summary(self, obj: TranslatableModel) -> str:
        return " ".join(
            f"{code}{STATUS_MARKS[status]}" for code, status in obj.translation_statuses().items()
        )


@admin.register(DemoDataset)
class DemoDatasetAdmin(CoordinatorAdmin):
    list_display = ["loaded_at", "digest"]
    readonly_fields = ["loaded_at", "digest"]

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(OutgoingMail)
class OutgoingMailAdmin(CoordinatorAdmin):
    """The outbox: coordinators see what is waiting or failed and can send it again."""

    list_display = ["created_at", "purpose", "to", "status", "attempts", "last_error", "sent_at"]
    list_filter = ["status", "purpose"]
    search_fields = ["to", "subject"]
    readonly_fields = [field.name for field in OutgoingMail._meta.fields]
    actions = ["send_again"]

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    @admin.action(description=_("Send the selected e-mails again"))
    def send_again(self, request: HttpRequest, queryset) -> None:
        failed = list(queryset.filter(status=OutgoingMail.Status.FAILED))
        for mail in failed:
            mail_retry(mail)
        self.message_user(
            request,
            ngettext(
                "%(count)d e-mail will be sent again.",
                "%(count)d e-mails will be sent again.",
                len(failed),
            )
            % {"count": len(failed)},
        )


class ReadOnly:
    """Coordinators and superusers read; nobody adds, changes or deletes."""

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class ChangeInline(ReadOnly, CoordinatorInline, admin.TabularInline):
    model = Change
    extra = 0
    fields = ["content_type", "object_id", "label", "operation", "fields", "root_type", "root_id"]
    readonly_fields = fields


@admin.register(ChangeSet)
class ChangeSetAdmin(ReadOnly, CoordinatorAdmin):
    """The audit (``core.audit``): who changed what, when, in every app; read only."""

    list_display = ["created_at", "action", "actor", "subject_type", "subject_id"]
    list_filter = ["action"]
    list_select_related = ["actor", "subject_type"]
    search_fields = ["action", "subject_id"]
    date_hierarchy = "created_at"
    fields = ["id", "created_at", "actor", "action", "reasons", "subject_type", "subject_id"]
    readonly_fields = fields
    inlines = [ChangeInline]


# The legal pages and emergency numbers (core.sitecontent) register their own admins.
from core.sitecontent import admin as _sitecontent_admin  # noqa: E402, F401
