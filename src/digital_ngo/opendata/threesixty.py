"""Grants as 360Giving Data Standard (1.4) objects, and their flat (CSV/XLSX) form.

One object per :class:`~digital_ngo.grants.models.Grant`. Identifiers are explained in
:mod:`digital_ngo.opendata.identifiers`. Names are given in Azerbaijani (the official
language of the records) with the English name, when there is one, as ``alternateName``.
Fields the platform cannot fill truthfully are left out: ``url`` (grant pages need a login),
``geoCode``/``geoCodeType`` (the geoCodeType codelist has only UK geographies) and
``regrantType`` (the Agency's grants are not regrants).
"""

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from digital_ngo.grants.models import Grant
from digital_ngo.opendata import identifiers, selectors
from digital_ngo.registry.models import NGO, BilingualName, LegalForm

VERSION = "1.4"
CURRENCY = "AZN"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
#: 360Giving location scope "Subnational region": Azerbaijan's economic regions.
SUBNATIONAL_REGION = "GLS040"
LEGAL_FORM_EN = {
    LegalForm.PUBLIC_ASSOCIATION: "Public association",
    LegalForm.FOUNDATION: "Foundation",
    LegalForm.UNION: "Union of legal entities",
    LegalForm.FOREIGN: "Foreign NGO",
}


def site_url(path: str) -> str:
    """An absolute URL on the public site (``SITE_URL`` + ``path``)."""
    return str(settings.SITE_URL).rstrip("/") + path


def number(value: Decimal) -> int | float:
    """A JSON number for an amount: whole manats as integers, else with qəpiks."""
    return int(value) if value == value.to_integral_value() else float(value)


