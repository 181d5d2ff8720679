"""Who may see and change the media registry (django-rules)."""

import rules

from digital_ngo.accounts.rules import is_agency_admin, is_agency_staff, is_programme_manager

rules.add_perm("media.view_registry", is_agency_staff)
rules.add_perm("media.import_registry", is_agency_admin | is_programme_manager)
