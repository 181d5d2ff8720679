"""The lifecycles of events and registrations: one declared transition table each."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digital_ngo.core.workflow import Transition, Workflow, register
from digital_ngo.events.models import Event, Registration

E = Event.Status
R = Registration.Status


def _has_ended(event: Event) -> str | None:
    if event.ends_at > timezone.now():
        return str(_("The event has not ended yet."))
    return None


EVENT = register(
    Workflow(
        name="event",
        model=Event,
        transitions=[
            Transition("create", (), E.DRAFT, "events.manage_events", _("Create the event")),
            Transition(
                "publish",
                (E.DRAFT,),
                E.PUBLISHED,
                "events.manage_events",
                _("Publish the event"),
                confirm=_("The event appears in the public calendar and registration opens."),
            ),
            Transition(
                "mark_held",
                (E.PUBLISHED,),
                E.HELD,
                "events.manage_events",
                _("Mark as held"),
                guards=(_has_ended,),
            ),
            Transition(
                "cancel",
                (E.DRAFT, E.PUBLISHED),
                E.CANCELLED,
                "events.manage_events",
                _("Cancel the event"),
                confirm=_("The event is cancelled for everyone registered."),
                reason_required=True,
            ),
        ],
    )
)

REGISTRATION = register(
    Workflow(
        name="event_registration",
        model=Registration,
        transitions=[
            Transition("register", (), R.PENDING, None, _("Register")),
            Transition("register_confirmed", (), R.CONFIRMED, None, _("Register (NGO account)")),
            Transition("register_waiting", (), R.WAITING, None, _("Join the waiting list")),
            Transition("confirm", (R.PENDING,), R.CONFIRMED, None, _("Confirm the e-mail address")),
            Transition(
                "wait", (R.PENDING,), R.WAITING, None, _("Confirm and join the waiting list")
            ),
            Transition(
                "promote", (R.WAITING,), R.CONFIRMED, None, _("Promote from the waiting list")
            ),
            Transition(
                "cancel",
                (R.PENDING, R.CONFIRMED, R.WAITING),
                R.CANCELLED,
                None,
                _("Cancel the registration"),
            ),
            Transition("check_in", (R.CONFIRMED,), R.ATTENDED, "events.check_in", _("Check in")),
        ],
    )
)
