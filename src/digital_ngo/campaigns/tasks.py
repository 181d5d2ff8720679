"""Background sending of a statement (Django's tasks API, database backend)."""

from django_tasks import task

from digital_ngo.campaigns import mailing


@task()
def send_statement(statement_id: int) -> int:
    """Send the statement's queued messages (safe to run twice at once: rows are claimed)."""
    return mailing.run(statement_id)
