"""Affiliations: NGOs, staff and evaluators declare links; nothing is deleted (end or void with a
reason); conflicts match an evaluator by account, else by e-mail in any case."""

import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from digital_ngo.accounts.models import Role
from digital_ngo.applications import services as application_services
from digital_ngo.core.models import ActionLog
from digital_ngo.registry import services
from digital_ngo.registry.demo import voen_for
from digital_ngo.registry.models import Affiliation, FieldOfActivity
from digital_ngo.reviews import services as review_services
from digital_ngo.reviews.selectors import registry_conflicts
from tests.registry.test_permissions import EVERYONE, STAFF, client_for

pytestmark = pytest.mark.django_db
MANAGERS = {"agency_admin", "programme_manager"}


@pytest.fixture
def admissible(complete, ngo_admin, manager):
    application_services.submit(user=ngo_admin, application=complete)
    return application_services.declare_admissible(staff=manager, application=complete)


@pytest.fixture
def own_ngo(users):
    return users["ngo_admin"].ngo


def test_the_ngo_declares_a_person_by_email_and_the_account_is_matched_in_any_case(
    users, own_ngo, make_user
):
    evaluator = make_user(Role.EVALUATOR, email="ekspert.aliyev@example.az")
    link = services.declare_ngo_person(
        user=users["ngo_admin"],
        ngo=own_ngo,
        data={"name": "Ekspert Əliyev", "email": "Ekspert.ALIYEV@example.az", "role": "board"},
    )
    assert link.person == evaluator and link.source == Affiliation.Source.NGO
    assert ActionLog.objects.filter(object_id=link.pk, action="declare").exists()


def test_a_person_without_an_account_matches_later_by_email(users, own_ngo, make_user, admissible):
    """Declared before the evaluator's account existed: matched by e-mail at assignment."""
    link = services.declare_ngo_person(
        user=users["agency_admin"],
        ngo=admissible.ngo,
        data={"name": "Gələcək Ekspert", "email": "GELECEK@example.az", "role": "founder"},
    )
    assert link.person is None and link.source == Affiliation.Source.STAFF
    evaluator = make_user(Role.EVALUATOR, email="gelecek@example.az")
    assert registry_conflicts(evaluator, admissible)


def test_an_evaluator_declared_by_the_ngo_is_not_assigned(
    admissible, ngo_admin, manager, make_user
):
    linked = make_user(Role.EVALUATOR, email="bagli@example.az")
    others = [make_user(Role.EVALUATOR) for _ in range(2)]
    services.declare_ngo_person(
        user=ngo_admin,
        ngo=admissible.ngo,
        data={"name": "Bağlı Ekspert", "email": "Bagli@Example.az", "role": "board"},
    )
    review_services.assign_evaluators(staff=manager, call=admissible.call)
    chosen = {a.evaluator for a in admissible.assignments.all()}
    assert linked not in chosen and chosen == set(others)


def test_an_evaluator_declares_own_links_and_only_they_change_them(users, own_ngo, make_user):
    evaluator = users["evaluator"]
    link = services.declare_own_affiliation(
        user=evaluator,
        ngo=own_ngo,
        data={"role": "employee", "starts_on": date(2020, 1, 1), "ends_on": date(2023, 5, 1)},
    )
    assert link.person == evaluator and link.source == Affiliation.Source.SELF
    with pytest.raises(PermissionDenied):
        services.declare_own_affiliation(user=users["ngo_admin"], ngo=own_ngo, data={"role": "x"})
    with pytest.raises(PermissionDenied):  # the NGO does not change a person's own declaration
        services.void_affiliation(user=users["ngo_admin"], affiliation=link, reason="Yox")
    with pytest.raises(PermissionDenied):
        services.void_affiliation(
            user=make_user(Role.EVALUATOR), affiliation=link, reason="Başqasınınkı"
        )


def test_links_are_ended_or_voided_never_deleted(users, own_ngo, admissible):
    admin = users["ngo_admin"]
    link = services.declare_ngo_person(
        user=admin, ngo=own_ngo, data={"name": "Nigar Səfərova", "role": "employee"}
    )
    ended = services.update_affiliation(
        user=admin,
        affiliation=link,
        data={"name": "Nigar Səfərova", "role": "employee", "ends_on": date(2024, 6, 30)},
    )
    assert ended.ends_on == date(2024, 6, 30)
    with pytest.raises(ValidationError):
        services.void_affiliation(user=admin, affiliation=link, reason="  ")
    voided = services.void_affiliation(user=admin, affiliation=link, reason="Səhv daxil edilib")
    assert voided.voided_at is not None and Affiliation.objects.filter(pk=link.pk).exists()
    assert voided.history.count() == 3  # declared, ended, voided
    with pytest.raises(ValidationError):
        services.update_affiliation(user=admin, affiliation=voided, data={"role": "member"})
    assert set(
        ActionLog.objects.filter(object_id=link.pk, workflow="affiliation").values_list(
            "action", flat=True
        )
    ) == {"declare", "edit", "void"}


