"""Who may manage events, check participants in and register through the API (django-rules)."""

import rules

from digital_ngo.accounts.rules import (
    has_verified_ngo,
    is_agency_admin,
    is_agency_staff,
    is_ngo_person,
    is_programme_manager,
)

rules.add_perm("events.manage_events", is_agency_admin | is_programme_manager)
rules.add_perm("events.view_staff_events", is_agency_staff)
rules.add_perm("events.check_in", is_agency_staff)
rules.add_perm("events.register_as_ngo", is_ngo_person & has_verified_ngo)
