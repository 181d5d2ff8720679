"""Who may see and act on NGOs' activity (django-rules)."""

import rules

from digital_ngo.accounts.rules import is_agency_admin, is_agency_staff, is_programme_manager
from digital_ngo.registry.rules import belongs_to_ngo

rules.add_perm("health.view_list", is_agency_staff)
rules.add_perm("health.manage", is_agency_admin | is_programme_manager)
rules.add_perm("health.view_explanation", is_agency_staff | belongs_to_ngo)
