"""Fixtures of the funding tests: a complete call, open now."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from digital_ngo.accounts.models import Role
from digital_ngo.funding import services
from digital_ngo.funding.models import Criterion, Funder, RequiredDocument, Topic


@pytest.fixture
def manager(make_user):
    return make_user(Role.PROGRAMME_MANAGER)


@pytest.fixture
def make_call(manager):
    """A complete call (default instruments, two topics, a 60/40 rubric), open unless told."""

    def make(published: bool = True, opens_in_days: int = -1, **data):
        now = timezone.now()
        values = {
            "name_az": "2026-cı il qrant müsabiqəsi",
            "year": 2026,
            "opens_at": now + timedelta(days=opens_in_days),
            "closes_at": now + timedelta(days=opens_in_days + 30),
            "total_budget": Decimal("500000"),
        }
        values.update(data)
        call = services.create_call(user=manager, data=values, funders=Funder.objects.filter(code="agency"))
        Topic.objects.create(call=call, code="A", position=1, name_az="Ətraf mühit və sağlamlıq")
        Topic.objects.create(call=call, code="B", position=2, name_az="Qərbi Azərbaycana qayıdış",
                             coalition_required=True)
        Criterion.objects.create(call=call, name_az="Aktuallıq", weight=Decimal("60"))
        Criterion.objects.create(call=call, name_az="Büdcənin əsaslandırılması", weight=Decimal("40"))
        RequiredDocument.objects.create(call=call, name_az="Xərclər smetası")
        if published:
            call = services.publish_call(user=manager, call=call)
        return call

    return make
