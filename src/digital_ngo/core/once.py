"""Do a thing once: claim a unique key in the database before doing it."""

from django.db import IntegrityError, transaction

from digital_ngo.core.models import SentOnce


def claim(key: str) -> bool:
    """True the first time ``key`` is claimed (by any process), False ever after."""
    try:
        with transaction.atomic():
            SentOnce.objects.create(key=key[:200])
    except IntegrityError:
        return False
    return True
