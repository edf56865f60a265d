"""The public forms (join, offer help) and the forms of members and coordinators."""

from __future__ import annotations

import re

from django import forms
from django.conf import settings
from django.conf.locale import LANG_INFO
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.selectors import login_exists
from core.spam import SpamGuardForm
from core.validators import validate_plain_text, validate_single_line
from directory.enums import OrganisationKind
from directory.models import Topic
from directory.selectors import (
    district_choices,
    member_organisations,
    organisation_choices,
    spoken_language_codes,
    topic_choices,
)
from network.enums import ApplicantKind, TimeAvailable
from network.models import VolunteerNeed

PHONE = re.compile(r"^\+?[0-9 ()/\-]{3,40}$")


def phone_number(value: str) -> None:
    if value and not PHONE.match(value):
        raise forms.ValidationError(
            _("Enter a phone number with digits, spaces, +, -, / and brackets only."), code="phone"
        )


class TopicChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Topic) -> str:
        return obj.localized(get_language() or settings.LANGUAGE_CODE).name


def topic_field(*, required: bool, label) -> TopicChoiceField:
    return TopicChoiceField(
        queryset=topic_choices(),
        widget=forms.CheckboxSelectMultiple,
        required=required,
        label=label,
    )


def district_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(queryset=district_choices(), required=False, label=_("District"))


def language_choices() -> list[tuple[str, str]]:
    """The site's languages and those spoken at any offer, named in themselves."""
    codes = {code for code, _name in settings.LANGUAGES} | set(spoken_language_codes())
    known = sorted(code for code in codes if code in LANG_INFO)
    return [(code, LANG_INFO[code]["name_local"]) for code in known]


def consent_field() -> forms.BooleanField:
    return forms.BooleanField(
        label=_("I agree that my details are stored and used as described above."),
        error_messages={
            "required": _(
                "Please agree to the processing of your data. Without it we cannot "
                "take your request."
            )
        },
    )


class ContactFields(SpamGuardForm):
    """Name, e-mail, phone, message: what both public forms ask."""

    name = forms.CharField(label=_("Your name"), max_length=200, validators=[validate_single_line])
    email = forms.EmailField(
        label=_("E-mail address"), max_length=254, validators=[validate_single_line]
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        required=False,
        validators=[validate_single_line, phone_number],
    )
    message = forms.CharField(
        label=_("Message"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[validate_plain_text],
    )

    field_order = ["name", "email", "phone"]


class JoinRequestForm(ContactFields):
    kind = forms.ChoiceField(
        label=_("Who wants to join?"), choices=ApplicantKind.choices, widget=forms.RadioSelect
    )
    organisation_name = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        required=False,
        validators=[validate_single_line],
        help_text=_("If you apply on behalf of an organisation or work for one."),
    )
    activity = forms.CharField(
        label=_("What do you do?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[validate_plain_text],
    )

    field_order = [
        "kind",
        "name",
        "organisation_name",
        "activity",
        "district",
        "topics",
        "email",
        "phone",
        "message",
        "consent",
        "homepage",
        "started",
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"] = district_field()
        self.fields["topics"] = topic_field(required=False, label=_("Topics you work on"))
        self.fields["consent"] = consent_field()
        self.order_fields(self.field_order)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == ApplicantKind.ORGANISATION and not cleaned.get(
            "organisation_name"
        ):
            self.add_error("organisation_name", _("Please name the organisation."))
        return cleaned


class HelpOfferForm(ContactFields):
    time_available = forms.ChoiceField(
        label=_("How much time do you have?"),
        choices=TimeAvailable.choices,
        widget=forms.RadioSelect,
    )

    field_order = [
        "topics",
        "languages",
        "district",
        "time_available",
        "name",
        "email",
        "phone",
        "message",
        "consent",
        "homepage",
        "started",
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topics"] = topic_field(required=True, label=_("What can you offer?"))
        self.fields["languages"] = forms.MultipleChoiceField(
            label=_("Languages you speak"),
            choices=language_choices(),
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["district"] = district_field()
        self.fields["consent"] = consent_field()
        self.order_fields(self.field_order)


class AcceptForm(forms.Form):
    """Accept a join request: link an existing organisation or create one."""

    organisation = forms.ModelChoiceField(
        queryset=organisation_choices(),
        required=False,
        label=_("Link to an existing organisation"),
        help_text=_("Leave empty to create a new organisation."),
    )
    organisation_name = forms.CharField(
        label=_("Name of the new organisation"),
        max_length=200,
        required=False,
        validators=[validate_single_line],
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=OrganisationKind.choices, initial=OrganisationKind.ASSOCIATION
    )
    editor_name = forms.CharField(
        label=_("Name of the editor"), max_length=200, validators=[validate_single_line]
    )
    editor_email = forms.EmailField(
        label=_("E-mail of the editor"), max_length=254, validators=[validate_single_line]
    )

    def clean_editor_email(self) -> str:
        email = self.cleaned_data["editor_email"].lower()
        if login_exists(email):
            raise forms.ValidationError(_("There is already a login with this e-mail address."))
        return email

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("organisation") and not cleaned.get("organisation_name"):
            self.add_error(
                "organisation_name", _("Name the new organisation or choose an existing one.")
            )
        return cleaned


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (sent to the person)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[validate_plain_text],
    )


class RouteForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=member_organisations(),
        label=_("Send to organisation"),
    )


class PrivacyRequestForm(forms.Form):
    """Whom a privacy request is about: an address and, optionally, a name."""

    email = forms.EmailField(
        label=_("E-mail address"), max_length=254, validators=[validate_single_line]
    )
    name = forms.CharField(
        label=_("Name (optional)"),
        help_text=_(
            "Meeting guests and festival partners are recorded by name only: give the "
            "person's full name to find them and mentions in the history too."
        ),
        required=False,
        min_length=3,
        max_length=200,
        validators=[validate_single_line],
    )


class VolunteerNeedForm(forms.ModelForm):
    class Meta:
        model = VolunteerNeed
        fields = ["title", "description", "topics", "languages", "district", "is_open"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["description"].validators.append(validate_plain_text)
        self.fields["topics"] = topic_field(required=True, label=_("Topics"))
        self.fields["languages"] = forms.MultipleChoiceField(
            label=_("Languages wanted"),
            choices=language_choices(),
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )
        self.fields["district"] = district_field()
