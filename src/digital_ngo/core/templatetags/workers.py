"""``{% worker_alert %}``: a warning on staff pages when no background worker is alive."""

from typing import Any

from django import template

from digital_ngo.core.worker import worker_status

register = template.Library()


@register.inclusion_tag("core/_worker_alert.html")
def worker_alert(waiting_here: bool = True) -> dict[str, Any]:
    """Shown when work waits (``waiting_here``, or any queued task) and no worker is alive."""
    status = worker_status()
    show = not status["alive"] and (waiting_here or status["waiting"] > 0)
    return {"show": show, **status}
