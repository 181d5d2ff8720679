"""An evaluator's assignment: declaration of interests, then scores — one declared table.

The evaluator's steps are private to the agency (``public=False``): an NGO never
learns who evaluated it.
"""

from django.utils.translation import gettext_lazy as _

from digital_ngo.core.workflow import Transition, Workflow, register
from digital_ngo.reviews.models import Assignment

S = Assignment.Status

ASSIGNMENT = register(
    Workflow(
        name="assignment",
        model=Assignment,
        transitions=[
            Transition(
                "assign", (), S.ASSIGNED, "reviews.assign", _("Assign the evaluator"), public=False
            ),
            Transition(
                "declare",
                (S.ASSIGNED,),
                S.DECLARED,
                "reviews.work_on_assignment",
                _("Sign the declaration: no conflict"),
                public=False,
            ),
            Transition(
                "recuse",
                (S.ASSIGNED,),
                S.CONFLICT,
                "reviews.work_on_assignment",
                _("Sign the declaration: a conflict of interest"),
                public=False,
            ),
            Transition(
                "submit_scores",
                (S.DECLARED,),
                S.SUBMITTED,
                "reviews.work_on_assignment",
                _("Submit the scores"),
                confirm=_("Your scores and comments are final once submitted."),
                public=False,
            ),
        ],
    )
)
