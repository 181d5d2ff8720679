"""The demo's programmes and sector health: the brief's proportions, loaded once."""

import pytest

from digital_ngo.accounts.models import Role
from digital_ngo.health import demo as health_demo
from digital_ngo.health.models import ActivityCase
from digital_ngo.programmes import demo as programmes_demo
from digital_ngo.programmes import selectors
from digital_ngo.programmes.models import Task, TaskProgress
from digital_ngo.registry import demo as registry_demo
from digital_ngo.registry.models import NGO

pytestmark = pytest.mark.django_db


def test_demo_programmes_and_activity(make_user):
    manager = make_user(Role.PROGRAMME_MANAGER)
    admin = make_user(Role.AGENCY_ADMIN)
    assert programmes_demo.load_programmes(manager) == 19
    summary = selectors.summary()
    assert (summary.tasks, summary.programmes) == (67, 19)
    assert 90 <= summary.percent <= 99
    assert 2 <= selectors.overdue_count() <= 8
    assert Task.objects.filter(status="partly_done").count() == 3
    assert Task.objects.filter(status="cancelled").count() == 3
    years = {p.changed_at.year for p in TaskProgress.objects.all()}
    assert {2024, 2025, 2026} <= years
    programmes_demo.load_programmes(manager)
    assert Task.objects.count() == 67  # idempotent

    registry_demo.load_ngos(1)
    dormant = health_demo.load_activity(admin)
    share = dormant / NGO.objects.verified().count()
    assert 0.25 <= share <= 0.35
    statuses = sorted(ActivityCase.objects.values_list("status", flat=True))
    assert statuses == ["active", "inactive", "notified", "notified", "notified", "notified"]
    assert health_demo.load_activity(admin) == dormant
    assert ActivityCase.objects.count() == 6
