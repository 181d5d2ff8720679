"""Who may do what with grants: the NGO reports, monitoring reviews, finance pays,
administrators and programme managers conclude agreements and confirm sanctions."""

import rules

from digital_ngo.accounts.rules import is_agency_admin, is_agency_staff, is_programme_manager


@rules.predicate
def is_grantee(user, grant) -> bool:  # type: ignore[no-untyped-def]
    """The user acts for the grant's NGO (``grant`` may also be one of its reports)."""
    grant = getattr(grant, "grant", grant)
    return bool(
        user.is_authenticated and grant is not None and user.ngo_id == grant.application.ngo_id
    )


@rules.predicate
def is_monitoring_officer(user) -> bool:  # type: ignore[no-untyped-def]
    return bool(user.is_authenticated and user.role == "monitoring_officer")


@rules.predicate
def is_finance_officer(user) -> bool:  # type: ignore[no-untyped-def]
    return bool(user.is_authenticated and user.role == "finance_officer")


rules.add_perm("grants.view_grant", is_grantee | is_agency_staff)
rules.add_perm("grants.conclude", is_agency_admin | is_programme_manager)
rules.add_perm("grants.report", is_grantee)
rules.add_perm("grants.review_report", is_monitoring_officer | is_agency_admin)
rules.add_perm("grants.pay", is_finance_officer)
rules.add_perm("grants.sanction", is_agency_admin)
