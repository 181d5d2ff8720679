"""Views of ``core``: the user's notifications."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from digital_ngo.core.http import AuthenticatedRequest
from digital_ngo.core.models import Notification


@login_required
def notifications(request: AuthenticatedRequest) -> HttpResponse:
    """Anyone signed in: their own notifications, newest first; opening the page marks them read."""
    mine = Notification.objects.filter(user=request.user)
    items = list(mine[:100])
    mine.filter(read_at__isnull=True).update(read_at=timezone.now())
    return render(request, "core/notifications.html", {"items": items})
