"""Field validators of the registry."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.az import voen as stdnum_voen
from stdnum.exceptions import ValidationError as StdnumError


def normalize_voen(value: str) -> str:
    """Return the 10-digit VÖEN in ``value`` (spaces allowed) or raise a translated error."""
    try:
        return str(stdnum_voen.validate(value))
    except StdnumError as error:
        raise ValidationError(
            _(
                "“%(value)s” is not a valid VÖEN: it must be 10 digits, the 9th a check digit "
                "that matches the others and the last 1 (legal person) or 2 (natural person)."
            ),
            params={"value": value},
            code="invalid_voen",
        ) from error


def validate_voen(value: str) -> None:
    """Model-field validator: ``value`` must already be a normalised VÖEN."""
    if normalize_voen(value) != value:
        raise ValidationError(_("Write the VÖEN as 10 digits without spaces."), code="invalid_voen")
