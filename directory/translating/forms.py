"""Forms of translating: the overview's filters and the side-by-side translation."""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from core.enums import TranslationStatus
from core.languages import Language, target_language_codes
from core.translation import TranslatableModel, Translation
from core.validators import validate_single_line
from directory.translating.enums import StatusFilter
from directory.translating.kinds import Kind

# Longest text accepted for a field without a length of its own (descriptions):
# many pages of text, far more than any entry needs.
TEXT_MAX_LENGTH = 20_000


class OverviewFilterForm(forms.Form):
    """Narrows the overview to one language, status and kind. Every value may be garbage."""

    language = forms.ChoiceField(label=_("Language"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *StatusFilter.choices]
    )
    kind = forms.ChoiceField(label=_("Kind of entry"), required=False)
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

    def __init__(self, *args, kinds: list[Kind], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            ("", _("All")),
            *(
                (code, get_language_info(code)["name_translated"])
                for code in target_language_codes()
            ),
        ]
        self.fields["kind"].choices = [("", _("All")), *((k.key, k.label) for k in kinds)]
        for name in ("language", "status", "kind"):
            self.fields[name].error_messages["invalid_choice"] = _(
                "“%(value)s” is not one of the choices."
            )


class TranslationForm(forms.Form):
    """One input per translated field, in the target language, next to the German.

    Built from the translation model, so lengths and required fields are the
    model's. ``updated_at`` is the version of the stored translation the form
    was made from (optimistic locking). Only fields the person changed are
    stored, and become current; the others keep what is stored and their
    status. An outdated field has a box "still fits": ticked, its stored
    text becomes current unchanged.
    """

    updated_at = forms.CharField(
        required=False, widget=forms.HiddenInput, max_length=64, validators=[validate_single_line]
    )

    def __init__(
        self,
        *args,
        source: TranslatableModel,
        language: Language,
        row: Translation | None,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.source = source
        self.language = language
        self.row = row
        model = source._meta.get_field("translations").related_model
        for name in source.translated_fields:
            field = _form_field(model._meta.get_field(name))
            field.widget.attrs.update(
                {"lang": language.code, "dir": language.direction, "spellcheck": "true"}
            )
            self.fields[name] = field
            if row is not None:
                self.initial.setdefault(name, getattr(row, name))
                if row.field_status(name, source) == TranslationStatus.OUTDATED:
                    self.fields[confirm_name(name)] = forms.BooleanField(
                        label=_("The translation still fits the changed German text"),
                        required=False,
                    )

    def translated(self):
        """The bound fields of the translated texts (without the hidden version)."""
        return [self[name] for name in self.source.translated_fields]

    def full_clean(self) -> None:
        super().full_clean()
        # Inputs point at the German text, the field's status and their errors.
        for bound in self.translated():
            described = [f"source-{bound.name}", f"status-{bound.name}"]
            if bound.errors:
                described.append(f"{bound.auto_id}_error")
            bound.field.widget.attrs["aria-describedby"] = " ".join(described)

    def clean(self) -> dict:
        cleaned = super().clean()
        names = self.source.translated_fields
        result = {name: getattr(self.row, name) if self.row else "" for name in names}
        result.update(self.changes())
        if not any(result.values()):
            raise forms.ValidationError(
                _("Enter a translation in at least one field."), code="empty"
            )
        return cleaned

    def changes(self) -> dict[str, str]:
        """The texts the person changed (and sent), and the outdated texts they
        confirmed as they are, to be stored."""
        changed = {
            name: self.cleaned_data[name]
            for name in self.changed_data
            if name in self.source.translated_fields
            and name in self.data
            and name in self.cleaned_data
        }
        for name in self.source.translated_fields:
            if name not in changed and self.cleaned_data.get(confirm_name(name)):
                changed[name] = getattr(self.row, name)
        return changed

    def confirm_box(self, name: str):
        """The bound "still fits" box of field ``name``, or None."""
        key = confirm_name(name)
        return self[key] if key in self.fields else None


def confirm_name(name: str) -> str:
    return f"{name}__still_fits"


class TranslationText(forms.CharField):
    """Text as typed, with the browser's line breaks ("\\r\\n") stored as "\\n"."""

    def to_python(self, value):
        text = super().to_python(value)
        return text.replace("\r\n", "\n").replace("\r", "\n")


def _form_field(model_field: models.Field) -> forms.CharField:
    """A form field like the model's, with a length limit for long texts too."""
    if isinstance(model_field, models.TextField):
        return TranslationText(
            label=model_field.verbose_name,
            required=not model_field.blank,
            max_length=TEXT_MAX_LENGTH,
            widget=forms.Textarea(attrs={"rows": 6}),
        )
    return TranslationText(
        label=model_field.verbose_name,
        required=not model_field.blank,
        max_length=model_field.max_length,
        validators=[validate_single_line],
    )
