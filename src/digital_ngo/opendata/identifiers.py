"""Identifiers used in the open data, and why they were chosen.

* **Grants** (360Giving ``id``): ``360G-qhtagentliyi-<agreement number>``, e.g.
  ``360G-qhtagentliyi-QHT-2026-00042``. ``360G-qhtagentliyi`` is the publisher prefix
  the Agency is **to register** with 360Giving; until then the ids are stable but the
  prefix is not yet registered.
* **The Agency** (funder, IATI reporting organisation): ``360G-qhtagentliyi-agency``.
  org-id.guide has no list for Azerbaijani state bodies that we could verify (``AZ-COA``
  is the government chart of accounts, not an organisation register), so the Agency is
  identified under its own publisher prefix, as 360Giving advises for organisations
  without a registered identifier. The setting ``OPENDATA_AGENCY_ORG_ID`` overrides it
  (e.g. ``AZ-IVI-<the Agency's VÖEN>``) once a registered id is agreed.
* **Other funders**: ``360G-qhtagentliyi-funder-<funder code>``.
* **NGOs with a VÖEN**: ``AZ-IVI-<VÖEN>``. org-id.guide's ``AZ-IVI`` list is the tax
  authority's register keyed by the 10-digit VÖEN; NGOs receive a VÖEN from the same
  authority, and there is no org-id list for the Ministry of Justice register of NGOs,
  so the VÖEN is the only public, stable, nationally unique key we hold.
* **Foreign NGOs without a VÖEN**: ``360G-qhtagentliyi-ngo-<platform id>``.
* **IATI activities**: ``<Agency org id>-<agreement number>``, so each identifier starts
  with the reporting organisation's ``ref`` as IATI requires.
"""

from django.conf import settings

from digital_ngo.funding.models import Funder
from digital_ngo.grants.models import Grant
from digital_ngo.registry.models import NGO

#: The 360Giving publisher prefix, to be registered with 360Giving.
PUBLISHER_PREFIX = "360G-qhtagentliyi"
#: org-id.guide list of the Azerbaijani tax authority, keyed by VÖEN.
VOEN_LIST = "AZ-IVI"
#: OECD DAC 5 sector "Democratic participation and civil society".
DAC_SECTOR = "15150"


def agency_org_id() -> str:
    """The Agency's organisation identifier (setting ``OPENDATA_AGENCY_ORG_ID`` overrides)."""
    return str(getattr(settings, "OPENDATA_AGENCY_ORG_ID", f"{PUBLISHER_PREFIX}-agency"))


def grant_id(grant: Grant) -> str:
    """The 360Giving grant identifier."""
    return f"{PUBLISHER_PREFIX}-{grant.number}"


def iati_identifier(grant: Grant) -> str:
    """The IATI activity identifier: the reporting org's ref, then the agreement number."""
    return f"{agency_org_id()}-{grant.number}"


def funder_org_id(funder: Funder) -> str:
    """The Agency's own id for the Agency; a platform id for co-funders."""
    if funder.kind == Funder.Kind.AGENCY:
        return agency_org_id()
    return f"{PUBLISHER_PREFIX}-funder-{funder.code}"


def ngo_org_id(ngo: NGO) -> str:
    """``AZ-IVI-<VÖEN>`` when the NGO has a VÖEN, else a platform id."""
    if ngo.voen:
        return f"{VOEN_LIST}-{ngo.voen}"
    return f"{PUBLISHER_PREFIX}-ngo-{ngo.pk}"
