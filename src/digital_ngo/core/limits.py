"""Bounds shared by forms and the API, so both refuse the same input.

Amounts and indicator values are finite decimals with sane bounds (no NaN, no Infinity,
no ``1e999999``), milestone months fall within a project's life, and one request carries a
bounded number of rows.
"""

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

#: one expense: at most 10 million manats
MAX_EXPENSE = Decimal("10000000")
#: expense rows in one report
MAX_EXPENSE_ROWS = 500
#: an indicator value or milestone: at most a trillion
MAX_VALUE = Decimal("999999999999")
#: milestones fall in months 1 … 120 of a project
MAX_MONTH = 120
MAX_MILESTONES = 60


def finite_decimal(raw: Any, *, limit: Decimal = MAX_VALUE) -> Decimal:
    """``raw`` as a finite decimal with at most two decimals' worth of sense, within ±``limit``."""
    try:
        value = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError) as error:
        raise ValidationError(_("Give a number."), code="invalid") from error
    if not value.is_finite() or abs(value) > limit:
        raise ValidationError(
            _("Give a number no larger than %(limit)s.") % {"limit": limit}, code="out_of_range"
        )
    return value.quantize(Decimal("0.01"))


def milestone_month(raw: Any) -> int:
    try:
        month = int(str(raw).strip())
    except ValueError as error:
        raise ValidationError(_("Give a number."), code="invalid") from error
    if not 1 <= month <= MAX_MONTH:
        raise ValidationError(
            _("A milestone's month is between 1 and %(max)s.") % {"max": MAX_MONTH},
            code="out_of_range",
        )
    return month
