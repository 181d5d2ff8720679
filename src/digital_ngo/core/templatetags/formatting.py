"""Locale-aware formatting filters: money in manats and grouped numbers."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import get_language

from digital_ngo.core.countries import country_name

register = template.Library()


@register.filter
def azn(amount: Decimal | int | float | None, style: str = "sign") -> str:
    """Format an amount of manats: ``15 000 ₼`` in Azerbaijani, ``₼15,000`` in English.

    ``azn:"code"`` writes ``15 000 AZN`` instead, for documents printed with fonts
    that lack the manat sign.
    """
    if amount is None:
        return ""
    value = Decimal(amount)
    places = 0 if value == value.to_integral_value() else 2
    text = number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)
    if style == "code":
        return f"{text}\u00a0AZN"
    if (get_language() or "az").startswith("az"):
        return f"{text}\u00a0₼"
    return f"₼{text}"


@register.filter
def grouped(number: int | None) -> str:
    """Group the digits of a whole number the locale's way (``1 023`` / ``1,023``)."""
    if number is None:
        return ""
    return number_format(number, use_l10n=True, force_grouping=True)


@register.filter
def country(code: object) -> str:
    """A country (ISO code or django-countries ``Country``) named in the active language."""
    return country_name(str(getattr(code, "code", code))) if code else ""
