"""The member area: organisations keep their own entries current; coordinators review."""

from django.urls import path

from directory.member.views import entries, history, offers, overview, review

app_name = "member"

urlpatterns = [
    path("", overview.home, name="home"),
    path("organisationen/<uuid:organisation_id>/", overview.organisation, name="organisation"),
    path(
        "organisationen/<uuid:organisation_id>/bearbeiten/",
        entries.organisation_edit,
        name="organisation-edit",
    ),
    path(
        "organisationen/<uuid:organisation_id>/verlauf/",
        history.organisation_history,
        name="organisation-history",
    ),
    path(
        "organisationen/<uuid:organisation_id>/kontakte/neu/",
        entries.contact_create,
        name="contact-create",
    ),
    path("kontakte/<uuid:entry_id>/bearbeiten/", entries.contact_edit, name="contact-edit"),
    path("kontakte/<uuid:entry_id>/loeschen/", entries.contact_delete, name="contact-delete"),
    path("kontakte/<uuid:contact_id>/verlauf/", history.contact_history, name="contact-history"),
    path(
        "organisationen/<uuid:organisation_id>/orte/neu/",
        entries.location_create,
        name="location-create",
    ),
    path("orte/<uuid:entry_id>/bearbeiten/", entries.location_edit, name="location-edit"),
    path("orte/<uuid:entry_id>/loeschen/", entries.location_delete, name="location-delete"),
    path("orte/<uuid:location_id>/verlauf/", history.location_history, name="location-history"),
    path(
        "organisationen/<uuid:organisation_id>/angebote/neu/",
        offers.offer_create,
        name="offer-create",
    ),
    path("angebote/<uuid:entry_id>/bearbeiten/", offers.offer_edit, name="offer-edit"),
    path("angebote/<uuid:entry_id>/einstellen/", offers.offer_retire, name="offer-retire"),
    path(
        "angebote/<uuid:offer_id>/bestaetigen/",
        overview.offer_confirm_view,
        name="offer-confirm",
    ),
    path("angebote/<uuid:offer_id>/orte/", offers.offer_places, name="offer-places"),
    path(
        "angebote/<uuid:offer_id>/orte/<uuid:place_id>/zeiten/",
        offers.offer_hours,
        name="offer-hours",
    ),
    path("angebote/<uuid:offer_id>/verlauf/", history.offer_history, name="offer-history"),
    path("pruefung/", review.queue, name="review-queue"),
    path("pruefung/<int:change_id>/", review.detail, name="review-detail"),
    path("pruefung/<int:change_id>/freigeben/", review.approve, name="review-approve"),
    path("pruefung/<int:change_id>/ablehnen/", review.reject, name="review-reject"),
]
