"""Writes of the media registry: opting a contact out, and importing the register from a file.

The import reads XLSX or CSV in the export's columns. A dry run reports, row by row,
what would be created, changed or rejected and why; committing applies every row or
none (one transaction, refused if any row is rejected). Rows are matched to outlets by
register number, then by the folded name.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries
from openpyxl import load_workbook

from aztext import fold
from digital_ngo.media.models import MediaContact, MediaOutlet

COLUMNS = [
    "name",
    "kind",
    "registry_number",
    "registered_from",
    "registered_to",
    "status",
    "country",
    "languages",
    "website",
    "emails",
]
REQUIRED = {"name", "kind"}


def opt_out(*, contact: MediaContact) -> MediaContact:
    """Stop mailing this contact (from an unsubscribe link; idempotent)."""
    MediaContact.objects.filter(pk=contact.pk, opted_out_at__isnull=True).update(
        opted_out_at=timezone.now()
    )
    contact.refresh_from_db()
    return contact


@dataclass
class RowResult:
    line: int
    action: str  # create, change, unchanged, reject
    name: str
    reasons: list[str] = field(default_factory=list)
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)
    outlet_id: int | None = None


@dataclass
class ImportReport:
    rows: list[RowResult]
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error and all(r.action != "reject" for r in self.rows)

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)


def read_table(name: str, content: bytes) -> list[dict[str, str]]:
    """The file's rows as dicts keyed by column; raises ``ValidationError`` on a bad file."""
    if name.lower().endswith(".xlsx"):
        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        except Exception:
            raise ValidationError(_("The file is not a readable XLSX workbook.")) from None
        values = [
            ["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)
        ]
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(
                _("The file is not UTF-8 text. Save the CSV as UTF-8 and try again.")
            ) from None
        values = list(csv.reader(io.StringIO(text)))
    if not values:
        raise ValidationError(_("The file is empty."))
    header = [str(h).strip().lower() for h in values[0]]
    missing = [c for c in COLUMNS if c not in header]
    unknown = [h for h in header if h and h not in COLUMNS]
    if missing or unknown:
        raise ValidationError(
            _("The columns must be: %(expected)s. Missing: %(missing)s. Unknown: %(unknown)s.")
            % {
                "expected": ", ".join(COLUMNS),
                "missing": ", ".join(missing) or "—",
                "unknown": ", ".join(unknown) or "—",
            }
        )
    return [
        {h: _text(v) for h, v in zip(header, row, strict=False) if h}
        for row in values[1:]
        if any(_text(v) for v in row)
    ]


def _text(value: Any) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _parse(row: dict[str, str]) -> tuple[dict[str, Any], list[str], list[str]]:
    """(outlet values, e-mails, reasons to reject)."""
    reasons: list[str] = []
    values: dict[str, Any] = {"name": " ".join(row.get("name", "").split())}
    if not values["name"]:
        reasons.append(_("The name is empty."))
    kind = row.get("kind", "")
    if kind not in MediaOutlet.Kind.values:
        reasons.append(_("Unknown type “%(value)s”.") % {"value": kind})
    values["kind"] = kind
    values["registry_number"] = row.get("registry_number") or None
    for key in ("registered_from", "registered_to"):
        raw = row.get(key, "")
        try:
            values[key] = date.fromisoformat(raw) if raw else None
        except ValueError:
            reasons.append(_("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": raw})
            values[key] = None
    if values["registered_to"] and (
        not values["registered_from"] or values["registered_to"] < values["registered_from"]
    ):
        reasons.append(_("The registration cannot end before it starts."))
    status = row.get("status") or MediaOutlet.Status.ACTIVE
    if status not in MediaOutlet.Status.values:
        reasons.append(_("Unknown status “%(value)s”.") % {"value": status})
    values["status"] = status
    country = (row.get("country") or "AZ").upper()
    if country not in dict(countries):
        reasons.append(_("Unknown country code “%(value)s”.") % {"value": country})
    values["country"] = country
    values["languages"] = [
        c.strip().lower() for c in row.get("languages", "").split(",") if c.strip()
    ]
    values["website"] = row.get("website", "")
    if values["website"]:
        try:
            URLValidator()(values["website"])
        except ValidationError:
            reasons.append(_("“%(value)s” is not a web address.") % {"value": values["website"]})
    emails = [
        e.strip().lower() for e in row.get("emails", "").replace(";", ",").split(",") if e.strip()
    ]
    for email in emails:
        try:
            validate_email(email)
        except ValidationError:
            reasons.append(_("“%(value)s” is not an e-mail address.") % {"value": email})
    return values, emails, reasons


def _match(values: dict[str, Any]) -> MediaOutlet | None:
    if values["registry_number"]:
        found = MediaOutlet.objects.filter(registry_number=values["registry_number"]).first()
        if found:
            return found
    return MediaOutlet.objects.filter(name_folded=fold(values["name"])).first()


def plan_import(rows: list[dict[str, str]]) -> ImportReport:
    """The dry run: what each row would do, and why a row is rejected."""
    results: list[RowResult] = []
    numbers: dict[str, int] = {}
    names: dict[str, int] = {}
    for line, row in enumerate(rows, 2):
        values, emails, reasons = _parse(row)
        number, folded = values["registry_number"], fold(values["name"])
        if number and number in numbers:
            reasons.append(
                _("Register number repeated (also on line %(line)s).") % {"line": numbers[number]}
            )
        elif folded and folded in names and not number:
            reasons.append(_("Name repeated (also on line %(line)s).") % {"line": names[folded]})
        numbers.setdefault(number, line) if number else None
        names.setdefault(folded, line)
        result = RowResult(
            line, "reject", values["name"], reasons, values={**values, "emails": emails}
        )
        if not reasons:
            _classify(result, values, emails)
        results.append(result)
    return ImportReport(results)


def _classify(result: RowResult, values: dict[str, Any], emails: list[str]) -> None:
    outlet = _match(values)
    if outlet is None:
        clash = MediaOutlet.objects.filter(name=values["name"]).exists()
        result.action = "reject" if clash else "create"
        if clash:
            result.reasons.append(_("Another outlet already has this name."))
        return
    if values["registry_number"] and outlet.registry_number not in (
        None,
        values["registry_number"],
    ):
        result.action = "reject"
        result.reasons.append(_("The name matches an outlet with another register number."))
        return
    result.outlet_id = outlet.pk
    if fold(outlet.name) == fold(values["name"]):
        # The same name spelled without diacritics or in capitals keeps the register's spelling.
        values["name"] = result.values["name"] = outlet.name
    for key, new in values.items():
        old = getattr(outlet, key)
        if str(old or "") != str(new or "") and not (key == "languages" and old == new):
            result.changes[key] = (old, new)
    known = set(outlet.contacts.values_list("email", flat=True))
    added = [e for e in emails if e not in known]
    if added:
        result.changes["emails"] = ("", ", ".join(added))
    result.action = "change" if result.changes else "unchanged"


def commit_import(rows: list[dict[str, str]]) -> ImportReport:
    """Apply every row, or none: refused when the dry run rejects any row."""
    report = plan_import(rows)
    if not report.ok:
        raise ValidationError(_("Nothing was imported: correct the rejected rows first."))
    with transaction.atomic():
        for result in report.rows:
            values = dict(result.values)
            emails = values.pop("emails")
            if result.action == "create":
                outlet = MediaOutlet(**values)
            elif result.action == "change":
                outlet = MediaOutlet.objects.select_for_update().get(pk=int(result.outlet_id or 0))
                for key, value in values.items():
                    setattr(outlet, key, value)
            else:
                continue
            outlet.full_clean()
            outlet.save()
            for email in emails:
                MediaContact.objects.get_or_create(outlet=outlet, email=email)
    return report


def export_rows() -> list[list[Any]]:
    """The register in the import's columns."""
    return [
        [
            o.name,
            o.kind,
            o.registry_number or "",
            o.registered_from.isoformat() if o.registered_from else "",
            o.registered_to.isoformat() if o.registered_to else "",
            o.status,
            str(o.country),
            ",".join(o.languages or []),
            o.website,
            ",".join(c.email for c in o.contacts.all()),
        ]
        for o in MediaOutlet.objects.prefetch_related("contacts")
    ]
