"""Grants as IATI 2.03 activities, written incrementally with ``lxml.etree.xmlfile``.

Codes used (IATI codelists): reporting-org type 10 (government); participating-org roles
1 funding, 3 extending (the Agency), 4 implementing (the NGO); organisation types 22
(national NGO), 21 (international NGO), 10 (government), 70 (private sector), 90 (other);
activity-status 2 (implementation) or 4 (closed); activity-date 1/2/3/4 (planned/actual
start/end); sector vocabulary 1 (OECD DAC 5) code 15150 "Democratic participation and civil
society", which fits support to civil society organisations whatever the project's theme,
plus vocabulary 99 (reporting organisation) with the field of activity; budget type 1
(original) status 2 (committed); transaction types 2 (commitment: the agreement amount) and
3 (disbursement: each paid tranche); result type 2 (outcome), indicator measure 1 (unit).
"""

import re
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone
from lxml import etree

from digital_ngo.funding.models import Funder
from digital_ngo.grants.models import Grant
from digital_ngo.opendata import identifiers, selectors
from digital_ngo.registry.models import NGO

VERSION = "2.03"
CURRENCY = "AZN"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FUNDER_TYPES = {
    Funder.Kind.AGENCY: "10",
    Funder.Kind.STATE_BODY: "10",
    Funder.Kind.PRIVATE: "70",
    Funder.Kind.INTERNATIONAL: "90",
}
AGENCY_NAMES = {
    "az": "QHT-lərə Dövlət Dəstəyi Agentliyi",
    "en": "Agency for State Support to NGOs",
}


#: Characters XML 1.0 does not allow (C0 controls other than tab, newline, carriage return).
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def xml_safe(text: str) -> str:
    """``text`` without characters that XML (and so XLSX) cannot hold."""
    return XML_ILLEGAL.sub("", text)


def _sub(parent: Any, tag: str, text: str | None = None, **attrs: str) -> Any:
    element = etree.SubElement(parent, tag, {k.replace("_", "-"): v for k, v in attrs.items()})
    if text is not None:
        element.text = xml_safe(text)
    return element


def _narratives(parent: Any, az: str, en: str = "") -> None:
    """``narrative`` children in Azerbaijani and, when there is one, English."""
    _sub(parent, "narrative", az, **{XML_LANG: "az"})
    if en and en != az:
        _sub(parent, "narrative", en, **{XML_LANG: "en"})


def _text(parent: Any, tag: str, az: str, en: str = "", **attrs: str) -> Any:
    element = _sub(parent, tag, **attrs)
    _narratives(element, az, en)
    return element


def _english(parent: Any, tag: str, text: str) -> Any:
    element = _sub(parent, tag)
    _sub(element, "narrative", text, **{XML_LANG: "en"})
    return element


def _amount(value: Decimal) -> str:
    return f"{value:.2f}"


def _value(parent: Any, amount: Decimal, day: date) -> None:
    _sub(parent, "value", _amount(amount), currency=CURRENCY, value_date=day.isoformat())


def _ngo_type(ngo: NGO) -> str:
    return "21" if ngo.is_foreign else "22"


