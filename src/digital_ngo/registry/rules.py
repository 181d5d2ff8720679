"""Who may see and change what in the registry (django-rules)."""

import rules

from digital_ngo.accounts.rules import (
    is_agency_admin,
    is_agency_staff,
    is_ngo_admin,
    is_programme_manager,
)


@rules.predicate
def belongs_to_ngo(user, ngo) -> bool:  # type: ignore[no-untyped-def]
    """The user is one of the NGO's own people."""
    return bool(user.is_authenticated and ngo is not None and user.ngo_id == ngo.pk)


@rules.predicate
def registration_editable(user, ngo) -> bool:  # type: ignore[no-untyped-def]
    """An NGO's registration can be edited until the agency verifies it."""
    return ngo is not None and not ngo.is_verified


@rules.predicate
def has_no_ngo(user) -> bool:  # type: ignore[no-untyped-def]
    return bool(user.is_authenticated and user.ngo_id is None)


can_verify = is_agency_admin | is_programme_manager

rules.add_perm("registry.register_ngo", is_ngo_admin & has_no_ngo)
rules.add_perm("registry.view_ngo_private", is_agency_staff | belongs_to_ngo)
rules.add_perm("registry.edit_registration", is_ngo_admin & belongs_to_ngo & registration_editable)
rules.add_perm("registry.verify_ngo", can_verify)
rules.add_perm("registry.impose_sanction", is_agency_admin)
rules.add_perm("registry.view_history", is_agency_staff)
rules.add_perm("registry.view_staff_lists", is_agency_staff)
