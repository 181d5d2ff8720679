"""Views of ``core``: the user's notifications and the health check."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from digital_ngo.core import selectors
from digital_ngo.core.http import AuthenticatedRequest
from digital_ngo.core.models import Notification


@login_required
def notifications(request: AuthenticatedRequest) -> HttpResponse:
    """Anyone signed in: their own notifications, newest first; opening the page marks them read."""
    mine = Notification.objects.filter(user=request.user)
    items = list(mine[:100])
    mine.filter(read_at__isnull=True).update(read_at=timezone.now())
    return render(request, "core/notifications.html", {"items": items})


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Anyone (load balancers, the bench): 200 when the database answers, else 503."""
    state = selectors.health()
    beat = state.worker_heartbeat
    body = {
        "status": "ok" if state.database else "error",
        "database": state.database,
        "worker_heartbeat": beat.isoformat() if beat else None,
    }
    return JsonResponse(body, status=200 if state.database else 503)
