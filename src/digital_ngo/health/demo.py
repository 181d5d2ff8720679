"""Demo sector health: about 30% of the demo NGOs show no visible activity, a few are
notified (one already marked inactive) and one was restored by a new signal.

The demo NGOs are all created on the day the demo loads; the dormant ones get their
registration history and documents dated years back, as if they had registered then.
"""

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from digital_ngo.accounts.models import User
from digital_ngo.health import selectors, services
from digital_ngo.health.models import ActivityCase
from digital_ngo.registry.models import NGO, NGODocument

SEED = 24
SHARE = 0.30


def load_activity(staff: User) -> int:
    """Make about 30% of the verified NGOs dormant and walk a few through the workflow (once)."""
    if ActivityCase.objects.exists():
        return len(selectors.no_visible_activity())
    rng = random.Random(SEED)
    today = timezone.localdate()
    found = selectors.signals()
    since = selectors.months_ago(today, selectors.DEFAULT_MONTHS)
    quiet = [
        ngo.pk
        for ngo in NGO.objects.verified().filter(people__isnull=True).order_by("pk")
        if all(s.on < since or s.kind in {"profile", "document"} for s in found.get(ngo.pk, []))
    ]
    wanted = round(SHARE * NGO.objects.verified().count())
    dormant = sorted(rng.sample(quiet, min(wanted, len(quiet))))
    for pk in dormant:
        old = today - timedelta(days=rng.randint(800, 3000))
        when = timezone.make_aware(datetime.combine(old, time(11, 0)))
        NGO.history.filter(id=pk).update(history_date=when)  # type: ignore[attr-defined]
        NGODocument.objects.filter(ngo_id=pk).update(uploaded_at=when)
        NGO.objects.filter(pk=pk).update(registration_date=old)
    notified, inactive, restored = dormant[:4], dormant[4], dormant[5]
    earlier = today - timedelta(days=services.reply_days() + 15)
    for pk in [*notified, inactive, restored]:
        ngo = NGO.objects.get(pk=pk)
        day = earlier if pk in (inactive, restored) else today - timedelta(days=rng.randint(1, 20))
        services.notify(staff=staff, ngo=ngo, today=day)
    services.mark_inactive(staff=staff, ngo=NGO.objects.get(pk=inactive))
    services.mark_inactive(staff=staff, ngo=NGO.objects.get(pk=restored))
    back = NGO.objects.get(pk=restored)
    back.phone = "+994 12 555 01 02"
    back.save()  # a profile update: a new signal
    services.restore_on_signals(today)
    return len(selectors.no_visible_activity())
