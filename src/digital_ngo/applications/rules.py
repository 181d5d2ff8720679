"""Who may do what with applications.

The lead NGO's people prepare and submit; agency staff see every application
and administrators and programme managers run the technical check.
"""

import rules

from digital_ngo.accounts.rules import (
    has_verified_ngo,
    is_agency_admin,
    is_agency_staff,
    is_ngo_person,
    is_programme_manager,
)


@rules.predicate
def is_lead_ngo_person(user, application) -> bool:  # type: ignore[no-untyped-def]
    return bool(
        user.is_authenticated and application is not None and user.ngo_id == application.ngo_id
    )


@rules.predicate
def is_editable(user, application) -> bool:  # type: ignore[no-untyped-def]
    return application is not None and application.is_editable


rules.add_perm("applications.apply", is_ngo_person & has_verified_ngo)


@rules.predicate
def is_declared_evaluator(user, application) -> bool:  # type: ignore[no-untyped-def]
    """An evaluator who signed a declaration without conflict for this application."""
    from digital_ngo.reviews.models import Assignment

    return bool(
        user.is_authenticated
        and application is not None
        and Assignment.objects.filter(
            application=application,
            evaluator=user,
            status__in=[Assignment.Status.DECLARED, Assignment.Status.SUBMITTED],
        ).exists()
    )


rules.add_perm(
    "applications.view_application", is_lead_ngo_person | is_agency_staff | is_declared_evaluator
)
rules.add_perm("applications.edit_application", is_lead_ngo_person & is_editable)
rules.add_perm("applications.submit_application", is_lead_ngo_person)
rules.add_perm("applications.check_application", is_agency_admin | is_programme_manager)
