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
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digital_ngo.accounts.models import Role, User
from digital_ngo.applications.models import Application, BudgetLine
from digital_ngo.applications.workflows import APPLICATION
from digital_ngo.core.models import ActionLog
from digital_ngo.core.notify import notify_ngo, notify_staff
from digital_ngo.core.once import claim
from digital_ngo.core.templatetags.formatting import azn as format_azn
from digital_ngo.core.uploads import validate_document
from digital_ngo.core.workflow import perform, record_creation
from digital_ngo.grants import selectors
from digital_ngo.grants.models import ZERO, Expense, Grant, IndicatorValue, Report, Tranche
from digital_ngo.grants.workflows import GRANT, REPORT, TRANCHE
from digital_ngo.media.selectors import registered_on
from digital_ngo.registry import services as registry_services
from digital_ngo.registry.models import Sanction

REPORT_GRACE = timedelta(days=15)
#: An actual value's bound (well above any count a project reports) and the percentage units.
MAX_ACTUAL = Decimal("1e12")
PERCENT_UNITS = frozenset({"%", "faiz", "percent"})


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


def agreement_date_problems(
    application: Application, signed_on: date, starts_on: date
) -> list[str]:
    """Why an agreement signed on ``signed_on`` and starting on ``starts_on`` is not allowed."""
    problems = []
    decision = getattr(application.call, "decision", None)
    if decision is None:
        return [_("The board's decision on the call is not recorded yet.")]
    if signed_on > timezone.localdate():
        problems.append(_("The agreement cannot be signed in the future."))
    if signed_on <= timezone.localdate(decision.appeals_until):
        problems.append(
            _("The agreement can be signed only after the appeal window, which ends on %(day)s.")
            % {"day": date_format(timezone.localdate(decision.appeals_until))}
        )
    if starts_on < signed_on:
        problems.append(_("The project cannot start before the agreement is signed."))
    return problems


@transaction.atomic
def conclude_agreement(
    *, staff: User, application: Application, starts_on: date, signed_on: date | None = None
) -> Grant:
    """Turn a funded application into a grant with its agreement, tranches and report schedule.

    The project lasts the application's duration (within the instrument's limit);
    the agreement is signed after the appeal window and the project starts then or later.
    """
    _require(staff, "grants.conclude")
    signed_on = signed_on or timezone.localdate()
    application = Application.objects.select_related("call", "ngo").get(pk=application.pk)
    problems = agreement_date_problems(application, signed_on, starts_on)
    if problems:
        raise ValidationError(problems)
    if application.awarded_amount is None:
        raise ValidationError(_("Only a funded application can get an agreement."))

    def apply(locked: Application) -> None:
        grant = Grant.objects.create(
            application=locked,
            number=f"QHT-{locked.call.year}-{locked.pk:05d}",
            amount=locked.awarded_amount,
            signed_on=signed_on,
            starts_on=starts_on,
            ends_on=add_months(starts_on, locked.duration_months) - timedelta(days=1),
            created_by=staff,
        )
        record_creation(GRANT, grant, "conclude", by=staff)
        _schedule(grant, list(locked.call.tranches), locked.duration_months)
        grant.agreement.save(f"{grant.number}.pdf", ContentFile(agreement_pdf(grant)), save=True)

    application = perform(
        APPLICATION,
        application,
        "conclude",
        by=staff,
        apply=apply,
        notify=lambda locked: notify_ngo(
            locked.ngo,
            gettext_lazy("Your grant agreement is ready"),
            "grants/email/agreement.txt",
            {"grant": locked.grant},
        ),
    )
    return application.grant


def _close_if_done(grant: Grant) -> None:
    unsettled = grant.tranches.exclude(status__in=[Tranche.Status.PAID, Tranche.Status.WITHHELD])
    final_ok = grant.reports.filter(kind=Report.Kind.FINAL, status=Report.Status.APPROVED).exists()
    if grant.status == Grant.Status.ACTIVE and not unsettled.exists() and final_ok:
        perform(GRANT, grant, "close", by=None)