def _compact(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` without empty strings, ``None`` and empty lists."""
    return {k: v for k, v in data.items() if v not in ("", None, [])}


def _place(place: BilingualName | None) -> str:
    return (place.name_en or place.name_az) if place else ""


def organization(ngo: NGO) -> dict[str, Any]:
    """The recipient NGO as a 360Giving Organization."""
    country: Any = ngo.country
    return _compact(
        {
            "id": identifiers.ngo_org_id(ngo),
            "name": ngo.name_az,
            "alternateName": ngo.name_en,
            "streetAddress": ngo.address,
            "addressLocality": _place(ngo.district),
            "addressRegion": _place(ngo.region),
            "addressCountry": country.name,
            "organisationType": LEGAL_FORM_EN.get(ngo.legal_form, ""),  # type: ignore[call-overload]
            "url": ngo.website,
            "location": [{"countryCode": country.code}] if country else [],
        }
    )


def grant_object(grant: Grant) -> dict[str, Any]:
    """One grant as a 360Giving object (``grant`` from :func:`selectors.export_grants`)."""
    application = grant.application
    call = application.call
    paid = selectors.paid_tranches(grant)
    regions = list(application.regions.all())
    requested = sum((line.requested for line in application.budget_lines.all()), Decimal(0))
    funders = sorted(call.funders.all(), key=lambda f: (f.kind != "agency", f.code))
    data: dict[str, Any] = {
        "id": identifiers.grant_id(grant),
        "title": application.title,
        "description": application.summary or application.title,
        "currency": CURRENCY,
        "amountAppliedFor": number(requested) if requested > 0 else None,
        "amountAwarded": number(grant.amount),
        "amountDisbursed": number(selectors.amount_disbursed(grant)),
        "awardDate": selectors.award_date(grant).isoformat(),
        "plannedDates": [
            {
                "startDate": grant.starts_on.isoformat(),
                "endDate": grant.ends_on.isoformat(),
                "duration": application.duration_months,
            }
        ],
        "actualDates": (
            [{"startDate": grant.starts_on.isoformat(), "endDate": grant.ends_on.isoformat()}]
            if grant.status == Grant.Status.CLOSED
            else None
        ),
        "recipientOrganization": [organization(application.ngo)],
        "beneficiaryLocation": [
            _compact(
                {
                    "id": f"{identifiers.PUBLISHER_PREFIX}-region-{region.code}",
                    "name": region.name_en or region.name_az,
                    "countryCode": "AZ",
                }
            )
            for region in regions
        ],
        "locationScope": SUBNATIONAL_REGION if regions else None,
        "fundingOrganization": [
            _compact(
                {
                    "id": identifiers.funder_org_id(funder),
                    "name": funder.name_az,
                    "alternateName": funder.name_en,
                }
            )
            for funder in funders
        ],
        "grantProgramme": [
            _compact(
                {
                    "code": f"call-{call.pk}",
                    "title": call.name_az,
                    "url": site_url(reverse("funding:call_detail", args=[call.pk]))
                    if call.is_published
                    else None,
                }
            )
        ],
        "fromOpenCall": "Yes",
        "classifications": [
            _compact(
                {
                    "vocabulary": f"{identifiers.PUBLISHER_PREFIX}-topic",
                    "code": f"{call.pk}-{application.topic.code}",
                    "title": application.topic.name_az,
                    "description": application.topic.name_en,
                }
            ),
            _compact(
                {
                    "vocabulary": f"{identifiers.PUBLISHER_PREFIX}-field",
                    "code": application.field.slug,
                    "title": application.field.name_az,
                    "description": application.field.name_en,
                }
            ),
        ],
        "commitmentTransaction": [
            {
                "id": f"{identifiers.grant_id(grant)}-commitment",
                "transactionDate": timezone.localdate(grant.created_at).isoformat(),
                "currency": CURRENCY,
                "value": number(grant.amount),
            }
        ],
        "disbursementTransaction": [
            _compact(
                {
                    "id": f"{identifiers.grant_id(grant)}-tranche-{tranche.number}",
                    "transactionDate": tranche.paid_on.isoformat(),  # type: ignore[union-attr]
                    "currency": CURRENCY,
                    "value": number(tranche.amount),
                    "description": f"Tranche {tranche.number} ({tranche.percent}%)",
                }
            )
            for tranche in paid
        ],
        "dataSource": site_url(reverse("opendata:index")),
    }
    return _compact(data)


def package_header() -> dict[str, Any]:
    """The package metadata written after the grants."""
    return {
        "version": VERSION,
        "title": "Grants of the Agency for State Support to NGOs (Digital NGO platform)",
        "description": "Grants awarded to NGOs in Azerbaijan, one record per grant agreement.",
        "publisher": {
            "identifier": identifiers.agency_org_id(),
            "name": "Agency for State Support to NGOs of the Republic of Azerbaijan",
            "website": site_url("/"),
        },
        "license": LICENSE,
        "accessURL": site_url(reverse("opendata:index")),
        "downloadURL": site_url(reverse("opendata:json")),
    }


#: Flat columns: (360Giving spreadsheet title, path in the object). Arrays give their first item
#: (360Giving's "roll-up"); all regions and transactions are in the JSON.
COLUMNS: list[tuple[str, tuple[str | int, ...]]] = [
    ("Identifier", ("id",)),
    ("Title", ("title",)),
    ("Description", ("description",)),
    ("Currency", ("currency",)),
    ("Amount Applied For", ("amountAppliedFor",)),
    ("Amount Awarded", ("amountAwarded",)),
    ("Amount Disbursed", ("amountDisbursed",)),
    ("Award Date", ("awardDate",)),
    ("Planned Dates:Start Date", ("plannedDates", 0, "startDate")),
    ("Planned Dates:End Date", ("plannedDates", 0, "endDate")),
    ("Planned Dates:Duration (months)", ("plannedDates", 0, "duration")),
    ("Recipient Org:Identifier", ("recipientOrganization", 0, "id")),
    ("Recipient Org:Name", ("recipientOrganization", 0, "name")),
    ("Recipient Org:Street Address", ("recipientOrganization", 0, "streetAddress")),
    ("Recipient Org:City", ("recipientOrganization", 0, "addressLocality")),
    ("Recipient Org:County", ("recipientOrganization", 0, "addressRegion")),
    ("Recipient Org:Country", ("recipientOrganization", 0, "addressCountry")),
    ("Recipient Org:Web Address", ("recipientOrganization", 0, "url")),
    ("Funding Org:Identifier", ("fundingOrganization", 0, "id")),
    ("Funding Org:Name", ("fundingOrganization", 0, "name")),
    ("Grant Programme:Code", ("grantProgramme", 0, "code")),
    ("Grant Programme:Title", ("grantProgramme", 0, "title")),
    ("Grant Programme:URL", ("grantProgramme", 0, "url")),
    ("Beneficiary Location:Name", ("beneficiaryLocation", 0, "name")),
    ("Beneficiary Location:Country Code", ("beneficiaryLocation", 0, "countryCode")),
    ("Location Scope", ("locationScope",)),
    ("From An Open Call?", ("fromOpenCall",)),
    ("Data Source", ("dataSource",)),
]


def _dig(data: Any, path: Iterable[str | int]) -> Any:
    for step in path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def flat_row(obj: dict[str, Any]) -> list[Any]:
    """The values of :data:`COLUMNS` for one 360Giving object (``None`` where absent)."""
    return [_dig(obj, path) for _title, path in COLUMNS]