def test_a_voided_link_is_no_conflict(users, admissible, make_user):
    evaluator = make_user(Role.EVALUATOR)
    link = services.declare_own_affiliation(
        user=evaluator, ngo=admissible.ngo, data={"role": "member"}
    )
    assert registry_conflicts(evaluator, admissible)
    services.void_affiliation(user=evaluator, affiliation=link, reason="Başqa QHT idi")
    assert registry_conflicts(evaluator, admissible) == []


def test_bad_input_is_refused(users, own_ngo):
    admin = users["ngo_admin"]
    with pytest.raises(ValidationError):  # nobody named
        services.declare_ngo_person(user=admin, ngo=own_ngo, data={"role": "member"})
    with pytest.raises(ValidationError):  # ends before it starts
        services.declare_ngo_person(
            user=admin,
            ngo=own_ngo,
            data={
                "name": "X",
                "role": "member",
                "starts_on": date(2024, 1, 1),
                "ends_on": date(2023, 1, 1),
            },
        )
    with pytest.raises(PermissionDenied):  # another NGO's administrator
        services.declare_ngo_person(
            user=users["ngo_member"], ngo=own_ngo, data={"name": "X", "role": "member"}
        )
    assert not Affiliation.objects.exists()


def test_the_registration_form_declares_the_ngos_people(client, make_user, pdf_upload):
    user = make_user(Role.NGO_ADMIN)
    client.force_login(user)
    data = {
        "name_az": "Yeni Gənclər İctimai Birliyi",
        "legal_form": "public_association",
        "voen": voen_for(777, territory=99),
        "scope": "national",
        "country": "AZ",
        "ecosoc_status": "none",
        "fields": [FieldOfActivity.objects.first().pk],
        "charter": pdf_upload("nizamname.pdf"),
        "registry_extract": pdf_upload("cixaris.pdf"),
        "people-TOTAL_FORMS": "2",
        "people-INITIAL_FORMS": "0",
        "people-0-name": "Aysel Məmmədova",
        "people-0-email": "aysel@example.az",
        "people-0-role": "founder",
        "people-0-starts_on": "2019-04-01",
    }
    response = client.post(reverse("registry:register_ngo"), data)
    assert response.status_code == 302, re.findall(r'id="(\w+)_error"', response.content.decode())
    user.refresh_from_db()
    link = Affiliation.objects.get()
    assert link.ngo == user.ngo and link.name == "Aysel Məmmədova" and link.role == "founder"


def _rows(make_ngo, users):
    own = users["ngo_admin"].ngo
    by_ngo = services.declare_ngo_person(
        user=users["agency_admin"], ngo=own, data={"name": "Rəhim Əliyev", "role": "member"}
    )
    own_link = services.declare_own_affiliation(
        user=users["evaluator"], ngo=make_ngo(), data={"role": "founder"}
    )
    return own, by_ngo, own_link


@pytest.mark.parametrize("role", sorted(EVERYONE))
def test_who_sees_and_changes_affiliations(client, users, make_ngo, role):
    own, by_ngo, own_link = _rows(make_ngo, users)
    client = client_for(client, users[role])
    see_people = STAFF | {"ngo_admin", "ngo_member"}
    change_ngo_link = MANAGERS | {"ngo_admin"}

    def status(allowed):
        return 200 if role in allowed else 302 if role == "anonymous" else 403

    people = reverse("registry:ngo_people", args=[own.pk])
    assert client.get(people).status_code == status(see_people)
    response = client.post(people, {"name": "Yeni Üzv", "role": "member"})
    assert Affiliation.objects.filter(name="Yeni Üzv").exists() == (role in change_ngo_link)
    edit = reverse("registry:edit_affiliation", args=[by_ngo.pk])
    assert client.get(edit).status_code == status(change_ngo_link)
    assert client.get(reverse("registry:my_affiliations")).status_code == status({"evaluator"})
    edit_own = reverse("registry:edit_affiliation", args=[own_link.pk])
    assert client.get(edit_own).status_code == status(MANAGERS | {"evaluator"})
    response = client.post(
        reverse("registry:void_affiliation", args=[by_ngo.pk]), {"reason": "Səhv"}
    )
    assert response.status_code in (302, 403)
    by_ngo.refresh_from_db()
    assert (by_ngo.voided_at is not None) == (role in change_ngo_link)


def test_staff_and_ngo_pages_list_the_people(client, users, make_ngo):
    own, _by_ngo, _own_link = _rows(make_ngo, users)
    for role, url in (
        ("agency_admin", reverse("registry:staff_ngo_detail", args=[own.pk])),
        ("ngo_admin", reverse("registry:my_ngo")),
    ):
        client.force_login(users[role])
        assert "Rəhim Əliyev" in client.get(url).content.decode()


def test_ended_dates_in_the_last_two_years_still_conflict(users, admissible, make_user):
    evaluator = make_user(Role.EVALUATOR)
    services.declare_own_affiliation(
        user=evaluator,
        ngo=admissible.ngo,
        data={"role": "member", "ends_on": date.today() - timedelta(days=900)},
    )
    assert registry_conflicts(evaluator, admissible) == []
