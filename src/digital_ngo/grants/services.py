"""Writes of grants: the agreement with its schedule, payments, reports, reviews, sanctions."""

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from digital_ngo.accounts.models import User
from digital_ngo.applications.models import Application, BudgetLine
from digital_ngo.core.models import ActionLog
from digital_ngo.core.notify import notify_ngo
from digital_ngo.core.uploads import validate_document
from digital_ngo.grants import selectors
from digital_ngo.grants.models import Expense, Grant, IndicatorValue, Report, Tranche
from digital_ngo.media.selectors import registered_on
from digital_ngo.registry import services as registry_services
from digital_ngo.registry.models import Sanction

REPORT_GRACE = timedelta(days=15)


def _require(user: User, permission: str, obj: Any = None) -> None:
    if not user.has_perm(permission, obj):
        raise PermissionDenied(_("You may not do this with this grant."))


def add_months(day: date, months: int) -> date:
    """``day`` moved ``months`` calendar months on (the end of a shorter month if needed)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _schedule(grant: Grant, percents: list[int], months: int) -> None:
    """Reports after each period and tranches gated by them: 80/20 → one final report."""
    reports = []
    count = len(percents) - 1
    for number in range(1, count + 1):
        final = number == count
        period_end = (
            grant.ends_on if final else add_months(grant.starts_on, months * number // count)
        )
        reports.append(
            Report.objects.create(
                grant=grant,
                number=number,
                kind=Report.Kind.FINAL if final else Report.Kind.INTERIM,
                due_on=period_end + REPORT_GRACE,
            )
        )
    left = grant.amount
    for number, percent in enumerate(percents, start=1):
        last = number == len(percents)
        amount = left if last else (grant.amount * percent / 100).quantize(Decimal("0.01"))
        left -= amount
        Tranche.objects.create(
            grant=grant,
            number=number,
            percent=percent,
            amount=amount,
            after_report=reports[number - 2] if number > 1 else None,
        )


def agreement_pdf(grant: Grant) -> bytes:
    """The grant agreement in Azerbaijani as PDF (WeasyPrint, fonts from the system)."""
    from weasyprint import HTML

    with translation.override("az"):
        html = render_to_string(
            "grants/agreement.html",
            {
                "grant": grant,
                "application": grant.application,
                "tranches": grant.tranches.all(),
                "reports": grant.reports.all(),
            },
        )
    return HTML(string=html).write_pdf()


@transaction.atomic
def conclude_agreement(*, staff: User, application: Application, starts_on: date) -> Grant:
    """Turn a funded application into a grant with its agreement, tranches and report schedule."""
    _require(staff, "grants.conclude")
    application = (
        Application.objects.select_for_update().select_related("call", "ngo").get(pk=application.pk)
    )
    if application.status != Application.Status.FUNDED or application.awarded_amount is None:
        raise ValidationError(_("Only a funded application can get an agreement."))
    grant = Grant.objects.create(
        application=application,
        number=f"QHT-{application.call.year}-{application.pk:05d}",
        amount=application.awarded_amount,
        starts_on=starts_on,
        ends_on=add_months(starts_on, application.duration_months) - timedelta(days=1),
        created_by=staff,
    )
    _schedule(grant, list(application.call.tranches), application.duration_months)
    grant.agreement.save(f"{grant.number}.pdf", ContentFile(agreement_pdf(grant)), save=True)
    application.status = Application.Status.AGREEMENT
    application.save(update_fields=["status"])
    notify_ngo(
        application.ngo,
        _("Your grant agreement is ready"),
        "grants/email/agreement.txt",
        {"grant": grant},
    )
    return grant


def _close_if_done(grant: Grant) -> None:
    all_paid = not grant.tranches.exclude(status=Tranche.Status.PAID).exists()
    final_ok = grant.reports.filter(kind=Report.Kind.FINAL, status=Report.Status.APPROVED).exists()
    if all_paid and final_ok:
        grant.status = Grant.Status.CLOSED
        grant.save(update_fields=["status"])


@transaction.atomic
def record_payment(*, staff: User, tranche: Tranche, paid_on: date, reference: str) -> Tranche:
    """Record that ``tranche`` was paid, in order, after its report and enough spending."""
    _require(staff, "grants.pay")
    tranche = (
        Tranche.objects.select_for_update(of=("self",))
        .select_related("grant", "after_report")
        .get(pk=tranche.pk)
    )
    if tranche.status != Tranche.Status.SCHEDULED:
        raise ValidationError(_("This tranche is not awaiting payment."))
    if (
        tranche.grant.tranches.filter(number__lt=tranche.number)
        .exclude(status=Tranche.Status.PAID)
        .exists()
    ):
        raise ValidationError(_("Pay the earlier tranches first."))
    if tranche.after_report and tranche.after_report.status != Report.Status.APPROVED:
        raise ValidationError(
            _("This tranche waits for the approval of %(report)s.")
            % {"report": tranche.after_report}
        )
    spent, needed = selectors.spending_gate(tranche)
    if spent < needed:
        raise ValidationError(
            _("Eligible spending is %(spent)s AZN; this tranche needs %(needed)s AZN spent.")
            % {"spent": spent, "needed": needed}
        )
    if not reference.strip():
        raise ValidationError({"reference": _("Give the payment reference.")})
    tranche.status, tranche.paid_on, tranche.reference, tranche.recorded_by = (
        Tranche.Status.PAID,
        paid_on,
        reference.strip(),
        staff,
    )
    tranche.save()
    notify_ngo(
        tranche.grant.application.ngo,
        _("A tranche of your grant was paid"),
        "grants/email/payment.txt",
        {"tranche": tranche},
    )
    _close_if_done(tranche.grant)
    return tranche


@dataclass(frozen=True)
class ExpenseInput:
    budget_line: BudgetLine
    spent_on: date
    amount: Decimal
    description: str
    outlet: Any = None
    document: Any = None


def _expense(report: Report, data: ExpenseInput) -> Expense:
    application = report.grant.application
    if data.budget_line.application_id != application.pk:
        raise ValidationError(_("The expense names a budget line of another project."))
    if data.amount <= 0:
        raise ValidationError(_("An expense must be more than zero."))
    grant = report.grant
    if not grant.starts_on <= data.spent_on <= grant.ends_on:
        raise ValidationError(
            _("The expense of %(date)s is outside the project period.") % {"date": data.spent_on}
        )
    expense = Expense(
        report=report,
        budget_line=data.budget_line,
        spent_on=data.spent_on,
        amount=data.amount,
        description=data.description,
        outlet=data.outlet,
        document=data.document or "",
    )
    if data.budget_line.category == BudgetLine.Category.MEDIA and not registered_on(
        data.outlet, data.spent_on
    ):
        expense.is_eligible = False
        with translation.override(
            settings.LANGUAGE_CODE
        ):  # a record kept in the platform's language
            expense.ineligibility_reason = _(
                "Media services are paid only to outlets in the media register on the day."
            )
    return expense


@transaction.atomic
def submit_report(
    *,
    user: User,
    report: Report,
    narrative: str,
    values: Mapping[int, Decimal],
    expenses: Iterable[ExpenseInput],
    evidence: Mapping[int, UploadedFile] | None = None,
) -> Report:
    """Submit a report: narrative, an actual value (and evidence file) per indicator, expenses.

    Evidence and expense documents must be PDF, PNG or JPEG within the upload limit.
    """
    report = (
        Report.objects.select_for_update().select_related("grant__application").get(pk=report.pk)
    )
    _require(user, "grants.report", report.grant)
    if not report.is_open:
        raise ValidationError(_("This report has already been submitted."))
    if not narrative.strip():
        raise ValidationError({"narrative": _("Describe what the project did in this period.")})
    indicators = {i.pk: i for i in report.grant.application.indicators.all()}
    if set(values) != set(indicators):
        raise ValidationError(_("Give an actual value for every indicator."))
    evidence = dict(evidence or {})
    for upload in [*evidence.values(), *(e.document for e in expenses if e.document)]:
        validate_document(upload)
    built = [_expense(report, data) for data in expenses]
    report.indicator_values.all().delete()
    report.expenses.all().delete()
    IndicatorValue.objects.bulk_create(
        IndicatorValue(report=report, indicator=indicators[pk], value=value)
        for pk, value in values.items()
    )
    for pk, upload in evidence.items():
        value_row = report.indicator_values.get(indicator_id=pk)
        value_row.evidence.save(upload.name or "evidence", upload, save=True)
    for expense in built:
        expense.save()
    report.narrative, report.status, report.submitted_at = (
        narrative.strip(),
        Report.Status.SUBMITTED,
        timezone.now(),
    )
    report.save()
    return report


@transaction.atomic
def review_report(*, staff: User, report: Report, approve: bool, comment: str) -> Report:
    """Approve a submitted report, or return it with comments."""
    _require(staff, "grants.review_report")
    report = (
        Report.objects.select_for_update()
        .select_related("grant__application__ngo")
        .get(pk=report.pk)
    )
    if report.status != Report.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be reviewed."))
    if not approve and not comment.strip():
        raise ValidationError({"comment": _("Say what must be corrected.")})
    report.review_comment, report.reviewed_by = comment.strip(), staff
    report.status = Report.Status.APPROVED if approve else Report.Status.RETURNED
    report.approved_at = timezone.now() if approve else None
    report.save()
    notify_ngo(
        report.grant.application.ngo,
        _("Your report was reviewed"),
        "grants/email/report.txt",
        {"report": report},
    )
    _close_if_done(report.grant)
    return report


@dataclass(frozen=True)
class SanctionProposal:
    days_late: int
    kinds: tuple[str, ...]
    ban_days: int
    withhold_last_tranche: bool


def propose_sanction(report: Report, on: date | None = None) -> SanctionProposal | None:
    """The sanction ladder for a late report, in working days.

    5–15: official warning; 16–30: last tranche withheld and barred from the next
    competition (a one-year ban, the span of one annual call); 31–60: barred for a
    year; over 60: barred for two years and the funds recovered. (The source
    ladder leaves 46–60 unstated; the platform applies the one-year ban.)
    """
    late = selectors.days_late(report, on)
    if late < 5:
        return None
    if late <= 15:
        return SanctionProposal(late, (Sanction.Kind.WARNING,), 0, False)
    if late <= 30:
        return SanctionProposal(
            late, (Sanction.Kind.TRANCHE_WITHHELD, Sanction.Kind.BAN), 365, True
        )
    if late <= 60:
        return SanctionProposal(late, (Sanction.Kind.BAN,), 365, False)
    return SanctionProposal(late, (Sanction.Kind.BAN, Sanction.Kind.RECOVERY), 730, False)


@transaction.atomic
def confirm_sanction(*, staff: User, report: Report) -> list[Sanction]:
    """Impose the proposed sanctions for a late report (staff confirm what the ladder proposes)."""
    _require(staff, "grants.sanction")
    proposal = propose_sanction(report)
    if proposal is None:
        raise ValidationError(_("The report is not late enough for a sanction."))
    today = timezone.localdate()
    ngo = report.grant.application.ngo
    reason = _("%(report)s of grant %(number)s is %(days)s working days late.") % {
        "report": report,
        "number": report.grant.number,
        "days": proposal.days_late,
    }
    imposed = [
        registry_services.impose_sanction(
            staff=staff,
            ngo=ngo,
            kind=kind,
            starts_on=today,
            ends_on=today + timedelta(days=proposal.ban_days)
            if kind == Sanction.Kind.BAN
            else None,
            reason=reason,
        )
        for kind in proposal.kinds
    ]
    last = report.grant.tranches.filter(status=Tranche.Status.SCHEDULED).order_by("-number").first()
    if proposal.withhold_last_tranche and last is not None:
        last.status = Tranche.Status.WITHHELD
        last.save(update_fields=["status"])
    notify_ngo(
        ngo,
        _("A sanction was imposed on your NGO"),
        "grants/email/sanction.txt",
        {"sanctions": imposed, "reason": reason},
    )
    return imposed


# --- Evidence shown to the public (issue 11, §6) ----------------------------------------------


@transaction.atomic
def set_evidence_public(*, user: User, value: IndicatorValue, public: bool) -> IndicatorValue:
    """The grantee's people: show an evidence file on the public project page, or hide it.

    Only figures of approved reports are public, so the file appears once its report is.
    """
    value = (
        IndicatorValue.objects.select_for_update().select_related("report__grant").get(pk=value.pk)
    )
    if not user.has_perm("grants.report", value.report.grant):
        raise PermissionDenied(_("Only the grantee decides which evidence is public."))
    if not value.evidence:
        raise ValidationError(_("This figure has no evidence file."))
    value.evidence_public = public
    value.save(update_fields=["evidence_public"])
    ActionLog.record(
        value,
        workflow="evidence",
        action="publish" if public else "hide",
        actor=user,
        related=[value.report],
    )
    return value
