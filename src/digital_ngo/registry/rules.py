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


@rules.predicate
def is_evaluator(user) -> bool:  # type: ignore[no-untyped-def]
    return bool(user.is_authenticated and user.role == "evaluator")


@rules.predicate
def affiliation_of_own_ngo(user, affiliation) -> bool:  # type: ignore[no-untyped-def]
    """A link the NGO or the agency declared about the user's own NGO."""
    return bool(
        affiliation is not None
        and affiliation.source != "self"
        and user.is_authenticated
        and user.ngo_id == affiliation.ngo_id
    )


@rules.predicate
def own_declaration(user, affiliation) -> bool:  # type: ignore[no-untyped-def]
    return bool(
        affiliation is not None
        and affiliation.source == "self"
        and affiliation.person_id == user.pk
    )


can_verify = is_agency_admin | is_programme_manager

rules.add_perm("registry.register_ngo", is_ngo_admin & has_no_ngo)
rules.add_perm("registry.view_ngo_private", is_agency_staff | belongs_to_ngo)
rules.add_perm("registry.edit_registration", is_ngo_admin & belongs_to_ngo & registration_editable)
rules.add_perm("registry.verify_ngo", can_verify)
rules.add_perm("registry.impose_sanction", is_agency_admin)
rules.add_perm("registry.view_history", is_agency_staff)
rules.add_perm("registry.view_staff_lists", is_agency_staff)
# Affiliations (issue 11 §6): the NGO's administrator and the agency's administrators and
# programme managers declare an NGO's people; evaluators declare their own links.
rules.add_perm("registry.view_affiliations", is_agency_staff | belongs_to_ngo)
rules.add_perm("registry.manage_affiliations", (is_ngo_admin & belongs_to_ngo) | can_verify)
rules.add_perm(
    "registry.change_affiliation",
    (is_ngo_admin & affiliation_of_own_ngo) | can_verify | own_declaration,
)
rules.add_perm("registry.declare_own_affiliation", is_evaluator)
