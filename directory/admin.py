from collections.abc import Callable, Iterable
from typing import Any

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import CoordinatorAdmin, CoordinatorInline, TranslatedAdmin, TranslationInline
from directory.models import (
    Contact,
    ContactTranslation,
    District,
    Location,
    LocationTranslation,
    Offer,
    OfferLanguage,
    OfferLocation,
    OfferTranslation,
    OpeningHours,
    Organisation,
    OrganisationTranslation,
    TargetGroup,
    TargetGroupTranslation,
    Topic,
    TopicTranslation,
)
from directory.search.updates import (
    districts_changed,
    index_updates,
    locations_changed,
    offers_changed,
    organisations_changed,
    places_changed,
    target_groups_changed,
    topics_changed,
)


class IndexedAdmin:
    """Mix into the admin of a model the search shows: every change, inline
    and bulk delete goes through ``index_updates`` and marks the entries."""

    index_mark: Callable[[Iterable[Any]], None]

    def changeform_view(self, *args, **kwargs):
        with index_updates():
            return super().changeform_view(*args, **kwargs)

    def changelist_view(self, *args, **kwargs):
        with index_updates():  # list_editable saves and the bulk delete action
            return super().changelist_view(*args, **kwargs)

    def delete_view(self, *args, **kwargs):
        with index_updates():
            return super().delete_view(*args, **kwargs)

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        self.index_mark([obj.pk])

    def delete_model(self, request, obj) -> None:
        self.index_mark([obj.pk])  # before the delete, while its offers can be found
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset) -> None:
        self.index_mark(list(queryset.values_list("pk", flat=True)))
        super().delete_queryset(request, queryset)


class OrganisationTranslationInline(TranslationInline):
    model = OrganisationTranslation


class ContactInline(CoordinatorInline, admin.TabularInline):
    model = Contact
    extra = 0
    fields = ["name", "role", "email", "phone", "public", "network_role", "position"]


@admin.register(Organisation)
class OrganisationAdmin(IndexedAdmin, TranslatedAdmin):
    index_mark = staticmethod(organisations_changed)
    list_display = ["name", "kind", "membership_status", "member_since", "translation_summary"]
    list_filter = ["kind", "membership_status"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ContactInline, OrganisationTranslationInline]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        # Only this organisation's own contacts can have made its statement.
        field = form.base_fields.get("statement_by")
        if field is not None:
            field.queryset = (
                Contact.objects.filter(organisation=obj) if obj else Contact.objects.none()
            )
        return form


class ContactTranslationInline(TranslationInline):
    model = ContactTranslation


@admin.register(Contact)
class ContactAdmin(TranslatedAdmin):
    list_display = ["name", "role", "organisation", "public", "translation_summary"]
    list_filter = ["public", "organisation"]
    search_fields = ["name", "role", "organisation__name"]
    list_select_related = ["organisation"]
    inlines = [ContactTranslationInline]


class TopicTranslationInline(TranslationInline):
    model = TopicTranslation


@admin.register(Topic)
class TopicAdmin(IndexedAdmin, TranslatedAdmin):
    index_mark = staticmethod(topics_changed)
    list_display = ["name", "slug", "icon", "position", "translation_summary"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TopicTranslationInline]


class TargetGroupTranslationInline(TranslationInline):
    model = TargetGroupTranslation


@admin.register(TargetGroup)
class TargetGroupAdmin(IndexedAdmin, TranslatedAdmin):
    index_mark = staticmethod(target_groups_changed)
    list_display = ["name", "slug", "position", "translation_summary"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TargetGroupTranslationInline]


@admin.register(District)
class DistrictAdmin(IndexedAdmin, CoordinatorAdmin):
    index_mark = staticmethod(districts_changed)
    list_display = ["name", "municipality", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class LocationTranslationInline(TranslationInline):
    model = LocationTranslation


@admin.register(Location)
class LocationAdmin(IndexedAdmin, TranslatedAdmin):
    index_mark = staticmethod(locations_changed)
    list_display = ["name", "street", "city", "district", "wheelchair_accessible"]
    list_filter = ["district", "wheelchair_accessible"]
    list_select_related = ["district"]
    search_fields = ["name", "street", "city"]
    autocomplete_fields = ["organisation"]
    inlines = [LocationTranslationInline]


class OfferTranslationInline(TranslationInline):
    model = OfferTranslation


class OfferLanguageInline(CoordinatorInline, admin.TabularInline):
    model = OfferLanguage
    extra = 1
    verbose_name = _("language spoken")


class OfferLocationInline(CoordinatorInline, admin.TabularInline):
    model = OfferLocation
    extra = 0
    autocomplete_fields = ["location"]
    show_change_link = True


@admin.register(Offer)
class OfferAdmin(IndexedAdmin, TranslatedAdmin):
    index_mark = staticmethod(offers_changed)
    list_display = ["name", "organisation", "status", "last_verified", "translation_summary"]
    list_filter = ["status", "topics", "organisation__kind"]
    list_select_related = ["organisation"]
    search_fields = ["name", "organisation__name"]
    autocomplete_fields = ["organisation"]
    filter_horizontal = ["topics", "target_groups"]
    inlines = [OfferLanguageInline, OfferLocationInline, OfferTranslationInline]


class OpeningHoursInline(CoordinatorInline, admin.TabularInline):
    model = OpeningHours
    extra = 1


@admin.register(OfferLocation)
class OfferLocationAdmin(IndexedAdmin, CoordinatorAdmin):
    index_mark = staticmethod(places_changed)
    list_display = ["offer", "location"]
    list_select_related = ["offer", "location"]
    search_fields = ["offer__name", "location__name"]
    inlines = [OpeningHoursInline]
