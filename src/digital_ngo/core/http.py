"""Request types for views behind ``login_required``."""

from django.http import HttpRequest

from digital_ngo.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    """A request whose user is signed in (for type checking of views)."""

    user: User


def client_ip(request: HttpRequest) -> str:
    """The client's address: ``REMOTE_ADDR``, or behind ``NUM_PROXIES`` trusted reverse proxies
    the address the outermost of them saw (the N-th entry from the right of X-Forwarded-For).

    A client can write any X-Forwarded-For it likes; only the entries our own proxies appended
    are believed. Used by the API throttles (DRF reads the same ``NUM_PROXIES``) and django-axes.
    """
    from django.conf import settings

    remote = str(request.META.get("REMOTE_ADDR", ""))
    proxies = int(getattr(settings, "NUM_PROXIES", 0))
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if proxies <= 0 or not forwarded:
        return remote
    addresses = [part.strip() for part in str(forwarded).split(",") if part.strip()]
    return addresses[-min(proxies, len(addresses))] if addresses else remote
