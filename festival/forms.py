"""Forms of the festival app. The event rules themselves live in ``festival.rules``."""

from __future__ import annotations

import datetime
import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.models import fields_for_model, model_to_dict
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.forms import add_validation_error, formfield_with_validators
from core.languages import language_name
from core.spam import SpamGuardForm
from core.validators import validate_single_line
from directory.validators import validate_spoken_language
from festival.enums import Audience, Category, EditionStatus, EventState
from festival.images import validate_image
from festival.models import Edition, Event, EventTranslation, SubmissionLink, Venue
from festival.rules import check_event_times
from festival.selectors import directory_locations, submitting_organisations

MAX_LANGUAGES = 12
EVENT_FIELDS = [
    "title",
    "description",
    "category",
    "day",
    "starts_at",
    "ends_at",
    "venue",
    "co_organisers",
    "contact_name",
    "contact_email",
    "contact_phone",
    "audience",
    "wheelchair_accessible",
    "sign_language",
    "child_care",
    "free_of_charge",
    "price",
    "registration_required",
    "registration_how",
    "image",
    "image_alt",
    "image_rights",
]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class EventForm(forms.Form):
    """The submission form for one event of ``edition``.

    ``cleaned_data`` holds the event's fields, ``languages`` (codes) and
    ``co_organisers``; a new venue comes as ``new_venue`` (a dict) with
    ``venue`` left empty.
    """

    def __init__(self, *args, edition: Edition, instance: Event | None = None, **kwargs):
        if instance is not None:
            kwargs.setdefault("initial", {})
            kwargs["initial"] = {
                **model_to_dict(instance, fields=EVENT_FIELDS),
                "languages": ", ".join(lang.code for lang in instance.languages.all()),
                **kwargs["initial"],
            }
        super().__init__(*args, **kwargs)
        self.edition = edition
        self.instance = instance
        self.fields.update(
            fields_for_model(
                Event,
                fields=EVENT_FIELDS,
                widgets={
                    "day": DATE,
                    "starts_at": TIME,
                    "ends_at": TIME,
                    "co_organisers": forms.CheckboxSelectMultiple,
                    "description": forms.Textarea(attrs={"rows": 5}),
                },
                formfield_callback=formfield_with_validators,
            )
        )
        for name in ("contact_name", "contact_email", "contact_phone"):
            self.fields[name].help_text = _("Shown publicly with the event.")
        self.fields["venue"].queryset = Venue.objects.filter(edition=edition)
        self.fields["venue"].required = False
        self.fields["venue"].help_text = _("Or name a new venue below.")
        self.fields["co_organisers"].queryset = submitting_organisations()
        self.fields["co_organisers"].required = False
        self.fields["languages"] = forms.CharField(
            label=_("Languages spoken at the event"),
            help_text=_("Language codes separated by commas, e.g. de, en, ar, uk."),
            required=False,
            max_length=300,
            validators=[validate_single_line],
        )
        self.fields["directory_location"] = forms.ModelChoiceField(
            label=_("Or a place from the directory"),
            queryset=directory_locations(),
            required=False,
        )
        self.fields["new_venue_name"] = forms.CharField(
            label=_("New venue: name"),
            required=False,
            max_length=200,
            validators=[validate_single_line],
        )
        self.fields["new_venue_street"] = forms.CharField(
            label=_("New venue: street and number"),
            required=False,
            max_length=200,
            validators=[validate_single_line],
        )
        self.fields["new_venue_postal_code"] = forms.CharField(
            label=_("New venue: postal code"),
            required=False,
            max_length=10,
            validators=[validate_single_line],
        )

    def clean_languages(self) -> list[str]:
        codes = [c for c in re.split(r"[\s,;]+", self.cleaned_data["languages"]) if c]
        codes = list(dict.fromkeys(codes))
        if len(codes) > MAX_LANGUAGES:
            raise ValidationError(
                _("Please name at most %(limit)d languages."), params={"limit": MAX_LANGUAGES}
            )
        errors = []
        for code in codes:
            try:
                validate_spoken_language(code)
            except ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise ValidationError(errors)
        return codes

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if image and hasattr(image, "content_type"):  # a new upload, not the stored file
            validate_image(image)
        return image

    def clean(self):
        data = super().clean()
        new_venue = {
            "name": data.get("new_venue_name", ""),
            "street": data.get("new_venue_street", ""),
            "postal_code": data.get("new_venue_postal_code", ""),
        }
        if data.get("venue") is None and data.get("directory_location"):
            data["new_venue"] = {"location": data["directory_location"]}
        elif data.get("venue") is None:
            if not all(new_venue.values()):
                self.add_error(
                    "venue",
                    _(
                        "Choose a venue or a place from the directory, or give name, street "
                        "and postal code of a new one."
                    ),
                )
            else:
                data["new_venue"] = new_venue
        if data.get("image") and hasattr(data["image"], "content_type"):
            if not data.get("image_alt"):
                self.add_error("image_alt", _("Describe the image for people who cannot see it."))
            if not data.get("image_rights"):
                self.add_error("image_rights", _("Please name who holds the rights to the image."))
        if not data.get("free_of_charge") and not data.get("price"):
            self.add_error("price", _("Give the price, or mark the event as free of charge."))
        if data.get("registration_required") and not data.get("registration_how"):
            self.add_error("registration_how", _("Say how to register."))
        try:
            check_event_times(
                edition=self.edition,
                day=data.get("day"),
                starts_at=data.get("starts_at"),
                ends_at=data.get("ends_at"),
                venue=data.get("venue"),
            )
        except ValidationError as error:
            add_validation_error(self, error)
        return data

    def event_fields(self) -> dict:
        """The cleaned values that belong on the event itself."""
        data = self.cleaned_data
        fields = {
            name: data[name]
            for name in EVENT_FIELDS
            if name in data and name not in {"co_organisers", "image"}
        }
        if data.get("image") is False or (
            data.get("image") and hasattr(data["image"], "content_type")
        ):
            fields["image"] = data["image"]
        if data.get("new_venue"):
            fields["new_venue"] = data["new_venue"]
        return fields


