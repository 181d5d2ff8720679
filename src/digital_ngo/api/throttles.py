"""Rate limits read from settings at request time (so deployments and tests can set them)."""

from typing import Any

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle


class AnonymousLimit(AnonRateThrottle):
    def get_rate(self) -> str:
        return str(settings.API_ANON_RATE)


class UserLimit(UserRateThrottle):
    def get_rate(self) -> str:
        return str(settings.API_USER_RATE)

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        """Signed-in callers only: anonymous ones are counted once, by ``AnonymousLimit``."""
        if not request.user or not request.user.is_authenticated:
            return None
        return super().get_cache_key(request, view)


class TokenLimit(SimpleRateThrottle):
    """Attempts to obtain a token, per client address, signed in or not."""

    scope = "token"

    def get_rate(self) -> str:
        return str(settings.API_TOKEN_RATE)

    def get_cache_key(self, request: Any, view: Any) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
