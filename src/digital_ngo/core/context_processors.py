"""Template context shared by every page: the navigation for the user's area."""

from django.http import HttpRequest

from digital_ngo.accounts.selectors import user_area
from digital_ngo.core.models import Notification


def navigation(request: HttpRequest) -> dict[str, object]:
    """Tell the base template the user's area (public, NGO, staff) and unread notices."""
    unread = 0
    if request.user.is_authenticated:
        unread = Notification.objects.filter(user=request.user, read_at__isnull=True).count()
    return {"user_area": user_area(request.user), "unread_notifications": unread}
