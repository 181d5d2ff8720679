"""Rate limits that hold: the real client address, a cache shared by processes, token tries."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection

pytestmark = pytest.mark.django_db


def test_the_cache_is_shared_between_processes():
    assert settings.CACHES["default"]["BACKEND"].endswith(("DatabaseCache", "RedisCache"))
    cache.set("probe", "shared")
    if connection.vendor and "DatabaseCache" in settings.CACHES["default"]["BACKEND"]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM django_cache")
            assert cursor.fetchone()[0] >= 1


def test_a_spoofed_forwarded_for_does_not_escape_the_anonymous_limit(client, settings):
    settings.API_ANON_RATE = "3/min"
    codes = [
        client.get("/api/ngos/", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").status_code for n in range(5)
    ]
    assert codes[:3] == [200, 200, 200]
    assert codes[3:] == [429, 429]


def test_behind_one_trusted_proxy_each_client_has_its_own_limit(client, settings):
    settings.API_ANON_RATE = "2/min"
    settings.NUM_PROXIES = 1
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    from rest_framework.settings import api_settings

    api_settings.reload()
    try:
        first = [
            client.get("/api/ngos/", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7").status_code
            for _ in range(3)
        ]
        other = client.get("/api/ngos/", HTTP_X_FORWARDED_FOR="198.51.100.8").status_code
    finally:
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 0}
        api_settings.reload()
    assert first == [200, 200, 429]  # the spoofed first entry is not believed
    assert other == 200


def test_token_requests_are_throttled(client, settings):
    settings.API_TOKEN_RATE = "3/min"
    codes = [
        client.post("/api/token/", {"username": "x@example.az", "password": "wrong"}).status_code
        for _ in range(4)
    ]
    assert codes == [400, 400, 400, 429]
