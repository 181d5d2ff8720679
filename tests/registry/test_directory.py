"""The public directory: diacritic-insensitive search, Azerbaijani order, filters, bad input."""

import pytest
from django.urls import reverse

from digital_ngo.registry.models import LegalForm, Verification

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    return [ngo.name_az for ngo in response.context["page"].object_list]


@pytest.mark.parametrize("query", ["Azerbaycan", "AZƏRBAYCAN", "azərbaycan", "azerbaycan gencleri"])
def test_search_ignores_case_and_diacritics(client, make_ngo, query):
    make_ngo(name_az="Azərbaycan Gəncləri Birliyi")
    make_ngo(name_az="Bakı Ekologiya Fondu")
    assert names(client.get(reverse("registry:directory"), {"q": query})) == [
        "Azərbaycan Gəncləri Birliyi"
    ]


def test_search_for_vetendas_finds_vetendas(client, make_ngo):
    make_ngo(name_az="Vətəndaş Cəmiyyəti Mərkəzi")
    make_ngo(
        name_az="Vətəndaş Cəmiyyəti Mərkəzi (yoxlanılmamış)", verification=Verification.SUBMITTED
    )
    assert names(client.get(reverse("registry:directory"), {"q": "vetendas cemiyyeti"})) == [
        "Vətəndaş Cəmiyyəti Mərkəzi"
    ]


def test_directory_sorts_in_azerbaijani_alphabet_order(client, make_ngo):
    for name in [
        "Zəngilan Birliyi",
        "Ümid Fondu",
        "Çinar Birliyi",
        "Cəmiyyət Birliyi",
        "Əmək Birliyi",
        "İnam Birliyi",
        "Işıq Birliyi",
        "Xeyir Fondu",
        "Qaya Birliyi",
        "Kitab Birliyi",
        "Hədəf Fondu",
    ]:
        make_ngo(name_az=name)
    assert names(client.get(reverse("registry:directory"))) == [
        "Cəmiyyət Birliyi",
        "Çinar Birliyi",
        "Əmək Birliyi",
        "Hədəf Fondu",
        "Xeyir Fondu",
        "Işıq Birliyi",
        "İnam Birliyi",
        "Kitab Birliyi",
        "Qaya Birliyi",
        "Ümid Fondu",
        "Zəngilan Birliyi",
    ]


def test_filters_by_legal_form_region_and_field(client, make_ngo):
    from digital_ngo.registry.models import EconomicRegion, FieldOfActivity

    region = EconomicRegion.objects.get(code="saki-zaqatala")
    field = FieldOfActivity.objects.get(slug="environment")
    match = make_ngo(name_az="Şəki Ekoloji Fondu", legal_form=LegalForm.FOUNDATION, region=region)
    match.fields.add(field)
    make_ngo(name_az="Şəki Birliyi", region=region)
    make_ngo(name_az="Bakı Fondu", legal_form=LegalForm.FOUNDATION)
    params = {"legal_form": "foundation", "region": "saki-zaqatala", "field": "environment"}
    assert names(client.get(reverse("registry:directory"), params)) == ["Şəki Ekoloji Fondu"]


def test_unknown_filter_values_are_reported_not_a_server_error(client, make_ngo):
    make_ngo()
    response = client.get(
        reverse("registry:directory"), {"legal_form": "pirate", "region": "mars", "page": "x"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors


def test_htmx_request_gets_only_the_results(client, make_ngo):
    make_ngo(name_az="Vətəndaş Birliyi")
    response = client.get(reverse("registry:directory"), {"q": "vetendas"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "Vətəndaş Birliyi" in html and "<html" not in html


def test_profile_shows_public_record_and_sanctions(client, make_ngo, make_user):
    from datetime import date

    from digital_ngo.registry.models import Sanction

    ngo = make_ngo(name_az="Açıq QHT", purposes="Maarifləndirmə")
    Sanction.objects.create(
        ngo=ngo,
        kind="ban",
        starts_on=date(2026, 1, 1),
        reason="Gecikmiş hesabat",
        imposed_by=make_user("agency_admin"),
    )
    html = client.get(reverse("registry:profile", args=[ngo.pk])).content.decode()
    assert (
        "Açıq QHT" in html and "Müsabiqələrdən kənarlaşdırma" in html and "Gecikmiş hesabat" in html
    )
