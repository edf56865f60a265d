"""The coordinator edits the legal pages and emergency numbers in the admin.

German text and each language's translation on one form (inlines); every
save or deletion is one change set of the audit log, translations included,
and empties the cached emergency numbers.
"""

from __future__ import annotations

import copy

from django.contrib import admin
from django.http import HttpRequest

from core import audit
from core.admin import TranslatedAdmin, TranslationInline
from core.sitecontent.models import (
    EmergencyNumber,
    EmergencyNumberTranslation,
    SitePage,
    SitePageTranslation,
)
from core.sitecontent.selectors import emergency_numbers_forget
from core.translation import Translation


class SiteContentAdmin(TranslatedAdmin):
    """Records translation rows in the object's change set; forgets the cache."""

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        before = getattr(form, "audit_before", None)
        action = self._action(form.instance, "change" if before is not None else "add")
        # Opened here, so the translations saved below and the object itself
        # (recorded by CoordinatorAdmin.save_related) are one change set.
        with audit.change_set(by=request.user, action=action, subject=form.instance):
            super().save_related(request, form, formsets, change)
        emergency_numbers_forget()

    def save_formset(self, request: HttpRequest, form, formset, change: bool) -> None:
        cs = audit.current()
        if cs is None or not issubclass(formset.model, Translation):
            super().save_formset(request, form, formset, change)
            return
        root = form.instance
        ids = [f.instance.pk for f in formset.initial_forms if f.instance.pk]
        stored = {row.pk: row for row in formset.model.objects.filter(pk__in=ids)}
        befores = {pk: audit.snapshot(row) for pk, row in stored.items()}
        gone = {f.instance.pk for f in formset.deleted_forms if f.instance.pk}
        for pk in gone:
            cs.deleted(copy.copy(stored[pk]), root=root)
        super().save_formset(request, form, formset, change)
        for row_form in formset.forms:
            row = row_form.instance
            if row.pk is None or row.pk in gone:
                continue
            if row.pk in befores:
                cs.changed(row, befores[row.pk], root=root)
            elif row_form.has_changed():
                cs.created(row, root=root)

    def delete_model(self, request: HttpRequest, obj) -> None:
        super().delete_model(request, obj)
        emergency_numbers_forget()

    def delete_queryset(self, request: HttpRequest, queryset) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


class SitePageTranslationInline(TranslationInline):
    model = SitePageTranslation


@admin.register(SitePage)
class SitePageAdmin(SiteContentAdmin):
    list_display = ["kind", "title", "updated_at", "translation_summary"]
    inlines = [SitePageTranslationInline]


class EmergencyNumberTranslationInline(TranslationInline):
    model = EmergencyNumberTranslation


@admin.register(EmergencyNumber)
class EmergencyNumberAdmin(SiteContentAdmin):
    list_display = ["label", "number", "position", "active", "translation_summary"]
    list_filter = ["active"]
    inlines = [EmergencyNumberTranslationInline]
