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
from directory.search.index import search_index_offers, search_index_topic


class OrganisationTranslationInline(TranslationInline):
    model = OrganisationTranslation


class ContactInline(CoordinatorInline, admin.TabularInline):
    model = Contact
    extra = 0
    fields = ["name", "role", "email", "phone", "public", "network_role", "position"]


@admin.register(Organisation)
class OrganisationAdmin(TranslatedAdmin):
    list_display = ["name", "kind", "membership_status", "member_since", "translation_summary"]
    list_filter = ["kind", "membership_status"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ContactInline, OrganisationTranslationInline]

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        search_index_offers(form.instance.offers.values_list("id", flat=True))

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
class TopicAdmin(TranslatedAdmin):
    list_display = ["name", "slug", "position", "translation_summary"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TopicTranslationInline]

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        search_index_topic(form.instance)


class TargetGroupTranslationInline(TranslationInline):
    model = TargetGroupTranslation


@admin.register(TargetGroup)
class TargetGroupAdmin(TranslatedAdmin):
    list_display = ["name", "slug", "position", "translation_summary"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TargetGroupTranslationInline]

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        search_index_offers(form.instance.offers.values_list("id", flat=True))


@admin.register(District)
class DistrictAdmin(CoordinatorAdmin):
    list_display = ["name", "municipality", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class LocationTranslationInline(TranslationInline):
    model = LocationTranslation


@admin.register(Location)
class LocationAdmin(TranslatedAdmin):
    list_display = ["name", "street", "city", "district", "wheelchair_accessible"]
    list_filter = ["district", "wheelchair_accessible"]
    list_select_related = ["district"]
    search_fields = ["name", "street", "city"]
    autocomplete_fields = ["organisation"]
    inlines = [LocationTranslationInline]

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        search_index_offers(form.instance.offers.values_list("id", flat=True))


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
class OfferAdmin(TranslatedAdmin):
    list_display = ["name", "organisation", "status", "last_verified", "translation_summary"]
    list_filter = ["status", "topics", "organisation__kind"]
    list_select_related = ["organisation"]
    search_fields = ["name", "organisation__name"]
    autocomplete_fields = ["organisation"]
    filter_horizontal = ["topics", "target_groups"]
    inlines = [OfferLanguageInline, OfferLocationInline, OfferTranslationInline]

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        search_index_offers([form.instance.pk])


class OpeningHoursInline(CoordinatorInline, admin.TabularInline):
    model = OpeningHours
    extra = 1


@admin.register(OfferLocation)
class OfferLocationAdmin(CoordinatorAdmin):
    list_display = ["offer", "location"]
    list_select_related = ["offer", "location"]
    search_fields = ["offer__name", "location__name"]
    inlines = [OpeningHoursInline]
