"""Reads of the media registry."""

from datetime import date

from digital_ngo.media.models import MediaOutlet


def registered_on(outlet: MediaOutlet | None, day: date) -> bool:
    """Whether ``outlet`` was in the media register on ``day`` (paid media services need it)."""
    if outlet is None or not outlet.registry_number or outlet.registered_from is None:
        return False
    return outlet.registered_from <= day and (
        outlet.registered_to is None or day <= outlet.registered_to
    )
