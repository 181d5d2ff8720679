"""Who may do what with accounts (django-rules predicates and permissions)."""

import rules

from digital_ngo.accounts.models import AGENCY_ROLES, NGO_ROLES, Role


@rules.predicate
def is_agency_admin(user) -> bool:  # type: ignore[no-untyped-def]
    return bool(user.is_authenticated and user.role == Role.AGENCY_ADMIN)


@rules.predicate
def is_programme_manager(user) -> bool:  # type: ignore[no-untyped-def]
    return bool(user.is_authenticated and user.role == Role.PROGRAMME_MANAGER)


@rules.predicate
def is_agency_staff(user) -> bool:  # type: ignore[no-untyped-def]
    return bool(user.is_authenticated and user.role in AGENCY_ROLES)


@rules.predicate
def is_ngo_person(user) -> bool:  # type: ignore[no-untyped-def]
    return bool(user.is_authenticated and user.role in NGO_ROLES)


@rules.predicate
def is_ngo_admin(user) -> bool:  # type: ignore[no-untyped-def]
    return bool(user.is_authenticated and user.role == Role.NGO_ADMIN)


@rules.predicate
def has_verified_ngo(user) -> bool:  # type: ignore[no-untyped-def]
    return bool(user.is_authenticated and user.ngo_id and user.ngo.is_verified)


rules.add_perm("accounts.view_staff_area", is_agency_staff)
rules.add_perm("accounts.view_ngo_area", is_ngo_person)
rules.add_perm("accounts.invite_staff", is_agency_admin)
rules.add_perm("accounts.invite_ngo_people", is_ngo_admin & has_verified_ngo)
