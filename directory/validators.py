"""Validators shared by models, forms and (later) the API schema layer."""

from decimal import Decimal

from babel import Locale
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

latitude_validators = [
    MinValueValidator(Decimal("-90"), message=_("Latitude must be between -90 and 90.")),
    MaxValueValidator(Decimal("90"), message=_("Latitude must be between -90 and 90.")),
]
longitude_validators = [
    MinValueValidator(Decimal("-180"), message=_("Longitude must be between -180 and 180.")),
    MaxValueValidator(Decimal("180"), message=_("Longitude must be between -180 and 180.")),
]

_KNOWN_LANGUAGES = frozenset(Locale("en").languages)


def validate_spoken_language(code: str) -> None:
    """An ISO 639 language code (``de``, ``ar``, ``fa_AF`` for Dari, ``ckb``…)."""
    if code not in _KNOWN_LANGUAGES:
        raise ValidationError(
            _("“%(code)s” is not a known language code."),
            code="invalid_language",
            params={"code": code},
        )
