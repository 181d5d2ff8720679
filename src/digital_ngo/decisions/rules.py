"""Who may do what with decisions: administrators record them and rule on appeals;
the lead NGO's people appeal; all agency staff see the ranking."""

import rules

from digital_ngo.accounts.rules import is_agency_admin, is_agency_staff
from digital_ngo.applications.rules import is_lead_ngo_person

rules.add_perm("decisions.view_ranking", is_agency_staff)
rules.add_perm("decisions.record", is_agency_admin)
rules.add_perm("decisions.appeal", is_lead_ngo_person)
rules.add_perm("decisions.rule_on_appeal", is_agency_admin)
