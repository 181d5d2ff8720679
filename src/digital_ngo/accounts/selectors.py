"""Reads about users: which area of the site a user works in."""

from typing import Any

from digital_ngo.accounts.models import AGENCY_ROLES, NGO_ROLES, Role


def user_area(user: Any) -> str:
    """Return ``staff``, ``ngo``, ``evaluator`` or ``public`` for the navigation."""
    if not getattr(user, "is_authenticated", False):
        return "public"
    if user.role in AGENCY_ROLES:
        return "staff"
    if user.role in NGO_ROLES:
        return "ngo"
    if user.role == Role.EVALUATOR:
        return "evaluator"
    return "public"
