"""Signatures and coalition memberships count as an NGO's visible activity (sector health)."""

from datetime import date

import pytest
from django.utils import timezone

from digital_ngo.campaigns.models import Signature
from digital_ngo.coalitions.models import Coalition, Membership
from digital_ngo.health import selectors

pytestmark = pytest.mark.django_db


def test_a_confirmed_signature_and_a_membership_are_signals(approved_statement, make_ngo):
    ngo, other = make_ngo(), make_ngo()
    statement = approved_statement()
    common = {"statement": statement, "country": "AZ", "email": "a@example.az"}
    Signature.objects.create(
        organisation="Bir", name_key="bir", ngo=ngo, status="confirmed",
        confirmed_at=timezone.now(), **common,
    )  # fmt: skip
    Signature.objects.create(
        organisation="Iki", name_key="iki", ngo=other, status="pending",
        **{**common, "email": "b@example.az"},
    )  # fmt: skip
    coalition = Coalition.objects.create(name_az="Platforma", slug="platforma", kind="platform")
    Membership.objects.create(
        coalition=coalition, ngo=ngo, organisation="Bir", country="AZ", joined_on=date(2024, 5, 1)
    )
    found = selectors.signals({ngo.pk, other.pk})
    kinds = {signal.kind for signal in found.get(ngo.pk, [])}
    assert {"statement_signed", "coalition_member"} <= kinds
    assert not {"statement_signed", "coalition_member"} & {s.kind for s in found.get(other.pk, [])}
