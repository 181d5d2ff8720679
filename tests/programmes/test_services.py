"""Tasks through the services: status moves, history as of a date, overdue notices."""

from datetime import date, datetime, time
from fractions import Fraction

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from digital_ngo.accounts.models import Role
from digital_ngo.core.models import ActionLog, Notification
from digital_ngo.programmes import selectors, services
from digital_ngo.programmes.models import TaskProgress

pytestmark = pytest.mark.django_db


def at(day):
    return timezone.make_aware(datetime.combine(day, time(12)))


def test_status_moves_are_logged_with_history(make_task, manager):
    task = make_task()
    task = services.change_status(staff=manager, task=task, action="start")
    task = services.change_status(
        staff=manager, task=task, action="partly", percent=60, reason="yarı"
    )
    assert (task.status, task.percent) == ("partly_done", 60)
    assert list(task.progress.values_list("status", flat=True)) == [
        "not_started",
        "in_progress",
        "partly_done",
    ]
    log = ActionLog.objects.filter(workflow="programme_task", object_id=task.pk)
    assert set(log.values_list("action", flat=True)) == {"create", "start", "partly"}


def test_wrong_moves_change_nothing(make_task, manager, make_user):
    task = make_task()
    with pytest.raises(ValidationError):
        services.change_status(staff=manager, task=task, action="reopen", reason="x")
    with pytest.raises(ValidationError):
        services.change_status(staff=manager, task=task, action="partly", percent=101)
    with pytest.raises(ValidationError):
        services.change_status(staff=manager, task=task, action="cancel")  # reason required
    with pytest.raises(PermissionDenied):
        services.change_status(staff=make_user(Role.FINANCE_OFFICER), task=task, action="start")
    task.refresh_from_db()
    assert task.status == "not_started" and task.progress.count() == 1


def test_bad_task_data_is_refused(make_task):
    with pytest.raises(ValidationError):
        make_task(weight="0")
    with pytest.raises(ValidationError):
        make_task(weight="-1")
    with pytest.raises(ValidationError):
        make_task(deadline=date(2023, 12, 31))  # before the programme starts
    make_task(number="9.9")
    with pytest.raises(ValidationError):
        make_task(number="9.9")


def test_roll_up_as_of_a_date_against_a_hand_computed_history(make_task, manager):
    """Three tasks (weights 1, 1, 2) moved on known days; the roll-up on each day by hand."""
    a = make_task(weight="1")
    b = make_task(weight="1")
    c = make_task(weight="2")
    TaskProgress.objects.filter(task__in=[a, b, c]).update(changed_at=at(date(2024, 1, 10)))
    a = services.change_status(staff=manager, task=a, action="complete", when=at(date(2024, 3, 5)))
    b = services.change_status(
        staff=manager, task=b, action="partly", percent=50, when=at(date(2024, 6, 1))
    )
    c = services.change_status(
        staff=manager, task=c, action="cancel", reason="çıxarıldı", when=at(date(2024, 9, 1))
    )
    b = services.change_status(staff=manager, task=b, action="complete", when=at(date(2025, 2, 1)))
    # 10 Jan 2024: all not started → 0. 31 Mar: a done → 100×1 / 4 = 25.
    assert selectors.rollup_as_of(date(2024, 1, 31)) == 0
    assert selectors.rollup_as_of(date(2024, 3, 31)) == 25
    # 30 Jun: a 100, b 50 → (100 + 50) / 4 = 37.5
    assert selectors.rollup_as_of(date(2024, 6, 30)) == Fraction(75, 2)
    # 30 Sep: c cancelled → (100 + 50) / 2 = 75
    assert selectors.rollup_as_of(date(2024, 9, 30)) == 75
    # 28 Feb 2025: b done → 100
    assert selectors.rollup_as_of(date(2025, 2, 28)) == 100
    # before anything existed
    assert selectors.rollup_as_of(date(2023, 12, 31)) is None
    assert selectors.summary().percent == 100


def test_overdue_tasks_are_notified_once_per_spell(make_task, manager):
    task = make_task(deadline=date(2024, 5, 1), responsible=manager)
    assert services.notify_overdue_tasks(date(2024, 5, 2)) == 1
    assert services.notify_overdue_tasks(date(2024, 5, 3)) == 0  # same spell
    assert Notification.objects.filter(user=manager).count() == 1
    task = services.update_task(staff=manager, task=task, data={"deadline": date(2024, 6, 1)})
    assert services.notify_overdue_tasks(date(2024, 6, 2)) == 1  # a new spell
    services.change_status(staff=manager, task=task, action="complete")
    assert services.notify_overdue_tasks(date(2024, 7, 1)) == 0
    assert selectors.overdue_count(date(2024, 7, 1)) == 0


def test_search_ignores_diacritics(make_task):
    make_task(text_az="Şəhid ailələri üçün tədbirlər")
    make_task(text_az="Mina təhlükəsi barədə maarifləndirmə")
    assert [t.text_az for t in selectors.public_tasks(query="sehid aileleri")] == [
        "Şəhid ailələri üçün tədbirlər"
    ]
    assert selectors.public_tasks(query="TƏHLÜKƏSİ").count() == 1
