"""Tickets: an unguessable code signed with the site's secret (HMAC), its QR code and PDF.

A code reads ``<event>-<registration>-<16 base32 characters>``: the last part is an
HMAC-SHA256 of the first two and the registration's secret link token, keyed by
``SECRET_KEY``, so it can be typed on a phone, cannot be guessed or derived, and
one registration's code never opens another's.
"""

import base64
import io

import segno
from django.template.loader import render_to_string
from django.utils.crypto import constant_time_compare, salted_hmac

from digital_ngo.events.models import Registration

SALT = "digital_ngo.events.ticket"


def _mac(event_id: int, registration_id: int, secret: str) -> str:
    digest = salted_hmac(SALT, f"{event_id}.{registration_id}.{secret}", algorithm="sha256")
    return base64.b32encode(digest.digest()).decode()[:16]


def ticket_code(registration: Registration) -> str:
    """The code printed under the QR code and carried by it."""
    event_id, pk = registration.event_id, registration.pk
    return f"{event_id}-{pk}-{_mac(event_id, pk, registration.link_token)}"


def parse(code: str) -> tuple[int, int, str] | None:
    """``(event id, registration id, mac)`` of a well-formed code, else None."""
    parts = code.strip().upper().replace(" ", "").split("-")
    if len(parts) != 3 or not all(parts) or not (parts[0].isdigit() and parts[1].isdigit()):
        return None
    if len(parts[0]) > 12 or len(parts[1]) > 12:
        return None
    return int(parts[0]), int(parts[1]), parts[2]


def genuine(registration: Registration, event_id: int, mac: str) -> bool:
    """Whether ``mac`` is the signature of this registration under ``event_id``."""
    expected = _mac(event_id, registration.pk, registration.link_token)
    return event_id == registration.event_id and constant_time_compare(expected, mac)


def qr_svg(code: str) -> str:
    """The QR code as inline SVG (for pages and the PDF)."""
    buffer = io.BytesIO()
    segno.make(code, error="m").save(buffer, kind="svg", scale=6, border=2, xmldecl=False)
    return buffer.getvalue().decode()


def qr_png(code: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(code, error="m").save(buffer, kind="png", scale=8, border=2)
    return buffer.getvalue()


def ticket_pdf(registration: Registration) -> bytes:
    """The ticket as a one-page PDF (WeasyPrint), in the language of the current request."""
    from weasyprint import HTML

    code = ticket_code(registration)
    html = render_to_string(
        "events/ticket_pdf.html",
        {
            "registration": registration,
            "event": registration.event,
            "code": code,
            "qr": qr_svg(code),
        },
    )
    return HTML(string=html).write_pdf()  # type: ignore[no-any-return]
