"""Edit forms of the member area.

Every form of an existing entry carries its *version* (see ``locking``);
forms of translatable entries offer "minor edit". Texts are plain text,
shown escaped, and limited in length; web addresses must be http(s).
"""

from __future__ import annotations

import re

from django import forms
from django.core.validators import MaxLengthValidator, URLValidator
from django.utils.translation import gettext_lazy as _

from core.translation import TranslatableModel
from core.validators import validate_single_line
from directory.enums import OfferStatus
from directory.member.locking import parse_version, version_of
from directory.models import Contact, Location, Offer, Organisation, TargetGroup, Topic
from directory.validators import validate_spoken_language

MAX_TEXT_LENGTH = 5000
MAX_LANGUAGES = 30

http_url_validator = URLValidator(
    schemes=["http", "https"],
    message=_("Enter a web address starting with http:// or https://."),
)


class HttpURLField(forms.URLField):
    """A web address people can open: http or https only (never ``javascript:``)."""

    default_validators = [http_url_validator]
    default_error_messages = {"invalid": http_url_validator.message}

    def __init__(self, **kwargs) -> None:
        super().__init__(assume_scheme="https", **kwargs)


def _limit_length(field: forms.Field) -> None:
    """Free texts without a length in the model get one here."""
    if isinstance(field, forms.CharField) and field.max_length is None:
        field.max_length = MAX_TEXT_LENGTH
        field.validators.append(MaxLengthValidator(MAX_TEXT_LENGTH))
        field.widget.attrs["maxlength"] = str(MAX_TEXT_LENGTH)


class VersionedForm(forms.Form):
    """The hidden version of the entry the form was opened on."""

    version = forms.CharField(
        widget=forms.HiddenInput, required=False, validators=[validate_single_line]
    )

    def clean_version(self):
        version = parse_version(self.cleaned_data["version"])
        if version is None:
            raise forms.ValidationError(
                _("This form is out of date or incomplete. Please open it again."),
                code="version",
            )
        return version


class EntryForm(forms.ModelForm):
    """Base of the forms for organisations, contacts, locations and offers.

    ``organisation`` is the organisation the entry belongs to; a new entry
    always belongs to it. ``full_access`` (coordinators) shows the fields
    only coordinators may change.
    """

    coordinator_fields: tuple[str, ...] = ()

    version = VersionedForm.base_fields["version"]
    minor_edit = forms.BooleanField(
        label=_("Minor edit (no change of meaning)"),
        help_text=_(
            "Tick for corrections of spelling or punctuation: translations stay current. "
            "Otherwise they are marked as outdated."
        ),
        required=False,
    )

    def __init__(self, data=None, *, organisation: Organisation, instance=None, **kwargs):
        full_access = kwargs.pop("full_access", False)
        super().__init__(data, instance=instance, **kwargs)
        self.organisation = organisation
        if self.is_new:
            del self.fields["version"]
        else:
            self.fields["version"].initial = version_of(self.instance)
        if self.is_new or not isinstance(self.instance, TranslatableModel):
            del self.fields["minor_edit"]
        if not full_access:
            for name in self.coordinator_fields:
                self.fields.pop(name, None)
        for field in self.fields.values():
            _limit_length(field)

    @property
    def is_new(self) -> bool:
        return self.instance._state.adding

    clean_version = VersionedForm.clean_version


class OrganisationForm(EntryForm):
    website = HttpURLField(label=_("Website"), required=False, max_length=200)
    coordinator_fields = ("slug", "membership_status", "member_since")

    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "description",
            "statement",
            "statement_by",
            "email",
            "phone",
            "website",
            "slug",
            "membership_status",
            "member_since",
        ]
        widgets = {"member_since": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["statement_by"].queryset = Contact.objects.filter(
            organisation=self.organisation
        )


class ContactForm(EntryForm):
    coordinator_fields = ("network_role",)

    class Meta:
        model = Contact
        fields = ["name", "role", "email", "phone", "public", "position", "network_role"]


class LocationForm(EntryForm):
    class Meta:
        model = Location
        fields = [
            "name",
            "street",
            "postal_code",
            "city",
            "district",
            "latitude",
            "longitude",
            "wheelchair_accessible",
            "accessibility",
        ]


class OfferForm(EntryForm):
    languages = forms.CharField(
        label=_("Languages spoken"),
        help_text=_("Language codes separated by commas, e.g. de, en, ar, uk."),
        required=False,
        max_length=300,
        validators=[validate_single_line],
    )

    class Meta:
        model = Offer
        fields = [
            "name",
            "description",
            "status",
            "topics",
            "target_groups",
            "free_of_charge",
            "cost",
            "eligibility",
            "how_to_apply",
        ]
        widgets = {
            "topics": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = Topic.objects.order_by("position", "name")
        self.fields["target_groups"].queryset = TargetGroup.objects.order_by("position", "name")
        if not self.is_new:
            self.fields["languages"].initial = ", ".join(
                self.instance.languages.values_list("code", flat=True)
            )

    def clean_languages(self) -> list[str]:
        codes = [code for code in re.split(r"[\s,;]+", self.cleaned_data["languages"]) if code]
        codes = list(dict.fromkeys(codes))
        if len(codes) > MAX_LANGUAGES:
            raise forms.ValidationError(
                _("Please name at most %(limit)d languages."), params={"limit": MAX_LANGUAGES}
            )
        errors = []
        for code in codes:
            try:
                validate_spoken_language(code)
            except forms.ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise forms.ValidationError(errors)
        return codes


class OfferRetireForm(EntryForm):
    """Take an offer off the public directory: inactive (for now) or defunct (for good)."""

    class Meta:
        model = Offer
        fields = ["status"]
        widgets = {"status": forms.RadioSelect}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields.pop("minor_edit", None)
        status = self.fields["status"]
        status.choices = [
            (OfferStatus.INACTIVE, _("Inactive – paused, may start again")),
            (OfferStatus.DEFUNCT, _("Defunct – ended for good")),
        ]
        status.label = _("Retire the offer as")
        status.initial = OfferStatus.INACTIVE


class DeleteForm(VersionedForm):
    """Confirms deleting an entry; the version makes sure it is the entry the editor saw."""

    def __init__(self, data=None, *, organisation: Organisation, instance, **kwargs) -> None:
        kwargs.pop("full_access", None)
        super().__init__(data, **kwargs)
        self.organisation = organisation
        self.instance = instance
        self.fields["version"].initial = version_of(instance)

    is_new = False


class ReviewRejectForm(forms.Form):
    comment = forms.CharField(
        label=_("Reason for the author"),
        help_text=_("Required. It is sent to the author by e-mail."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_TEXT_LENGTH,
        error_messages={"required": _("Please tell the author why the change is rejected.")},
    )