class PartnerEventForm(SpamGuardForm, EventForm):
    """The public form for partners who are not members of the network,
    guarded against spam like every public form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner_name"] = forms.CharField(
            label=_("Your organisation or group"), max_length=200, validators=[validate_single_line]
        )
        self.fields["submitter_email"] = forms.EmailField(
            label=_("Your e-mail address"), validators=[validate_single_line]
        )
        del self.fields["co_organisers"]
        for name in ("homepage", "started"):  # the honeypot stays the last field
            self.fields[name] = self.fields.pop(name)


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))


class DecisionForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (EventState.ACCEPTED, EventState.ACCEPTED.label),
            (EventState.CHANGES_REQUESTED, EventState.CHANGES_REQUESTED.label),
            (EventState.DECLINED, EventState.DECLINED.label),
            (EventState.PUBLISHED, EventState.PUBLISHED.label),
        ],
    )
    comment = forms.CharField(
        label=_("Comment to the submitter"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class BulkForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (EventState.ACCEPTED, _("Accept")),
            (EventState.DECLINED, _("Decline")),
        ],
    )
    events = forms.ModelMultipleChoiceField(queryset=Event.objects.none())

    def __init__(self, *args, edition: Edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["events"].queryset = Event.objects.filter(edition=edition)
        self.fields["events"].error_messages["required"] = _("Select at least one event.")


class BoardFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("all")), *EventState.choices]
    )
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("all")), *Category.choices]
    )
    day = forms.DateField(label=_("Day"), required=False, widget=DATE)
    q = forms.CharField(
        label=_("Title or organiser contains"),
        required=False,
        max_length=100,
        validators=[validate_single_line],
    )


class ProgrammeFilterForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("all")), *Category.choices]
    )
    audience = forms.ChoiceField(
        label=_("For whom"), required=False, choices=[("", _("all")), *Audience.choices]
    )
    language = forms.ChoiceField(label=_("Language"), required=False)
    district = forms.ChoiceField(label=_("District"), required=False)
    accessible = forms.BooleanField(label=_("Wheelchair accessible"), required=False)
    free = forms.BooleanField(label=_("Free of charge"), required=False)

    def __init__(self, *args, languages, districts, **kwargs):
        super().__init__(*args, **kwargs)
        reader = get_language()
        self.fields["language"].choices = [("", _("all"))] + [
            (code, language_name(code, in_language=reader)) for code in languages
        ]
        self.fields["district"].choices = [("", _("all"))] + [
            (district.slug, str(district)) for district in districts
        ]


class EditionForm(forms.ModelForm):
    class Meta:
        model = Edition
        fields = [
            "year",
            "title",
            "motto",
            "starts_on",
            "ends_on",
            "national_starts_on",
            "national_ends_on",
            "submissions_open_at",
            "submission_deadline",
        ]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "national_starts_on": DATE,
            "national_ends_on": DATE,
            "submissions_open_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "submission_deadline": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }


class EditionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=EditionStatus.choices)


class VenueForm(forms.ModelForm):
    class Meta:
        model = Venue
        fields = ["location", "name", "street", "postal_code", "city", "district"]
        help_texts = {"location": _("Copy name and address from the directory.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = directory_locations()
        for name in ("name", "street", "postal_code"):
            self.fields[name].required = False

    def clean(self):
        data = super().clean()
        if not data.get("location") and not all(
            data.get(name) for name in ("name", "street", "postal_code")
        ):
            raise ValidationError(
                _("Choose a place from the directory, or give name, street and postal code.")
            )
        return data


class AvailabilityForm(forms.Form):
    day = forms.DateField(label=_("Day"), widget=DATE)
    opens_at = forms.TimeField(label=_("From"), widget=TIME)
    closes_at = forms.TimeField(label=_("Until"), widget=TIME)

    def clean(self):
        data = super().clean()
        if data.get("opens_at") and data.get("closes_at") and data["closes_at"] <= data["opens_at"]:
            self.add_error("closes_at", _("The end must be after the start."))
        return data


class LinkForm(forms.ModelForm):
    class Meta:
        model = SubmissionLink
        fields = ["organisation", "expires_at"]
        widgets = {
            "expires_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = submitting_organisations()
        self.fields["expires_at"].initial = timezone.localtime() + datetime.timedelta(
            days=settings.FESTIVAL_LINK_DAYS
        )


class TranslationForm(forms.ModelForm):
    class Meta:
        model = EventTranslation
        fields = ["title", "description", "price", "registration_how"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = True
