"""Middleware of the platform."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


class AzerbaijaniFirstMiddleware:
    """Serve Azerbaijani unless the visitor chose another language with the switcher.

    Django would otherwise follow the browser's Accept-Language header; the
    platform is Azerbaijani first, so only the language cookie (set by the
    switcher) changes the language. Place it before ``LocaleMiddleware``.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
