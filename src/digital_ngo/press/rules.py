"""Who may do what in the press archive.

Agency staff manage it; everyone reads what is published (no rule needed).
"""

import rules

from digital_ngo.accounts.rules import is_agency_staff

rules.add_perm("press.manage", is_agency_staff)
