"""The remaining grant-cycle views against every role: starting, attachments, appeals, rulings,
and the XLSX downloads of the evaluation and the ranking."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from digital_ngo.accounts.models import Role
from digital_ngo.applications import services as application_services
from digital_ngo.applications.models import Application
from digital_ngo.decisions import services as decision_services
from digital_ngo.decisions.models import Appeal
from tests.fixtures.grants import close_call

pytestmark = pytest.mark.django_db
EVERYONE = sorted({r.value for r in Role} | {"anonymous", "lead"})
STAFF = {"agency_admin", "programme_manager", "monitoring_officer", "finance_officer"}


def login(client, users, ngo_admin, role):
    user = ngo_admin if role == "lead" else users[role]
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("role", EVERYONE)
def test_start_and_attachments(client, users, ngo_admin, complete, call, role):
    client = login(client, users, ngo_admin, role)
    start = client.get(reverse("applications:start", args=[call.pk])).status_code
    # people of a verified NGO may start; the users fixture's NGO is verified
    assert start == (
        200 if role in {"lead", "ngo_admin", "ngo_member"} else 302 if role == "anonymous" else 403
    )
    attachments = client.get(reverse("applications:attachments", args=[complete.pk])).status_code
    assert attachments == (200 if role in STAFF | {"lead"} else 302 if role == "anonymous" else 404)
    document = complete.attachments.first()
    download = client.get(reverse("applications:attachment_file", args=[document.pk])).status_code
    assert download == attachments


@pytest.mark.parametrize("role", EVERYONE)
def test_appeal_and_ruling(client, users, ngo_admin, complete, make_user, role):
    application_services.submit(user=ngo_admin, application=complete)
    Application.objects.filter(pk=complete.pk).update(status="scored", score=Decimal("30"))
    admin = make_user(Role.AGENCY_ADMIN)
    close_call(complete.call)
    decision_services.record_decision(staff=admin, call=complete.call, minutes="İclas")
    client = login(client, users, ngo_admin, role)
    client.post(reverse("decisions:appeal", args=[complete.pk]), {"text": "Ballar ədalətsizdir."})
    assert Appeal.objects.filter(application=complete).exists() == (role == "lead")
    appeal = Appeal.objects.filter(application=complete).first() or decision_services.appeal(
        user=ngo_admin, application=complete, text="Ballar ədalətsizdir."
    )
    client.post(
        reverse("decisions:rule", args=[appeal.pk]),
        {"outcome": "dismissed", "note": "Əsaslı deyil."},
    )
    appeal.refresh_from_db()
    assert (appeal.outcome == "dismissed") == (role == "agency_admin")


def rows(response):
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def test_evaluation_and_ranking_download_as_xlsx(client, complete, ngo_admin, make_user):
    application_services.submit(user=ngo_admin, application=complete)
    Application.objects.filter(pk=complete.pk).update(status="scored", score=Decimal("80"))
    client.force_login(make_user(Role.MONITORING_OFFICER))
    ranking = rows(
        client.get(reverse("decisions:ranking", args=[complete.call_id]), {"format": "xlsx"})
    )
    assert (
        ranking[0][0] == "Mövzu"
        and ranking[1][1] == complete.title
        and ranking[1][5] == "Maliyyələşdirilsin"
    )
    evaluation = rows(
        client.get(reverse("reviews:call_evaluation", args=[complete.call_id]), {"format": "xlsx"})
    )
    assert evaluation[1][1] == complete.title and evaluation[1][4] == 80
