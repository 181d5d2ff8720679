"""Rate limits read from settings at request time (so deployments and tests can set them)."""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class AnonymousLimit(AnonRateThrottle):
    def get_rate(self) -> str:
        return str(settings.API_ANON_RATE)


class UserLimit(UserRateThrottle):
    def get_rate(self) -> str:
        return str(settings.API_USER_RATE)
