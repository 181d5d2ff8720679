"""Every search box uses the same folded search: case and diacritics are ignored everywhere
("maariflendirme" finds "maarifləndirmə", "KƏND" finds "Kənd")."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from aztext import fold
from digital_ngo.accounts.models import Role
from digital_ngo.applications import services as application_services
from digital_ngo.applications.models import Application
from digital_ngo.core.search import folded_search
from digital_ngo.press.models import PressItem
from digital_ngo.press.search import index_item
from digital_ngo.registry.models import NGO
from tests.fixtures.grants import conclude

pytestmark = pytest.mark.django_db

QUERIES = ["maariflendirme", "MAARİFLƏNDİRMƏ", "Maarifləndirmə", "ekoloji maarif"]


@pytest.fixture
def grant(complete, ngo_admin, manager):
    application_services.submit(user=ngo_admin, application=complete)
    Application.objects.filter(pk=complete.pk).update(
        status="funded", awarded_amount=Decimal("12000")
    )
    return conclude(manager, Application.objects.get(pk=complete.pk), date.today())


def test_the_helper_matches_every_word_in_any_column(make_ngo):
    make_ngo(name_az="Kənd Qadınları İctimai Birliyi")
    make_ngo(name_az="Şəhər Gəncləri Birliyi")
    ngos = NGO.objects.all()
    assert [n.name_az for n in folded_search(ngos, "KƏND qadinlari", "search_text")] == [
        "Kənd Qadınları İctimai Birliyi"
    ]
    assert folded_search(ngos, "kend sheher", "search_text").count() == 0
    assert folded_search(ngos, "", "search_text").count() == 2


@pytest.mark.parametrize("query", QUERIES)
def test_portal_project_search_folds_titles(client, grant, query):
    """The project title is "Şəhər parklarında ekoloji maarifləndirmə"."""
    page = client.get(reverse("portal:projects"), {"q": query}).content.decode()
    assert grant.number in page


def test_portal_project_search_folds_ngo_names_and_misses_others(client, grant):
    assert (
        grant.number
        in client.get(reverse("portal:projects"), {"q": "YASIL gelecek"}).content.decode()
    )
    assert (
        grant.number not in client.get(reverse("portal:projects"), {"q": "kənd"}).content.decode()
    )


@pytest.mark.parametrize("query", ["KƏND", "kend", "Kənd qadinlari"])
def test_directory_staff_list_and_api_fold_ngo_names(client, make_ngo, make_user, query):
    ngo = make_ngo(name_az="Kənd Qadınları İctimai Birliyi")
    make_ngo(name_az="Şəhər Gəncləri Birliyi")
    assert ngo.name_az in client.get(reverse("registry:directory"), {"q": query}).content.decode()
    data = client.get("/api/ngos/", {"q": query}).json()
    assert [row["name_az"] for row in data["results"]] == [ngo.name_az]
    client.force_login(make_user(Role.PROGRAMME_MANAGER))
    page = client.get(reverse("registry:staff_ngo_list"), {"q": query}).content.decode()
    assert ngo.name_az in page and "Şəhər Gəncləri" not in page


@pytest.mark.parametrize("query", ["KƏND", "kend qadinlari"])
def test_press_archive_and_staff_list_fold(client, make_user, query):
    text = "Kənd qadınları üçün maarifləndirmə layihəsi başladı."
    item = PressItem.objects.create(
        title="Kənd xəbəri",
        file=SimpleUploadedFile("x.txt", text.encode(), "text/plain"),
        original_name="x.txt",
        source="text",
        status=PressItem.Status.PUBLISHED,
        final_text=text,
        search_text=fold(text),
        uploaded_by=make_user(Role.MONITORING_OFFICER),
    )
    index_item(item)  # as the publishing service does
    assert "Kənd xəbəri" in client.get(reverse("press:archive"), {"q": query}).content.decode()
    client.force_login(make_user(Role.MONITORING_OFFICER))
    assert "Kənd xəbəri" in client.get(reverse("press:staff_list"), {"q": query}).content.decode()


def test_a_renamed_application_is_found_by_its_new_title(draft):
    draft.title = "Kənd məktəblərində rəqəmsal savadlılıq"
    draft.save(update_fields=["title"])
    found = folded_search(Application.objects.all(), "KEND mekteb", "search_text")
    assert list(found) == [draft]
