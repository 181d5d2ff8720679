"""The scheduler: each job sends its notices once, however often it runs, and logs each run."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from digital_ngo.accounts.models import Role
from digital_ngo.applications import services as application_services
from digital_ngo.applications.models import Application
from digital_ngo.core import scheduler
from digital_ngo.core.models import Notification, SchedulerRun
from digital_ngo.grants.models import Report
from tests.fixtures.grants import conclude

pytestmark = pytest.mark.django_db


@pytest.fixture
def grant(complete, ngo_admin, manager):
    application_services.submit(user=ngo_admin, application=complete)
    Application.objects.filter(pk=complete.pk).update(
        status="funded", awarded_amount=Decimal("12000")
    )
    return conclude(manager, Application.objects.get(pk=complete.pk), date(2026, 3, 2))


def run_twice(job_name, now, capture):
    job = next(job for job in scheduler.JOBS if job.name == job_name)
    with capture(execute=True):
        first = scheduler.run(job, now)
    with capture(execute=True):
        second = scheduler.run(job, now + timedelta(minutes=1))
    return first, second


def test_report_reminders_are_sent_once(grant, ngo_admin, django_capture_on_commit_callbacks):
    report = grant.reports.get()
    now = timezone.now()
    Report.objects.filter(pk=report.pk).update(due_on=timezone.localdate(now) + timedelta(days=10))
    mail.outbox.clear()
    first, second = run_twice("report_reminders", now, django_capture_on_commit_callbacks)
    assert (first.done, second.done, first.error) == (1, 0, "")
    assert [m.to for m in mail.outbox] == [[ngo_admin.email]]
    assert Notification.objects.filter(user=ngo_admin, subject__contains=grant.number).count() == 1


def test_a_late_report_proposes_its_sanction_once_to_administrators(
    grant, make_user, django_capture_on_commit_callbacks
):
    admin = make_user(Role.AGENCY_ADMIN)
    report = grant.reports.get()
    Report.objects.filter(pk=report.pk).update(due_on=date(2026, 10, 1))
    mail.outbox.clear()
    first, second = run_twice(
        "sanction_proposals", timezone.now(), django_capture_on_commit_callbacks
    )
    assert (first.done, second.done) == (1, 0)
    assert [m.to for m in mail.outbox] == [[admin.email]]
    assert not report.sanctions.exists()  # proposed, never imposed by the scheduler


def test_the_command_runs_due_jobs_and_logs_them(db):
    call_command("scheduler", "--once")
    assert set(SchedulerRun.objects.values_list("job", flat=True)) == {
        j.name for j in scheduler.JOBS
    }
    call_command("scheduler", "--once")  # nothing is due again a moment later
    assert SchedulerRun.objects.count() == len(scheduler.JOBS)


def test_a_failing_job_is_logged_and_the_others_run(db):
    def broken(now):
        raise RuntimeError("boom")

    jobs = [scheduler.Job("broken", timedelta(minutes=1), broken), scheduler.JOBS[0]]
    runs = scheduler.run_pending(jobs=jobs)
    assert "boom" in runs[0].error and runs[1].error == ""


def test_notices_follow_the_recipients_language(
    grant, ngo_admin, django_capture_on_commit_callbacks
):
    ngo_admin.language = "en"
    ngo_admin.save()
    member = ngo_admin.ngo.people.create(
        email="uzv@example.az", full_name="Üzv", role=Role.NGO_MEMBER, language="az"
    )
    report = grant.reports.get()
    Report.objects.filter(pk=report.pk).update(due_on=timezone.localdate() + timedelta(days=2))
    mail.outbox.clear()
    run_twice("report_reminders", timezone.now(), django_capture_on_commit_callbacks)
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects[ngo_admin.email].startswith("Report reminder")
    assert subjects[member.email].startswith("Hesabat")
