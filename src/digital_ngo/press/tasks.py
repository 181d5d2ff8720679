"""Background tasks of the press archive (Django's tasks API, database backend)."""

from django_tasks import task

from digital_ngo.press import services


@task()
def process_press_item(item_id: int) -> None:
    """OCR, restore and analyse one uploaded item."""
    services.process_item(item_id)