def payment_problems(tranche: Tranche, paid_on: date, reference: str) -> list[str]:
    """Why ``tranche`` cannot be recorded as paid on ``paid_on`` with ``reference``."""
    problems = []
    grant = tranche.grant
    if grant.status != Grant.Status.ACTIVE:
        problems.append(_("The grant is not being implemented."))
    if (
        tranche.grant.tranches.filter(number__lt=tranche.number)
        .exclude(status=Tranche.Status.PAID)
        .exists()
    ):
        problems.append(_("Pay the earlier tranches first."))
    if tranche.after_report and tranche.after_report.status != Report.Status.APPROVED:
        problems.append(
            _("This tranche waits for the approval of %(report)s.")
            % {"report": tranche.after_report}
        )
    spent, needed = selectors.spending_gate(tranche)
    if spent < needed:
        problems.append(
            _("Eligible spending is %(spent)s; this tranche needs %(needed)s spent.")
            % {"spent": format_azn(spent), "needed": format_azn(needed)}
        )
    if paid_on > timezone.localdate():
        problems.append(_("A payment cannot be dated in the future."))
    if paid_on < (grant.signed_on or grant.starts_on):
        problems.append(_("A payment cannot be dated before the agreement was signed."))
    if Tranche.objects.filter(reference=reference).exclude(pk=tranche.pk).exists():
        problems.append(_("This payment reference is already used."))
    return problems


def record_payment(*, staff: User, tranche: Tranche, paid_on: date, reference: str) -> Tranche:
    """Record that ``tranche`` was paid, in order, after its report and enough spending."""
    reference = reference.strip()
    if not reference:
        raise ValidationError({"reference": _("Give the payment reference.")})

    def apply(locked: Tranche) -> None:
        problems = payment_problems(locked, paid_on, reference)
        if problems:
            raise ValidationError(problems)
        locked.paid_on, locked.reference, locked.recorded_by = paid_on, reference, staff

    with transaction.atomic():
        tranche = perform(
            TRANCHE,
            tranche,
            "pay",
            by=staff,
            apply=apply,
            notify=lambda locked: notify_ngo(
                locked.grant.application.ngo,
                gettext_lazy("A tranche of your grant was paid"),
                "grants/email/payment.txt",
                {"tranche": locked},
            ),
        )
        _close_if_done(tranche.grant)
    return tranche


