"""Template context shared by every page: the navigation for the user's area."""

from django.http import HttpRequest

from digital_ngo.accounts.selectors import user_area


def navigation(request: HttpRequest) -> dict[str, str]:
    """Tell the base template which area (public, NGO, staff) the user belongs to."""
    return {"user_area": user_area(request.user)}
