"""Demo accounts: one user for every role, all with the same known password."""

from dataclasses import dataclass

from django.db import transaction

from digital_ngo.accounts.models import Role, User
from digital_ngo.registry.models import NGO, Verification

DEMO_PASSWORD = "demo-QHT-2026"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    role: Role


STAFF = [
    DemoAccount("admin@qht-demo.az", "Aygün Əliyeva", Role.AGENCY_ADMIN),
    DemoAccount("manager@qht-demo.az", "Rəşad Məmmədov", Role.PROGRAMME_MANAGER),
    DemoAccount("evaluator@qht-demo.az", "Leyla Hüseynova", Role.EVALUATOR),
    DemoAccount("evaluator2@qht-demo.az", "Tural Əhmədov", Role.EVALUATOR),
    DemoAccount("evaluator3@qht-demo.az", "Səbinə Nəbiyeva", Role.EVALUATOR),
    DemoAccount("evaluator4@qht-demo.az", "Kamran Rzayev", Role.EVALUATOR),
    DemoAccount("monitoring@qht-demo.az", "Elçin Quliyev", Role.MONITORING_OFFICER),
    DemoAccount("finance@qht-demo.az", "Günay İsmayılova", Role.FINANCE_OFFICER),
]
NGO_PEOPLE = [
    DemoAccount("ngo-admin@qht-demo.az", "Samir Həsənov", Role.NGO_ADMIN),
    DemoAccount("ngo-member@qht-demo.az", "Nərmin Cəfərova", Role.NGO_MEMBER),
]
PENDING_NGO_ADMIN = DemoAccount("pending-ngo@qht-demo.az", "Orxan Babayev", Role.NGO_ADMIN)


def _ensure(account: DemoAccount, ngo: NGO | None = None) -> User:
    user = User.objects.filter(email=account.email).first()
    if user is None:
        user = User.objects.create_user(
            account.email, DEMO_PASSWORD, full_name=account.full_name, role=account.role, ngo=ngo
        )
    return user


@transaction.atomic
def load_accounts() -> list[tuple[DemoAccount, User]]:
    """Create the demo users (once); NGO people join the first verified and a pending NGO."""
    made = [(account, _ensure(account)) for account in STAFF]
    verified = (
        NGO.objects.verified()
        .filter(status="active", legal_form="public_association", sanctions=None)
        .order_by("pk")
        .first()
    )
    pending = NGO.objects.filter(verification=Verification.SUBMITTED).order_by("pk").first()
    made += [(account, _ensure(account, verified)) for account in NGO_PEOPLE]
    made.append((PENDING_NGO_ADMIN, _ensure(PENDING_NGO_ADMIN, pending)))
    return made
