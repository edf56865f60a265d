"""The import form: a file, and for a single CSV file what it holds."""

from __future__ import annotations

from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from directory.exchange.columns import EXCHANGE_TABLES
from directory.exchange.readers import EXTENSIONS, kind_from_name


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "A CSV file, a ZIP archive of CSV files, an Excel workbook (.xlsx) "
            "or an HSDS JSON document, as the export writes them."
        ),
        error_messages={
            "required": _("Choose a file to import."),
            "empty": _("The file is empty."),
        },
    )
    kind = forms.ChoiceField(
        label=_("A CSV file holds"),
        required=False,
        choices=[("", _("what its name says (e.g. offers.csv)"))]
        + [(kind.key, kind.label) for kind in EXCHANGE_TABLES],
        help_text=_("Only needed for a single CSV file with another name."),
    )

    def __init__(self, *args, too_large: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.too_large = too_large
        # The upload handler dropped an oversized file: say so, not "choose a file".
        self.fields["file"].required = not too_large
        self.fields["file"].widget.attrs["accept"] = ",".join(EXTENSIONS)

    def clean_file(self):
        if self.too_large:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s, the most the import accepts."),
                params={"limit": filesizeformat(settings.DIRECTORY_IMPORT_MAX_BYTES)},
                code="too_large",
            )
        upload = self.cleaned_data["file"]
        if PurePosixPath(upload.name.lower()).suffix not in EXTENSIONS:
            raise forms.ValidationError(
                _("The import reads .csv, .zip, .xlsx and .json files."), code="file_type"
            )
        return upload

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        is_csv = upload is not None and upload.name.lower().endswith(".csv")
        if is_csv and not cleaned.get("kind") and kind_from_name(upload.name) is None:
            self.add_error("kind", _("Choose what the CSV file holds, or name it after its kind."))
        return cleaned
