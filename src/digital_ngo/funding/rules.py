"""Who may do what with calls: agency admins and programme managers prepare and publish them."""

import rules

from digital_ngo.accounts.rules import is_agency_admin, is_agency_staff, is_programme_manager


@rules.predicate
def is_published(user, call) -> bool:  # type: ignore[no-untyped-def]
    return call is not None and call.is_published


rules.add_perm("funding.manage_calls", is_agency_admin | is_programme_manager)
rules.add_perm("funding.view_call", is_published | is_agency_staff)
