from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.translation import TranslatableModel, Translation
from core.validators import validate_single_line
from directory.enums import OfferStatus, Weekday
from directory.models.base import HsdsModel
from directory.models.organisations import Organisation
from directory.models.taxonomy import District, TargetGroup, Topic
from directory.validators import (
    latitude_validators,
    longitude_validators,
    validate_spoken_language,
)


class Location(TranslatableModel, HsdsModel):
    """A place where offers are held (HSDS location with its physical address)."""

    translated_fields = ("accessibility",)

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="locations",
    )
    name = models.CharField(_("name"), max_length=200, validators=[validate_single_line])
    street = models.CharField(
        _("street and number"), max_length=200, validators=[validate_single_line]
    )
    postal_code = models.CharField(
        _("postal code"), max_length=10, validators=[validate_single_line]
    )
    city = models.CharField(_("town"), max_length=100, validators=[validate_single_line])
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="locations",
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=6,
        null=True,
        blank=True,
        validators=latitude_validators,
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=longitude_validators,
    )
    wheelchair_accessible = models.BooleanField(_("wheelchair accessible"), default=False)
    accessibility = models.TextField(_("accessibility details (German)"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(
                    latitude__isnull=False,
                    longitude__isnull=False,
                    latitude__gte=-90,
                    latitude__lte=90,
                    longitude__gte=-180,
                    longitude__lte=180,
                ),
                name="location_coordinates_valid",
                violation_error_message=_(
                    "Give both latitude and longitude, within the valid range, or neither."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.street}, {self.postal_code} {self.city}"


class LocationTranslation(Translation):
    source = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="translations")
    accessibility = models.TextField(_("accessibility details"), blank=True)

    class Meta(Translation.Meta):
        verbose_name = _("location translation")
        verbose_name_plural = _("location translations")


class Offer(TranslatableModel, HsdsModel):
    """Something a member organisation offers newcomers (HSDS service).

    ``last_verified`` (HSDS ``assured_date``) is when the owner last confirmed
    that the entry is still right; stale entries are the main failure of
    every directory.
    """

    translated_fields = ("name", "description", "cost", "eligibility", "how_to_apply")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="offers",
    )
    name = models.CharField(_("name (German)"), max_length=200, validators=[validate_single_line])
    description = models.TextField(_("description (German)"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=OfferStatus.choices, default=OfferStatus.ACTIVE
    )
    free_of_charge = models.BooleanField(_("free of charge"), default=True)
    cost = models.CharField(
        _("costs (German)"), max_length=300, blank=True, validators=[validate_single_line]
    )
    eligibility = models.TextField(_("who can use it (German)"), blank=True)
    how_to_apply = models.TextField(_("how to apply (German)"), blank=True)
    last_verified = models.DateField(_("last checked on"), null=True, blank=True)
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), related_name="offers", blank=True
    )
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), related_name="offers", blank=True
    )
    locations = models.ManyToManyField(
        Location, verbose_name=_("locations"), through="OfferLocation", related_name="offers"
    )
    # When the last reminder to confirm this entry went out (see directory.freshness).
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    audit_exclude = (*TranslatableModel.audit_exclude, "reminded_at")

    class Meta:
        ordering = ["name"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")

    def __str__(self) -> str:
        return self.name


class OfferTranslation(Translation):
    source = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(_("name"), max_length=200, validators=[validate_single_line])
    description = models.TextField(_("description"), blank=True)
    cost = models.CharField(
        _("costs"), max_length=300, blank=True, validators=[validate_single_line]
    )
    eligibility = models.TextField(_("who can use it"), blank=True)
    how_to_apply = models.TextField(_("how to apply"), blank=True)

    class Meta(Translation.Meta):
        verbose_name = _("offer translation")
        verbose_name_plural = _("offer translations")


class OfferLanguage(models.Model):
    """A language spoken at an offer (HSDS language), as an ISO 639 code."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(
        _("language code"),
        max_length=10,
        validators=[validate_single_line, validate_spoken_language],
    )

    class Meta:
        ordering = ["offer", "code"]
        verbose_name = _("language spoken")
        verbose_name_plural = _("languages spoken")
        constraints = [
            models.UniqueConstraint(fields=["offer", "code"], name="offer_language_once"),
        ]

    def __str__(self) -> str:
        return self.code


class OfferLocation(HsdsModel):
    """An offer held at a location (HSDS service_at_location)."""

    offer = models.ForeignKey(Offer, verbose_name=_("offer"), on_delete=models.CASCADE)
    location = models.ForeignKey(Location, verbose_name=_("location"), on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("offer at a location")
        verbose_name_plural = _("offers at locations")
        constraints = [
            models.UniqueConstraint(fields=["offer", "location"], name="offer_location_once"),
        ]

    def __str__(self) -> str:
        return f"{self.offer} @ {self.location.name}"


class OpeningHours(HsdsModel):
    """A weekly opening time of an offer at a location (HSDS schedule, freq WEEKLY)."""

    offer_location = models.ForeignKey(
        OfferLocation, on_delete=models.CASCADE, related_name="opening_hours"
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens_at = models.TimeField(_("opens at"))
    closes_at = models.TimeField(_("closes at"))

    class Meta:
        ordering = ["weekday", "opens_at"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        indexes = [
            # "Open now": which places are open on this weekday at this time.
            models.Index(fields=["weekday", "opens_at", "closes_at"], name="opening_hours_now"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__lt=F("closes_at")),
                name="opening_hours_opens_before_closes",
                violation_error_message=_("The closing time must be after the opening time."),
            ),
            models.CheckConstraint(
                condition=Q(weekday__gte=0, weekday__lte=6),
                name="opening_hours_weekday_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"
