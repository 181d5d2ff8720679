"""Background tasks of the open data (Django's tasks API, database backend)."""

from django_tasks import task

from digital_ngo.opendata import services


@task()
def regenerate_open_data() -> dict[str, int]:
    """Regenerate every open-data file; returns the counts."""
    return services.regenerate().counts
