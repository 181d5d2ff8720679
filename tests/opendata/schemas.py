"""Validators of the 360Giving and IATI schemas, loaded from the shared standards on disk.

Follows ``shared/standards/README.md``: Draft 2020-12 explicitly, the grant schema registered
under both its 1.4.3 ``$id`` and the 1.4.2 URL the package schema refers to, and a format
checker (with ``rfc3339-validator``) so plain dates do not match both ``oneOf`` branches.
Nothing is fetched from the network. Tests skip, saying why, if the standards are absent.
"""

import json
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

STANDARDS: Path = Path(settings.REPO_DIR).parent / "shared" / "standards"
GRANT_SCHEMA_142 = "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.2/schema/360-giving-schema.json"


def _standards() -> Path:
    if not STANDARDS.is_dir():
        pytest.skip(f"the open-data standards are not at {STANDARDS}; cannot validate")
    pytest.importorskip("jsonschema", reason="jsonschema is needed to validate 360Giving JSON")
    pytest.importorskip("rfc3339_validator", reason="360Giving date checks need rfc3339-validator")
    return STANDARDS


def threesixty_schema() -> dict[str, Any]:
    """The 360Giving grant schema (for its titles)."""
    data: dict[str, Any] = json.loads(
        (_standards() / "360giving" / "360-giving-schema.json").read_text(encoding="utf-8")
    )
    return data


def threesixty_validators() -> tuple[Any, Any]:
    """(package validator, grant validator) for 360Giving 1.4."""
    from jsonschema import Draft202012Validator
    from referencing import Registry
    from referencing.jsonschema import DRAFT202012

    base = _standards() / "360giving"
    grant = json.loads((base / "360-giving-schema.json").read_text(encoding="utf-8"))
    package = json.loads((base / "360-giving-package-schema.json").read_text(encoding="utf-8"))
    resource = DRAFT202012.create_resource(grant)
    registry: Registry[Any] = Registry().with_resources(
        [(grant["$id"], resource), (GRANT_SCHEMA_142, resource)]
    )
    checker = Draft202012Validator.FORMAT_CHECKER
    return (
        Draft202012Validator(package, registry=registry, format_checker=checker),
        Draft202012Validator(grant, registry=registry, format_checker=checker),
    )


def iati_schema() -> Any:
    """The IATI 2.03 activities XML schema (its includes and imports resolve beside it)."""
    etree = pytest.importorskip("lxml.etree", reason="lxml is needed to validate IATI XML")
    path = _standards() / "iati" / "iati-activities-schema.xsd"
    return etree.XMLSchema(etree.parse(str(path)))


def errors(validator: Any, data: Any) -> list[str]:
    """Every validation error message, with its path."""
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)
    ]


def codelist(name: str) -> set[str]:
    """The codes of a 360Giving codelist (``codelists/<name>.csv``)."""
    import csv

    path = _standards() / "360giving" / "codelists" / f"{name}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["Code"] for row in csv.DictReader(handle)}
