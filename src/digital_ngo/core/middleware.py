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


#: No inline script anywhere (HTMX and the SVG charts need none); styles from our files, plus
#: inline ``style`` attributes of the server-drawn charts. The API's Swagger page, a vendored
#: page with an inline start-up script, gets its own policy.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
SWAGGER_POLICY = CONTENT_SECURITY_POLICY.replace(
    "script-src 'self'", "script-src 'self' 'unsafe-inline'"
)


class ContentSecurityPolicyMiddleware:
    """Send the Content-Security-Policy header on every response that has none."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            docs = request.path.startswith("/api/docs/")
            response["Content-Security-Policy"] = (
                SWAGGER_POLICY if docs else CONTENT_SECURITY_POLICY
            )
        return response
