"""Forms of the meetings app. Services validate again; forms give clear messages."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import User
from accounts.selectors import coordinators
from core.validators import validate_single_line
from directory.selectors import member_organisations
from meetings.enums import AnnouncementKind, Answer, BodyKind, Delivery
from meetings.models import AgendaItem, Body


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def _people() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=_("Member persons"),
        queryset=User.objects.filter(is_active=True).select_related("organisation"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class BodyForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, validators=[validate_single_line])
    short_code = forms.RegexField(
        label=_("Short code"),
        regex=r"^[A-Za-z]{1,10}$",
        help_text=_("Letters only, used in decision numbers (e.g. NW)."),
        validators=[validate_single_line],
        error_messages={"invalid": _("Use one to ten letters.")},
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=BodyKind.choices)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea, required=False, max_length=2000
    )
    chair = forms.ModelChoiceField(
        label=_("Chair"), queryset=User.objects.filter(is_active=True), required=False
    )
    coordinator = forms.ModelChoiceField(
        label=_("Coordinator"),
        queryset=coordinators(),
        required=False,
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Member organisations"),
        queryset=member_organisations(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    members = _people()

    @classmethod
    def initial_for(cls, body: Body) -> dict:
        return {
            "name": body.name,
            "short_code": body.short_code,
            "kind": body.kind,
            "description": body.description,
            "chair": body.chair_id,
            "coordinator": body.coordinator_id,
            "organisations": list(body.organisations.values_list("pk", flat=True)),
            "members": list(body.members.values_list("pk", flat=True)),
        }


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, validators=[validate_single_line])
    starts_at = forms.DateTimeField(label=_("Start"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("End"), widget=DateTimeInput())
    place = forms.CharField(
        label=_("Address"), max_length=300, required=False, validators=[validate_single_line]
    )
    online_url = forms.URLField(
        label=_("Online link"),
        required=False,
        assume_scheme="https",
        max_length=200,
        validators=[validate_single_line],
    )
    agenda_deadline = forms.DateTimeField(
        label=_("Deadline for agenda proposals"), widget=DateTimeInput()
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_at"), data.get("ends_at")
        if start and end and end <= start:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        deadline = data.get("agenda_deadline")
        if start and deadline and deadline > start:
            self.add_error(
                "agenda_deadline",
                _("The deadline for proposals must be before the meeting starts."),
            )
        if not data.get("place") and not data.get("online_url") and "online_url" in data:
            self.add_error("place", _("Give an address or an online link."))
        return data


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, validators=[validate_single_line])
    description = forms.CharField(
        label=_("Short description"), widget=forms.Textarea, required=False, max_length=2000
    )
    presenter = forms.CharField(
        label=_("Presenter"), max_length=200, required=False, validators=[validate_single_line]
    )
    minutes_needed = forms.IntegerField(
        label=_("Minutes needed"), min_value=1, max_value=480, initial=10
    )


class DecisionForm(forms.Form):
    ACCEPT, DECLINE, MERGE = "accept", "decline", "merge"
    action = forms.ChoiceField(
        choices=[(ACCEPT, _("Accept")), (DECLINE, _("Decline")), (MERGE, _("Merge"))]
    )
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=2000, validators=[validate_single_line]
    )
    merge_into = forms.ModelChoiceField(
        label=_("Merge into"), queryset=AgendaItem.objects.none(), required=False
    )

    def __init__(self, *args, item: AgendaItem, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["merge_into"].queryset = item.meeting.items.exclude(pk=item.pk)

    def clean(self):
        data = super().clean()
        if data.get("action") == self.DECLINE and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why the item is declined."))
        if data.get("action") == self.MERGE and not data.get("merge_into"):
            self.add_error("merge_into", _("Choose another item of this meeting."))
        return data


class ResponseForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"), choices=Answer.choices, widget=forms.RadioSelect
    )
    deputy = forms.ModelChoiceField(
        label=_("Deputy (same organisation)"),
        queryset=User.objects.none(),
        required=False,
        error_messages={
            "invalid_choice": _("The deputy must be another person of your organisation.")
        },
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        if user.organisation_id:
            self.fields["deputy"].queryset = User.objects.filter(
                organisation_id=user.organisation_id, is_active=True
            ).exclude(pk=user.pk)

    def clean(self):
        data = super().clean()
        if data.get("answer") == Answer.DEPUTY and not data.get("deputy"):
            self.add_error("deputy", _("Choose the deputy."))
        return data


class AttendanceForm(forms.Form):
    present = forms.ModelMultipleChoiceField(
        label=_("Present members"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = people


class GuestForm(forms.Form):
    name = forms.CharField(
        label=_("Guest's name"), max_length=200, validators=[validate_single_line]
    )
    organisation_name = forms.CharField(
        label=_("Organisation"), max_length=200, required=False, validators=[validate_single_line]
    )


class NotesForm(forms.Form):
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea, required=False)


class DecisionTextForm(forms.Form):
    text = forms.CharField(
        label=pgettext_lazy("minutes", "Decision"), widget=forms.Textarea, max_length=4000
    )


class ActionForm(forms.Form):
    title = forms.CharField(label=_("What"), max_length=300, validators=[validate_single_line])
    responsible_organisation = forms.ModelChoiceField(
        label=_("Responsible organisation"), queryset=None, required=False
    )
    responsible_user = forms.ModelChoiceField(
        label=_("Responsible person"), queryset=User.objects.none(), required=False
    )
    due_date = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, body: Body, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_organisation"].queryset = body.organisations.all()
        self.fields["responsible_user"].queryset = body.members.all()

    def clean(self):
        data = super().clean()
        nobody = not data.get("responsible_organisation") and not data.get("responsible_user")
        if nobody and not self.errors:
            self.add_error(
                "responsible_organisation", _("Name a responsible organisation or person.")
            )
        return data


class AmendmentForm(forms.Form):
    text = forms.CharField(label=_("Correction"), widget=forms.Textarea, max_length=4000)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File (PDF, office document or image)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.MEETINGS_UPLOAD_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is too large (at most %(size)s).") % {"size": filesizeformat(limit)}
            )
        return upload


class AnnouncementForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=AnnouncementKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200, validators=[validate_single_line])
    text = forms.CharField(label=_("Text"), widget=forms.Textarea, max_length=4000)


class DeliveryForm(forms.Form):
    delivery = forms.ChoiceField(
        label=_("How do you want to receive announcements?"),
        choices=Delivery.choices,
        widget=forms.RadioSelect,
    )
