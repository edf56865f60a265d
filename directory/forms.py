"""Forms of the public directory pages."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.languages import language_name
from core.spam import SpamGuardForm
from core.validators import validate_plain_text, validate_single_line
from directory.enums import MistakeTopic
from directory.models.reports import MESSAGE_MAX_LENGTH
from directory.selectors import OfferFilters, spoken_language_codes
from directory.taxonomy import taxonomy

MAX_QUERY_LENGTH = 200


class SearchForm(forms.Form):
    """The search box and filters. Every value may be garbage; nothing here raises."""

    q = forms.CharField(
        label=_("What are you looking for?"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        validators=[validate_single_line],
        error_messages={
            "max_length": _("Please use at most %(limit_value)d characters for your search."),
        },
    )
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    lang = forms.ChoiceField(label=_("Language spoken"), required=False)
    district = forms.ChoiceField(label=_("District or town"), required=False)
    group = forms.ChoiceField(label=_("For whom"), required=False)
    free = forms.BooleanField(label=_("Free of charge"), required=False)
    open = forms.BooleanField(label=_("Open now"), required=False)
    access = forms.BooleanField(label=_("Wheelchair accessible"), required=False)
    page = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=100_000,
        error_messages={
            "invalid": _("The page number must be a whole number."),
            "min_value": _("The page number must be 1 or more."),
            "max_value": _("The page number is too large."),
        },
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        language = get_language()
        self.taxonomy = known = taxonomy(language)
        self.topics, self.groups, self.districts = known.topics, known.groups, known.districts
        anything = [("", _("All"))]
        self.fields["topic"].choices = anything + [
            (slug, topic.localized(language).name) for slug, topic in self.topics.items()
        ]
        self.fields["group"].choices = anything + [
            (slug, group.localized(language).name) for slug, group in self.groups.items()
        ]
        self.fields["district"].choices = anything + [
            (slug, str(district)) for slug, district in self.districts.items()
        ]
        self.fields["lang"].choices = anything + sorted(
            ((code, language_name(code, in_language=language)) for code in spoken_language_codes()),
            key=lambda choice: choice[1],
        )
        for name in ("topic", "lang", "district", "group"):
            self.fields[name].error_messages["invalid_choice"] = _(
                "“%(value)s” is not one of the choices; the filter was not applied."
            )

    def filters(self) -> OfferFilters:
        data = self.cleaned_data
        return OfferFilters(
            topic=self.topics.get(data.get("topic") or ""),
            language=data.get("lang") or None,
            district=self.districts.get(data.get("district") or ""),
            target_group=self.groups.get(data.get("group") or ""),
            free_of_charge=bool(data.get("free")),
            open_at=timezone.now() if data.get("open") else None,
            wheelchair_accessible=bool(data.get("access")),
        )

    FILTER_FIELDS = ("topic", "lang", "district", "group", "free", "open", "access")

    def active_filter_count(self) -> int:
        """How many filters are set (and understood); the folded filters show it."""
        data = getattr(self, "cleaned_data", {})
        return sum(1 for name in self.FILTER_FIELDS if data.get(name))


class MistakeReportForm(SpamGuardForm):
    """What is wrong on an offer page; nothing about who says so."""

    topic = forms.ChoiceField(
        label=_("What is wrong?"),
        choices=MistakeTopic.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose what is wrong."),
            "invalid_choice": _("Please choose one of the listed answers."),
        },
    )
    message = forms.CharField(
        label=_("What should it say instead?"),
        help_text=_("For example the new phone number or the new opening hours."),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[validate_plain_text],
        error_messages={
            "required": _("Please tell us briefly what is wrong."),
            "max_length": _("Please use at most %(limit_value)d characters."),
        },
    )


MAX_WISH_LENGTH = 500


class SearchWishForm(SpamGuardForm):
    """ "Tell us what you were looking for": anonymous, a few sentences."""

    text = forms.CharField(
        label=_("What were you looking for?"),
        help_text=_("Please do not write your name, address or phone number."),
        max_length=MAX_WISH_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MAX_WISH_LENGTH}),
        error_messages={
            "required": _("Please write a few words about what you were looking for."),
            "max_length": _("Please use at most %(limit_value)d characters."),
        },
    )
    q = forms.CharField(
        required=False,
        max_length=MAX_QUERY_LENGTH,
        widget=forms.HiddenInput,
        validators=[validate_single_line],
    )

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(
                _("Please write a few words about what you were looking for."), code="required"
            )
        return text