def void_payment(*, staff: User, tranche: Tranche, reason: str) -> Tranche:
    """Void a payment recorded in error; its date and reference stay in the record's history."""

    def apply(locked: Tranche) -> None:
        locked.paid_on, locked.reference, locked.recorded_by = None, "", None

    old = f"{tranche.reference} ({tranche.paid_on})"
    return perform(
        TRANCHE,
        tranche,
        "void_payment",
        by=staff,
        reason=f"{reason.strip()} [{old}]" if reason.strip() else "",
        apply=apply,
    )


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
    if not data.document:
        raise ValidationError(
            _("Attach a supporting document to the expense “%(description)s”.")
            % {"description": data.description}
        )
    grant = report.grant
    if not grant.starts_on <= data.spent_on <= grant.ends_on:
        raise ValidationError(
            _("The expense of %(date)s is outside the project period.")
            % {"date": date_format(data.spent_on)}
        )
    expense = Expense(
        report=report,
        budget_line=data.budget_line,
        spent_on=data.spent_on,
        amount=data.amount,
        description=data.description,
        outlet=data.outlet,
        document=data.document or "",
        version=report.version + 1,
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


def overspending_problems(report: Report, built: Iterable[Expense]) -> list[str]:
    """Budget lines whose spending would exceed the line by more than the tolerance."""
    tolerance = Decimal(settings.BUDGET_LINE_TOLERANCE_PERCENT) / 100
    new: dict[int, Decimal] = {}
    for expense in built:
        new[expense.budget_line_id] = new.get(expense.budget_line_id, ZERO) + expense.amount
    problems = []
    for line in report.grant.application.budget_lines.filter(pk__in=new):
        earlier = sum(
            (
                e.amount
                for e in Expense.objects.filter(budget_line=line, is_eligible=True).exclude(
                    report=report
                )
            ),
            ZERO,
        )
        limit = (line.requested * (1 + tolerance)).quantize(Decimal("0.01"))
        if earlier + new[line.pk] > limit:
            problems.append(
                _("“%(line)s”: %(spent)s spent in all would exceed the line's %(limit)s.")
                % {
                    "line": line.description,
                    "spent": format_azn(earlier + new[line.pk]),
                    "limit": format_azn(limit),
                }
            )
    return problems


def indicator_value_problems(indicator: Any, value: Decimal) -> list[str]:
    """Whether ``value`` can be the actual of ``indicator`` (finite, not negative, % ≤ 100)."""
    if not value.is_finite() or abs(value) >= MAX_ACTUAL:
        return [_("“%(name)s”: give a number.") % {"name": indicator.name}]
    if value < 0:
        return [_("“%(name)s”: an actual value cannot be negative.") % {"name": indicator.name}]
    if indicator.unit.strip() in PERCENT_UNITS and value > 100:
        return [_("“%(name)s”: a percentage is at most 100.") % {"name": indicator.name}]
    return []


def _report_problems(
    report: Report,
    narrative: str,
    values: Mapping[int, Decimal],
    indicators: Mapping[int, Any],
) -> list[str]:
    problems: list[str] = []
    if not narrative.strip():
        problems.append(_("Describe what the project did in this period."))
    if set(values) != set(indicators):
        problems.append(_("Give an actual value for every indicator."))
    for pk, value in values.items():
        if pk in indicators:
            problems += indicator_value_problems(indicators[pk], value)
    return problems


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

    A resubmitted report gets a new version: the earlier version's values and
    expenses are kept (superseded, never deleted) and shown side by side.
    Evidence and expense documents must be PDF, PNG or JPEG within the upload limit.
    """
    expenses = list(expenses)
    evidence = dict(evidence or {})

    def apply(locked: Report) -> None:
        indicators = {i.pk: i for i in locked.grant.application.indicators.all()}
        problems = _report_problems(locked, narrative, values, indicators)
        for upload in [*evidence.values(), *(e.document for e in expenses if e.document)]:
            validate_document(upload)
        built = [_expense(locked, data) for data in expenses]
        problems += overspending_problems(locked, built)
        if problems:
            raise ValidationError(problems)
        now = timezone.now()
        locked.indicator_values.update(superseded_at=now)
        locked.expenses.update(superseded_at=now)
        locked.version += 1
        for pk, value in values.items():
            row = IndicatorValue(
                report=locked, indicator=indicators[pk], value=value, version=locked.version
            )
            if pk in evidence:
                row.evidence.save(evidence[pk].name or "evidence", evidence[pk], save=False)
            row.save()
        for expense in built:
            expense.save()
        locked.narrative, locked.submitted_at = narrative.strip(), now

    return perform(
        REPORT,
        report,
        "submit",
        by=user,
        apply=apply,
        notify=lambda locked: notify_staff(
            [Role.MONITORING_OFFICER],
            gettext_lazy("A report awaits review: %(report)s of %(grant)s"),
            "grants/email/report_submitted.txt",
            {"report": locked},
            subject_args={"report": locked, "grant": locked.grant.number},
        ),
    )


def review_report(*, staff: User, report: Report, approve: bool, comment: str) -> Report:
    """Approve a submitted report, or return it with comments."""
    if not approve and not comment.strip():
        raise ValidationError({"comment": _("Say what must be corrected.")})

    def apply(locked: Report) -> None:
        locked.review_comment, locked.reviewed_by = comment.strip(), staff
        locked.approved_at = timezone.now() if approve else None

    with transaction.atomic():
        report = perform(
            REPORT,
            report,
            "approve" if approve else "return",
            by=staff,
            reason=comment,
            apply=apply,
            notify=lambda locked: notify_ngo(
                locked.grant.application.ngo,
                gettext_lazy("Your report was reviewed"),
                "grants/email/report.txt",
                {"report": locked},
            ),
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
    """Impose the proposed sanctions for a late report (staff confirm what the ladder proposes).

    Idempotent: the report's row is locked and a report already sanctioned is refused,
    so a second confirmation or a double click records nothing more.
    """
    _require(staff, "grants.sanction")
    report = Report.objects.select_for_update().select_related("grant").get(pk=report.pk)
    if report.sanctions.filter(status=Sanction.Status.ACTIVE).exists():
        raise ValidationError(_("The sanctions for this report are already confirmed."))
    proposal = propose_sanction(report)
    if proposal is None:
        raise ValidationError(_("The report is not late enough for a sanction."))
    today = timezone.localdate()
    ngo = report.grant.application.ngo
    with translation.override(settings.LANGUAGE_CODE):  # a public record, in Azerbaijani
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
            report=report,
        )
        for kind in proposal.kinds
    ]
    last = report.grant.tranches.filter(status=Tranche.Status.SCHEDULED).order_by("-number").first()
    if proposal.withhold_last_tranche and last is not None:
        perform(TRANCHE, last, "withhold", by=staff, reason=reason, related=imposed)
    return imposed


def send_report_reminders(today: date) -> int:
    """Remind NGOs of reports falling due (within 14 days, then 3) and overdue (weekly).

    Each reminder is claimed once (``core.once``): running the job twice, or a day late,
    sends nothing twice.
    """
    sent = 0
    reports = Report.objects.filter(
        status__in=[Report.Status.DUE, Report.Status.RETURNED], grant__status=Grant.Status.ACTIVE
    ).select_related("grant__application__ngo")
    for report in reports:
        days = (report.due_on - today).days
        if 3 < days <= 14:
            key, template = f"report-due:14:{report.pk}:{report.due_on}", "report_due.txt"
        elif 0 <= days <= 3:
            key, template = f"report-due:3:{report.pk}:{report.due_on}", "report_due.txt"
        elif days < 0:
            key = f"report-overdue:{report.pk}:{report.due_on}:{(-days - 1) // 7}"
            template = "report_overdue.txt"
        else:
            continue
        if claim(key):
            notify_ngo(
                report.grant.application.ngo,
                gettext_lazy("Report reminder: %(report)s of grant %(grant)s"),
                f"grants/email/{template}",
                {"report": report, "days": abs(days)},
                subject_args={"report": report, "grant": report.grant.number},
            )
            sent += 1
    return sent


def propose_due_sanctions(today: date) -> int:
    """Tell the agency's administrators of each late report the sanction ladder now proposes.

    Proposals only: staff confirm them (``confirm_sanction``); each rung is told once.
    """
    told = 0
    for report in selectors.overdue_reports(today).select_related("grant__application__ngo"):
        proposal = propose_sanction(report, today)
        if proposal is None or report.sanctions.filter(status=Sanction.Status.ACTIVE).exists():
            continue
        if claim(f"sanction-proposed:{report.pk}:{'+'.join(proposal.kinds)}"):
            notify_staff(
                [Role.AGENCY_ADMIN],
                gettext_lazy("A sanction is proposed: %(report)s of grant %(grant)s is late"),
                "grants/email/sanction_proposed.txt",
                {"report": report, "proposal": proposal},
                subject_args={"report": report, "grant": report.grant.number},
            )
            told += 1
    return told


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


def cancel_grant(*, staff: User, grant: Grant, reason: str) -> Grant:
    """Cancel a grant with the reason: no further tranche is paid, the award is withdrawn, and the
    next reserve application that fits in the money set free (what was not yet paid) is funded.
    """
    from digital_ngo.decisions.services import promote_next_reserve

    with transaction.atomic():
        grant = perform(
            GRANT,
            grant,
            "cancel",
            by=staff,
            reason=reason,
            notify=lambda locked: notify_ngo(
                locked.application.ngo,
                gettext_lazy("Your grant %(number)s was cancelled"),
                "grants/email/cancelled.txt",
                {"grant": locked, "reason": reason.strip()},
                subject_args={"number": locked.number},
            ),
        )
        application = perform(
            APPLICATION,
            grant.application,
            "withdraw_award",
            by=staff,
            reason=reason,
            related=[grant],
        )
        promote_next_reserve(staff=staff, call=application.call, topic_id=application.topic_id)
    return grant
