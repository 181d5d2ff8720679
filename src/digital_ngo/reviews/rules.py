"""Who may do what in evaluation: managers assign; each evaluator sees only their own work."""

import rules

from digital_ngo.accounts.rules import is_agency_admin, is_agency_staff, is_programme_manager


@rules.predicate
def is_evaluator(user) -> bool:  # type: ignore[no-untyped-def]
    return bool(user.is_authenticated and user.role == "evaluator")


@rules.predicate
def is_own_assignment(user, assignment) -> bool:  # type: ignore[no-untyped-def]
    return bool(
        user.is_authenticated and assignment is not None and assignment.evaluator_id == user.pk
    )


rules.add_perm("reviews.assign", is_agency_admin | is_programme_manager)
rules.add_perm("reviews.view_results", is_agency_staff)
rules.add_perm("reviews.evaluate", is_evaluator)
rules.add_perm("reviews.work_on_assignment", is_evaluator & is_own_assignment)
