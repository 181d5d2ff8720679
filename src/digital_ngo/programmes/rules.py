"""Who may do what with state programmes (django-rules). Reading is public."""

import rules

from digital_ngo.accounts.rules import (
    is_agency_admin,
    is_agency_staff,
    is_programme_manager,
)

can_manage = is_agency_admin | is_programme_manager

rules.add_perm("programmes.view_staff", is_agency_staff)
rules.add_perm("programmes.manage", can_manage)
rules.add_perm("programmes.change_task_status", can_manage)
rules.add_perm("programmes.add_evidence", can_manage)
