"""The page cache: hits, invalidation by publishing, privacy, CSRF, conditional GET; /healthz."""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from digital_ngo.accounts.models import Role
from digital_ngo.core.cache import CSRF_PLACEHOLDER
from digital_ngo.funding import services as funding_services
from digital_ngo.opendata import services as opendata_services
from digital_ngo.registry import services as registry_services
from digital_ngo.registry.models import Verification

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def _untokened(response) -> str:
    """The page without its CSRF token (masked afresh for every response)."""
    return TOKEN.sub("", response.content.decode())


def test_healthz_checks_the_database_and_reports_no_heartbeat_yet(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True, "worker_heartbeat": None}
    assert "no-cache" in response["Cache-Control"]


def test_a_repeated_anonymous_page_costs_two_cache_reads(
    client, make_ngo, django_assert_num_queries
):
    make_ngo(name_az="Birinci Birlik")
    first = client.get("/ngos/")
    with django_assert_num_queries(2):  # the topic versions, the page
        second = client.get("/ngos/")
    assert _untokened(second) == _untokened(first) and "Birinci Birlik" in _untokened(second)


def test_verifying_an_ngo_shows_it_in_the_directory_and_api_at_once(client, make_ngo, make_user):
    ngo = make_ngo(name_az="Yeni Yoxlanmış Birlik", verification=Verification.SUBMITTED)
    assert ngo.name_az not in client.get("/ngos/").content.decode()
    assert ngo.name_az not in client.get("/api/ngos/").content.decode()
    registry_services.verify_ngo(staff=make_user(Role.PROGRAMME_MANAGER), ngo=ngo)
    assert ngo.name_az in client.get("/ngos/").content.decode()
    assert ngo.name_az in client.get("/api/ngos/").content.decode()


def test_publishing_a_call_shows_it_on_the_calls_page_and_api(client, make_call, manager):
    call = make_call(published=False, name_az="Gizli müsabiqə")
    assert call.name_az not in client.get(reverse("funding:call_list")).content.decode()
    assert call.name_az not in client.get("/api/calls/").content.decode()
    funding_services.publish_call(user=manager, call=call)
    assert call.name_az in client.get(reverse("funding:call_list")).content.decode()
    assert call.name_az in client.get("/api/calls/").content.decode()


def test_regenerating_open_data_refreshes_its_page(client, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    before = client.get(reverse("opendata:index")).content
    opendata_services.regenerate()
    assert client.get(reverse("opendata:index")).content != before


def test_pages_differ_by_language(client):
    az = client.get("/ngos/").content.decode()
    client.cookies["django_language"] = "en"
    en = client.get("/ngos/").content.decode()
    assert 'lang="az"' in az and 'lang="en"' in en


def test_signed_in_visitors_never_get_or_leave_cached_pages(client, make_user):
    anonymous = client.get("/ngos/").content.decode()
    staff = make_user(Role.PROGRAMME_MANAGER)
    client.force_login(staff)
    signed_in = client.get("/ngos/").content.decode()
    assert "logout" in signed_in and "logout" not in anonymous
    client.logout()
    assert "logout" not in client.get("/ngos/").content.decode()


def test_cached_pages_carry_each_visitors_own_working_csrf_token():
    first = Client(enforce_csrf_checks=True)
    first.get("/ngos/")
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get("/ngos/").content.decode()  # from the cache
    assert CSRF_PLACEHOLDER not in page
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = visitor.post(
        "/i18n/setlang/", {"language": "en", "next": "/ngos/", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302 and visitor.cookies["django_language"].value == "en"


def test_a_current_copy_is_answered_not_modified(client):
    response = client.get("/")
    assert response["ETag"] and response["Last-Modified"]
    again = client.get("/", headers={"if-none-match": response["ETag"]})
    assert again.status_code == 304 and again.content == b""
    since = client.get("/", headers={"if-modified-since": response["Last-Modified"]})
    assert since.status_code == 304


def test_messages_are_shown_not_hidden_by_the_cache(client, make_user):
    client.get("/")
    staff = make_user(Role.PROGRAMME_MANAGER)
    client.force_login(staff)
    client.post(reverse("accounts:logout"))
    cache.clear()
    assert client.get("/").status_code == 200
