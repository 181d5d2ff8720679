"""The 360Giving and IATI exports: valid against the schemas on disk, complete, streamed."""

import copy
import csv
import io
import json
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from lxml import etree
from openpyxl import load_workbook

from digital_ngo.grants.models import Grant
from digital_ngo.opendata import iati, identifiers, selectors, services, threesixty
from digital_ngo.registry.models import LegalForm
from tests.opendata.schemas import (
    codelist,
    errors,
    iati_schema,
    threesixty_schema,
    threesixty_validators,
)

pytestmark = pytest.mark.django_db

#: Optional 360Giving fields the export fills for a grant with complete data.
FILLED = {
    "amountAppliedFor",
    "amountDisbursed",
    "plannedDates",
    "actualDates",
    "beneficiaryLocation",
    "locationScope",
    "grantProgramme",
    "fromOpenCall",
    "classifications",
    "commitmentTransaction",
    "disbursementTransaction",
    "dataSource",
}
ORG_FILLED = {
    "alternateName",
    "streetAddress",
    "addressLocality",
    "addressRegion",
    "addressCountry",
    "organisationType",
    "url",
    "location",
}


def _generate(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    services.regenerate(out)
    return out


def test_a_complete_grant_is_valid_360giving_with_every_optional_field(full_grant, tmp_path):
    package_validator, grant_validator = threesixty_validators()
    out = _generate(tmp_path)
    package = json.loads((out / "360giving.json").read_text(encoding="utf-8"))
    assert errors(package_validator, package) == []
    (obj,) = package["grants"]
    assert errors(grant_validator, obj) == []
    assert set(obj) >= FILLED
    assert set(obj["recipientOrganization"][0]) >= ORG_FILLED
    assert obj["id"] == f"360G-qhtagentliyi-{full_grant.number}"
    assert obj["currency"] == "AZN" and obj["amountAwarded"] == 12000
    assert obj["amountDisbursed"] == 12000
    assert [t["value"] for t in obj["disbursementTransaction"]] == [9600, 2400]
    assert obj["recipientOrganization"][0]["id"] == f"AZ-IVI-{full_grant.application.ngo.voen}"
    assert [f["id"] for f in obj["fundingOrganization"]] == [
        "360G-qhtagentliyi-agency",
        "360G-qhtagentliyi-funder-ministry",
    ]
    decided = full_grant.application.call.decision.decided_at
    assert obj["awardDate"] == timezone.localdate(decided).isoformat()
    assert len(obj["beneficiaryLocation"]) == 2
    assert obj["plannedDates"][0]["duration"] == 6
    assert obj["dataSource"] == "https://qht.example.az/opendata/"
    # Codelists the schema names but does not enforce: check them against the CSVs.
    assert obj["locationScope"] in codelist("locationScope")
    assert package["license"] == "https://creativecommons.org/licenses/by/4.0/"


def test_a_minimal_grant_is_valid_and_dated_by_the_decision(grant, tmp_path):
    package_validator, _grant_validator = threesixty_validators()
    package = json.loads((_generate(tmp_path) / "360giving.json").read_text(encoding="utf-8"))
    assert errors(package_validator, package) == []
    (obj,) = package["grants"]
    decided = grant.application.call.decision.decided_at
    assert obj["awardDate"] == timezone.localdate(decided).isoformat()
    assert "disbursementTransaction" not in obj and "actualDates" not in obj
    assert obj["amountDisbursed"] == 0


def test_the_validators_catch_bad_values(full_grant, tmp_path):
    package_validator, grant_validator = threesixty_validators()
    obj = threesixty.grant_object(selectors.export_grant(full_grant.number))
    assert errors(grant_validator, obj) == []
    for change in (
        lambda o: o.update(currency="XYZ"),
        lambda o: o.update(awardDate="2026-13-01"),
        lambda o: o.pop("fundingOrganization"),
        lambda o: o["beneficiaryLocation"][0].update(countryCode="ZZ"),
        lambda o: o.update(amountAwarded="12000"),
    ):
        bad = copy.deepcopy(obj)
        change(bad)
        assert errors(grant_validator, bad), bad
        assert errors(package_validator, {"grants": [bad], "version": "1.4"})

    schema = iati_schema()
    activities = etree.Element("iati-activities", version="2.03")
    activities.append(iati.activity(full_grant))
    assert schema.validate(activities), schema.error_log
    misspelt = copy.deepcopy(activities)
    misspelt[0].find("activity-status").tag = "activity-state"
    assert not schema.validate(misspelt)
    no_value_date = copy.deepcopy(activities)
    del no_value_date[0].find("budget/value").attrib["value-date"]
    assert not schema.validate(no_value_date)


def test_iati_activities_are_valid_with_results_and_transactions(full_grant, other_grant, tmp_path):
    schema = iati_schema()
    document = etree.parse(str(_generate(tmp_path) / "iati-activities.xml"))
    assert schema.validate(document), schema.error_log
    root = document.getroot()
    assert root.get("version") == "2.03"
    activity = root.xpath(
        "iati-activity[iati-identifier=$id]", id=f"360G-qhtagentliyi-agency-{full_grant.number}"
    )[0]
    assert activity.find("reporting-org").get("ref") == "360G-qhtagentliyi-agency"
    assert activity.find("activity-status").get("code") == "4"
    assert {d.get("type") for d in activity.findall("activity-date")} == {"1", "2", "3", "4"}
    assert [t.find("transaction-type").get("code") for t in activity.findall("transaction")] == [
        "2",
        "3",
        "3",
    ]
    assert [t.find("value").text for t in activity.findall("transaction")] == [
        "12000.00",
        "9600.00",
        "2400.00",
    ]
    sectors = {(s.get("vocabulary"), s.get("code")) for s in activity.findall("sector")}
    assert ("1", "15150") in sectors
    roles = sorted(p.get("role") for p in activity.findall("participating-org"))
    assert roles == ["1", "1", "3", "4"]
    ngo = activity.xpath("participating-org[@role='4']")[0]
    assert ngo.get("ref") == f"AZ-IVI-{full_grant.application.ngo.voen}"
    langs = {n.get("{http://www.w3.org/XML/1998/namespace}lang") for n in ngo}
    assert langs == {"az", "en"}
    indicator = activity.find("result/indicator")
    assert indicator.get("measure") == "1"
    assert indicator.find("baseline").get("value") == "0"
    assert indicator.find("period/target").get("value") == "200"
    assert indicator.find("period/actual").get("value") == "150"
    assert "approved" in indicator.find("period/actual/comment/narrative").text
    fresh = root.xpath(
        "iati-activity[iati-identifier=$id]", id=f"360G-qhtagentliyi-agency-{other_grant.number}"
    )[0]
    assert fresh.find("result/indicator/period/actual") is None
    assert fresh.find("activity-status").get("code") == "2"


def test_csv_and_xlsx_hold_the_same_rows_with_the_standards_titles(full_grant, tmp_path):
    out = _generate(tmp_path)
    with open(out / "360giving.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    sheet = load_workbook(out / "360giving.xlsx", read_only=True)["grants"]
    cells = [
        ["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)
    ]
    assert rows[0] == cells[0] == [title for title, _path in threesixty.COLUMNS]
    assert len(rows) == len(cells) == 2
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["Identifier"] == f"360G-qhtagentliyi-{full_grant.number}"
    assert record["Amount Awarded"] == "12000"
    assert record["Recipient Org:Identifier"].startswith("AZ-IVI-")
    assert record["Funding Org:Identifier"] == "360G-qhtagentliyi-agency"
    assert dict(zip(cells[0], cells[1], strict=True))["Currency"] == "AZN"

    schema = threesixty_schema()
    titles = {k: v.get("title") for k, v in schema["properties"].items()}
    defs = {
        name: {k: v.get("title") for k, v in d.get("properties", {}).items()}
        for name, d in schema["$defs"].items()
    }
    kinds = {
        "plannedDates": "Event",
        "recipientOrganization": "Organization",
        "fundingOrganization": "Organization",
        "grantProgramme": "GrantProgramme",
        "beneficiaryLocation": "Location",
    }
    for title, path in threesixty.COLUMNS:
        if path == ("currency",):
            continue  # the schema gives currency no title; 360Giving templates say "Currency"
        expected = titles[str(path[0])]
        if len(path) == 3:
            expected += ":" + defs[kinds[str(path[0])]][str(path[2])]
        assert title == expected


def test_the_zip_and_metadata(full_grant, other_grant, tmp_path):
    out = _generate(tmp_path)
    with zipfile.ZipFile(out / "open-data.zip") as archive:
        assert sorted(archive.namelist()) == sorted(
            [
                "360giving.json",
                "360giving.csv",
                "360giving.xlsx",
                "iati-activities.xml",
                "metadata.json",
            ]
        )
        assert archive.read("360giving.json") == (out / "360giving.json").read_bytes()
    meta = selectors.generated(out)
    assert meta and meta.counts == {"grants": 2, "disbursements": 2, "results": 2}
    assert meta.sizes["zip"] == (out / "open-data.zip").stat().st_size
    assert not [p for p in out.iterdir() if p.name.startswith(".tmp-")]


def test_chunks_do_not_change_the_output(full_grant, other_grant, tmp_path):
    one = tmp_path / "one"
    many = tmp_path / "many"
    services.regenerate(one, chunk_size=1)
    services.regenerate(many, chunk_size=1000)
    for name in ("360giving.json", "360giving.csv"):
        assert (one / name).read_text(encoding="utf-8") == (many / name).read_text(encoding="utf-8")


def test_the_command_writes_into_var_dir(grant, var_in_tmp):
    out = io.StringIO()
    call_command("export_open_data", stdout=out)
    assert "grants=1" in out.getvalue()
    assert (var_in_tmp / "opendata" / "iati-activities.xml").exists()


def test_identifiers_of_ngos_without_voen_and_co_funders(make_ngo, settings):
    foreign = make_ngo(legal_form=LegalForm.FOREIGN)
    assert identifiers.ngo_org_id(foreign) == f"360G-qhtagentliyi-ngo-{foreign.pk}"
    local = make_ngo()
    assert identifiers.ngo_org_id(local) == f"AZ-IVI-{local.voen}"
    settings.OPENDATA_AGENCY_ORG_ID = "AZ-IVI-1234567891"
    assert identifiers.agency_org_id() == "AZ-IVI-1234567891"


def test_no_grants_gives_an_empty_package(tmp_path, db):
    out = _generate(tmp_path)
    package = json.loads((out / "360giving.json").read_text(encoding="utf-8"))
    assert package["grants"] == [] and package["version"] == "1.4"
    assert Grant.objects.count() == 0
    assert etree.parse(str(out / "iati-activities.xml")).getroot().tag == "iati-activities"
    assert threesixty.number(Decimal("12.50")) == 12.5


def test_queries_do_not_grow_with_the_number_of_grants(full_grant, request, tmp_path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        services.regenerate(tmp_path / "one")
    request.getfixturevalue("other_grant")
    with CaptureQueriesContext(connection) as two:
        services.regenerate(tmp_path / "two")
    assert len(two) == len(one)


def test_hostile_text_stays_text_and_valid(grant, tmp_path):
    application = grant.application
    application.title = '=HYPERLINK("https://evil.example")\x0b'
    application.save()
    out = _generate(tmp_path)
    sheet = load_workbook(out / "360giving.xlsx")["grants"]
    title = sheet.cell(row=2, column=2)
    assert title.data_type == "s" and title.value == '=HYPERLINK("https://evil.example")'
    schema = iati_schema()
    assert schema.validate(etree.parse(str(out / "iati-activities.xml"))), schema.error_log
    package_validator, _grant_validator = threesixty_validators()
    package = json.loads((out / "360giving.json").read_text(encoding="utf-8"))
    assert errors(package_validator, package) == []
