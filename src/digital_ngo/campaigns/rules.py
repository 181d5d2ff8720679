"""Who may draft, approve and send statements, and review signatures (django-rules)."""

import rules

from digital_ngo.accounts.rules import (
    has_verified_ngo,
    is_agency_admin,
    is_agency_staff,
    is_ngo_admin,
    is_programme_manager,
)


@rules.predicate
def is_not_author(user, statement) -> bool:  # type: ignore[no-untyped-def]
    """The second pair of eyes: a statement is approved by someone other than its author."""
    return statement is None or statement.author_id != user.pk


can_manage = is_agency_admin | is_programme_manager

rules.add_perm("campaigns.view_staff", is_agency_staff)
rules.add_perm("campaigns.create_statement", can_manage)
rules.add_perm("campaigns.approve_statement", can_manage & is_not_author)
rules.add_perm("campaigns.send_statement", can_manage)
rules.add_perm("campaigns.open_signing", can_manage)
rules.add_perm("campaigns.review_signatures", can_manage)
rules.add_perm("campaigns.sign_as_ngo", is_ngo_admin & has_verified_ngo)
