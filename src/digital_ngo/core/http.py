"""Request types for views behind ``login_required``."""

from django.http import HttpRequest

from digital_ngo.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    """A request whose user is signed in (for type checking of views)."""

    user: User
