"""Fixtures of the programmes tests: a programme and tasks made through the services."""

from datetime import date
from decimal import Decimal

import pytest

from digital_ngo.accounts.models import Role
from digital_ngo.programmes import services
from digital_ngo.programmes.models import ActKind, Programme


@pytest.fixture
def manager(make_user):
    return make_user(Role.PROGRAMME_MANAGER, full_name="Leyla Məmmədova")


@pytest.fixture
def programme(manager):
    return services.save_programme(
        staff=manager,
        programme=Programme(
            code="vc",
            title_az="Vətəndaş cəmiyyəti proqramı",
            title_en="Civil society programme",
            act_kind=ActKind.DECREE,
            act_number="1317",
            act_date=date(2021, 4, 19),
            starts_on=date(2024, 1, 1),
            ends_on=date(2027, 12, 31),
            responsible_body_az="QHT Agentliyi",
        ),
    )


@pytest.fixture
def make_task(manager, programme):
    counter = iter(range(1, 1000))

    def make(weight="1", prog=None, **data):
        n = next(counter)
        values = {
            "number": f"1.{n}",
            "text_az": f"Vətəndaş cəmiyyəti tapşırığı {n}",
            "weight": Decimal(weight),
        }
        values.update(data)
        return services.create_task(staff=manager, programme=prog or programme, data=values)

    return make