def activity(grant: Grant) -> Any:
    """One ``iati-activity`` element (``grant`` from :func:`selectors.export_grants`)."""
    application = grant.application
    ngo = application.ngo
    agency = identifiers.agency_org_id()
    today = timezone.localdate()
    committed = grant.signed_on or timezone.localdate(grant.created_at)  # the agreement's date
    root = etree.Element(
        "iati-activity",
        {
            XML_LANG: "az",
            "default-currency": CURRENCY,
            "last-updated-datetime": timezone.now().replace(microsecond=0).isoformat(),
            "hierarchy": "1",
        },
    )
    _sub(root, "iati-identifier", identifiers.iati_identifier(grant))
    _text(root, "reporting-org", AGENCY_NAMES["az"], AGENCY_NAMES["en"], ref=agency, type="10")
    _text(root, "title", application.title)
    _text(root, "description", application.summary or application.title, type="1")
    if application.overall_objective:
        _text(root, "description", application.overall_objective, type="2")
    if application.target_group:
        _text(root, "description", application.target_group, type="3")
    for funder in application.call.funders.all():
        _text(
            root,
            "participating-org",
            funder.name_az,
            funder.name_en,
            ref=identifiers.funder_org_id(funder),
            type=FUNDER_TYPES.get(funder.kind, "90"),  # type: ignore[call-overload]
            role="1",
        )
    _text(
        root,
        "participating-org",
        AGENCY_NAMES["az"],
        AGENCY_NAMES["en"],
        ref=agency,
        type="10",
        role="3",
    )
    _text(
        root,
        "participating-org",
        ngo.name_az,
        ngo.name_en,
        ref=identifiers.ngo_org_id(ngo),
        type=_ngo_type(ngo),
        role="4",
    )
    closed = grant.status == Grant.Status.CLOSED
    _sub(root, "activity-status", code="4" if closed else "2")
    _sub(root, "activity-date", type="1", iso_date=grant.starts_on.isoformat())
    if grant.starts_on <= today:
        _sub(root, "activity-date", type="2", iso_date=grant.starts_on.isoformat())
    _sub(root, "activity-date", type="3", iso_date=grant.ends_on.isoformat())
    if closed:
        _sub(root, "activity-date", type="4", iso_date=min(grant.ends_on, today).isoformat())
    _sub(root, "recipient-country", code="AZ", percentage="100")
    _sub(root, "sector", vocabulary="1", code=identifiers.DAC_SECTOR, percentage="100")
    field = application.field
    sector = _sub(root, "sector", vocabulary="99", code=field.slug, percentage="100")
    _narratives(sector, field.name_az, field.name_en)
    _sub(root, "default-finance-type", code="110")
    budget = _sub(root, "budget", type="1", status="2")
    _sub(budget, "period-start", iso_date=grant.starts_on.isoformat())
    _sub(budget, "period-end", iso_date=grant.ends_on.isoformat())
    _value(budget, grant.amount, committed)
    _transaction(root, grant, "2", grant.amount, committed, "Grant agreement")
    for tranche in selectors.paid_tranches(grant):
        paid_on: date = tranche.paid_on  # type: ignore[assignment]
        label = f"Tranche {tranche.number}"
        _transaction(root, grant, "3", tranche.amount, paid_on, label)
    for outcome in application.outcomes.all():
        indicators = list(outcome.indicators.all())
        if not indicators:
            continue
        result = _sub(root, "result", type="2", aggregation_status="false")
        _text(result, "title", outcome.text)
        for indicator in indicators:
            _indicator(result, grant, indicator)
    return root


def _transaction(root: Any, grant: Grant, code: str, amount: Decimal, day: date, text: str) -> None:
    ngo = grant.application.ngo
    transaction = _sub(root, "transaction")
    _sub(transaction, "transaction-type", code=code)
    _sub(transaction, "transaction-date", iso_date=day.isoformat())
    _value(transaction, amount, day)
    _english(transaction, "description", text)
    _text(transaction, "provider-org", AGENCY_NAMES["az"], ref=identifiers.agency_org_id())
    _text(transaction, "receiver-org", ngo.name_az, ref=identifiers.ngo_org_id(ngo))


def _indicator(result: Any, grant: Grant, indicator: Any) -> None:
    target: Decimal = indicator.target
    baseline_value: Decimal = indicator.baseline
    element = _sub(
        result,
        "indicator",
        measure="1",
        ascending="true" if target >= baseline_value else "false",
    )
    _text(element, "title", indicator.name)
    _text(element, "description", f"{indicator.unit}. {indicator.means_of_verification}")
    _sub(
        element,
        "baseline",
        year=str(grant.starts_on.year),
        iso_date=grant.starts_on.isoformat(),
        value=_decimal(baseline_value),
    )
    period = _sub(element, "period")
    _sub(period, "period-start", iso_date=grant.starts_on.isoformat())
    _sub(period, "period-end", iso_date=grant.ends_on.isoformat())
    _sub(period, "target", value=_decimal(target))
    reported = selectors.latest_actual(grant, indicator.pk)
    if reported:
        value, report = reported
        actual = _sub(period, "actual", value=_decimal(value.value))
        status = "approved" if report.status == report.Status.APPROVED else "submitted"
        _english(actual, "comment", f"Report {report.number} ({status})")


def _decimal(value: Decimal) -> str:
    """``200``, ``12.5``: a plain decimal without exponent or trailing zeros."""
    return format(value.normalize(), "f")


def activities_attrs() -> dict[str, str]:
    """Attributes of the root ``iati-activities`` element."""
    return {
        "version": VERSION,
        "generated-datetime": timezone.now().replace(microsecond=0).isoformat(),
    }
