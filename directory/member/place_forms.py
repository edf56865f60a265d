"""Forms for an offer's places (the organisation's locations) and each place's opening hours."""

from __future__ import annotations

from collections import defaultdict
from itertools import pairwise

from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from directory.enums import Weekday
from directory.member.forms import VersionedForm
from directory.member.locking import version_of
from directory.models import Location, Offer, OfferLocation, OpeningHours, Organisation

EXTRA_HOURS_ROWS = 3
MAX_HOURS_ROWS = 30


class OfferPlacesForm(VersionedForm):
    """Where an offer is held: any of its organisation's locations, nothing else."""

    locations = forms.ModelMultipleChoiceField(
        label=_("Places"),
        queryset=Location.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Choose only existing locations of the offer's own organisation."),
        },
    )

    def __init__(self, data=None, *, organisation: Organisation, instance: Offer, **kwargs):
        kwargs.pop("full_access", None)
        super().__init__(data, **kwargs)
        self.organisation = organisation
        self.instance = instance
        self.fields["version"].initial = version_of(instance)
        self.fields["locations"].queryset = Location.objects.filter(organisation=organisation)
        self.fields["locations"].initial = list(instance.locations.values_list("pk", flat=True))

    is_new = False


class OpeningHoursRowForm(forms.ModelForm):
    class Meta:
        model = OpeningHours
        fields = ["weekday", "opens_at", "closes_at"]
        widgets = {
            "opens_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "closes_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens and closes and closes <= opens:
            # Next to the field; the field's error also keeps the model's
            # constraint (same rule) from repeating it above the form.
            self.add_error("closes_at", _("The closing time must be after the opening time."))
        return cleaned


class BaseOpeningHoursFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        if any(form.instance._state.adding for form in self.initial_forms):
            # A row that is not (or no longer) one of this place's opening hours.
            raise forms.ValidationError(
                _("The opening hours were changed meanwhile. Please open the form again."),
                code="unknown_row",
            )
        if any(self.errors):
            return
        by_day: dict[int, list] = defaultdict(list)
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("opens_at"):
                continue
            by_day[data["weekday"]].append((data["opens_at"], data["closes_at"]))
        for weekday, ranges in sorted(by_day.items()):
            ranges.sort()
            for (opens, closes), (next_opens, next_closes) in pairwise(ranges):
                if next_opens < closes:
                    raise forms.ValidationError(
                        _(
                            "On %(day)s, %(first)s and %(second)s overlap. "
                            "Join them into one time or correct one of them."
                        ),
                        code="overlap",
                        params={
                            "day": Weekday(weekday).label,
                            "first": f"{opens:%H:%M}–{closes:%H:%M}",
                            "second": f"{next_opens:%H:%M}–{next_closes:%H:%M}",
                        },
                    )


OpeningHoursFormSet = inlineformset_factory(
    OfferLocation,
    OpeningHours,
    form=OpeningHoursRowForm,
    formset=BaseOpeningHoursFormSet,
    extra=EXTRA_HOURS_ROWS,
    max_num=MAX_HOURS_ROWS,
    validate_max=True,
    absolute_max=MAX_HOURS_ROWS + EXTRA_HOURS_ROWS,
    can_delete=True,
)


class OpeningHoursForm:
    """The opening hours of one place: the offer's version plus a formset of rows.

    Behaves like a form for the edit flow (``is_valid``, ``cleaned_data``,
    ``errors``) so review and locking treat it like every other form.
    """

    is_new = False

    def __init__(self, data=None, *, organisation: Organisation, instance: OfferLocation, **kw):
        self.organisation = organisation
        self.instance = instance
        self.version_form = VersionedForm(data, initial={"version": version_of(instance.offer)})
        self.formset = OpeningHoursFormSet(data, instance=instance, prefix="hours")

    def is_valid(self) -> bool:
        version_ok = self.version_form.is_valid()
        return self.formset.is_valid() and version_ok

    @property
    def is_bound(self) -> bool:
        return self.version_form.is_bound

    @property
    def cleaned_data(self) -> dict:
        return self.version_form.cleaned_data

    @property
    def errors(self) -> dict:
        return {**self.version_form.errors, **dict(enumerate(self.formset.errors))}

    def non_field_errors(self):
        return self.version_form.non_field_errors() + self.formset.non_form_errors()
