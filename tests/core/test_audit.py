"""The audit trail: who changed what, old → new, shown to staff on the history page."""

import pytest
from django.urls import reverse

from digital_ngo.accounts.models import Role
from digital_ngo.core.audit import entries_for
from digital_ngo.registry import services
from digital_ngo.registry.models import NGO, Verification

pytestmark = pytest.mark.django_db


def test_service_changes_are_recorded_with_user_and_old_and_new_values(client, make_ngo, make_user):
    ngo = make_ngo(verification=Verification.SUBMITTED)
    manager = make_user(Role.PROGRAMME_MANAGER, full_name="Rəşad Məmmədov")
    client.force_login(manager)
    client.post(reverse("registry:return", args=[ngo.pk]), {"reasons": "Çıxarış oxunmur"})
    latest = entries_for(NGO.objects.get(pk=ngo.pk))[0]
    assert latest.who == manager
    changes = {change.field: (str(change.old), str(change.new)) for change in latest.changes}
    assert changes["yoxlama"] == ("Texniki yoxlama gözləyir", "Düzəliş üçün qaytarılıb")
    assert changes["qaytarılma səbəbləri"] == ("", "Çıxarış oxunmur")


def test_history_page_lists_changes_of_the_ngo_and_its_sanctions(client, make_ngo, make_user):
    ngo = make_ngo(verification=Verification.SUBMITTED)
    admin = make_user(Role.AGENCY_ADMIN, full_name="Aygün Əliyeva")
    client.force_login(admin)
    client.post(reverse("registry:verify", args=[ngo.pk]))
    client.post(
        reverse("registry:impose_sanction", args=[ngo.pk]),
        {"kind": "warning", "starts_on": "2026-02-01", "reason": "Gecikmə"},
    )
    html = client.get(reverse("registry:history", args=[ngo.pk])).content.decode()
    assert "Aygün Əliyeva" in html
    assert "Təsdiqlənib" in html and "sanksiya" in html


def test_deleting_a_record_is_recorded(make_ngo, make_user):
    ngo = make_ngo()
    pk = ngo.pk
    ngo.delete()
    assert NGO.history.filter(id=pk, history_type="-").exists()
    assert services  # services write through models, so every write lands in history
