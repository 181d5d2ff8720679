"""The public portal: headline figures, charts with a table alternative, project pages."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from digital_ngo.applications import services as application_services
from digital_ngo.applications.models import Application
from tests.fixtures.grants import conclude

pytestmark = pytest.mark.django_db


@pytest.fixture
def grant(complete, ngo_admin, manager):
    application_services.submit(user=ngo_admin, application=complete)
    Application.objects.filter(pk=complete.pk).update(
        status="funded", awarded_amount=Decimal("12000")
    )
    return conclude(manager, Application.objects.get(pk=complete.pk), date(2026, 3, 2))


def test_home_shows_figures_and_charts_with_tables(client, grant):
    html = client.get("/").content.decode()
    assert "12\u00a0000\u00a0₼" in html  # awarded, formatted the Azerbaijani way
    assert html.count("<svg") == 4 and html.count("Cədvəl kimi göstərin") == 4
    assert "Ətraf mühit və sağlamlıq" in html  # the topic bar and its table row


def test_project_pages_are_public_with_stable_urls(client, grant):
    listing = client.get(reverse("portal:projects")).content.decode()
    assert reverse("portal:project", args=[grant.number]) in listing
    page = client.get(reverse("portal:project", args=[grant.number])).content.decode()
    assert grant.application.title in page and "Təlim keçmiş gənclər" in page
    assert client.get(reverse("portal:project", args=["QHT-0000-00000"])).status_code == 404


def test_projects_filter_by_call_region_and_search_without_diacritics(client, grant):
    url = reverse("portal:projects")
    ngo_words = "yasil gelecek"  # "Yaşıl Gələcək", typed without Azerbaijani letters
    assert grant.number in client.get(url, {"q": ngo_words}).content.decode()
    assert grant.number not in client.get(url, {"q": "kitabxana"}).content.decode()
    assert grant.number in client.get(url, {"call": grant.application.call_id}).content.decode()
    response = client.get(url, {"call": "x"})
    assert response.status_code == 200 and response.context["form"].errors


def test_ngo_profile_lists_its_funded_projects(client, grant):
    page = client.get(reverse("registry:profile", args=[grant.application.ngo_id])).content.decode()
    assert reverse("portal:project", args=[grant.number]) in page
